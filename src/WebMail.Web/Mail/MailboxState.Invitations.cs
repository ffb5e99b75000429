using MimeKit;
using WebMail.Mail;
using WebMail.Mail.Calendar;
using WebMail.Mail.Model;

namespace WebMail.Web.Mail;

/// <summary>Calendar invitations for this tab: read the open message's invitation, and answer it as the user.</summary>
public sealed partial class MailboxState
{
    /// <summary>The invitation of an open message (which must have a calendar part), with the answer already given.</summary>
    public async Task<InvitationRead> ReadInvitationAsync(MessageView view, CancellationToken cancellationToken = default) =>
        await new InvitationService(await SessionAsync(), logger).ReadAsync(view.Id, view.Calendar!, cancellationToken);

    /// <summary>The addresses that are the user's: the sign-in address and every identity.</summary>
    public async Task<IReadOnlyList<string>> GetOwnAddressesAsync()
    {
        var session = await SessionAsync();
        try
        {
            return [.. (await identities.ListAsync(session.UserName)).Select(i => i.Address)];
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            LogInvitationIdentitiesFailed(logger, ex.GetType().Name);
            return [session.UserName];
        }
    }

    /// <summary>
    /// Sends the iMIP REPLY as <paramref name="attendee"/> (one of the user's addresses) to the organiser, with the
    /// identity's display name. Throws a <see cref="MailException"/> with a sentence when it could not be sent (the
    /// user may not send as that address, or the server refused); returns a sentence when a later step failed.
    /// </summary>
    public async Task<MailFailure?> AnswerInvitationAsync(MessageView view, Invitation invitation, InvitationAttendee attendee, InvitationAnswer answer)
    {
        var session = await SessionAsync();
        if (senders.AnswerRefusal(session.UserName, attendee.Address) is { } refusal)
        {
            throw new MailCommandException(refusal);
        }

        string? name = null;
        try
        {
            name = (await identities.ListAsync(session.UserName)).FirstOrDefault(i => string.Equals(i.Address, attendee.Address, StringComparison.OrdinalIgnoreCase))?.DisplayName;
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // Without the settings database the attendee's name from the invitation is used.
            LogInvitationIdentitiesFailed(logger, ex.GetType().Name);
        }

        return await new InvitationService(session, logger).AnswerAsync(
            view.Id, invitation, attendee, answer, string.IsNullOrWhiteSpace(name) ? null : name, view.Headers[HeaderId.MessageId], sender, compose.Value.SaveToSent);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The user's identities could not be read for an invitation ({Error}); only the sign-in address counts as theirs.")]
    private static partial void LogInvitationIdentitiesFailed(ILogger logger, string error);
}
