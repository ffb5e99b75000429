using WebMail.Mail.Model;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// The messages the user picked in one list: single rows (checkbox, Ctrl+click, <c>x</c>), ranges (Shift+click from the
/// last row picked), or every message the list's query matches ("select all N"), then minus rows unpicked. Rows are
/// kept by their message (not their place), so mail arriving above a picked row keeps it picked. One per list: a new
/// query starts with nothing picked.
/// </summary>
public sealed class ListSelection
{
    private readonly HashSet<MessageRef> _picked = [];
    private readonly HashSet<MessageRef> _except = [];

    /// <summary>Raised after any change (to re-render rows and the toolbar).</summary>
    public event Action? Changed;

    /// <summary>Every message of the list is picked (beyond the rows in view), except <see cref="Except"/>.</summary>
    public bool AllMatching { get; private set; }

    /// <summary>The rows picked one by one (empty while <see cref="AllMatching"/>).</summary>
    public IReadOnlyCollection<MessageRef> Picked => _picked;

    /// <summary>With <see cref="AllMatching"/>: the rows unpicked after "select all".</summary>
    public IReadOnlySet<MessageRef> Except => _except;

    /// <summary>The row a Shift+click counts from: the last row picked or unpicked by itself.</summary>
    public int? Anchor { get; private set; }

    public bool IsEmpty => !AllMatching && _picked.Count == 0;

    public bool IsSelected(MessageRef id) => AllMatching ? !_except.Contains(id) : _picked.Contains(id);

    /// <summary>How many messages are picked, in a list of <paramref name="total"/>.</summary>
    public int Count(int total) => AllMatching ? Math.Max(0, total - _except.Count) : _picked.Count;

    /// <summary>Picks or unpicks one row (checkbox, Ctrl+click, <c>x</c>); it becomes the anchor of a later range.</summary>
    public void Toggle(MessageRef id, int index)
    {
        var set = AllMatching ? _except : _picked;
        if (!set.Add(id))
        {
            set.Remove(id);
        }

        Anchor = index;
        Changed?.Invoke();
    }

    /// <summary>
    /// Shift+click: picks every row from the anchor to <paramref name="index"/> (both included), added to what is picked.
    /// <paramref name="rows"/> are the messages at those places, read by the list (they may not all be drawn).
    /// Without an anchor it picks the one row.
    /// </summary>
    public void PickRange(int index, IReadOnlyList<MessageRef> rows)
    {
        foreach (var id in rows)
        {
            if (AllMatching)
            {
                _except.Remove(id);
            }
            else
            {
                _picked.Add(id);
            }
        }

        Anchor ??= index;
        Changed?.Invoke();
    }

    /// <summary>The places a Shift+click on <paramref name="index"/> covers, from the anchor (or the row alone).</summary>
    public (int Start, int Count) RangeTo(int index)
    {
        var from = Anchor ?? index;
        var start = Math.Min(from, index);
        return (start, Math.Abs(from - index) + 1);
    }

    /// <summary>Every message the list's query matches, also those not read yet.</summary>
    public void SelectAll()
    {
        AllMatching = true;
        _picked.Clear();
        _except.Clear();
        Changed?.Invoke();
    }

    /// <summary>Picks the rows in view (the header checkbox): what the user sees, not the whole folder.</summary>
    public void PickAll(IEnumerable<MessageRef> rows)
    {
        AllMatching = false;
        _except.Clear();
        _picked.UnionWith(rows);
        Changed?.Invoke();
    }

    public void Clear()
    {
        if (IsEmpty && _except.Count == 0 && Anchor is null)
        {
            return;
        }

        AllMatching = false;
        _picked.Clear();
        _except.Clear();
        Anchor = null;
        Changed?.Invoke();
    }

    /// <summary>Rows that left the list (moved, deleted, expunged elsewhere) are no longer picked.</summary>
    public void Forget(IEnumerable<MessageRef> gone)
    {
        var changed = false;
        foreach (var id in gone)
        {
            changed |= _picked.Remove(id) | _except.Remove(id);
        }

        if (changed)
        {
            Changed?.Invoke();
        }
    }
}
