using Microsoft.AspNetCore.Components;
using WebMail.Mail.Model;
using WebMail.Web.RemoteContent;

namespace WebMail.Web.Components.Mail;

/// <summary>The reader's remote-content choices: show once, always show from this sender, stop.</summary>
public partial class MessageReader
{
    private bool _senderTrusted;

    [Inject]
    private RemoteContentSenders Senders { get; set; } = default!;

    [Inject]
    private RemoteContentUrls RemoteUrls { get; set; } = default!;

    /// <summary>The administrator lets readers show remote content at all.</summary>
    private bool RemoteContentOffered => RemoteUrls.Mode != RemoteContentMode.Off;

    /// <summary>The user chose earlier to always show remote content from this message's sender.</summary>
    private async Task<bool> IsSenderTrustedAsync(MessageView view)
    {
        try
        {
            _senderTrusted = RemoteContentOffered && view.From is { } from
                && await Senders.IsTrustedAsync(Mailbox.UserName ?? "", from.Address, _cts.Token);
        }
        catch (System.Data.Common.DbException)
        {
            // The settings database did not answer: the message opens with remote content blocked, as for anyone.
            _senderTrusted = false;
        }

        return _senderTrusted;
    }

    private async Task AlwaysShowRemoteAsync()
    {
        if (_view?.From is { } from && Mailbox.UserName is { } user)
        {
            await Senders.TrustAsync(user, from.Address, _cts.Token);
            _senderTrusted = true;
        }

        await RenderAsync(allowRemote: true);
    }

    private async Task StopTrustingSenderAsync()
    {
        if (_view?.From is { } from && Mailbox.UserName is { } user)
        {
            await Senders.ForgetAsync(user, from.Address, _cts.Token);
        }

        _senderTrusted = false;
        await RenderAsync(allowRemote: false);
    }
}
