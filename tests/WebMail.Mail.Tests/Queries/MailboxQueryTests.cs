using MimeKit;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Queries;

[CollectionDefinition(Name)]
public sealed class SeededMailboxCollection : ICollectionFixture<SeededMailbox>
{
    public const string Name = "seeded mailbox";
}

[Collection(SeededMailboxCollection.Name)]
public sealed class MailboxQueryTests(SeededMailbox mailbox)
{
    [Fact]
    public async Task GetFolders_Corpus_SpecialUseFirstNestedFoldersUnderParent()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);

        var folders = await lease.Session.Folders.GetFoldersAsync();

        Assert.Equal(
            [FolderRole.Inbox, FolderRole.Drafts, FolderRole.Sent, FolderRole.Archive, FolderRole.Junk, FolderRole.Trash],
            folders.Take(6).Select(f => f.Role));
        var website = folders.Single(f => f.Path == "Projects/Website");
        Assert.Equal(1, website.Depth);
        Assert.Equal("Website", website.Name);
        Assert.True(folders.ToList().IndexOf(website) > folders.ToList().FindIndex(f => f.Path == "Projects"));
    }

    [Fact]
    public async Task GetFolders_Corpus_CountsMatchSeededMessages()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);

        var inbox = (await lease.Session.Folders.GetFoldersAsync()).Single(f => f.Role == FolderRole.Inbox);

        var seeded = mailbox.Messages.Where(m => m.Folder == "INBOX").ToList();
        Assert.Equal(seeded.Count, inbox.Total);
        Assert.Equal(seeded.Count(m => !m.Flags.HasFlag(MailKit.MessageFlags.Seen)), inbox.Unread);
    }

    [Fact]
    public async Task GetMessages_FirstPage_NewestFirstWithEnvelopeAndFlags()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);

        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 50);

        Assert.Equal(50, page.Rows.Count);
        var dates = page.Rows.Select(r => r.Date).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        var newest = mailbox.Messages.Where(m => m.Folder == "INBOX").Select(m => m.Load()).MaxBy(m => m.Date)!;
        Assert.Equal(newest.Subject, page.Rows[0].Subject);
        Assert.False(page.Rows[0].Seen);
    }

    [Fact]
    public async Task GetMessages_PageInMiddle_ReturnsOnlyThatSlice()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);

        var all = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1000);
        var slice = await lease.Session.Messages.GetMessagesAsync("INBOX", 100, 10);

        Assert.Equal(all.Rows.Skip(100).Take(10).Select(r => r.Id), slice.Rows.Select(r => r.Id));
        Assert.Equal(all.Total, slice.Total);
        Assert.Empty((await lease.Session.Messages.GetMessagesAsync("INBOX", all.Total, 10)).Rows);
    }

    [Theory]
    [InlineData("Invoice 2026-10-042 (PDF attached)", true)]
    [InlineData("Inline logo via cid: reference", false)]
    [InlineData("Links & <angle brackets> in plain text", false)]
    public async Task GetMessages_Row_HasAttachmentsOnlyForRealAttachments(string subject, bool expected)
    {
        var row = await FindRowAsync(subject);

        Assert.Equal(expected, row.HasAttachments);
    }

    [Theory]
    [InlineData("Réunion à Zürich, Grüße & Straßenfest", "La réunion à Zürich est confirmée", "François Dubois")]
    [InlineData("会議の議事録と来週の予定について", "本日の会議の議事録をお送りします。", "山田 太郎")]
    [InlineData("Отчёт за октябрь: всё готово", "Ёлка в офисе появится уже в декабре.", "Ольга Смирнова")]
    [InlineData("“Final” quarterly numbers – Liam’s notes…", "€1.2M", "Liam Smith")]
    [InlineData("🎉 Launch party on Friday! 🚀🍕", "", null)]
    public async Task GetMessage_NonUtf8Charsets_DecodesSubjectSenderAndBody(string subject, string bodySnippet, string? fromName)
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var row = await FindRowAsync(subject);

        var view = await lease.Session.Messages.GetMessageAsync(row.Id);

        Assert.Equal(subject, view.Subject);
        Assert.Contains(bodySnippet, view.Body.Text ?? view.Body.Html, StringComparison.Ordinal);
        if (fromName is not null)
        {
            Assert.Equal(fromName, view.From?.Name);
        }
    }

    [Fact]
    public async Task GetMessage_EncodedFromName_KeepsCommaInsideName()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var view = await lease.Session.Messages.GetMessageAsync((await FindRowAsync("Encoded sender display name (RFC 2047)")).Id);

        Assert.Equal("Þórsson, Ægir", view.From?.Name);
    }

    [Fact]
    public async Task GetMessage_CidHtml_HtmlBodyWithInlinePartNotListedAsAttachment()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);

        var view = await lease.Session.Messages.GetMessageAsync((await FindRowAsync("Inline logo via cid: reference")).Id);

        Assert.Contains("cid:logo@example.test", view.Body.Html, StringComparison.Ordinal);
        Assert.True(view.Body.InlineParts.ContainsKey("logo@example.test"));
        Assert.Equal("image/png", view.Body.InlineParts["logo@example.test"].ContentType);
        Assert.Empty(view.Attachments);
    }

    [Fact]
    public async Task GetMessage_Rfc2231Names_AttachmentsListedWithDecodedNames()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);

        var view = await lease.Session.Messages.GetMessageAsync((await FindRowAsync("Attachment names with RFC 2231 encoding")).Id);

        Assert.Equal(
            ["Übersicht Prüfungstermine 2027.txt", "Протокол совещания — октябрь 2026 (финальная версия).txt"],
            view.Attachments.Select(a => a.FileName));
        Assert.Contains("anbei die Übersicht der Prüfungstermine", view.Body.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Malformed: multipart boundary never closed")]
    [InlineData("Malformed: declared boundary never appears")]
    [InlineData("Malformed: unknown charset x-unknown-foo")]
    [InlineData("Malformed: raw 8-bit header")]
    [InlineData("Malformed: no Content-Type header")]
    [InlineData("Malformed: message without a Date header")]
    [InlineData("Malformed: base64 body with invalid characters")]
    [InlineData("Malformed: badly unbalanced HTML")]
    public async Task GetMessage_MalformedMime_RendersWhatItCan(string subject)
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var row = await FindRowAsync(subject);

        var view = await lease.Session.Messages.GetMessageAsync(row.Id);

        Assert.StartsWith(subject, view.Subject, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(view.Body.Text ?? view.Body.Html), "some body text should be readable");
    }

    [Fact]
    public async Task CopyPart_LargeAttachment_StreamsExactBytes()
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var view = await lease.Session.Messages.GetMessageAsync((await FindRowAsync("Large attachment: site-backup-2026-10.bin")).Id);
        var attachment = Assert.Single(view.Attachments);
        var expected = new MemoryStream();
        ((MimePart)Corpus.File("attachment-large-3mb.eml").Load().Attachments.Single()).Content!.DecodeTo(expected);

        var info = await lease.Session.Messages.GetPartInfoAsync(view.Id, attachment.PartId);
        var actual = new MemoryStream();
        await lease.Session.Messages.CopyPartToAsync(view.Id, info, actual);

        Assert.Equal("site-backup-2026-10.bin", info.FileName);
        Assert.Equal(3 * 1024 * 1024, actual.Length);
        Assert.Equal(expected.ToArray(), actual.ToArray());
    }

    [Fact]
    public async Task CopyPart_MessageGoneMeanwhile_SaysTheMessageNoLongerExists()
    {
        // A download whose message another client expunged after the part was looked up: the same sentence as opening
        // a deleted message, not an internal error (MailKit's MessageNotFoundException used to escape the session).
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var view = await lease.Session.Messages.GetMessageAsync((await FindRowAsync("Large attachment: site-backup-2026-10.bin")).Id);
        var info = await lease.Session.Messages.GetPartInfoAsync(view.Id, Assert.Single(view.Attachments).PartId);
        var gone = view.Id with { Uid = uint.MaxValue - 1 };

        var failure = await Assert.ThrowsAsync<MailItemNotFoundException>(() => lease.Session.Messages.CopyPartToAsync(gone, info, new MemoryStream()));

        Assert.Equal(MailFailureKind.MessageGone, failure.Failure.Kind);

        // The session goes on: the real message still downloads.
        var actual = new MemoryStream();
        await lease.Session.Messages.CopyPartToAsync(view.Id, info, actual);
        Assert.Equal(3 * 1024 * 1024, actual.Length);
    }

    private async Task<MessageRow> FindRowAsync(string subjectStart)
    {
        using var lease = mailbox.Host.Pool.Lease(mailbox.User);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 1000);
        return page.Rows.Single(r => r.Subject.StartsWith(subjectStart, StringComparison.Ordinal));
    }
}
