using Microsoft.AspNetCore.Components;
using WebMail.Mail;
using WebMail.Mail.Conversations;
using WebMail.Mail.Model;
using WebMail.Web.Localization;
using WebMail.Web.Mail;

namespace WebMail.Web.Components.Mail;

/// <summary>
/// A conversation in the reader pane: its messages stacked oldest to newest (the user's replies from Sent and Drafts
/// among them, labelled), the newest and the unread ones open in a <see cref="MessageReader"/> each, the others one
/// line that opens on click. Actions on the whole apply to each of its messages in the folder being looked at.
/// </summary>
public partial class ConversationView
{
    private readonly CancellationTokenSource _cts = new();
    private readonly HashSet<MessageRef> _expanded = [];
    private readonly string _key = Guid.NewGuid().ToString("N")[..8];
    private ConversationThread? _thread;
    private string? _error;
    private string _moveTarget = "";

    [Inject]
    private MailboxState Mailbox { get; set; } = default!;

    /// <summary>Any message of the conversation in the folder being looked at (the list links to its newest).</summary>
    [Parameter, EditorRequired]
    public MessageRef Id { get; set; }

    [Parameter]
    public IReadOnlyList<FolderInfo> Folders { get; set; } = [];

    /// <summary>The conversation left this folder (deleted or moved).</summary>
    [Parameter]
    public EventCallback OnGone { get; set; }

    [Parameter]
    public Action<string>? OnError { get; set; }

    /// <summary>The conversation's messages in the folder being looked at: what actions on the whole apply to.</summary>
    private IEnumerable<ConversationMessage> InFolder => _thread?.Messages.Where(m => m.Id.Folder == Id.Folder) ?? [];

    private bool AnyUnread => InFolder.Any(m => !m.Seen);

    private bool AnyFlagged => InFolder.Any(m => m.Flagged);

    protected override async Task OnInitializedAsync()
    {
        Mailbox.MailboxChanged += OnMailboxChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            var thread = await Mailbox.OpenConversationAsync(Id, _cts.Token);
            if (_thread is null)
            {
                // Opened: the newest and every unread message open, the rest as one line each.
                _expanded.Add(thread.Messages[^1].Id);
            }

            foreach (var unread in thread.Messages.Where(m => !m.Seen && _thread?.Messages.Any(o => o.Id == m.Id) != true))
            {
                _expanded.Add(unread.Id);
            }

            _thread = thread;
        }
        catch (MailItemNotFoundException) when (_thread is not null)
        {
            await OnGone.InvokeAsync();
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // Closed while the conversation was on its way.
        }
    }

    private void Toggle(MessageRef id)
    {
        if (!_expanded.Remove(id))
        {
            _expanded.Add(id);
        }
    }

    private string Sender(ConversationMessage message) => message.FromMe ? "me" : message.From?.Display ?? "(unknown sender)";

    private string FolderLabel(ConversationMessage message) =>
        message.Id.Folder == Id.Folder ? "" : $" · {Folders.FirstOrDefault(f => f.Path == message.Id.Folder)?.Name ?? message.FolderRole.ToString()}";

    private Task SetSeenAsync(bool seen) => ForEachAsync(m => m.Seen != seen, m => Mailbox.SetSeenAsync(m.Id, seen), m => m with { Seen = seen });

    private Task SetFlaggedAsync(bool flagged) => ForEachAsync(m => m.Flagged != flagged, m => Mailbox.SetFlaggedAsync(m.Id, flagged), m => m with { Flagged = flagged });

    private async Task DeleteAsync()
    {
        await ForEachAsync(_ => true, m => Mailbox.DeleteAsync(m.Id), m => m);
        if (_error is null)
        {
            await OnGone.InvokeAsync();
        }
    }

    private async Task MoveAsync()
    {
        if (_moveTarget.Length == 0)
        {
            return;
        }

        var target = _moveTarget;
        await ForEachAsync(_ => true, m => Mailbox.MoveAsync(m.Id, target), m => m);
        if (_error is null)
        {
            await OnGone.InvokeAsync();
        }
    }

    /// <summary>Runs an action on each of the conversation's messages in this folder (the existing per-message actions).</summary>
    private async Task ForEachAsync(Func<ConversationMessage, bool> needed, Func<ConversationMessage, Task> action, Func<ConversationMessage, ConversationMessage> after)
    {
        if (_thread is null)
        {
            return;
        }

        _error = null;
        var messages = _thread.Messages.ToList();
        try
        {
            for (var i = 0; i < messages.Count; i++)
            {
                if (messages[i].Id.Folder == Id.Folder && needed(messages[i]))
                {
                    await action(messages[i]);
                    messages[i] = after(messages[i]);
                }
            }
        }
        catch (MailException ex)
        {
            _error = MailSentences.Of(ex, L);
            OnError?.Invoke(_error);
        }

        _thread = _thread with { Messages = messages };
    }

    /// <summary>A reply arrived or a message left: read the conversation again; flags are applied as they come.</summary>
    private void OnMailboxChanged(MailboxChange change)
    {
        if (_thread is null || change.CountsOnly || !_thread.Messages.Any(m => m.Id.Folder == change.Folder))
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                if (change.NewMessages.Count > 0 || change.Expunged)
                {
                    await LoadAsync();
                }
                else
                {
                    _thread = _thread with { Messages = [.. _thread.Messages.Select(m => change.FlagChanges.LastOrDefault(f => f.Id == m.Id) is { } f ? m with { Seen = f.Seen, Flagged = f.Flagged } : m)] };
                }

                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }

    public void Dispose()
    {
        Mailbox.MailboxChanged -= OnMailboxChanged;
        _cts.Cancel();
        _cts.Dispose();
    }
}
