using System.Security.Claims;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Web.Account;
using WebMail.Web.Localization;
using WebMail.Web.RemoteContent;
using WebMail.Web.Resources;

namespace WebMail.Web.Mail;

/// <summary>
/// GET endpoints that read and never change anything: the sandboxed message frame, its inline images,
/// and attachment downloads streamed from IMAP.
/// </summary>
public static class ContentEndpoints
{
    /// <summary>Types a browser could execute or render as a document; always downloaded as opaque bytes.</summary>
    private static readonly HashSet<string> ActiveTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml", "text/javascript",
        "application/javascript", "application/ecmascript", "text/ecmascript", "application/x-shockwave-flash", "text/css", "multipart/x-mixed-replace",
    };

    /// <summary>Whether a browser could run script from a part of this type (it is then only ever downloaded).</summary>
    internal static bool IsActiveType(string contentType) =>
        ActiveTypes.Contains(contentType) || contentType.Contains("script", StringComparison.OrdinalIgnoreCase);

    public static WebApplication MapWebMailContent(this WebApplication app)
    {
        var mail = app.MapGroup("/mail");
        mail.MapGet("/frame/{token}", ServeFrameAsync).RequireAuthorization();

        // Loaded by the sandboxed frame, whose opaque origin gets no cookies: the token is the authority.
        mail.MapGet("/frame/{token}/cid/{index:int}", ServeInlinePartAsync).AllowAnonymous();
        mail.MapGet("/attachment/{message}/{part}", ServeAttachmentAsync).RequireAuthorization();
        return app;
    }

    private static async Task ServeFrameAsync(string token, HttpContext context, MessageFrameStore frames, RemoteContentUrls remoteUrls)
    {
        // The frame may be asked for while the message is still being cleaned: wait for it.
        // A frame belongs to the sign-in it was opened in: another browser of the same user, or this one after signing
        // out and in again, gets nothing.
        var frame = await frames.GetAsync(token);
        if (frame is null || !string.Equals(frame.UserName, context.User.FindFirstValue(ClaimTypes.Name), StringComparison.OrdinalIgnoreCase)
            || (frame.SignIn.Length > 0 && frame.SignIn != context.User.FindFirstValue(AccountExtensions.SessionIdClaim)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var imgSrc = ImageSources(frame, context.Request, remoteUrls);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            // Remote stylesheets and fonts are dropped by the sanitizer in every mode: only images may come from elsewhere.
            $"default-src 'none'; img-src {(imgSrc.Length == 0 ? "'none'" : imgSrc)}; style-src 'unsafe-inline'; font-src 'none'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "private, no-store";
        headers.XFrameOptions = "SAMEORIGIN";
        context.Response.ContentType = "text/html; charset=utf-8";

        // Written in pieces: a large document is never copied into one more string per request.
        await context.Response.WriteAsync(FrameHead(frame, context.Request.Query["look"].ToString()), context.RequestAborted);
        await context.Response.WriteAsync(frame.Html, context.RequestAborted);
        await context.Response.WriteAsync("</body></html>", context.RequestAborted);
    }

    /// <summary>Where a frame's document may load images from (its cid parts, proxied or remote images as chosen); empty: nowhere.</summary>
    internal static string ImageSources(PreparedFrame frame, HttpRequest request, RemoteContentUrls remoteUrls)
    {
        var cidSource = frame.InlineParts.Count > 0 ? $"{request.Scheme}://{request.Host}{request.PathBase}/mail/frame/{frame.Token}/cid/" : "";
        var remote = frame.AllowRemote && remoteUrls.Mode == RemoteContentMode.Direct ? " https: http:" : "";
        if (frame.AllowRemote && remoteUrls.Mode == RemoteContentMode.Proxy)
        {
            // Proxied images live under the frame's own path next to its cid images: nothing else, no remote origin.
            cidSource = $"{request.Scheme}://{request.Host}{request.PathBase}/mail/frame/{frame.Token}/";
        }

        return (cidSource + remote).Trim();
    }

    /// <summary>
    /// The frame's own styles for the look the reader asks for (<c>?look=</c>): none, light; <c>page-dark</c> (the page is
    /// dark), dark for a message that sets no colours of its own and light for one that does (its sender's colours
    /// stay readable); <c>dark</c> (the reader's "View in dark"), dark, and for a message with its own colours its light
    /// canvas is inverted by the page (<c>.html-body.inverted</c>), so its images are turned back here.
    /// </summary>
    internal static string FrameHead(PreparedFrame frame, string look) => look switch
    {
        "dark" when frame.OwnColours => FrameHeadInverted,
        "dark" or "page-dark" when !frame.OwnColours => FrameHeadDark,
        _ => FrameHeadLight,
    };

    private const string FrameStart =
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><base target=\"_blank\">" +
        "<style>body{margin:16px;font:15px/1.5 system-ui,sans-serif;overflow-wrap:anywhere}img{max-width:100%;height:auto}";

    private const string FrameHeadLight = FrameStart + "html{color-scheme:light;background:#fff;color:#1f2328}</style></head><body dir=\"auto\">";

    private const string FrameHeadDark = FrameStart + "html{color-scheme:dark;background:#1c2026;color:#e6e8eb}a{color:#8ab4f8}</style></head><body dir=\"auto\">";

    private const string FrameHeadInverted = FrameStart + "html{color-scheme:light;background:#fff;color:#1f2328}" +
        "img,video,picture,svg,[background],[style*=background-image]{filter:invert(1) hue-rotate(180deg)}</style></head><body dir=\"auto\">";

    private static async Task ServeInlinePartAsync(string token, int index, HttpContext context, MessageFrameStore frames, ImapSessionPool pool, SignInStore signIns)
    {
        // No cookie reaches this URL (the frame's origin is opaque): the token is only good while its sign-in lives.
        var frame = frames.Get(token);
        if (frame is null || index < 0 || index >= frame.InlineParts.Count
            || (frame.SignIn.Length > 0 && !await signIns.IsActiveAsync(frame.SignIn, context.RequestAborted)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var part = frame.InlineParts[index];
        using var lease = pool.Lease(frame.UserName);
        await StreamPartAsync(context, lease.Session, frame.Message, part.PartId, inline: true);
    }

    private static async Task ServeAttachmentAsync(string message, string part, HttpContext context, ImapSessionPool pool)
    {
        var user = context.User.FindFirstValue(ClaimTypes.Name);
        if (user is null || !MessageRef.TryParse(message, out var id) || part.Length > 64 || !part.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var lease = pool.Lease(user);
        await StreamPartAsync(context, lease.Session, id, part, inline: false);
    }

    private static async Task StreamPartAsync(HttpContext context, UserMailSession session, MessageRef id, string partId, bool inline)
    {
        PartInfo info;
        try
        {
            info = await session.Messages.GetPartInfoAsync(id, partId, context.RequestAborted);
        }
        catch (MailItemNotFoundException)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        catch (MailException ex)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync(MailSentences.Of(ex, context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()), context.RequestAborted);
            return;
        }

        var isActive = IsActiveType(info.ContentType);
        if (inline && (isActive || !MessageFrameStore.IsImage(info.ContentType)))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var response = context.Response;
        response.ContentType = isActive || info.ContentType.StartsWith("multipart/", StringComparison.Ordinal) ? "application/octet-stream" : info.ContentType;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = "private, max-age=300";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(DownloadName(info));
        response.Headers.ContentDisposition = disposition.ToString();
        try
        {
            await session.Messages.CopyPartToAsync(id, info, response.Body, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The browser went away mid-download; nothing to report.
        }
        catch (MailException) when (response.HasStarted)
        {
            context.Abort();
        }
    }

    /// <summary>A body part downloaded as a file (an HTML body too large to show) has no name of its own: name it after its type.</summary>
    private static string DownloadName(PartInfo info) => (info.FileName, info.ContentType) switch
    {
        ("attachment", "text/html") => "message.html",
        ("attachment", "text/plain") => "message.txt",
        _ => info.FileName,
    };

}
