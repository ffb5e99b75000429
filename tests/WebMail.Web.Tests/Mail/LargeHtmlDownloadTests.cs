using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Sessions;
using WebMail.Testing;

namespace WebMail.Web.Tests.Mail;

public sealed class LargeHtmlDownloadTests(WebMailFactory factory) : IClassFixture<WebMailFactory>
{
    [Fact]
    public async Task Download_TooLargeHtmlBody_ServedWholeAsOpaqueMessageHtmlFile()
    {
        var user = MailStack.NewUser("bigdl");
        var sent = await LargeMail.AppendAsync(user, "Six megabytes to download", 6 * 1024 * 1024);
        var client = await factory.SignInAsync(user);
        MessageRefAndPart found;
        using (var lease = factory.Services.GetRequiredService<ImapSessionPool>().Lease(user))
        {
            var row = (await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1)).Rows.Single();
            var view = await lease.Session.Messages.GetMessageAsync(row.Id);
            found = new MessageRefAndPart(row.Id.ToToken(), view.Body.LargeHtml!.PartId);
        }

        var response = await client.GetAsync($"/mail/attachment/{found.Message}/{found.Part}");

        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("message.html", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(sent.HtmlBody!.ReplaceLineEndings("\r\n"), (await response.Content.ReadAsStringAsync()).ReplaceLineEndings("\r\n"));
    }

    private sealed record MessageRefAndPart(string Message, string Part);
}
