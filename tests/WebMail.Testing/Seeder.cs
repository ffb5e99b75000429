using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace WebMail.Testing;

/// <summary>Puts messages into a real mailbox over IMAP (MULTIAPPEND), keeping their dates and flags.</summary>
public static class Seeder
{
    /// <summary>Appends corpus messages into their folders for <paramref name="user"/>, creating folders as needed.</summary>
    public static async Task SeedAsync(string user, string password, IEnumerable<CorpusMessage> messages, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(user, password, cancellationToken);
        foreach (var group in messages.GroupBy(m => m.Folder))
        {
            var folder = await GetOrCreateFolderAsync(client, group.Key, cancellationToken);
            // Oldest first, so that arrival order (what a mail list shows as "newest first") follows the dates.
            var requests = group.Select(m => (Message: m.Load(), m.Flags))
                .OrderBy(m => m.Message.Date)
                .Select(m => (IAppendRequest)new AppendRequest(m.Message, m.Flags) { InternalDate = m.Message.Date == DateTimeOffset.MinValue ? null : m.Message.Date })
                .ToList();
            foreach (var batch in requests.Chunk(200))
            {
                await folder.AppendAsync(batch, cancellationToken);
            }
        }

        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Fills <paramref name="folderPath"/> with <paramref name="count"/> small generated messages (benchmarks).</summary>
    public static async Task SeedGeneratedAsync(string user, string password, string folderPath, int count, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(user, password, cancellationToken);
        var folder = await GetOrCreateFolderAsync(client, folderPath, cancellationToken);
        var start = new DateTimeOffset(2024, 1, 1, 8, 0, 0, TimeSpan.Zero);
        for (var offset = 0; offset < count; offset += 500)
        {
            var batch = Enumerable.Range(offset, Math.Min(500, count - offset)).Select(i =>
            {
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress($"Sender {i % 97}", $"sender{i % 97}@example.org"));
                message.To.Add(MailboxAddress.Parse(user));
                message.Subject = $"Generated message {i + 1}";
                message.Date = start.AddMinutes(i * 5);
                message.MessageId = $"gen-{i + 1}@bench.example";
                message.Body = new TextPart("plain") { Text = $"Body of generated message {i + 1}.\r\n" };
                return (IAppendRequest)new AppendRequest(message, i % 10 == 0 ? MessageFlags.None : MessageFlags.Seen) { InternalDate = message.Date };
            }).ToList();
            await folder.AppendAsync(batch, cancellationToken);
        }

        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Messages in INBOX for <paramref name="user"/> (0 for a new mailbox).</summary>
    public static async Task<int> CountInboxAsync(string user, string password, CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(user, password, cancellationToken);
        await client.Inbox.StatusAsync(StatusItems.Count, cancellationToken);
        var count = client.Inbox.Count;
        await client.DisconnectAsync(true, cancellationToken);
        return count;
    }

    private static async Task<ImapClient> ConnectAsync(string user, string password, CancellationToken cancellationToken)
    {
        var client = new ImapClient();
        await client.ConnectAsync(MailStack.Host, MailStack.ImapPort, SecureSocketOptions.None, cancellationToken);
        await client.AuthenticateAsync(user, password, cancellationToken);
        return client;
    }

    private static async Task<IMailFolder> GetOrCreateFolderAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        if (path.Equals("INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return client.Inbox;
        }

        var current = client.GetFolder(client.PersonalNamespaces[0])
            ?? throw new InvalidOperationException("The server has no personal namespace.");
        foreach (var segment in path.Split('/'))
        {
            var subfolders = await current.GetSubfoldersAsync(false, cancellationToken);
            var next = subfolders.FirstOrDefault(f => f.Name.Equals(segment, StringComparison.Ordinal));
            if (next is null)
            {
                next = await current.CreateAsync(segment, true, cancellationToken)
                    ?? throw new InvalidOperationException($"Cannot create folder {path}.");
                await next.SubscribeAsync(cancellationToken);
            }

            current = next;
        }

        return current;
    }
}
