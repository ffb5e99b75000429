using MailKit.Net.Imap;

namespace WebMail.Mail.Sessions;

/// <summary>The connection's beginning and end: taking over the sign-in's client, and closing for good.</summary>
public sealed partial class MailConnection
{
    /// <summary>Takes an already authenticated client (the sign-in's), if there is no connection yet; otherwise closes it.</summary>
    internal async Task AdoptAsync(ImapClient client)
    {
        Interlocked.Increment(ref _pendingCommands);
        Observer?.Wake();
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_context is null && !_closed)
            {
                _context = NewContext(client);
                ConnectCount++;
                ImapSessionPool.Metrics.ConnectionOpened();
                return;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pendingCommands);
            _gate.Release();
            Observer?.CommandFinished();
        }

        await ImapConnector.DisposeQuietlyAsync(client).ConfigureAwait(false);
    }

    /// <summary>Logs out and closes the connection; it cannot be used afterwards.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _closed = true;
            await DropAsync(ConnectionState.Connected).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
