using System.Net;
using MailKit;
using WebMail.Mail.Compose;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>POST /compose/beacon: a closing tab's last keystrokes, accepted only from the signed-in user's own page.</summary>
public sealed class ComposeBeaconEndpointTests(WebMailFactory factory) : IClassFixture<WebMailFactory>
{
    [Fact]
    public async Task Beacon_NoTabOnThisServer_SavesTheWholeBodyAsThatComposeSessionsOnlyDraft()
    {
        var user = MailStack.NewUser("beacon");
        var client = await factory.SignInAsync(user);
        var token = await WebMailFactory.AntiforgeryTokenAsync(client, "/");
        var id = Guid.NewGuid();

        var first = await client.PostAsync(ComposeEndpoints.BeaconPath, Beacon(token, id, "Written before the restart"));
        var second = await client.PostAsync(ComposeEndpoints.BeaconPath, Beacon(token, id, "Written before the restart, and after"));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        using var imap = await MailStack.ConnectAsync(user);
        var drafts = await imap.GetFolderAsync("Drafts");
        await drafts.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(1, drafts.Count);
        var draft = await drafts.GetMessageAsync(0);
        Assert.Equal("Written before the restart, and after", draft.TextBody?.Trim());
        Assert.Equal("Beacon", draft.Subject);
        Assert.Equal(id, DraftLookup.Parse(draft.Headers[DraftLookup.ComposeIdHeader]));
    }

    [Fact]
    public async Task Beacon_WithoutTheAntiforgeryToken_RefusedAndNothingSaved()
    {
        var user = MailStack.NewUser("beacon");
        var client = await factory.SignInAsync(user);

        var response = await client.PostAsync(ComposeEndpoints.BeaconPath, Beacon(token: null, Guid.NewGuid(), "Forged"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await DraftCountAsync(user));
    }

    [Fact]
    public async Task Beacon_NotSignedIn_RefusedAndNothingSaved()
    {
        var user = MailStack.NewUser("beacon");
        var signedIn = await factory.SignInAsync(user);
        var token = await WebMailFactory.AntiforgeryTokenAsync(signedIn, "/");

        var response = await factory.CreateBrowserClient().PostAsync(ComposeEndpoints.BeaconPath, Beacon(token, Guid.NewGuid(), "Anonymous"));

        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, await DraftCountAsync(user));
    }

    private static MultipartFormDataContent Beacon(string? token, Guid id, string text)
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["id"] = id.ToString(),
            ["instance"] = "gone",
            ["baseRevision"] = "3",
            ["version"] = "7",
            ["rich"] = "false",
            ["from"] = "",
            ["to"] = "friend@test.example",
            ["cc"] = "",
            ["bcc"] = "",
            ["subject"] = "Beacon",
            ["textStart"] = "0",
            ["textRemoved"] = "0",
            ["textInsert"] = "",
            ["htmlStart"] = "0",
            ["htmlRemoved"] = "0",
            ["htmlInsert"] = "",
            ["hasFull"] = "true",
            ["fullText"] = text,
            ["fullHtml"] = "",
        })
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static async Task<int> DraftCountAsync(string user)
    {
        using var imap = await MailStack.ConnectAsync(user);
        var drafts = await imap.GetFolderAsync("Drafts");
        await drafts.OpenAsync(FolderAccess.ReadOnly);
        return drafts.Count;
    }
}
