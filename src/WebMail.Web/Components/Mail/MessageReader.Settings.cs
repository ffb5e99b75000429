using System.Data.Common;
using WebMail.Web.Data;

namespace WebMail.Web.Components.Mail;

/// <summary>The user's reading settings (when an opened message is marked read), read again when another tab changes them.</summary>
public partial class MessageReader
{
    /// <summary>How long the body must be on screen before the message is marked read; null: never.</summary>
    internal static TimeSpan? MarkAsReadAfter(OrganizeSettings settings) => settings.MarkAsRead switch
    {
        MarkAsReadMode.AtOnce => TimeSpan.Zero,
        MarkAsReadMode.AfterDelay => TimeSpan.FromSeconds(settings.MarkAsReadDelaySeconds),
        _ => null,
    };

    /// <summary>Reads the settings; when they cannot be read the message is simply not marked read.</summary>
    private async Task LoadSettingsAsync()
    {
        if (Mailbox.UserName is not { } user)
        {
            return;
        }

        try
        {
            _settings = await Settings.GetOrganizeSettingsAsync(user, _cts.Token);
        }
        catch (DbException)
        {
            // The settings database did not answer: nothing is marked read by opening (the user can still "Mark read").
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The reader closed meanwhile.
        }
    }

    /// <summary>Another tab changed the settings: a message still unread and not yet scheduled follows the new choice.</summary>
    private void OnSettingsChanged(string user)
    {
        if (user != Mailbox.UserName)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            try
            {
                await LoadSettingsAsync();
                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        });
    }
}
