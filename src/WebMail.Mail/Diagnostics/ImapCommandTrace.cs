using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using WebMail.Mail.Model;

namespace WebMail.Mail.Diagnostics;

/// <summary>
/// One IMAP connection's commands as spans ("imap UID FETCH") and durations (<c>webmail.imap.command.duration</c>), read
/// from the wire as MailKit writes and reads it: a span starts when a tagged command is sent and ends with the server's
/// tagged answer, as a child of whatever runs the command (a tab's event, a request, the watcher). Only names from a fixed
/// list are kept (command, SASL mechanism, the selected folder's special-use role): never arguments, so no folder name,
/// search word, address, subject or credential. Installed on a connection only while someone listens (<see cref="MailTelemetry.Watching"/>).
/// </summary>
internal sealed class ImapCommandTrace(IProtocolLogger? inner) : IProtocolLogger
{
    private static readonly ConditionalWeakTable<ImapClient, ImapCommandTrace> Traces = [];

    private readonly ImapWireLines _client = new();
    private readonly ImapWireLines _server = new();
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private string? _selectedRole;
    private string? _selectingRole;

    /// <summary>The SASL mechanism (or LOGIN) of the last login on this connection.</summary>
    public string? Mechanism { get; private set; }

    public IAuthenticationSecretDetector? AuthenticationSecretDetector
    {
        get => inner?.AuthenticationSecretDetector;
        set
        {
            if (inner is not null && value is not null)
            {
                inner.AuthenticationSecretDetector = value;
            }
        }
    }

    /// <summary>The trace watching <paramref name="client"/>, if any.</summary>
    public static ImapCommandTrace? Of(ImapClient client) => Traces.TryGetValue(client, out var trace) ? trace : null;

    public void Attach(ImapClient client) => Traces.AddOrUpdate(client, this);

    /// <summary>Called before a SELECT: the folder's special-use role (inbox, sent, ..., other), or null when not known.</summary>
    public void Selecting(FolderRole? role)
    {
        lock (_lock)
        {
            _selectingRole = role switch
            {
                null => null,
                FolderRole.None => "other",
                _ => role.Value.ToString().ToLowerInvariant(),
            };
        }
    }

    public void LogConnect(Uri uri) => inner?.LogConnect(uri);

    public void LogClient(byte[] buffer, int offset, int count)
    {
        _client.Feed(buffer.AsSpan(offset, count), OnCommand);
        inner?.LogClient(buffer, offset, count);
    }

    public void LogServer(byte[] buffer, int offset, int count)
    {
        _server.Feed(buffer.AsSpan(offset, count), OnAnswer);
        inner?.LogServer(buffer, offset, count);
    }

    private void OnCommand(ReadOnlySpan<byte> head)
    {
        if (ImapCommandNames.Parse(head) is not { } command || command.Name == "IDLE")
        {
            return;
        }

        lock (_lock)
        {
            var role = ImapCommandNames.OnSelectedFolder(command.Name) ? (command.Name is "SELECT" or "EXAMINE" ? _selectingRole : _selectedRole) : null;
            if (command.Name is "SELECT" or "EXAMINE")
            {
                _selectedRole = _selectingRole;
                _selectingRole = null;
            }
            else if (command.Name is "CLOSE" or "UNSELECT")
            {
                _selectedRole = null;
            }

            if (command.Mechanism is { } mechanism)
            {
                Mechanism = mechanism;
            }

            _pending[command.Tag] = new Pending(command.Name, Start(command, role), Stopwatch.GetTimestamp());
        }
    }

    private static Activity? Start(ImapCommandNames.Command command, string? role)
    {
        // The span is a child of what runs the command, but must not become the current activity of that flow: it ends
        // when the answer is read, and whatever runs next is not part of it.
        var parent = Activity.Current;
        var activity = MailTelemetry.Source.StartActivity($"imap {command.Name}", ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        Activity.Current = parent;
        activity.SetTag("imap.command", command.Name);
        if (role is not null)
        {
            activity.SetTag("imap.folder.role", role);
        }

        if (command.Mechanism is { } mechanism)
        {
            activity.SetTag("imap.auth.mechanism", mechanism);
        }

        return activity;
    }

    private void OnAnswer(ReadOnlySpan<byte> head)
    {
        var space = head.IndexOf((byte)' ');
        if (space <= 0 || head[0] is (byte)'*' or (byte)'+')
        {
            return;
        }

        Pending pending;
        lock (_lock)
        {
            var tag = Encoding.ASCII.GetString(head[..space]);
            if (!_pending.Remove(tag, out pending))
            {
                return;
            }
        }

        var rest = head[(space + 1)..];
        var result = rest.StartsWith("OK"u8) ? "OK" : rest.StartsWith("NO"u8) ? "NO" : rest.StartsWith("BAD"u8) ? "BAD" : "other";
        End(pending, result);
    }

    private static void End(Pending pending, string result)
    {
        MailTelemetry.ImapCommandDuration.Record(
            Stopwatch.GetElapsedTime(pending.Started).TotalSeconds,
            new KeyValuePair<string, object?>("imap.command", pending.Command),
            new KeyValuePair<string, object?>("imap.result", result));
        if (pending.Activity is not { } activity)
        {
            return;
        }

        activity.SetTag("imap.result", result);
        if (result != "OK")
        {
            MailTelemetry.Failed(activity, result);
        }

        var current = Activity.Current;
        activity.Stop();
        Activity.Current = current;
    }

    /// <summary>Commands still waiting when the connection goes away end as "lost".</summary>
    public void Dispose()
    {
        Pending[] left;
        lock (_lock)
        {
            left = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var pending in left)
        {
            End(pending, "lost");
        }

        inner?.Dispose();
    }

    private readonly record struct Pending(string Command, Activity? Activity, long Started);
}
