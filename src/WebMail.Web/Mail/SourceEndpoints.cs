using System.Security.Claims;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Queries;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sessions;
using WebMail.Web.Localization;
using WebMail.Web.Resources;

namespace WebMail.Web.Mail;

/// <summary>
/// A message as the server stores it ("Show original", "Download .eml") and all its attachments as one .zip, each
/// streamed from IMAP to the response in chunks: nothing is held whole in memory, and nothing is ever rendered as HTML.
/// </summary>
public static partial class SourceEndpoints
{
    public static WebApplication MapWebMailSource(this WebApplication app)
    {
        var mail = app.MapGroup("/mail");
        mail.MapGet("/source/{message}", ServeSourceAsync).RequireAuthorization();
        mail.MapGet("/attachments/{message}.zip", ServeZipAsync).RequireAuthorization();
        return app;
    }

    private static async Task ServeSourceAsync(string message, string? download, HttpContext context, ImapSessionPool pool, ILoggerFactory loggers)
    {
        var asFile = download is "1" or "true";
        await ServeAsync(context, pool, message, loggers, async (session, id, info, response, ct) =>
        {
            // Bytes as stored, never transcoded; shown as UTF-8 text (what 8-bit mail mostly is), downloaded exactly.
            response.ContentType = asFile ? "message/rfc822" : "text/plain; charset=utf-8";
            if (asFile)
            {
                SetAttachment(response, SubjectFileName(info.Subject, ".eml", "message.eml"));
            }

            if (info.Size > 0)
            {
                response.ContentLength = info.Size;
            }

            await session.Messages.CopyRawToAsync(id, response.Body, ct);
        });
    }

    private static async Task ServeZipAsync(string message, HttpContext context, ImapSessionPool pool, ILoggerFactory loggers)
    {
        await ServeAsync(context, pool, message, loggers, async (session, id, info, response, ct) =>
        {
            if (info.Attachments.Count == 0)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            response.ContentType = "application/zip";
            SetAttachment(response, SubjectFileName(info.Subject, ".zip", "attachments.zip"));
            await AttachmentArchive.WriteAsync(session.Messages, id, info.Attachments, response.Body, ct);
        });
    }

    private delegate Task Writer(UserMailSession session, MessageRef id, MessageSourceInfo info, HttpResponse response, CancellationToken ct);

    /// <summary>Finds the message in the signed-in user's own mailbox (404 otherwise), sets the safe headers, then writes.</summary>
    private static async Task ServeAsync(HttpContext context, ImapSessionPool pool, string message, ILoggerFactory loggers, Writer write)
    {
        var response = context.Response;
        var user = context.User.FindFirstValue(ClaimTypes.Name);
        if (user is null || !MessageRef.TryParse(message, out var id))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var lease = pool.Lease(user);
        MessageSourceInfo info;
        try
        {
            info = await lease.Session.Messages.GetSourceInfoAsync(id, context.RequestAborted);
        }
        catch (MailItemNotFoundException)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        catch (MailException ex)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(MailSentences.Of(ex, context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()), context.RequestAborted);
            return;
        }

        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = "private, no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        try
        {
            await write(lease.Session, id, info, response, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away mid-download; nothing to report.
        }
        catch (MailException ex) when (!response.HasStarted)
        {
            response.Clear();
            response.StatusCode = ex is MailItemNotFoundException ? StatusCodes.Status404NotFound : StatusCodes.Status503ServiceUnavailable;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(MailSentences.Of(ex, context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()), context.RequestAborted);
        }
        catch (MailException ex)
        {
            // Cut the connection rather than end a truncated file as if it were whole.
            LogStreamFailed(loggers.CreateLogger(typeof(SourceEndpoints)), context.Request.Path.StartsWithSegments("/mail/source") ? "source" : "zip", ex.GetType().Name);
            context.Abort();
        }
    }

    /// <summary>"Re: Q3 / Q4 plan" → "Re_ Q3 _ Q4 plan.eml": a subject is a name, not a path.</summary>
    private static string SubjectFileName(string subject, string extension, string fallback) =>
        FileNames.Safe(subject.Replace('/', '_').Replace('\\', '_') + extension, fallback);

    private static void SetAttachment(HttpResponse response, string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Kind} download stopped midway: {Error}")]
    private static partial void LogStreamFailed(ILogger logger, string kind, string error);
}
