using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using WebMail.Mail;
using WebMail.Mail.Actions;
using WebMail.Mail.Model;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;
using WebMail.Web.Localization;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Pages;

/// <summary>
/// Acting on many messages: the rows picked in the list, the bulk toolbar, rows dropped on folders, the undo toast,
/// and where the reader goes when the open message leaves the list (the next one, the previous one, or the list).
/// </summary>
public partial class MailPage
{
    private ListSelection _selection = new();
    private ListQuery? _selectionQuery;
    private string? _progress;
    private bool _busy;
    private DotNetObjectReference<MailPage>? _self;

    [Inject]
    private ActionFeedback Feedback { get; set; } = default!;

    /// <summary>A new list (folder, search, sort, filter) starts with nothing picked.</summary>
    private void KeepSelectionFor(ListQuery query)
    {
        if (_selectionQuery is not null && _selectionQuery != query)
        {
            _selection.Changed -= OnSelectionChanged;
            _selection = new ListSelection();
        }

        if (_selectionQuery is null || _selectionQuery != query)
        {
            _selection.Changed += OnSelectionChanged;
        }

        _selectionQuery = query;
    }

    /// <summary>The toolbar follows what is picked (the rows re-render through the list).</summary>
    private void OnSelectionChanged() => _ = InvokeAsync(async () =>
    {
        StateHasChanged();
        if (!_selection.IsEmpty)
        {
            try
            {
                await CheckLabelsAllowedAsync();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        }
    });

    private string SelectionWhere => Query switch
    {
        { Search: not null, AllFolders: true } or { AllFolders: true } => L["in all folders"],
        { Search: not null } or { Filter: not ListFilter.None } => L["in this search"],
        _ => L["in {0}", CurrentFolderName],
    };

    private bool InJunk => CurrentFolder?.Role == FolderRole.Junk && !Query.AllFolders;

    private void PickView()
    {
        if (_list is not null)
        {
            _selection.PickAll(_list.RowsInView());
        }
    }

    /// <summary>What the picked rows are, for the mail layer: the messages, or "all this list matches" minus some.</summary>
    private MessageSelection PickedMessages() => _selection.AllMatching
        ? MessageSelection.All(Query, _selection.Except.ToHashSet())
        : new MessageSelection(_selection.Picked.ToList());

    /// <summary>The folder menu's "Mark all as read": one command for the folder, undoable (only the unread go back).</summary>
    private async Task MarkAllReadAsync(string folder)
    {
        try
        {
            var receipt = await Mailbox.MarkAllReadAsync(folder);
            Feedback.Show(Sentence(receipt), receipt.CanUndo ? () => UndoAsync(receipt) : null, problem: receipt.Failed > 0);
        }
        catch (MailException ex)
        {
            Feedback.Show(MailSentences.Of(ex, L), problem: true);
        }
    }

    /// <summary>The folder menu's "Empty" (Trash and Junk only; the menu asked first): deleted for good, no undo.</summary>
    private async Task EmptyFolderAsync(string folder)
    {
        try
        {
            var count = await Mailbox.EmptyFolderAsync(folder);
            var name = Folders.FirstOrDefault(f => f.Path == folder)?.Name ?? folder;
            Feedback.Show(count == 1 ? L["Deleted 1 message from {0} for good", name] : L["Deleted {0} messages from {1} for good", count.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), name]);
            if (SelectedId is { } open && open.Folder == folder)
            {
                Navigation.NavigateTo(ListUrl.For(Query));
            }
        }
        catch (Exception ex) when (ex is MailException or InvalidOperationException)
        {
            Feedback.Show(MailSentences.Of(ex, L), problem: true);
        }
    }

    /// <summary>The reader's own buttons (Archive, Delete, Spam, Move): the open message alone, with undo and moving on.</summary>
    private Task ActOnOpenAsync(BulkCommand command) =>
        SelectedId is { } id ? ActOnAsync(MessageSelection.Of(id), command, clearSelection: false) : Task.CompletedTask;

    private Task RunBulkAsync(BulkCommand command) => ActOnAsync(PickedMessages(), command, clearSelection: true);

    /// <summary>Rows dragged onto a folder of the tree (the picked rows, or the one row dragged).</summary>
    [JSInvokable]
    public Task DropOnFolder(string folder, string href, bool picked, bool copy) => InvokeAsync(async () =>
    {
        var selection = picked && !_selection.IsEmpty ? PickedMessages()
            : MessageRef.TryParse(href.Split('?')[0].Split('/')[^1], out var id) ? MessageSelection.Of(id)
            : null;
        if (selection is not null)
        {
            await ActOnAsync(selection, new BulkCommand(copy ? BulkKind.Copy : BulkKind.Move, folder), clearSelection: picked);
        }
    });

