using Microsoft.EntityFrameworkCore;

namespace WebMail.Web.Data;

/// <summary>
/// Each user's labels (names and colours of IMAP keywords) in the settings database. Writes raise <see cref="Changed"/>
/// so every open tab of that user (in this process) reads them again.
/// </summary>
public sealed partial class LabelStore(IDbContextFactory<WebMailDbContext> databases, ILogger<LabelStore> logger)
{
    /// <summary>Raised with the user's name after their labels changed.</summary>
    public event Action<string>? Changed;

    public async Task<LabelSet> GetAsync(string user, CancellationToken cancellationToken = default)
    {
        var rows = await RowsAsync(user, cancellationToken);
        return Build(rows);
    }

    /// <summary>Adds a label; its keyword comes from the name (see <see cref="LabelRules.KeywordFor"/>), unique for this user.</summary>
    /// <exception cref="LabelRefusedException">The name or colour is not acceptable; the message says why.</exception>
    public async Task<LabelDefinition> CreateAsync(string user, string name, string colour, CancellationToken cancellationToken = default)
    {
        name = LabelRules.CheckName(name);
        colour = LabelRules.CheckColour(colour);
        for (var attempt = 0; ; attempt++)
        {
            var rows = await RowsAsync(user, cancellationToken);
            var labels = Build(rows);
            RefuseTakenName(labels, name, exceptKeyword: null);
            if (rows.Count(r => !r.Deleted && !IsThunderbird(r.Keyword)) >= LabelRules.MaxLabels)
            {
                throw new LabelRefusedException($"You have {LabelRules.MaxLabels} labels, the most WebMail keeps: delete one before adding another.");
            }

            var record = new LabelRecord
            {
                UserName = user,
                Keyword = FreeKeyword(LabelRules.KeywordFor(name), rows),
                Name = name,
                Colour = colour,
                Order = Math.Max(LabelRules.Thunderbird.Count, rows.Select(r => r.Order).DefaultIfEmpty(0).Max()) + 1,
            };
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            db.Labels.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Another tab took that keyword at the same moment: look again.
                continue;
            }

            LogLabelCreated(logger, record.Keyword);
            Raise(Changed, user);
            return new LabelDefinition(record.Keyword, record.Name, record.Colour);
        }
    }

    /// <summary>Renames and recolours a label (Thunderbird's five included); the keyword stays, so messages keep it.</summary>
    /// <exception cref="LabelRefusedException">The name or colour is not acceptable, or the label is gone.</exception>
    public async Task UpdateAsync(string user, string keyword, string name, string colour, CancellationToken cancellationToken = default)
    {
        name = LabelRules.CheckName(name);
        colour = LabelRules.CheckColour(colour);
        var rows = await RowsAsync(user, cancellationToken);
        var label = Build(rows).Find(keyword) ?? throw new LabelRefusedException("That label no longer exists: it was deleted, perhaps in another tab.");
        RefuseTakenName(Build(rows), name, label.Keyword);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var updated = await db.Labels.Where(l => l.UserName == user && l.Keyword == label.Keyword)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Name, name).SetProperty(x => x.Colour, colour), cancellationToken);
        if (updated == 0)
        {
            // A Thunderbird label the user changes for the first time.
            db.Labels.Add(new LabelRecord { UserName = user, Keyword = label.Keyword, Name = name, Colour = colour, Order = ThunderbirdOrder(label.Keyword) });
            await db.SaveChangesAsync(cancellationToken);
        }

        Raise(Changed, user);
    }

    /// <summary>Removes a label. Messages keep the keyword (shown plain, in grey); a deleted Thunderbird label is not shown at all.</summary>
    public async Task DeleteAsync(string user, string keyword, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await db.Labels.Where(l => l.UserName == user).ToListAsync(cancellationToken);
        var thunderbird = LabelRules.Thunderbird.FirstOrDefault(t => string.Equals(t.Keyword, keyword, StringComparison.OrdinalIgnoreCase));
        var row = rows.FirstOrDefault(r => string.Equals(r.Keyword, keyword, StringComparison.OrdinalIgnoreCase));
        if (thunderbird is not null)
        {
            if (row is null)
            {
                db.Labels.Add(new LabelRecord { UserName = user, Keyword = thunderbird.Keyword, Name = thunderbird.Name, Colour = thunderbird.Colour, Order = ThunderbirdOrder(thunderbird.Keyword), Deleted = true });
            }
            else
            {
                row.Deleted = true;
            }
        }
        else if (row is not null)
        {
            db.Labels.Remove(row);
        }
        else
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        Raise(Changed, user);
    }

    private async Task<List<LabelRecord>> RowsAsync(string user, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Labels.AsNoTracking().Where(l => l.UserName == user).ToListAsync(cancellationToken);
    }

    private static LabelSet Build(List<LabelRecord> rows)
    {
        var stored = rows.ToDictionary(r => r.Keyword, StringComparer.OrdinalIgnoreCase);
        var labels = new List<(int Order, LabelDefinition Label)>();
        foreach (var thunderbird in LabelRules.Thunderbird)
        {
            if (!stored.ContainsKey(thunderbird.Keyword))
            {
                labels.Add((ThunderbirdOrder(thunderbird.Keyword), thunderbird));
            }
        }

        labels.AddRange(rows.Where(r => !r.Deleted).Select(r => (r.Order, new LabelDefinition(r.Keyword, r.Name, r.Colour))));
        return new LabelSet(
            [.. labels.OrderBy(l => l.Order).ThenBy(l => l.Label.Name, StringComparer.OrdinalIgnoreCase).Select(l => l.Label)],
            rows.Where(r => r.Deleted).Select(r => r.Keyword));
    }

    private static void RefuseTakenName(LabelSet labels, string name, string? exceptKeyword)
    {
        if (labels.All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)) is { } taken
            && !string.Equals(taken.Keyword, exceptKeyword, StringComparison.OrdinalIgnoreCase))
        {
            throw new LabelRefusedException($"You already have a label called \"{taken.Name}\".");
        }
    }

    /// <summary>The derived keyword, or it with _2, _3, … when this user already has it (or the system uses it).</summary>
    private static string FreeKeyword(string wanted, List<LabelRecord> rows)
    {
        var taken = new HashSet<string>(rows.Select(r => r.Keyword).Concat(LabelRules.Thunderbird.Select(t => t.Keyword)), StringComparer.OrdinalIgnoreCase);
        var candidate = wanted;
        for (var n = 2; taken.Contains(candidate) || LabelRules.IsSystemKeyword(candidate); n++)
        {
            candidate = $"{wanted}_{n}";
        }

        return candidate;
    }

    private static bool IsThunderbird(string keyword) => ThunderbirdOrder(keyword) > 0;

    private static int ThunderbirdOrder(string keyword)
    {
        for (var i = 0; i < LabelRules.Thunderbird.Count; i++)
        {
            if (string.Equals(LabelRules.Thunderbird[i].Keyword, keyword, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return 0;
    }

    private void Raise(Action<string>? handlers, string user)
    {
        foreach (var handler in handlers?.GetInvocationList().Cast<Action<string>>() ?? [])
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Label {Keyword} created.")]
    private static partial void LogLabelCreated(ILogger logger, string keyword);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A tab listening for label changes failed ({Error}).")]
    private static partial void LogSubscriberFailed(ILogger logger, string error);
}
