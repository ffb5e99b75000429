using Microsoft.AspNetCore.Components;
using WebMail.Mail.Model;

namespace WebMail.Web.Components.Mail;

/// <summary>Picking rows (checkboxes, Shift ranges over rows not drawn yet) and the rows around the open one.</summary>
public partial class MessageList
{
    private ListSelection? _watchedSelection;

    /// <summary>The rows the user picked in this list (owned by the page: its toolbar acts on them).</summary>
    [Parameter]
    public ListSelection? Selection { get; set; }

    /// <summary>The user's labels, shown on rows by name and colour.</summary>
    [Parameter]
    public WebMail.Web.Data.LabelSet? Labels { get; set; }

    /// <summary>How many messages the list holds, as last read.</summary>
    public int Total => _total;

    private void WatchSelection()
    {
        if (_watchedSelection == Selection)
        {
            return;
        }

        if (_watchedSelection is not null)
        {
            _watchedSelection.Changed -= OnSelectionChanged;
        }

        _watchedSelection = Selection;
        if (Selection is not null)
        {
            Selection.Changed += OnSelectionChanged;
        }
    }

    private void OnSelectionChanged() => _ = InvokeAsync(StateHasChanged);

    /// <summary>A row's checkbox: toggles it, or with Shift picks every row from the last one picked.</summary>
    private async Task PickAsync(RowPick pick)
    {
        if (Selection is not { } selection || _virtualize is not { } rows)
        {
            return;
        }

        var index = rows.IndexOf(r => r.Id == pick.Id);
        if (index < 0)
        {
            return;
        }

        if (!pick.Shift || selection.Anchor is null)
        {
            selection.Toggle(pick.Id, index);
            return;
        }

        var (start, count) = selection.RangeTo(index);
        var ids = new List<MessageRef>(count);
        for (var i = start; i < start + count && rows.TryGetLoaded(i, out var row); i++)
        {
            ids.Add(row.Id);
        }

        if (ids.Count < count)
        {
            // Part of the range is not drawn (scrolled far): its rows are read, as a scroll there would.
            var page = await Mailbox.GetListPageAsync(Query, start, count, _reads.Token);
            ids = page.Rows.Select(r => r.Id).ToList();
        }

        selection.PickRange(index, ids);
    }

    /// <summary><c>x</c> on a row: picks or unpicks it, as its checkbox would.</summary>
    public Task TogglePickAsync(MessageRef id) => PickAsync(new RowPick(id, Shift: false));

    /// <summary>The row of <paramref name="id"/> as last read, when the list holds it (flags for <c>s</c>).</summary>
    public MessageRow? LoadedRow(MessageRef id) =>
        _virtualize is { } rows && rows.IndexOf(r => r.Id == id) is var at && at >= 0 && rows.TryGetLoaded(at, out var row) ? row : null;

    /// <summary>The rows in view (what the header checkbox picks).</summary>
    public IReadOnlyList<MessageRef> RowsInView() => _virtualize?.RowsDrawn().Select(r => r.Id).ToList() ?? [];

    /// <summary>
    /// The rows after and before <paramref name="id"/> that stay when <paramref name="leaving"/> leave the list: where
    /// the reader goes after the open message is moved or deleted. Null where the list has no such row read.
    /// </summary>
    public (MessageRef? Next, MessageRef? Previous) NeighboursOf(MessageRef id, IReadOnlySet<MessageRef> leaving)
    {
        if (_virtualize is not { } rows)
        {
            return (null, null);
        }

        var at = rows.IndexOf(r => r.Id == id);
        if (at < 0)
        {
            return (null, null);
        }

        MessageRef? next = null, previous = null;
        for (var i = at + 1; rows.TryGetLoaded(i, out var row); i++)
        {
            if (!leaving.Contains(row.Id))
            {
                next = row.Id;
                break;
            }
        }

        for (var i = at - 1; i >= 0 && rows.TryGetLoaded(i, out var row); i--)
        {
            if (!leaving.Contains(row.Id))
            {
                previous = row.Id;
                break;
            }
        }

        return (next, previous);
    }
}
