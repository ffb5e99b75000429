using MimeKit;
using WebMail.Testing;

namespace WebMail.Mail.Tests.Sieve;

/// <summary>
/// The stack's logs about one delivered message (by its Message-ID): Pigeonhole's action lines in Dovecot's log, and
/// Postfix's LMTP result, which it logs once LMTP answered, that is after the script ran and everything it filed is stored.
/// </summary>
internal static class SieveLog
{
    /// <summary>Dovecot's log lines naming <paramref name="message"/>'s Message-ID.</summary>
    public static IReadOnlyList<string> LinesAbout(MimeMessage message) =>
        Lines("dovecot.log").Where(l => l.Contains($"msgid=<{message.MessageId}>", StringComparison.Ordinal)).ToList();

    /// <summary>Waits (up to 15 s) until Postfix logged LMTP's answer for <paramref name="message"/> to <paramref name="recipient"/>.</summary>
    public static async Task WaitDeliveredAsync(MimeMessage message, string recipient)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!Delivered(message, recipient))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Postfix did not hand {message.MessageId} to LMTP for {recipient} within 15 s");
            }

            await Task.Delay(100);
        }
    }

    private static bool Delivered(MimeMessage message, string recipient)
    {
        var lines = Lines("postfix.log");
        var queueIds = lines.Where(l => l.Contains($"message-id=<{message.MessageId}>", StringComparison.Ordinal))
            .Select(l => l.Split(' ').FirstOrDefault(w => w.EndsWith(':') && w.Length > 6 && w[..^1].All(char.IsAsciiHexDigitUpper))?.TrimEnd(':'))
            .OfType<string>().ToHashSet();
        return lines.Any(l => l.Contains("status=", StringComparison.Ordinal) && queueIds.Any(id => l.Contains($"{id}: to=<{recipient}>", StringComparison.Ordinal)));
    }

    private static List<string> Lines(string log)
    {
        using var stream = new FileStream(Path.Combine(MailStack.StackDirectory, "log", log), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
