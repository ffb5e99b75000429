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

    private void SetStatusIf(ConnectionState current, ConnectionState next)
    {
        if (Status.State == current)
        {
            SetStatus(next);
        }
    }
}
