using Microsoft.EntityFrameworkCore;
using WebMail.Web.Cluster;

namespace WebMail.Web.Data;

/// <summary>
/// Each user's organize settings (keyboard shortcuts, what opens after a move, archive per year, read receipts, theme, language, time zone, density, reading pane, mark as read, compose defaults, notifications). Writes raise
/// <see cref="Changed"/> so every open tab of that user reads them again: in this process at once, and on the other
/// instances through the <see cref="IClusterBus"/> (their ClusterRelay raises <see cref="Changed"/> there; the tabs read from the database).
/// </summary>
public sealed partial class OrganizeSettingsStore(IDbContextFactory<WebMailDbContext> databases, ILogger<OrganizeSettingsStore> logger, IClusterBus? bus = null)
{
    /// <summary>Raised with the user's name after their settings changed.</summary>
    public event Action<string>? Changed;

    /// <summary>The user's settings; <see cref="OrganizeSettings.Default"/> when they never changed any.</summary>
    public async Task<OrganizeSettings> GetOrganizeSettingsAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var row = await db.OrganizeSettings.AsNoTracking().SingleOrDefaultAsync(s => s.UserName == user, cancellationToken);
        return row is null
            ? OrganizeSettings.Default
            : new OrganizeSettings { KeyboardShortcuts = row.KeyboardShortcuts, AfterMove = row.AfterMove, ArchivePerYear = row.ArchivePerYear, NeverAskReadReceipts = row.NeverAskReadReceipts, Theme = row.Theme, Language = row.Language, TimeZone = row.TimeZone, Density = row.Density, ReadingPane = row.ReadingPane, MarkAsRead = row.MarkAsRead, MarkAsReadDelaySeconds = row.MarkAsReadDelaySeconds, ComposeFormat = row.ComposeFormat, ReplyPosition = row.ReplyPosition, SignaturePlacement = row.SignaturePlacement, DesktopNotifications = row.DesktopNotifications };
    }

    public async Task SetOrganizeSettingsAsync(string user, OrganizeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!Enum.IsDefined(settings.AfterMove))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.AfterMove, "Not a known AfterMoveAction.");
        }

        if (!Enum.IsDefined(settings.Theme) || !Enum.IsDefined(settings.Density) || !Enum.IsDefined(settings.ReadingPane) || !Enum.IsDefined(settings.MarkAsRead)
            || !Enum.IsDefined(settings.ComposeFormat) || !Enum.IsDefined(settings.ReplyPosition) || !Enum.IsDefined(settings.SignaturePlacement))
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "A setting has a value outside its choices.");
        }

        if (settings.MarkAsReadDelaySeconds is < 0 or > 600)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.MarkAsReadDelaySeconds, "The mark-as-read delay must be 0 to 600 seconds.");
        }

        if (settings.Language.Length > 35 || settings.TimeZone.Length > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), "The language or time zone name is too long.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await UpdateAsync(db, user, settings, cancellationToken) == 0)
        {
            db.OrganizeSettings.Add(new OrganizeSettingsRecord { UserName = user, KeyboardShortcuts = settings.KeyboardShortcuts, AfterMove = settings.AfterMove, ArchivePerYear = settings.ArchivePerYear, NeverAskReadReceipts = settings.NeverAskReadReceipts, Theme = settings.Theme, Language = settings.Language, TimeZone = settings.TimeZone, Density = settings.Density, ReadingPane = settings.ReadingPane, MarkAsRead = settings.MarkAsRead, MarkAsReadDelaySeconds = settings.MarkAsReadDelaySeconds, ComposeFormat = settings.ComposeFormat, ReplyPosition = settings.ReplyPosition, SignaturePlacement = settings.SignaturePlacement, DesktopNotifications = settings.DesktopNotifications });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another tab added the row at the same moment: write over it.
                db.ChangeTracker.Clear();
                await UpdateAsync(db, user, settings, cancellationToken);
            }
        }

        var elsewhere = bus is { Clustered: true } ? bus.PublishAsync(ClusterTopics.SettingsChanged, new SettingsChangedMessage(user)) : Task.FromResult(false);
        RaiseChanged(user);
        await elsewhere;
    }

    /// <summary>Tells this instance's listeners that <paramref name="user"/>'s settings changed (here or on another instance).</summary>
    internal void RaiseChanged(string user)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action<string>>() ?? [])
        {
            try
            {
                handler(user);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A tab that fails to re-read must not undo the write, nor keep the other tabs from hearing of it.
                LogSubscriberFailed(logger, ex.GetType().Name);
            }
        }
    }

    private static Task<int> UpdateAsync(WebMailDbContext db, string user, OrganizeSettings settings, CancellationToken cancellationToken) =>
        db.OrganizeSettings.Where(s => s.UserName == user).ExecuteUpdateAsync(
            s => s.SetProperty(x => x.KeyboardShortcuts, settings.KeyboardShortcuts)
                .SetProperty(x => x.AfterMove, settings.AfterMove)
                .SetProperty(x => x.ArchivePerYear, settings.ArchivePerYear)
                .SetProperty(x => x.NeverAskReadReceipts, settings.NeverAskReadReceipts)
                .SetProperty(x => x.Theme, settings.Theme)
                .SetProperty(x => x.Language, settings.Language)
                .SetProperty(x => x.TimeZone, settings.TimeZone)
                .SetProperty(x => x.Density, settings.Density)
                .SetProperty(x => x.ReadingPane, settings.ReadingPane)
                .SetProperty(x => x.MarkAsRead, settings.MarkAsRead)
                .SetProperty(x => x.MarkAsReadDelaySeconds, settings.MarkAsReadDelaySeconds)
                .SetProperty(x => x.ComposeFormat, settings.ComposeFormat)
                .SetProperty(x => x.ReplyPosition, settings.ReplyPosition)
                .SetProperty(x => x.SignaturePlacement, settings.SignaturePlacement)
                .SetProperty(x => x.DesktopNotifications, settings.DesktopNotifications),
            cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tab listening for organize settings changes failed ({Error}).")]
    private static partial void LogSubscriberFailed(ILogger logger, string error);
}
