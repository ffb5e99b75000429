using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using WebMail.Mail;
using WebMail.Mail.Credentials;
using WebMail.Mail.Sessions;
using WebMail.Web.Cluster;
using WebMail.Web.Localization;
using WebMail.Web.Resources;

namespace WebMail.Web.Account;

/// <summary>Checks a password against the IMAP server and, if it is right, signs the browser in.</summary>
public sealed partial class SignInHandler(
    ImapSessionPool pool, SignInStore store, SignInThrottle throttle, IOptions<ClusterOptions> cluster, IStringLocalizer<Strings> l, ILogger<SignInHandler> logger)
{
    /// <summary>Returns null on success, else the sentence to show on the sign-in page.</summary>
    public async Task<string?> SignInAsync(HttpContext context, string userName, string password)
    {
        if (userName.Any(char.IsControl) || password.Any(c => c is '\r' or '\n' or '\0'))
        {
            return "The user name or password is incorrect.";
        }

        var client = SignInThrottle.ClientAddress(context);
        var attempt = await throttle.BeginAsync(userName, client, context.RequestAborted);
        if (attempt.RetryAfter is { } retryAfter)
        {
            // The form page is still rendered (with the sentence), as a 429 a script or proxy understands.
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return attempt.LockedSentence(l);
        }

        var credential = new PasswordCredential(userName, password, client);
        try
        {
            // Alone, the checked connection becomes the session's; behind a proxy the session opens where the affinity cookie leads.
            await (cluster.Value.Clustered ? pool.CheckAsync(credential, context.RequestAborted) : pool.VerifyAsync(credential, context.RequestAborted));
        }
        catch (MailAuthenticationException ex)
        {
            await throttle.FailedAsync(attempt, context.RequestAborted);
            return MailSentences.Of(ex, l);
        }
        catch (MailException ex)
        {
            await throttle.AbandonedAsync(attempt, CancellationToken.None);
            LogSignInFailed(logger, ex.GetType().Name);
            return MailSentences.Of(ex, l);
        }
        catch
        {
            await throttle.AbandonedAsync(attempt, CancellationToken.None);
            throw;
        }

        await throttle.SucceededAsync(attempt, context.RequestAborted);
        var sid = await store.AddPasswordAsync(credential, SignInDevice.From(context).Browser, context.RequestAborted);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountExtensions.CreatePrincipal(userName, sid, "password"));
        return null;
    }

    /// <summary>Only local paths are followed after sign-in (no open redirect).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? url
            : "/";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in failed: {Reason}")]
    private static partial void LogSignInFailed(ILogger logger, string reason);
}
