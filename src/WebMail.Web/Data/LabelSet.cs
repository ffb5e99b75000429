namespace WebMail.Web.Data;

/// <summary>A label as shown: the IMAP keyword, its name and its colour ("#rrggbb").</summary>
public sealed record LabelDefinition(string Keyword, string Name, string Colour);

/// <summary>One user's labels, in their order; answers which labels a message's keywords show.</summary>
public sealed class LabelSet
{
    public static readonly LabelSet Empty = new([]);

    private readonly Dictionary<string, LabelDefinition> _byKeyword;
    private readonly HashSet<string> _hidden;

    /// <param name="labels">The user's labels in order.</param>
    /// <param name="hiddenKeywords">Keywords never shown (Thunderbird labels the user deleted).</param>
    public LabelSet(IReadOnlyList<LabelDefinition> labels, IEnumerable<string>? hiddenKeywords = null)
    {
        All = labels;
        _byKeyword = new(StringComparer.OrdinalIgnoreCase);
        foreach (var label in labels)
        {
            _byKeyword.TryAdd(label.Keyword, label);
        }

        _hidden = new(hiddenKeywords ?? [], StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<LabelDefinition> All { get; }

    /// <summary>The label for this keyword (IMAP keywords compare case-insensitively), or null.</summary>
    public LabelDefinition? Find(string keyword) => _byKeyword.GetValueOrDefault(keyword);

    /// <summary>The label with this name, case-insensitively (for <c>label:Work</c>); its keyword also finds it.</summary>
    public LabelDefinition? ByName(string name)
    {
        var trimmed = name.Trim();
        return All.FirstOrDefault(l => string.Equals(l.Name, trimmed, StringComparison.OrdinalIgnoreCase)) ?? Find(trimmed);
    }

    /// <summary>
    /// The labels a message with these keywords shows: the known ones in the user's order, then keywords nobody named
    /// (named after themselves, in the neutral colour); system keywords and deleted Thunderbird labels are left out.
    /// </summary>
    public IReadOnlyList<LabelDefinition> Shown(IEnumerable<string> keywords)
    {
        List<LabelDefinition>? known = null, unknown = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var keyword in keywords)
        {
            if (string.IsNullOrEmpty(keyword) || LabelRules.IsSystemKeyword(keyword) || _hidden.Contains(keyword) || !seen.Add(keyword))
            {
                continue;
            }

            if (Find(keyword) is { } label)
            {
                (known ??= []).Add(label);
            }
            else
            {
                (unknown ??= []).Add(new LabelDefinition(keyword, keyword, LabelRules.NeutralColour));
            }
        }

        if (known is null && unknown is null)
        {
            return [];
        }

        var shown = known?.OrderBy(Position).ToList() ?? [];
        shown.AddRange(unknown ?? []);
        return shown;
    }

    private int Position(LabelDefinition label)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (ReferenceEquals(All[i], label))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
