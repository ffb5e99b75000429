using Microsoft.Extensions.Localization;
using WebMail.Mail;
using WebMail.Mail.Compose;
using WebMail.Mail.Lists;
using WebMail.Web.Localization;
using WebMail.Web.Mail;
using WebMail.Web.Resources;

namespace WebMail.Web.Unsubscribe;

/// <summary>
/// One tab's unsubscribe: the one-click POST by the server, or the mailto: message sent for the user through the
/// ordinary send path; counted against the user's hourly allowance. Logs say which way and how it went, never the
/// list, the address or the URI.
/// </summary>
public sealed partial class UnsubscribeService(MailboxState mailbox, OneClickUnsubscriber oneClick, UnsubscribeLimiter limiter, IStringLocalizer<Strings> l, ILogger<UnsubscribeService> logger)
{
    public async Task<UnsubscribeOutcome> UnsubscribeAsync(ListUnsubscribe list, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        var user = await mailbox.GetUserNameAsync();
        if (list.Method == UnsubscribeMethod.WebPage)
        {
            throw new InvalidOperationException("A web page is opened by the browser, not by the server.");
        }

        if (!await limiter.TryTakeAsync(user))
        {
            LogLimited(logger);
            return new UnsubscribeOutcome(false, l["You have unsubscribed from many lists in the last hour. Try again later."]);
        }

        var outcome = list.Method == UnsubscribeMethod.OneClick
            ? await oneClick.PostAsync(list.Web!, cancellationToken)
            : await MailAsync(list.Mailto!);
        LogOutcome(logger, list.Method, outcome.Done);
        return outcome;
    }

    private async Task<UnsubscribeOutcome> MailAsync(MailtoUnsubscribe target)
    {
        try
        {
            var draft = new Draft(await mailbox.GetUserNameAsync(), target.Address, "", "", target.Subject, null, target.Body, []);
            var result = await mailbox.SendAsync(draft);
            return result.Delivered
                ? new UnsubscribeOutcome(true, l["Unsubscribe request sent to {0}.", target.Address])
                : new UnsubscribeOutcome(false, l["The unsubscribe message was not sent: {0}", result.Reason ?? ""]);
        }
        catch (MailException ex)
        {
            return new UnsubscribeOutcome(false, l["The unsubscribe message was not sent: {0}", MailSentences.Of(ex, l)]);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribe ({Method}) done: {Done}")]
    private static partial void LogOutcome(ILogger logger, UnsubscribeMethod method, bool done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unsubscribe refused: the user's hourly allowance is used up")]
    private static partial void LogLimited(ILogger logger);
}
