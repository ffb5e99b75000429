using System.Text;
using MailKit;
using MimeKit;
using WebMail.Testing;

namespace WebMail.EndToEnd.Tests;

/// <summary>Message bodies for the compose tests, and what arrived in Drafts or an inbox, by the bytes of the text part.</summary>
internal static class ComposeBodies
{
    private static readonly string[] Words = ["Grüße", "from", "the", "quarterly", "report", "naïve", "café", "東京", "🙂", "\"quoted\"", "back\\slash", "tab\there", "x"];

    /// <summary>Deterministic text of exactly <paramref name="length"/> UTF-16 units: words, some non-Latin and emoji, a line break every ~<paramref name="lineLength"/> units.</summary>
    public static string Text(int length, int lineLength, int seed = 7)
    {
        var random = new Random(seed);
        var text = new StringBuilder(length + 16);
        var line = 0;
        while (text.Length < length)
        {
            var word = Words[random.Next(Words.Length)];
            text.Append(word);
            line += word.Length;
            if (line >= lineLength)
            {
                text.Append('\n');
                line = 0;
            }
            else
            {
                text.Append(' ');
            }
        }

        // Cut to the exact length without splitting an emoji, and end on a letter (no trailing blank).
        text.Length = length;
        if (char.IsHighSurrogate(text[^1]) || char.IsWhiteSpace(text[^1]))
        {
            text[^1] = 'z';
        }

        return text.ToString();
    }

    /// <summary>The decoded text part, as a string with "\n" line breaks (mail carries CRLF).</summary>
    public static string PlainText(MimeMessage message)
    {
        var part = message.BodyParts.OfType<TextPart>().First(p => p.IsPlain);
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        return Encoding.UTF8.GetString(bytes.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>Waits (up to <paramref name="seconds"/>) until <paramref name="user"/>'s Drafts hold a draft whose text part satisfies <paramref name="done"/>; returns it.</summary>
    public static async Task<MimeMessage> WaitForDraftAsync(string user, Func<string, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        string last = "(no draft)";
        while (true)
        {
            using (var client = await MailStack.ConnectAsync(user))
            {
                var drafts = await client.GetFolderAsync("Drafts");
                await drafts.OpenAsync(FolderAccess.ReadOnly);
                if (drafts.Count > 0)
                {
                    var message = await drafts.GetMessageAsync(drafts.Count - 1);
                    last = PlainText(message);
                    if (done(last))
                    {
                        return message;
                    }
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No draft as expected within {seconds} s; the newest text part has {last.Length} characters: {last[..Math.Min(200, last.Length)]}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The only message in <paramref name="user"/>'s inbox, once delivered.</summary>
    public static async Task<MimeMessage> OnlyMessageAsync(string user)
    {
        await MailStack.WaitForInboxAsync(user, 1);
        using var client = await MailStack.ConnectAsync(user);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        return await client.Inbox.GetMessageAsync(0);
    }
}
