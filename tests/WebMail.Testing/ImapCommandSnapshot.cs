namespace WebMail.Testing;

/// <summary>One command a client sent through the <see cref="ImapCommandCounter"/>, in order.</summary>
/// <param name="Timestamp">When the proxy saw the command (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</param>
public sealed record ImapCommandRecord(int Connection, string Name, long Timestamp = 0)
{
    /// <summary>The end of an IDLE (the client's DONE line): logged for timing, not a command.</summary>
    public const string Done = "DONE";
}

/// <summary>One proxied connection: who logged in on it, its commands by name, and whether it is in IDLE now.</summary>
/// <param name="Idling">The server accepted an IDLE ("+") and the client has not sent DONE yet.</param>
/// <param name="Opaque">STARTTLS or COMPRESS was sent: the rest of this connection cannot be read.</param>
public sealed record ImapConnectionCounts(int Id, string? User, bool Open, bool Idling, bool Opaque, IReadOnlyDictionary<string, int> Commands)
{
    public int Total => Commands.Values.Sum();
}

/// <summary>What an <see cref="ImapCommandCounter"/> has seen since its start or last reset.</summary>
public sealed record ImapCommandSnapshot(IReadOnlyList<ImapConnectionCounts> Connections, IReadOnlyList<ImapCommandRecord> Log)
{
    /// <summary>Commands on every connection.</summary>
    public int Total => Log.Count;

    /// <summary>The open connections that logged in as <paramref name="user"/>.</summary>
    public IReadOnlyList<ImapConnectionCounts> OpenFor(string user) =>
        [.. Connections.Where(c => c.Open && string.Equals(c.User, user, StringComparison.OrdinalIgnoreCase))];

    /// <summary>Commands issued as <paramref name="user"/>, in order.</summary>
    public IReadOnlyList<string> CommandsOf(string user)
    {
        var ids = Connections.Where(c => string.Equals(c.User, user, StringComparison.OrdinalIgnoreCase)).Select(c => c.Id).ToHashSet();
        return [.. Log.Where(r => ids.Contains(r.Connection) && r.Name != ImapCommandRecord.Done).Select(r => r.Name)];
    }

    /// <summary>Every open connection of <paramref name="user"/> is in IDLE (at least one exists).</summary>
    public bool AllIdle(string user) => OpenFor(user) is { Count: > 0 } open && open.All(c => c.Idling);

    /// <summary>"UID FETCH, 5× FETCH, 55× LIST, IDLE": commands in order, repeats folded, for reports and failure messages.</summary>
    public static string Compact(IEnumerable<string> commands)
    {
        var runs = new List<(string Name, int Count)>();
        foreach (var name in commands)
        {
            if (runs.Count > 0 && runs[^1].Name == name)
            {
                runs[^1] = (name, runs[^1].Count + 1);
            }
            else
            {
                runs.Add((name, 1));
            }
        }

        return runs.Count == 0 ? "none" : string.Join(", ", runs.Select(r => r.Count == 1 ? r.Name : $"{r.Count}× {r.Name}"));
    }

    /// <summary>"3 command(s): UID FETCH, NOOP, IDLE (1 open connection(s))".</summary>
    public override string ToString() =>
        $"{Total} command(s): {Compact(Log.Select(r => r.Name))} ({Connections.Count(c => c.Open)} open connection(s))";
}
