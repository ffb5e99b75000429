using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using Microsoft.Extensions.Logging;
using MimeKit;
using MimeKit.Utils;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Actions;

/// <summary>The folders actions need: the archive (made when missing), its years; emptying Trash and Junk; labels allowed.</summary>
public sealed partial class BulkActions
{
    private const string ArchiveName = "Archive";

    private static readonly IFetchRequest DateRequest = new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate, [HeaderId.Date]);

    /// <summary>Deletes every message of Trash or Junk for good; any other folder is refused. Not undoable.</summary>
    /// <returns>How many messages were deleted.</returns>
    public async Task<int> EmptyFolderAsync(string folder, CancellationToken ct = default)
    {
        var count = await _connection.RunAsync(async (context, token) =>
        {
            if (!await HasRoleAsync(context, folder, FolderRole.Trash, token).ConfigureAwait(false)
                && !await HasRoleAsync(context, folder, FolderRole.Junk, token).ConfigureAwait(false))
            {
                throw new InvalidOperationException($"Only the Trash and Junk folders can be emptied, not {BulkText.Folder(folder)}.");
            }

            var selected = await context.SelectAsync(folder, token).ConfigureAwait(false);
            var total = selected.Count;
            if (total > 0)
            {
                await selected.StoreAsync(UniqueIdRange.All, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true }, token).ConfigureAwait(false);
                await selected.ExpungeAsync(token).ConfigureAwait(false);
            }

            return total;
        }, ct, ChunkTimeout).ConfigureAwait(false);
        _view.CountsChanged(folder);
        LogEmptied(_logger, folder, count);
        return count;
    }

    /// <summary>Whether messages of <paramref name="folder"/> can carry labels: its PERMANENTFLAGS allow new keywords (<c>\*</c>).</summary>
    public Task<bool> CanLabelAsync(string folder, CancellationToken ct = default) =>
        _connection.RunAsync(async (context, token) =>
        {
            var previous = context.Selected?.FullName;
            var selected = await context.SelectAsync(folder, token).ConfigureAwait(false);
            var can = (selected.PermanentFlags & MessageFlags.UserDefined) != 0;
            if (previous is not null && previous != folder)
            {
                // Back where the user is, so IDLE keeps watching it.
                await context.SelectAsync(previous, token).ConfigureAwait(false);
            }

            return can;
        }, ct);

    private static async Task<bool> HasRoleAsync(ImapContext context, string folder, FolderRole role, CancellationToken ct)
    {
        try
        {
            return (await context.GetSpecialFolderAsync(role, ct).ConfigureAwait(false)).FullName == folder;
        }
        catch (MailItemNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The \Archive folder's path; when there is none, "Archive" is created (with SPECIAL-USE \Archive where the server can).</summary>
    private async Task<string> EnsureArchiveAsync(CancellationToken ct)
    {
        var (path, created) = await _connection.RunAsync(async (context, token) =>
        {
            try
            {
                return ((await context.GetSpecialFolderAsync(FolderRole.Archive, token).ConfigureAwait(false)).FullName, false);
            }
            catch (MailItemNotFoundException)
            {
                var parent = await TopAsync(context, token).ConfigureAwait(false);
                IMailFolder? made = null;
                if (context.Has(ImapCapabilities.CreateSpecialUse))
                {
                    try
                    {
                        made = await parent.CreateAsync(ArchiveName, [SpecialFolder.Archive], token).ConfigureAwait(false);
                    }
                    catch (ImapCommandException)
                    {
                        // The server offers CREATE-SPECIAL-USE but not for this folder: a plain folder, found by its name.
                    }
                }

                made ??= await parent.CreateAsync(ArchiveName, true, token).ConfigureAwait(false)
                    ?? throw new MailCommandException(MailFailureKind.ArchiveNotCreated);
                await made.SubscribeAsync(token).ConfigureAwait(false);
                context.ForgetFolders();
                return (made.FullName, true);
            }
        }, ct).ConfigureAwait(false);
        if (created)
        {
            LogArchiveCreated(_logger, path);
            _view.CountsChanged(path);
        }

        return path;
    }

    /// <summary>Where top-level folders are made: the personal namespace, or the configured root.</summary>
    private static async Task<IMailFolder> TopAsync(ImapContext context, CancellationToken ct)
    {
        var listed = context.Layout.Listed(context.Client);
        if (listed.Path.Length == 0)
        {
            return context.Client.GetFolder(listed);
        }

        return await context.GetFolderAsync(listed.Path, ct).ConfigureAwait(false);
    }

    /// <summary>The messages grouped by the year of their date (Date header, else arrival), each group bound for Archive/YEAR (made when missing).</summary>
    private async Task<List<(FolderUids Source, string Target)>> ByYearAsync(List<FolderUids> folders, string archive, CancellationToken ct)
    {
        var batches = new List<(FolderUids, string)>();
        var years = new SortedSet<int>();
        foreach (var source in folders)
        {
            var byYear = new Dictionary<int, List<uint>>();
            foreach (var chunk in UidChunks.Split(source.Uids))
            {
                var dates = await _connection.RunAsync(async (context, token) =>
                {
                    var folder = await context.SelectAsync(source.Folder, token).ConfigureAwait(false);
                    return folder.UidValidity != source.UidValidity ? [] : await folder.FetchAsync(UidChunks.ToSet(source.UidValidity, chunk), DateRequest, token).ConfigureAwait(false);
                }, ct, ChunkTimeout).ConfigureAwait(false);
                foreach (var summary in dates)
                {
                    var year = YearOf(summary);
                    years.Add(year);
                    (byYear.TryGetValue(year, out var list) ? list : byYear[year] = []).Add(summary.UniqueId.Id);
                }
            }

            batches.AddRange(byYear.Select(y => (source with { Uids = [.. y.Value.Order()] }, YearName(y.Key))));
        }

        var separator = await _connection.RunAsync(async (context, token) =>
        {
            var parent = await context.GetFolderAsync(archive, token).ConfigureAwait(false);
            var existing = (await parent.GetSubfoldersAsync(false, token).ConfigureAwait(false)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var year in years.Select(YearName).Where(y => !existing.Contains(y)))
            {
                var made = await parent.CreateAsync(year, true, token).ConfigureAwait(false)
                    ?? throw new MailCommandException(MailFailure.Of(MailFailureKind.ArchiveYearNotCreated, year));
                await made.SubscribeAsync(token).ConfigureAwait(false);
            }

            return parent.DirectorySeparator == '\0' ? '/' : parent.DirectorySeparator;
        }, ct).ConfigureAwait(false);
        _view.CountsChanged(archive);
        return [.. batches.Select(b => (b.Item1, $"{archive}{separator}{b.Item2}"))];
    }

    private static string YearName(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static int YearOf(IMessageSummary summary) =>
        summary.Headers?[HeaderId.Date] is { } raw && DateUtils.TryParse(raw, out var date) ? date.Year
        : summary.InternalDate?.Year ?? DateTime.UtcNow.Year;

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the archive folder {Folder}")]
    private static partial void LogArchiveCreated(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Emptied {Folder}: {Count} messages deleted for good")]
    private static partial void LogEmptied(ILogger logger, string folder, int count);
}
