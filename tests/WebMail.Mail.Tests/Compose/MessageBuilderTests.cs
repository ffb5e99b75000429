using WebMail.Mail.Compose;
using WebMail.Mail.Model;

namespace WebMail.Mail.Tests.Compose;

public sealed class MessageBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForSending_InvalidAddresses_AreNamedBeforeSending()
    {
        var draft = Draft.Empty("Alice <alice@example.test>") with { To = "bob@example.test, not-an-address", Cc = "\"Doe, Jane\" <jane@example.test>; @broken" };

        var ex = Assert.Throws<DraftValidationException>(() => MessageBuilder.ForSending(draft, Now));

        Assert.Equal("These addresses are not valid: not-an-address, @broken.", ex.Message);
    }

    [Fact]
    public void ForSending_NoRecipients_SaysSo()
    {
        var ex = Assert.Throws<DraftValidationException>(() => MessageBuilder.ForSending(Draft.Empty("alice@example.test"), Now));

        Assert.Equal("Add at least one recipient.", ex.Message);
    }

    [Fact]
    public void ForSending_ThousandRecipients_ClearError()
    {
        var many = string.Join(", ", Enumerable.Range(0, 1000).Select(i => $"user{i}@example.test"));

        var ex = Assert.Throws<DraftValidationException>(() => MessageBuilder.ForSending(Draft.Empty("alice@example.test") with { To = many }, Now));

        Assert.Contains("at most 500 recipients; this one has 1000", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForSending_CrLfInSubjectAndName_NeverBecomesAHeader()
    {
        var draft = Draft.Empty("Alice <alice@example.test>") with
        {
            To = "\"Bob\r\nBcc: victim@example.org\" <bob@example.test>",
            Subject = "Hello\r\nBcc: victim@example.org\r\n\r\nInjected body",
        };

        var ex = Record.Exception(() => MessageBuilder.ForSending(draft, Now));
        var message = ex is null ? MessageBuilder.ForSending(draft, Now) : MessageBuilder.ForSending(draft with { To = "bob@example.test" }, Now);
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        var text = System.Text.Encoding.ASCII.GetString(raw.ToArray());

        Assert.DoesNotContain("\r\nBcc: victim", text, StringComparison.Ordinal);
        Assert.Equal("Hello  Bcc: victim@example.org    Injected body", message.Subject);
    }

    [Fact]
    public void ForSending_VeryLongSubject_FoldedAndRoundTrips()
    {
        var subject = string.Concat(Enumerable.Repeat("Sehr langer Betreff über Grüße ", 70));

        var message = MessageBuilder.ForSending(Draft.Empty("alice@example.test") with { To = "bob@example.test", Subject = subject }, Now);
        using var raw = new MemoryStream();
        message.WriteTo(raw);
        raw.Position = 0;

        Assert.All(System.Text.Encoding.ASCII.GetString(raw.ToArray()).ReplaceLineEndings("\n").Split('\n'), line => Assert.True(line.Length <= 998));
        Assert.Equal(subject.Trim(), MimeKit.MimeMessage.Load(raw).Subject);
    }

    [Fact]
    public void ForSending_ReplyContext_SetsInReplyToAndReferences()
    {
        var reply = new ReplyContext(new MessageRef("INBOX", 1, 7), ReplyKind.Reply, "orig@example.test", ["root@example.test"]);
        var draft = Draft.Empty("alice@example.test") with { To = "bob@example.test", Reply = reply };

        var message = MessageBuilder.ForSending(draft, Now);

        Assert.Equal("orig@example.test", message.InReplyTo);
        Assert.Equal(["root@example.test", "orig@example.test"], message.References);
        Assert.EndsWith("@example.test", message.MessageId, StringComparison.Ordinal);
        Assert.Equal(Now, message.Date);
    }

    [Fact]
    public void ForDrafts_ComposeId_IsAHeaderOfTheDraftButNeverOfTheSentMessage()
    {
        var id = Guid.NewGuid();
        var draft = Draft.Empty("alice@example.test") with { To = "bob@example.test", ComposeId = id };

        using var saved = MessageBuilder.ForDrafts(draft, Now);
        using var sent = MessageBuilder.ForSending(draft, Now);

        Assert.Equal(id, DraftLookup.Parse(saved.Headers[DraftLookup.ComposeIdHeader]));
        Assert.Null(sent.Headers[DraftLookup.ComposeIdHeader]);
    }

    [Fact]
    public void ForDrafts_AttachmentFiles_ClosedWhenTheMessageIsDisposed()
    {
        var temp = Directory.CreateTempSubdirectory("webmail-builder-").FullName;
        try
        {
            var files = new[] { "one.bin", "two.bin" }.Select(name => Path.Combine(temp, name)).ToList();
            files.ForEach(f => File.WriteAllBytes(f, [1, 2, 3]));
            var draft = Draft.Empty("alice@example.test") with
            {
                Attachments = [.. files.Select(f => new DraftAttachment(Path.GetFileName(f), "application/octet-stream", f, 3))],
            };

            // Autosave builds a message every few seconds: every one of them must let go of the files.
            for (var save = 0; save < 3; save++)
            {
                using var message = MessageBuilder.ForDrafts(draft, Now);
                message.WriteTo(Stream.Null);
                Assert.Equal(2, OpenHandles(temp));
            }

            Assert.Equal(0, OpenHandles(temp));
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    [Theory]
    [InlineData("Kind regards,\nAlice")]
    [InlineData("-- \nKind regards,\nAlice")]
    [InlineData("--\r\nKind regards,\r\nAlice")]
    [InlineData("\n\n-- \n\nKind regards,\nAlice\n")]
    public void SignatureBlock_WithOrWithoutItsOwnDelimiter_HasExactlyOne(string stored)
    {
        var block = Signature.Block(stored);

        Assert.Equal("\n\n-- \nKind regards,\nAlice", block);
    }

    [Fact]
    public void SignatureBlock_LineStartingWithDashesInsideTheSignature_IsKept()
    {
        Assert.Equal("\n\n-- \nAlice\n-- sent from my desk", Signature.Block("Alice\n-- sent from my desk"));
        Assert.Equal("", Signature.Block("  \n"));
    }

    [Theory]
    [InlineData("Lunch?", ReplyKind.Reply, "Re: Lunch?")]
    [InlineData("Re: Lunch?", ReplyKind.Reply, "Re: Lunch?")]
    [InlineData("RE: Aw: Re[2]: Lunch?", ReplyKind.ReplyAll, "Re: Lunch?")]
    [InlineData("Fwd: Re: Lunch?", ReplyKind.Forward, "Fwd: Lunch?")]
    [InlineData("(no subject)", ReplyKind.Reply, "Re: ")]
    public void Subject_Prefixes_NeverStack(string original, ReplyKind kind, string expected)
    {
        Assert.Equal(expected, ReplyBuilder.Subject(original, kind));
    }

    [Fact]
    public void Recipients_ReplyAll_LeavesOutOwnAddressesAndDuplicates()
    {
        var view = View(from: new("Bob", "bob@example.test"), to: [new("Alice", "alice@example.test"), new("Carol", "carol@example.test")], cc: [new(null, "ALICE@example.test"), new(null, "bob@example.test"), new(null, "dave@example.test")]);

        var (to, cc) = ReplyBuilder.Recipients(view, ReplyKind.ReplyAll, ["alice@example.test"]);

        Assert.Equal("Bob <bob@example.test>", to);
        Assert.Equal("Carol <carol@example.test>, dave@example.test", cc);
    }

    [Fact]
    public void QuotedText_Reply_AttributionAndQuotedLines()
    {
        var view = View(from: new("Bob", "bob@example.test"), to: [], cc: []);

        var quote = ReplyBuilder.QuotedText(view, "Hi Alice,\nsee you.\n> earlier", ReplyKind.Reply);

        Assert.Contains("Bob <bob@example.test> wrote:\r\n> Hi Alice,\r\n> see you.\r\n>> earlier\r\n", quote, StringComparison.Ordinal);
    }

    /// <summary>Open file descriptors of this process that point into <paramref name="directory"/> (Linux).</summary>
    private static int OpenHandles(string directory) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd => fd.LinkTarget?.StartsWith(directory, StringComparison.Ordinal) == true);

    private static MessageView View(MailAddress from, IReadOnlyList<MailAddress> to, IReadOnlyList<MailAddress> cc) =>
        new(new MessageRef("INBOX", 1, 1), "Lunch?", from, to, cc, [], new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), 100, true, false, MessageBody.Empty, []);
}
