using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Actions;

/// <summary>Seeds a test user's mailbox and looks at it with a separate IMAP client: what is really on the server.</summary>
internal static class ServerMailbox
{
    public static MimeMessage Letter(string subject, DateTimeOffset? date = null)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = "Hello." }, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("bulk.example") };
        message.From.Add(new MailboxAddress("Sender", "sender@example.org"));
        message.To.Add(new MailboxAddress("", "someone@test.example"));
        if (date is { } d)
        {
            message.Date = d;
        }

        return message;
    }

    /// <summary>Appends letters to a folder (created when missing); returns nothing, the rows are read through the session.</summary>
    public static async Task AppendAsync(string user, string folder, IEnumerable<MimeMessage> letters, MessageFlags flags = MessageFlags.None, params string[] keywords)
    {
        using var client = await MailStack.ConnectAsync(user);
        var target = folder == "INBOX" ? client.Inbox : await GetOrCreateAsync(client, folder);
        await target.AppendAsync([.. letters.Select(m => (IAppendRequest)new AppendRequest(m, flags, keywords))]);
        await client.DisconnectAsync(true);
    }

    public static async Task CreateAsync(string user, string folder)
    {
        using var client = await MailStack.ConnectAsync(user);
        await GetOrCreateAsync(client, folder);
        await client.DisconnectAsync(true);
    }

    public static async Task DeleteFolderAsync(string user, string folder)
    {
        using var client = await MailStack.ConnectAsync(user);
        await (await client.GetFolderAsync(folder)).DeleteAsync();
        await client.DisconnectAsync(true);
    }

    /// <summary>Subjects in a folder, sorted.</summary>
    public static async Task<List<string>> SubjectsAsync(string user, string folder)
    {
        using var client = await MailStack.ConnectAsync(user);
        var f = await client.GetFolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadOnly);
        var subjects = f.Count == 0 ? [] : (await f.FetchAsync(0, -1, MessageSummaryItems.Envelope)).Select(s => s.Envelope?.Subject ?? "").Order(StringComparer.Ordinal).ToList();
        await client.DisconnectAsync(true);
        return subjects;
    }

    /// <summary>Messages in a folder and how many match <paramref name="query"/>.</summary>
    public static async Task<(int Total, int Matching)> CountAsync(string user, string folder, SearchQuery query)
    {
        using var client = await MailStack.ConnectAsync(user);
        var f = await client.GetFolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadOnly);
        var matching = (await f.SearchAsync(query)).Count;
        var total = f.Count;
        await client.DisconnectAsync(true);
        return (total, matching);
    }

    /// <summary>Subjects of the messages in a folder that match <paramref name="query"/>, sorted.</summary>
    public static async Task<List<string>> SubjectsMatchingAsync(string user, string folder, SearchQuery query)
    {
        using var client = await MailStack.ConnectAsync(user);
        var f = await client.GetFolderAsync(folder);
        await f.OpenAsync(FolderAccess.ReadOnly);
        var uids = await f.SearchAsync(query);
        var subjects = uids.Count == 0 ? [] : (await f.FetchAsync(uids, MessageSummaryItems.Envelope)).Select(s => s.Envelope?.Subject ?? "").Order(StringComparer.Ordinal).ToList();
        await client.DisconnectAsync(true);
        return subjects;
    }

    /// <summary>The rows of a folder as the session reads them, newest first.</summary>
    public static async Task<IReadOnlyList<MessageRow>> RowsAsync(WebMail.Mail.Sessions.UserMailSession session, string folder) =>
        (await session.Messages.GetMessagesAsync(folder, 0, 500)).Rows;

    private static async Task<IMailFolder> GetOrCreateAsync(ImapClient client, string path)
    {
        try
        {
            return await client.GetFolderAsync(path);
        }
        catch (FolderNotFoundException)
        {
            var top = client.GetFolder(client.PersonalNamespaces[0]);
            var made = await top.CreateAsync(path, true) ?? throw new InvalidOperationException(path);
            await made.SubscribeAsync();
            return made;
        }
    }
}
