using System.Collections.Concurrent;
using System.Text;
using MailKit;

namespace WebMail.Mail.Tests;

/// <summary>Records the IMAP commands a client sends (tag stripped: "UID FETCH", "IDLE", "STATUS INBOX", ...), keeping no data or secrets.</summary>
public sealed class CommandLog : IProtocolLogger
{
    private readonly ConcurrentQueue<string> _commands = new();

    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <summary>Every command so far, oldest first.</summary>
    public IReadOnlyList<string> Commands => [.. _commands];

    public int Count => _commands.Count;

    /// <summary>The commands sent since <paramref name="mark"/> (a <see cref="Count"/> read earlier).</summary>
    public IReadOnlyList<string> Since(int mark) => [.. _commands.Skip(mark)];

    public void LogConnect(Uri uri)
    {
    }

    public void LogClient(byte[] buffer, int offset, int count)
    {
        foreach (var line in Encoding.ASCII.GetString(buffer, offset, count).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            // MailKit tags look like A00000012 (the letter changes per client); literal data and DONE have no tag.
            var words = line.Split(' ');
            if (words.Length >= 2 && words[0].Length == 9 && char.IsAsciiLetterUpper(words[0][0]) && words[0][1..].All(char.IsAsciiDigit))
            {
                var name = words[1].Equals("UID", StringComparison.OrdinalIgnoreCase) && words.Length > 2 ? $"UID {words[2]}" : words[1];
                if (words.Length > 2 && name.ToUpperInvariant() is "STATUS" or "SELECT" or "EXAMINE")
                {
                    // The mailbox (a name, not data): "STATUS INBOX", "SELECT SENT" (a quoted name keeps its first word only).
                    name = $"{name} {words[2].Trim('"')}";
                }

                _commands.Enqueue(name.ToUpperInvariant());
                _trace.Enqueue(name.ToUpperInvariant());
            }
        }
    }

    private readonly ConcurrentQueue<string> _serverLines = new();
    private readonly ConcurrentQueue<string> _trace = new();

    /// <summary>Commands and the server's FETCH lines, in the order they passed.</summary>
    public string Trace => string.Join(" / ", _trace);

    /// <summary>The server's untagged FETCH lines so far (what it told the session of flag changes).</summary>
    public IReadOnlyList<string> ServerFetches => [.. _serverLines];

    public void LogServer(byte[] buffer, int offset, int count)
    {
        foreach (var line in Encoding.ASCII.GetString(buffer, offset, count).Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("* ", StringComparison.Ordinal) && line.Contains(" FETCH (", StringComparison.Ordinal) && line.Length < 400)
            {
                _serverLines.Enqueue(line);
                _trace.Enqueue(line);
            }
        }
    }

    public void Dispose()
    {
    }
}
