namespace WebMail.Mail.Model;

/// <summary>A folder as listed by the server, before ordering.</summary>
public sealed record FolderEntry(string Path, string Name, char Separator, FolderRole Role, int Total, int Unread, bool CanSelect, string? CountsProblem = null);

/// <summary>Orders a flat folder list into display order: Inbox, the special-use folders, then the rest by name, children under parents.</summary>
public static class FolderOrder
{
    private static readonly FolderRole[] RoleOrder = [FolderRole.Inbox, FolderRole.Drafts, FolderRole.Sent, FolderRole.Archive, FolderRole.Junk, FolderRole.Trash];

    /// <param name="prefix">The namespace or root every path starts with ("INBOX." on Courier): folders right under it are top level.</param>
    public static IReadOnlyList<FolderInfo> Order(IEnumerable<FolderEntry> entries, string prefix = "")
    {
        var list = entries.ToList();
        var byPath = list.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var children = new Dictionary<string, List<FolderEntry>>(StringComparer.Ordinal);
        var roots = new List<FolderEntry>();
        foreach (var e in list)
        {
            var cut = e.Separator == '\0' ? -1 : e.Path.LastIndexOf(e.Separator);
            var parent = cut > 0 && cut >= prefix.Length ? e.Path[..cut] : null;
            if (parent is not null && byPath.ContainsKey(parent))
            {
                (children.TryGetValue(parent, out var c) ? c : children[parent] = []).Add(e);
            }
            else
            {
                roots.Add(e);
            }
        }

        var result = new List<FolderInfo>(list.Count);
        foreach (var root in Sort(roots))
        {
            Walk(root, 0);
        }

        return result;

        void Walk(FolderEntry e, int depth)
        {
            var name = e.Role == FolderRole.Inbox ? "Inbox" : e.Name;
            result.Add(new FolderInfo(e.Path, name, depth, e.Role, e.Total, e.Unread, e.CanSelect, e.CountsProblem));
            if (children.TryGetValue(e.Path, out var kids))
            {
                foreach (var kid in kids.OrderBy(k => k.Name, StringComparer.CurrentCultureIgnoreCase))
                {
                    Walk(kid, depth + 1);
                }
            }
        }
    }

    private static IEnumerable<FolderEntry> Sort(List<FolderEntry> roots) =>
        roots.OrderBy(r => r.Role == FolderRole.None ? int.MaxValue : Array.IndexOf(RoleOrder, r.Role))
             .ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase);
}
