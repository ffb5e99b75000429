using AngleSharp.Html.Parser;
using MailKit;
using WebMail.Mail.Compose;
using WebMail.Mail.Html;
using WebMail.Mail.Model;
using WebMail.Mail.Tests.Queries;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Rendering;

/// <summary>Every message of the fixture corpus, opened through the mail layer from the real Dovecot.</summary>
[Collection(SeededMailboxCollection.Name)]
public sealed class CorpusRenderingTests(SeededMailbox mailbox)
{
    [Fact]
    public async Task GetMessage_EveryCorpusMessage_OpensWithItsExpectedTextAndNoticeOnlyWhereDue()
    {
        var ids = await UidsByPathAsync();
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var problems = new List<string>();

        foreach (var fixture in mailbox.Messages)
        {
            var expected = fixture.Expected;
            MessageView view;
            try
            {
                view = await lease.Session.Messages.GetMessageAsync(ids[fixture.RelativePath]);
            }
            catch (Exception ex)
            {
                problems.Add($"{fixture.RelativePath}: {ex.GetType().Name}: {ex.Message}");
                continue;
            }

            var shown = Shown(view.Body);
            if (expected.Subject is { } subject && view.Subject != subject)
            {
                problems.Add($"{fixture.RelativePath}: subject '{view.Subject}', expected '{subject}'");
            }

            if (expected.SubjectPrefix is { } prefix && !view.Subject.StartsWith(prefix, StringComparison.Ordinal))
            {
                problems.Add($"{fixture.RelativePath}: subject '{view.Subject}' does not start with '{prefix}'");
            }

            problems.AddRange(expected.Expect.Where(s => !shown.Contains(s, StringComparison.Ordinal)).Select(s => $"{fixture.RelativePath}: body lacks '{s}'"));
            if (expected.CharsetNotice != view.Body.CharsetNotice is not null)
            {
                problems.Add($"{fixture.RelativePath}: charset notice '{view.Body.CharsetNotice}', expected {(expected.CharsetNotice ? "one" : "none")}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(mailbox.Messages, m => m.Folder == "Charsets");
    }

    [Fact]
    public async Task GetMessage_Utf7Plain_DecodedWithoutNotice()
    {
        var view = await OpenAsync("Charsets/utf7-plain.eml");

        Assert.Contains("Grüße aus Zürich! Café, naïve, Straße — and 日本語, Ελληνικά, 😀.", view.Body.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("+AP", view.Body.Text, StringComparison.Ordinal);
        Assert.Null(view.Body.CharsetNotice);
    }

    [Fact]
    public async Task GetMessage_Utf7HtmlWithShiftedScript_DecodedThenSanitizedWithoutScript()
    {
        var view = await OpenAsync("Charsets/utf7-html.eml");
        var sanitized = new MailHtmlSanitizer().Sanitize(view.Body.Html!, new SanitizeOptions(false, _ => null));

        Assert.Contains("<script>", view.Body.Html, StringComparison.Ordinal);
        var document = new HtmlParser().ParseDocument(sanitized.Html);
        Assert.Contains("UTF7-HTML-MARKER: Grüße aus Zürich, café.", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.DoesNotContain("alert", sanitized.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetMessage_UnknownCharsetLatin1Bytes_ShownAsLatin1WithNoticeNamingTheCharset()
    {
        var view = await OpenAsync("Charsets/unknown-charset-latin1.eml");

        Assert.Contains("Grüße aus Köln, à bientôt.", view.Body.Text, StringComparison.Ordinal);
        Assert.Equal("This message declares the character set “x-unknown”, which WebMail cannot read; it is shown as Latin-1 (ISO-8859-1) and some characters may be wrong.", view.Body.CharsetNotice);
    }

    [Fact]
    public async Task GetMessage_Utf7EncodedWordHeaders_SubjectAndSenderDecoded()
    {
        var view = await OpenAsync("Charsets/utf7-encoded-words.eml");

        Assert.Equal("Subject in UTF-7: Grüße", view.Subject);
        Assert.Equal("Zoë Ångström", view.From?.Name);
        Assert.Equal("zoe.angstrom@example.test", view.From?.Address);
        Assert.EndsWith(".txt", Assert.Single(view.Attachments).FileName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Charsets/utf7-plain.eml", "> Grüße aus Zürich! Café, naïve, Straße")]
    [InlineData("Charsets/utf7-multipart-alternative.eml", "UTF7-MULTIPART-MARKER: Grüße, Zoë (base64 HTML).")]
    [InlineData("Charsets/unknown-charset-latin1.eml", "> Grüße aus Köln, à bientôt.")]
    public async Task CreateReply_ExoticCharsetBody_QuotesTheDecodedText(string path, string quoted)
    {
        var ids = await UidsByPathAsync();
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var temp = Directory.CreateTempSubdirectory("webmail-reply-").FullName;

        var draft = await lease.Session.Drafts.CreateReplyAsync(ids[path], ReplyKind.Reply, mailbox.User, [mailbox.User], temp);

        Assert.Contains(quoted, draft.TextBody, StringComparison.Ordinal);
    }

    private async Task<MessageView> OpenAsync(string path)
    {
        var ids = await UidsByPathAsync();
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        return await lease.Session.Messages.GetMessageAsync(ids[path]);
    }

    /// <summary>What a reader sees of the body: the text, or the HTML's text and source.</summary>
    private static string Shown(MessageBody body) =>
        body.Html is null ? body.Text ?? "" : new HtmlParser().ParseDocument(body.Html).Body?.TextContent + "\n" + body.Html;

    /// <summary>Each fixture's message in the seeded mailbox, found by its Message-ID.</summary>
    private async Task<Dictionary<string, MessageRef>> UidsByPathAsync()
    {
        var byMessageId = mailbox.Messages.ToDictionary(m => m.Load().MessageId ?? "", m => m.RelativePath);
        var ids = new Dictionary<string, MessageRef>();
        using var client = await MailStack.ConnectAsync(mailbox.User);
        foreach (var folderPath in mailbox.Messages.Select(m => m.Folder).Distinct())
        {
            var folder = folderPath == "INBOX" ? client.Inbox : await client.GetFolderAsync(folderPath);
            await folder.OpenAsync(FolderAccess.ReadOnly);
            foreach (var summary in await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope))
            {
                ids[byMessageId[summary.Envelope?.MessageId ?? ""]] = new MessageRef(folderPath, folder.UidValidity, summary.UniqueId.Id);
            }
        }

        return ids;
    }
}
