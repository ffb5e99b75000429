using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using WebMail.Mail.Model;

namespace WebMail.Web.Data;

/// <summary>
/// Collects contacts (senders of mail read, recipients of mail sent) off the user's path: opening or sending a
/// message only queues the addresses; a background loop writes them to the settings database. A write that
/// fails (two instances adding the same address at once, the database briefly away) is logged and dropped —
/// autocomplete is a convenience, never a reason for an error on screen.
/// </summary>
public sealed partial class ContactCollector(ContactStore store, ILogger<ContactCollector> logger) : BackgroundService
{
    private readonly Channel<(string User, MailAddress[] Addresses)> _queue =
        Channel.CreateBounded<(string, MailAddress[])>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    /// <summary>Queues addresses to remember for <paramref name="userName"/>; returns at once.</summary>
    public void Collect(string userName, IEnumerable<MailAddress> addresses)
    {
        var list = addresses.ToArray();
        if (list.Length > 0)
        {
            _queue.Writer.TryWrite((userName, list));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (user, addresses) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await store.CollectAsync(user, addresses, stoppingToken);
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
            {
                // Never let it out: an exception leaving a BackgroundService stops the whole host.
                LogCollectFailed(logger, ex.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Remembering contacts failed ({Error}); skipped")]
    private static partial void LogCollectFailed(ILogger logger, string error);
}
