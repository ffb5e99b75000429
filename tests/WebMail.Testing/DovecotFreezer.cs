using System.Globalization;

namespace WebMail.Testing;

/// <summary>
/// Makes the test stack's Dovecot stop answering without closing anything (SIGSTOP: sockets stay open, nothing is
/// read or written), the way a hung server or a frozen VM looks to a client. Disposing the result resumes it (SIGCONT).
/// </summary>
public static class DovecotFreezer
{
    /// <summary>Freezes the whole stack's Dovecot (master and every child): new connections hang too. Never run beside other mail tests.</summary>
    /// <remarks>
    /// The master first, so it cannot start a process (a login for a reconnect) while its children are being stopped,
    /// then its children, read again until no unfrozen one is left: a process it started just before it stopped is
    /// stopped too, so no connection can get an answer while the stack is meant to be frozen.
    /// </remarks>
    public static IDisposable FreezeAll()
    {
        var master = FindMaster() ?? throw new InvalidOperationException("the test stack's Dovecot is not running");
        var pids = new List<int> { master };
        Signal([master], "STOP");
        while (ChildrenOf(master).Except(pids).ToList() is { Count: > 0 } children)
        {
            Signal(children, "STOP");
            pids.AddRange(children);
        }

        return new Frozen(pids);
    }

    /// <summary>Freezes only <paramref name="user"/>'s IMAP processes: that connection stops answering, new ones work.</summary>
    public static async Task<IDisposable> FreezeUserAsync(string user)
    {
        var output = await MailStack.DoveadmAsync("who", "-1", user);
        var pids = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cols => cols.Length >= 3 && cols[0].Equals(user, StringComparison.OrdinalIgnoreCase) && cols[1] == "imap")
            .Select(cols => int.Parse(cols[2], CultureInfo.InvariantCulture))
            .ToList();
        return pids.Count > 0 ? Freeze(pids) : throw new InvalidOperationException($"{user} has no IMAP process to freeze");
    }

    private static Frozen Freeze(List<int> pids)
    {
        Signal(pids, "STOP");
        return new Frozen(pids);
    }

    /// <summary>One kill for all of them: on a busy machine a process per pid left the first ones stopped long before the last.</summary>
    private static void Signal(IReadOnlyCollection<int> pids, string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{signal}", .. pids.Select(pid => pid.ToString(CultureInfo.InvariantCulture))]);
        kill.WaitForExit();
    }

    private static int? FindMaster()
    {
        var config = Path.Combine(MailStack.StackDirectory, "dovecot", "dovecot.conf");
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadCommandLine(pid) is { } cmd && cmd.Contains("dovecot", StringComparison.Ordinal) && cmd.Contains(config, StringComparison.Ordinal))
            {
                return pid;
            }
        }

        return null;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ParentOf(pid) == parent)
            {
                yield return pid;
            }
        }
    }

    private static string? ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private sealed class Frozen(List<int> pids) : IDisposable
    {
        private int _resumed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _resumed, 1) == 0)
            {
                Signal(pids, "CONT");
            }
        }
    }
}
