using System.Data.Common;
using Microsoft.Extensions.Localization;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Receipts;
using WebMail.Web.Data;
using WebMail.Web.Localization;
using WebMail.Web.Mail;
using WebMail.Web.Resources;

namespace WebMail.Web.Unsubscribe;

/// <summary>
/// One tab's read receipts: whether to ask about an open message, and the user's Send or Ignore. A receipt is never
/// sent without the user's click; either answer is remembered on the message (<c>$MDNSent</c>).
/// </summary>
public sealed partial class ReadReceiptService(MailboxState mailbox, OrganizeSettingsStore settings, IStringLocalizer<Strings> l, ILogger<ReadReceiptService> logger)
{
    /// <summary>
    /// True when <paramref name="view"/> asks for a receipt not yet answered, is not the user's own (sender, Sent or
    /// Drafts) and the user did not choose "never ask".
    /// </summary>
    public async Task<bool> ShouldAskAsync(MessageView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        var role = mailbox.Folders.FirstOrDefault(f => f.Path == view.Id.Folder)?.Role;
        if (!ReadReceipts.IsPending(view) || role is FolderRole.Sent or FolderRole.Drafts || await mailbox.IsOwnAddressAsync(view.From))
        {
            return false;
        }

        try
        {
            return !(await settings.GetOrganizeSettingsAsync(await mailbox.GetUserNameAsync(), cancellationToken)).NeverAskReadReceipts;
        }
        catch (DbException)
        {
            return true; // asking is harmless: nothing is sent without the user's click
        }
    }

    /// <summary>Sends the receipt; the sentence says what happened.</summary>
    public async Task<(bool Done, string Sentence)> SendAsync(MessageView view)
    {
        try
        {
            await mailbox.SendReadReceiptAsync(view);
            LogAnswered(logger, true);
            return (true, l["Read receipt sent."]);
        }
        catch (MailException ex)
        {
            return (false, l["The read receipt was not sent: {0}", MailSentences.Of(ex, l)]);
        }
    }

    /// <summary>Ignores the request for good (in every tab and client); the sentence says if that could not be kept.</summary>
    public async Task<(bool Done, string? Sentence)> IgnoreAsync(MessageView view)
    {
        try
        {
            await mailbox.MarkReceiptHandledAsync(view.Id);
            LogAnswered(logger, false);
            return (true, null);
        }
        catch (MailException ex)
        {
            return (false, l["Could not remember your choice: {0}", MailSentences.Of(ex, l)]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A read receipt request was answered (sent: {Sent})")]
    private static partial void LogAnswered(ILogger logger, bool sent);
}
