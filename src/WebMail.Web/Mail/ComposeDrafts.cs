using WebMail.Mail.Compose;
using WebMail.Mail.Html;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;

namespace WebMail.Web.Mail;

/// <summary>
/// Saves compose copies to the user's Drafts folder through the user's IMAP session (leased from the pool, so
/// it works without the tab's circuit: for a beacon, a closed tab, or at shutdown), and finds a compose
/// session's draft again by its id.
/// </summary>
public sealed partial class ComposeDrafts(ImapSessionPool pool, MailHtmlSanitizer sanitizer, TimeProvider time, ILogger<ComposeDrafts> logger)
{
    /// <summary>Saves the copy as it stands (one save at a time per copy); false when it was sent meanwhile.</summary>
    public async Task<bool> SaveAsync(ComposeSession session, CancellationToken cancellationToken = default)
    {
        await session.SaveLock.WaitAsync(cancellationToken);
        try
        {
            if (session.Closed)
            {
                return false;
            }

            var (draft, changes) = session.Snapshot(Sanitize);
            using var lease = pool.Lease(session.UserName);
            var at = await lease.Session.Drafts.SaveDraftAsync(draft, cancellationToken);
            session.MarkSaved(at, changes, time.GetLocalNow());
            LogSaved(logger, draft.TextBody.Length);
            return true;
        }
        finally
        {
            session.SaveLock.Release();
        }
    }

    /// <summary>The newest draft saved for <paramref name="composeId"/>, opened (attachments in <paramref name="tempDirectory"/>), or null.</summary>
    public async Task<Draft?> OpenLatestAsync(string userName, Guid composeId, string tempDirectory, CancellationToken cancellationToken = default)
    {
        using var lease = pool.Lease(userName);
        return (await lease.Session.Drafts.OpenLatestDraftAsync(composeId, tempDirectory, cancellationToken))?.Draft;
    }

    /// <summary>
    /// A beacon whose tab has no copy on this server any more (the app restarted, or the copy was retired):
    /// its whole body replaces the fields and text of the compose session's newest draft, keeping that draft's
    /// attachments and reply context; a new draft when there is none.
    /// </summary>
    public async Task SaveBeaconAsync(string userName, ComposeBeacon beacon, CancellationToken cancellationToken = default)
    {
        var temp = ComposeRegistry.NewTempDirectory();
        try
        {
            using var lease = pool.Lease(userName);
            var draft = (await lease.Session.Drafts.OpenLatestDraftAsync(beacon.Id, temp, cancellationToken))?.Draft ?? Draft.Empty(userName);
            draft = draft with
            {
                From = beacon.From ?? draft.From,
                To = beacon.To ?? draft.To,
                Cc = beacon.Cc ?? draft.Cc,
                Bcc = beacon.Bcc ?? draft.Bcc,
                Subject = beacon.Subject ?? draft.Subject,
                TextBody = beacon.FullText ?? "",
                HtmlBody = beacon.Rich ? Sanitize(beacon.FullHtml ?? "") : null,
                ComposeId = beacon.Id,
            };
            await lease.Session.Drafts.SaveDraftAsync(draft, cancellationToken);
            LogSaved(logger, draft.TextBody.Length);
        }
        finally
        {
            ComposeRegistry.DeleteTemp(temp);
        }
    }

    /// <summary>What the user wrote (or pasted) is sanitized like any mail HTML before it is stored or sent.</summary>
    public string? Sanitize(string html) =>
        string.IsNullOrWhiteSpace(html) ? null : sanitizer.Sanitize(html, new SanitizeOptions(true, _ => null)).Html;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Draft saved ({Length} characters of text)")]
    private static partial void LogSaved(ILogger logger, int length);
}
