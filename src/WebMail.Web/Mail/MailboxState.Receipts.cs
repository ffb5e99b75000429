using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Receipts;

namespace WebMail.Web.Mail;

/// <summary>Read receipts: who "me" is, sending the MDN as the user, and remembering the answer on the message.</summary>
public sealed partial class MailboxState
{
    /// <summary>Whether <paramref name="from"/> is the user (the login address or one of the identities).</summary>
    public async Task<bool> IsOwnAddressAsync(MailAddress? from)
    {
        if (from is null)
        {
            return false;
        }

        var user = await GetUserNameAsync();
        if (string.Equals(from.Address, user, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        try
        {
            return (await identities.ListAsync(user)).Any(i => string.Equals(i.Address, from.Address, StringComparison.OrdinalIgnoreCase));
        }
        catch (System.Data.Common.DbException)
        {
            return false; // the settings database is out of reach: only the login address counts
        }
    }

    /// <summary>
    /// Sends the RFC 8098 receipt for <paramref name="view"/> from the user's address through the submission server,
    /// then marks the message <c>$MDNSent</c>. Throws <see cref="WebMail.Mail.MailException"/> with a sentence when
    /// the server refuses (nothing is marked then).
    /// </summary>
    public async Task SendReadReceiptAsync(MessageView view, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        var session = await SessionAsync();
        if (senders.Refusal(session.UserName, session.UserName) is { } refusal)
        {
            throw new WebMail.Mail.MailCommandException(refusal);
        }

        await session.SendReadReceiptAsync(sender, view, new MailboxAddress(null, session.UserName), cancellationToken);
    }

    /// <summary>Remembers on the server (keyword <c>$MDNSent</c>) that the request was answered or ignored, for every tab and client.</summary>
    public async Task MarkReceiptHandledAsync(MessageRef id) => await (await SessionAsync()).MarkReceiptHandledAsync(id);
}
