using MailKit;
using Microsoft.Extensions.Logging;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sending;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Calendar;

/// <summary>
/// A message's invitation over the user's one IMAP session: read (size-capped, with the answer the user already
/// gave, kept as a keyword on the message), and answered by an iMIP REPLY through the user's own SMTP login.
/// </summary>
public sealed partial class InvitationService(UserMailSession session, ILogger logger, TimeProvider? time = null)
{
    /// <summary>The largest calendar part read (decoded); a larger one is only offered for download.</summary>
    public const int MaxBytes = 1024 * 1024;

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Reads the invitation of <paramref name="id"/>: the part and the message's keywords in one turn of the session.</summary>
    public async Task<InvitationRead> ReadAsync(MessageRef id, CalendarPartInfo part, CancellationToken cancellationToken = default)
    {
        // The server's size is still transfer-encoded: base64 is a third larger than what it carries.
        var limit = string.Equals(part.TransferEncoding, "base64", StringComparison.OrdinalIgnoreCase) ? MaxBytes / 3 * 4 + 4096 : MaxBytes;
        if (part.EncodedSize > limit)
        {
            LogTooLarge(logger, part.EncodedSize);
            return new InvitationRead(null, "This invitation is too large to show. You can still download the .ics file.", null);
        }

        var (raw, keywords) = await session.Connection.RunAsync(async (context, ct) =>
        {
            var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
            var uid = new UniqueId(id.UidValidity, id.Uid);
            var flags = await folder.FetchAsync([uid], MessageSummaryItems.Flags, ct).ConfigureAwait(false);
            if (flags.Count == 0)
            {
                throw new MailItemNotFoundException(MailFailureKind.MessageGone);
            }

            var buffer = new MemoryStream();
            using (var stream = await folder.GetStreamAsync(uid, part.PartId, 0, limit + 1, ct).ConfigureAwait(false))
            {
                await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
            }

            buffer.Position = 0;
            return (buffer, (IEnumerable<string>)flags[0].Keywords);
        }, cancellationToken).ConfigureAwait(false);

        string text;
        using (raw)
        {
            // iMIP says UTF-8 when no charset is given (RFC 6047 §2.4).
            text = TextDecoding.Decode(raw, part.TransferEncoding, part.Charset ?? "utf-8").Text;
        }

        var (invitation, problem) = InvitationReader.Read(text, part.Method);
        if (problem is not null)
        {
            LogUnreadable(logger);
        }

        return new InvitationRead(invitation, problem, Invitations.AnsweredBy(keywords));
    }

    /// <summary>
    /// Sends the REPLY to the organiser as <paramref name="attendee"/>, then remembers the answer on the invitation
    /// (its keyword set, the other answers' removed) and files the reply in Sent when <paramref name="saveToSent"/>.
    /// Throws a <see cref="MailException"/> with the server's reason when the reply could not be sent; afterwards
    /// returns a sentence when a later step failed (the answer left all the same), else null.
    /// </summary>
    public async Task<MailFailure?> AnswerAsync(
        MessageRef id, Invitation invitation, InvitationAttendee attendee, InvitationAnswer answer, string? fromName, string? inReplyTo,
        SmtpSender sender, bool saveToSent, CancellationToken cancellationToken = default)
    {
        using var message = InvitationReply.Build(invitation, attendee, answer, fromName, _time.GetLocalNow(), inReplyTo);
        await sender.SendAsync(session.UserName, message, cancellationToken).ConfigureAwait(false);
        LogAnswered(logger, answer);

        MailFailure? note = null;
        try
        {
            await session.Connection.RunAsync(async (context, ct) =>
            {
                var folder = await context.OpenForAsync(id, ct).ConfigureAwait(false);
                var uid = new UniqueId(id.UidValidity, id.Uid);
                var others = Enum.GetValues<InvitationAnswer>().Where(a => a != answer).Select(Invitations.Keyword);
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Remove, MessageFlags.None) { Keywords = { others.First(), others.Last() } }, ct).ConfigureAwait(false);
                await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.None) { Keywords = { Invitations.Keyword(answer) } }, ct).ConfigureAwait(false);
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (MailException ex)
        {
            // The invitation may be gone, or its folder may take no keywords: the answer left all the same.
            LogNotRemembered(logger, ex.GetType().Name);
        }

        if (saveToSent)
        {
            try
            {
                await session.Connection.RunAsync(async (context, ct) =>
                {
                    var sent = await context.GetSpecialFolderAsync(FolderRole.Sent, ct).ConfigureAwait(false);
                    await sent.AppendAsync(new AppendRequest(message, MessageFlags.Seen), ct).ConfigureAwait(false);
                }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MailException ex)
            {
                LogNotFiled(logger, ex.GetType().Name);
                note = MailFailure.Of(MailFailureKind.AnswerNotFiled, ex.Failure);
            }
        }

        return note;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "An invitation of {Bytes} bytes is too large to read")]
    private static partial void LogTooLarge(ILogger logger, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "An invitation could not be read as iCalendar")]
    private static partial void LogUnreadable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "An invitation was answered ({Answer})")]
    private static partial void LogAnswered(ILogger logger, InvitationAnswer answer);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The answer to an invitation could not be kept on it ({Error})")]
    private static partial void LogNotRemembered(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An invitation reply could not be filed in Sent ({Error})")]
    private static partial void LogNotFiled(ILogger logger, string error);
}
