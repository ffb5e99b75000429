using MailKit;
using Microsoft.Extensions.Logging;
using MimeKit;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Sending;

/// <summary>Sends a draft through SMTP with the user's credential, then files it in Sent and tidies up on IMAP; says which of these happened.</summary>
public sealed partial class SendService
{
    private readonly MailConnection _connection;
    private readonly DraftService _drafts;
    private readonly ILogger _logger;

    internal SendService(MailConnection connection, DraftService drafts, ILogger logger)
    {
        _connection = connection;
        _drafts = drafts;
        _logger = logger;
    }

    /// <summary>
    /// Sends the draft through SMTP, files a copy in Sent (unless the server does), removes the saved draft (every
    /// copy of its compose session) and marks the original answered/forwarded. If the server refuses, the draft is
    /// saved and the result says why (<see cref="SendOutcome.NotSent"/>, with where the draft is kept, so a retry
    /// replaces and then removes it). Once the server accepted the message the result is never "not sent": a Sent
    /// copy that fails is reported as <see cref="SendOutcome.SentNotFiled"/>. Throws <see cref="DraftValidationException"/>
    /// before anything leaves when recipients are invalid. <paramref name="refuseSender"/>, given the From address,
    /// answers a sentence when the user may not send as it: then nothing reaches SMTP and the draft is kept.
    /// </summary>
    public async Task<SendResult> SendAsync(Draft draft, SmtpSender sender, bool saveToSent = true, Func<string, string?>? refuseSender = null, CancellationToken cancellationToken = default)
    {
        using var message = MessageBuilder.ForSending(draft, DateTimeOffset.Now);
        if (refuseSender?.Invoke(message.From.Mailboxes.Single().Address) is { } refusal)
        {
            LogSenderRefused(_logger);
            return await KeepAsync(draft, refusal, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await sender.SendAsync(_connection.UserName, message, cancellationToken).ConfigureAwait(false);
        }
        catch (MailException ex)
        {
            return await KeepAsync(draft, ex.Failure, cancellationToken).ConfigureAwait(false);
        }

        return await AfterAcceptedAsync(draft, message, saveToSent).ConfigureAwait(false);
    }

    /// <summary>Not sent: the draft is saved (or stays where it was) and the result says why.</summary>
    private async Task<SendResult> KeepAsync(Draft draft, MailFailure reason, CancellationToken cancellationToken)
    {
        try
        {
            return SendResult.NotSent(reason, await _drafts.SaveDraftAsync(draft, cancellationToken).ConfigureAwait(false));
        }
        catch (MailException)
        {
            return SendResult.NotSent(reason, draft.SavedAs);
        }
    }

    /// <summary>What follows an accepted message, each step on its own so that none can turn the outcome into "not sent".</summary>
    private async Task<SendResult> AfterAcceptedAsync(Draft draft, MimeMessage message, bool saveToSent)
    {
        MailFailure? notFiled = null;
        if (saveToSent)
        {
            try
            {
                await _connection.RunAsync(async (context, ct) =>
                {
                    var sent = await context.GetSpecialFolderAsync(FolderRole.Sent, ct).ConfigureAwait(false);
                    await sent.AppendAsync(new AppendRequest(message, MessageFlags.Seen), ct).ConfigureAwait(false);
                }, CancellationToken.None, _drafts.UploadTimeout(draft)).ConfigureAwait(false);
            }
            catch (MailException ex)
            {
                LogNotFiled(_logger, ex.GetType().Name);
                notFiled = ex.Failure;
            }
        }

        try
        {
            await _connection.RunAsync((context, ct) => DraftService.RemoveDraftCopiesAsync(context, draft, null, ct), CancellationToken.None).ConfigureAwait(false);
        }
        catch (MailException ex)
        {
            LogDraftNotRemoved(_logger, ex.GetType().Name);
        }

        if (draft.Reply is { } reply)
        {
            try
            {
                await _connection.RunAsync(async (context, ct) =>
                {
                    var folder = await context.OpenForAsync(reply.Original, ct).ConfigureAwait(false);
                    var request = reply.Kind is ReplyKind.Reply or ReplyKind.ReplyAll
                        ? new StoreFlagsRequest(StoreAction.Add, MessageFlags.Answered)
                        : new StoreFlagsRequest(StoreAction.Add, MessageFlags.None) { Keywords = { "$Forwarded" } };
                    await folder.StoreAsync(new UniqueId(reply.Original.UidValidity, reply.Original.Uid), request, ct).ConfigureAwait(false);
                }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MailException ex)
            {
                // The original may be gone (deleted meanwhile); the reply left all the same.
                LogOriginalNotMarked(_logger, ex.GetType().Name);
            }
        }

        return notFiled is null ? SendResult.Sent : SendResult.NotFiled(MailFailure.NotFiled(notFiled));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message was refused before SMTP: its From address is not one the user may send as")]
    private static partial void LogSenderRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sent message could not be filed in Sent ({Error})")]
    private static partial void LogNotFiled(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The draft of a sent message could not be removed ({Error})")]
    private static partial void LogDraftNotRemoved(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The original of a sent reply or forward could not be marked ({Error})")]
    private static partial void LogOriginalNotMarked(ILogger logger, string error);
}
