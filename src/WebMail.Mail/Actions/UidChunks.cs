using MailKit;
using MailKit.Search;

namespace WebMail.Mail.Actions;

/// <summary>The UIDs of one folder an action applies to, ascending and distinct.</summary>
internal sealed record FolderUids(string Folder, uint UidValidity, uint[] Uids);

/// <summary>
/// Splits a folder's UIDs into command-sized pieces: at most <see cref="MaxUids"/> UIDs and about
/// <see cref="MaxSetChars"/> characters of UID set (ranges count once), so a command line stays far below the
/// server's limit (Dovecot: 64 KB) and each command is short enough that the user's other clicks are not kept waiting.
/// </summary>
internal static class UidChunks
{
    public const int MaxUids = 5000;
    public const int MaxSetChars = 8000;

    public static IEnumerable<uint[]> Split(uint[] ascending, int maxUids = MaxUids, int maxChars = MaxSetChars)
    {
        var start = 0;
        var chars = 0;
        for (var i = 0; i < ascending.Length; i++)
        {
            var extendsRange = i > start && ascending[i] == ascending[i - 1] + 1;
            // A new range costs its digits and a comma; extending one costs at most its end's digits and a colon.
            var cost = extendsRange ? 0 : Digits(ascending[i]) + 1;
            if (extendsRange && (i + 1 == ascending.Length || ascending[i + 1] != ascending[i] + 1))
            {
                cost = Digits(ascending[i]) + 1;
            }

            if (i > start && (i - start >= maxUids || chars + cost > maxChars))
            {
                yield return ascending[start..i];
                start = i;
                chars = Digits(ascending[i]) + 1;
                continue;
            }

            chars += cost;
        }

        if (start < ascending.Length)
        {
            yield return ascending[start..];
        }
    }

    public static UniqueIdSet ToSet(uint validity, IEnumerable<uint> uids) =>
        new(uids.Select(u => new UniqueId(validity, u)), SortOrder.Ascending);

    /// <summary>The UIDs of a MailKit answer as an array (enumerated once: indexing a range set walks its ranges).</summary>
    public static uint[] ToArray(IEnumerable<UniqueId> uids) => [.. uids.Select(u => u.Id)];

    private static int Digits(uint value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