    /// <summary>
    /// Runs one action on <paramref name="messages"/>: progress while it runs, a toast with Undo when it is done (a
    /// sentence naming what failed, when some did), the reader moved on when the open message left the list.
    /// </summary>
    private async Task ActOnAsync(MessageSelection messages, BulkCommand command, bool clearSelection)
    {
        if (_busy)
        {
            return;
        }

        var leaves = command.Kind is BulkKind.Move or BulkKind.Archive or BulkKind.Spam or BulkKind.NotSpam or BulkKind.Delete;
        var open = SelectedId;
        var openLeaves = leaves && open is { } o && (messages.AllOf is not null ? messages.Except?.Contains(o) != true : messages.Messages.Contains(o));
        var neighbours = openLeaves && _list is not null ? _list.NeighboursOf(open!.Value, messages.Messages.ToHashSet()) : (null, null);
        _busy = true;
        _progress = Verb(command.Kind) + "…";
        StateHasChanged();
        var progress = new Progress<BulkProgress>(p => _ = InvokeAsync(() =>
        {
            _progress = L["{0}… {1} of {2}", Verb(command.Kind), p.Done.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), p.Total.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)];
            StateHasChanged();
        }));
        try
        {
            var receipt = await RunAsync(command, messages, progress);
            Feedback.Show(Sentence(receipt), receipt.CanUndo ? () => UndoAsync(receipt) : null, problem: receipt.Failed > 0);
            if (clearSelection && leaves)
            {
                _selection.Clear();
            }

            if (openLeaves && receipt.Failed == 0)
            {
                await GoAfterMoveAsync(neighbours.Item1, neighbours.Item2);
            }
        }
        catch (MailSignedOutException)
        {
            Navigation.NavigateTo("account/login", forceLoad: true);
        }
        catch (MailException ex)
        {
            Feedback.Show(MailSentences.Of(ex, L), problem: true);
        }
        finally
        {
            _busy = false;
            _progress = null;
            StateHasChanged();
        }
    }

    private Task<ActionReceipt> RunAsync(BulkCommand command, MessageSelection messages, IProgress<BulkProgress> progress) => command.Kind switch
    {
        BulkKind.Read => Mailbox.BulkSetSeenAsync(messages, true, progress),
        BulkKind.Unread => Mailbox.BulkSetSeenAsync(messages, false, progress),
        BulkKind.Flag => Mailbox.BulkSetFlaggedAsync(messages, true, progress),
        BulkKind.Unflag => Mailbox.BulkSetFlaggedAsync(messages, false, progress),
        BulkKind.Label => Mailbox.SetKeywordAsync(messages, command.Keyword!, true, progress),
        BulkKind.Unlabel => Mailbox.SetKeywordAsync(messages, command.Keyword!, false, progress),
        BulkKind.Move => Mailbox.BulkMoveAsync(messages, command.Folder!, progress),
        BulkKind.Copy => Mailbox.CopyAsync(messages, command.Folder!, progress),
        BulkKind.Archive => Mailbox.ArchiveAsync(messages, _organize.ArchivePerYear, progress),
        BulkKind.Spam => Mailbox.SetSpamAsync(messages, true, progress),
        BulkKind.NotSpam => Mailbox.SetSpamAsync(messages, false, progress),
        _ => Mailbox.BulkDeleteAsync(messages, progress),
    };

    private async Task<string> UndoAsync(ActionReceipt receipt)
    {
        var undone = await Mailbox.UndoAsync(receipt);
        var sentence = ReceiptSentences.Of(undone, L);
        return undone.Missing > 0 ? L["{0} ({1} had been moved or deleted meanwhile)", sentence, undone.Missing.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)] : sentence;
    }

    private string Sentence(ActionReceipt receipt) => ReceiptSentences.Of(receipt, L);

    private string Verb(BulkKind kind) => kind switch
    {
        BulkKind.Read or BulkKind.Unread or BulkKind.Flag or BulkKind.Unflag => L["Marking"],
        BulkKind.Label => L["Labelling"],
        BulkKind.Unlabel => L["Removing the label"],
        BulkKind.Copy => L["Copying"],
        BulkKind.Archive => L["Archiving"],
        BulkKind.Spam => L["Moving to Junk"],
        BulkKind.NotSpam => L["Moving to Inbox"],
        BulkKind.Delete => L["Deleting"],
        _ => L["Moving"],
    };

    /// <summary>The open message left the list: show the next (or previous) one, or the list, as the user chose.</summary>
    private Task GoAfterMoveAsync(MessageRef? next, MessageRef? previous)
    {
        var target = _organize.AfterMove switch
        {
            AfterMoveAction.Previous => previous ?? next,
            AfterMoveAction.List => null,
            _ => next ?? previous,
        };
        // Shown at once: the address follows after a browser round trip, and the server's news that the old message
        // left (which sends a reader whose message is gone back to the list) may come before it.
        SelectedId = target;
        _focusAfterMove = true;
        Navigation.NavigateTo(target is { } id ? ListUrl.For(Query, id) : ListUrl.For(Query));
        return Task.CompletedTask;
    }
}
