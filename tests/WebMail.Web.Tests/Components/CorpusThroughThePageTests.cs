using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Components.Pages;

namespace WebMail.Web.Tests.Components;

/// <summary>
/// Every message of the fixture corpus (hostile HTML, broken MIME, charsets the runtime refuses, huge parts) goes
/// through the real mail page — list and reader, inside their error boundaries — and the page keeps working.
/// </summary>
public sealed class CorpusThroughThePageTests() : MailComponentContext(Corpus.All.Where(m => m.Owner == "alice"))
{
    [Fact]
    public async Task EveryCorpusMessage_OpensInTheMailPage_WithoutBreakingIt()
    {
        var folders = Corpus.All.Where(m => m.Owner == "alice").GroupBy(m => m.Folder).ToList();
        var failures = new List<string>();
        var opened = 0;
        using var lease = Services.GetRequiredService<ImapSessionPool>().Lease(User);
        foreach (var folder in folders)
        {
            var path = folder.Key.Contains('/') ? await FolderPathAsync(lease.Session, folder.Key) : folder.Key;
            var page = await lease.Session.Messages.GetMessagesAsync(path, 0, 1000);
            Assert.Equal(folder.Count(), page.Total);
            foreach (var row in page.Rows)
            {
                var cut = Render<MailPage>(p => p.Add(c => c.FolderToken, FolderToken.Encode(path)).Add(c => c.MessageToken, row.Id.ToToken()));
                try
                {
                    await cut.WaitForAssertionAsync(() => Assert.True(
                        cut.FindAll("iframe[title='Message content'], .text-body, [aria-label='Large message']").Count > 0 || cut.FindAll("[role=alert]").Count > 0,
                        "the reader showed neither a body nor an error"), TimeSpan.FromSeconds(60));
                    if (cut.FindAll("[role=alert]").FirstOrDefault() is { } alert)
                    {
                        failures.Add($"{folder.Key} “{row.Subject}”: {alert.TextContent.Trim()}");
                    }

                    Assert.Single(cut.FindAll("ul.messages"));
                    opened++;
                }
                finally
                {
                    cut.Dispose();
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Corpus.All.Count(m => m.Owner == "alice"), opened);
    }

    private static async Task<string> FolderPathAsync(UserMailSession session, string corpusFolder)
    {
        var all = await session.Folders.GetFoldersAsync();
        var name = corpusFolder[(corpusFolder.LastIndexOf('/') + 1)..];
        return all.Single(f => f.Name == name && f.Depth > 0).Path;
    }
}
