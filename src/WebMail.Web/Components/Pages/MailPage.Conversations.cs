using Microsoft.AspNetCore.Components;
using WebMail.Web.Components.Mail;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Pages;

/// <summary>The Conversations / Messages choice: a per-user preference in the settings database, so it follows the user.</summary>
public partial class MailPage
{
    private ConversationList? _conversationList;

    [Inject]
    private ListViewPreferenceStore ListViews { get; set; } = default!;

    /// <summary>The list shows conversations (and the reader the open message's conversation) instead of messages.</summary>
    private bool Conversations { get; set; }

    /// <summary>Conversations are the plain folder's view; a search, filter or sort lists the messages it found.</summary>
    private bool ShowConversations => Conversations && Query.IsPlainFolder;

    private async Task LoadListViewAsync(string user) => Conversations = await ListViews.ConversationsAsync(user);

    private async Task ToggleConversationsAsync()
    {
        Conversations = !Conversations;
        if (UserName is { } user)
        {
            await ListViews.SetConversationsAsync(user, Conversations);
        }
    }

    /// <summary>Reloads whichever list is shown, after a change to its folder.</summary>
    private Task RefreshListAsync() =>
        (ShowConversations ? _conversationList?.RefreshAsync() : _list?.RefreshAsync()) ?? Task.CompletedTask;
}
