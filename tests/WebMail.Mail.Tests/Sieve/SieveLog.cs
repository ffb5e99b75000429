using MimeKit;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sieve;

/// <summary>Pigeonhole's lines in the stack's Dovecot log about one delivered message (by its Message-ID).</summary>
internal static class SieveLog
{
    /// <summary>The log lines naming <paramref name="message"/>'s Message-ID.</summary>
    public static IReadOnlyList<string> LinesAbout(MimeMessage message)
    {
        using var stream = new FileStream(Path.Combine(MailStack.StackDirectory, "log", "dovecot.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var marker = $"msgid=<{message.MessageId}>";
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>Waits (up to 15 s: delivery is asynchronous) for a line about <paramref name="message"/> containing <paramref name="text"/>.</summary>
    public static async Task WaitForAsync(MimeMessage message, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!LinesAbout(message).Any(l => l.Contains(text, StringComparison.OrdinalIgnoreCase)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log line about {message.MessageId} with “{text}” within 15 s: {string.Join(" | ", LinesAbout(message))}");
            }

            await Task.Delay(100);
        }
    }
}
