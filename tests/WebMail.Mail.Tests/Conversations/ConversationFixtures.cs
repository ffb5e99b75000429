using MailKit;
using MailKit.Net.Imap;
using MimeKit;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Conversations;

/// <summary>
/// A folder of five conversations linked every way mail links them: References (A), In-Reply-To only (B),
/// subject-only "Re:" chains (C), replies to a parent that is not in the folder (D), and a lone message (E).
/// Appended in date order, the last message being A's third, so the conversations' order by newest is A, C, D, B, E.
/// </summary>
public sealed class ConversationFixtures : IAsyncLifetime
{
    public const string Folder = "Threads";

    public string User { get; } = MailStack.NewUser("conv");

    /// <summary>Each conversation's Message-IDs (the local part before '@'), by letter.</summary>
    public static readonly IReadOnlyDictionary<char, string[]> Expected = new Dictionary<char, string[]>
    {
        ['A'] = ["a1", "a2", "a3"],
        ['B'] = ["b1", "b2"],
        ['C'] = ["c1", "c2", "c3"],
        ['D'] = ["d2", "d3"],
        ['E'] = ["e1"],
    };

    public static readonly char[] ExpectedOrder = ['A', 'C', 'D', 'B', 'E'];

    /// <summary>UID of each Message-ID's local part once appended.</summary>
    public Dictionary<string, uint> Uids { get; } = [];

    public async Task InitializeAsync()
    {
        var start = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        MimeMessage[] messages =
        [
            Message("a1", "Project plan", "carol@example.org", "Carol Jones", start),
            Message("b1", "Lunch", "dave@example.org", "Dave", start.AddMinutes(1)),
            Message("c1", "Budget", "erin@example.org", "Erin", start.AddMinutes(2)),
            Message("d2", "Re: Offsite", "frank@example.org", "Frank", start.AddMinutes(3), references: ["d1"]),
            Message("e1", "Hello there", "gina@example.org", "Gina", start.AddMinutes(4)),
            Message("a2", "Re: Project plan", User, "Me Myself", start.AddMinutes(5), references: ["a1"]),
            Message("b2", "Re: Lunch", "carol@example.org", "Carol Jones", start.AddMinutes(6), inReplyTo: "b1"),
            Message("c2", "Re: Budget", "frank@example.org", "Frank", start.AddMinutes(7)),
            Message("d3", "Re: Offsite", "gina@example.org", "Gina", start.AddMinutes(8), references: ["d1"]),
            Message("c3", "RE: Re: Budget", "erin@example.org", "Erin", start.AddMinutes(9)),
            Message("a3", "Re: Project plan", "dave@example.org", "Dave", start.AddMinutes(10), references: ["a1", "a2"]),
        ];

        using var client = await MailStack.ConnectAsync(User);
        var folder = await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(Folder, isMessageFolder: true);
        foreach (var message in messages)
        {
            // Everything read except A's newest, so the unread state of a conversation is its newest message's here.
            var flags = message.MessageId!.StartsWith("a3", StringComparison.Ordinal) ? MessageFlags.None : MessageFlags.Seen;
            var uid = await folder!.AppendAsync(new AppendRequest(message, flags) { InternalDate = message.Date });
            Uids[message.MessageId.Split('@')[0]] = uid!.Value.Id;
        }

        await client.DisconnectAsync(true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The expected conversations as UID sets, in the expected order.</summary>
    public IEnumerable<uint[]> ExpectedUids() =>
        ExpectedOrder.Select(letter => Expected[letter].Select(id => Uids[id]).Order().ToArray());

    public static MimeMessage Message(string id, string subject, string fromAddress, string fromName, DateTimeOffset date, string[]? references = null, string? inReplyTo = null, string? to = null)
    {
        var message = new MimeMessage { Subject = subject, Date = date, MessageId = $"{id}@conv.example" };
        message.From.Add(new MailboxAddress(fromName, fromAddress));
        message.To.Add(MailboxAddress.Parse(to ?? "team@example.org"));
        foreach (var reference in references ?? [])
        {
            message.References.Add($"{reference}@conv.example");
        }

        if (inReplyTo is not null)
        {
            message.InReplyTo = $"{inReplyTo}@conv.example";
        }
        else if (references is { Length: > 0 })
        {
            message.InReplyTo = $"{references[^1]}@conv.example";
        }

        message.Body = new TextPart("plain") { Text = $"Text of {id}: {subject}.\r\n" };
        return message;
    }

    /// <summary>Appends one message to a folder of <paramref name="user"/> and returns its UID.</summary>
    public static async Task<uint> AppendAsync(string user, string folderPath, MimeMessage message, MessageFlags flags = MessageFlags.Seen)
    {
        using var client = await MailStack.ConnectAsync(user);
        var folder = folderPath == "INBOX" ? client.Inbox : await client.GetFolderAsync(folderPath);
        var uid = await folder!.AppendAsync(new AppendRequest(message, flags) { InternalDate = message.Date });
        await client.DisconnectAsync(true);
        return uid!.Value.Id;
    }
}
