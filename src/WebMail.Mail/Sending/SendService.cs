using MailKit;
using WebMail.Mail.Compose;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Mail.Sending;

/// <summary>Sends a draft through SMTP with the user's credential, then files it in Sent and tidies up on IMAP.</summary>
public sealed class SendService
{
    private readonly MailConnection _connection;
    private readonly DraftService _drafts;

    internal SendService(MailConnection connection, DraftService drafts)
    {
        _connection = connection;
        _drafts = drafts;
    }

    /// <summary>
    /// Sends the draft through SMTP, files a copy in Sent (unless the server does), removes the saved draft and
    /// marks the original answered/forwarded. If the server refuses, the draft is saved and the server's reason is
    /// thrown as a <see cref="MailException"/>.
    /// </summary>
    public async Task SendAsync(Draft draft, SmtpSender sender, bool saveToSent = true, CancellationToken cancellationToken = default)
    {
        var message = MessageBuilder.ForSending(draft, DateTimeOffset.Now);
        try
        {
            await sender.SendAsync(_connection.UserName, message, cancellationToken).ConfigureAwait(false);
        }
        catch (MailException)
        {
            await _drafts.SaveDraftAsync(draft, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await _connection.RunAsync(async (context, ct) =>
        {
            if (saveToSent)
            {
                var sent = await context.GetSpecialFolderAsync(FolderRole.Sent, ct).ConfigureAwait(false);
                await sent.AppendAsync(new AppendRequest(message, MessageFlags.Seen), ct).ConfigureAwait(false);
            }

            if (draft.SavedAs is { } saved)
            {
                await context.DeleteForGoodAsync(saved, ct).ConfigureAwait(false);
            }

            if (draft.Reply is { } reply)
            {
                var folder = await context.OpenForAsync(reply.Original, ct).ConfigureAwait(false);
                var request = reply.Kind is ReplyKind.Reply or ReplyKind.ReplyAll
                    ? new StoreFlagsRequest(StoreAction.Add, MessageFlags.Answered)
                    : new StoreFlagsRequest(StoreAction.Add, MessageFlags.None) { Keywords = { "$Forwarded" } };
                await folder.StoreAsync(new UniqueId(reply.Original.UidValidity, reply.Original.Uid), request, ct).ConfigureAwait(false);
            }
        }, CancellationToken.None, _drafts.UploadTimeout(draft)).ConfigureAwait(false);
    }
}
