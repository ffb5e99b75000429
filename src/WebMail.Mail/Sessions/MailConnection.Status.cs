namespace WebMail.Mail.Sessions;

/// <summary>The connection status users are shown: set where commands and the watcher succeed or fail.</summary>
public sealed partial class MailConnection
{
    private readonly Lock _statusLock = new();
    private ConnectionStatus _status = ConnectionStatus.Ok;

    /// <summary>The state to show the user; see <see cref="StatusChanged"/>.</summary>
    public ConnectionStatus Status
    {
        get
        {
            lock (_statusLock)
            {
                return _status;
            }
        }
    }

    /// <summary>Raised, never under the gate's lock, when <see cref="Status"/> changes.</summary>
    public event Action<ConnectionStatus>? StatusChanged;

    private void SetStatus(ConnectionState state)
    {
        ConnectionStatus changed;
        lock (_statusLock)
        {
            if (_status.State == state || (state == ConnectionState.Reconnecting && _status.State == ConnectionState.Unavailable))
            {
                return;
            }

            // "Unavailable since" counts from the first failure, not from the latest retry.
            var since = state == ConnectionState.Unavailable && _status.State == ConnectionState.Reconnecting ? _status.Since : _time.GetUtcNow();
            _status = changed = state == ConnectionState.Connected ? ConnectionStatus.Ok : new ConnectionStatus(state, since);
        }

        StatusChanged?.Invoke(changed);
    }

    /// <summary>
    /// Moves the status from <paramref name="current"/> to <paramref name="next"/> in one step. With a command's
    /// <paramref name="wait"/>, nothing happens once that command has ended, and <paramref name="ending"/> ends it: the "waiting"
    /// timer of a command that just finished can then never put the status back to Waiting after the command cleared it.
    /// </summary>
    private void SetStatusIf(ConnectionState current, ConnectionState next, CommandWait? wait = null, bool ending = false)
    {
        ConnectionStatus changed;
        lock (_statusLock)
        {
            if (wait is not null)
            {
                if (wait.Ended)
                {
                    return;
                }

                wait.Ended = ending;
            }

            if (_status.State != current || current == next)
            {
                return;
            }

            _status = changed = next == ConnectionState.Connected ? ConnectionStatus.Ok : new ConnectionStatus(next, _time.GetUtcNow());
        }

        StatusChanged?.Invoke(changed);
    }

    /// <summary>One command's wait for an answer, as its "still waiting" timer sees it.</summary>
    private sealed class CommandWait
    {
        public bool Ended { get; set; }
    }
}
