using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Web.Components.Mail;
using WebMail.Web.Localization;
using WebMail.Web.Resources;

namespace WebMail.Web.Mail;

/// <summary>
/// Attachment previews, each for one kind decided here from the part's own type and name (never from the request):
/// images (only when the bytes are the declared raster type), PDFs in a sandboxed pdf.js page, text escaped in a page.
/// Every response is nosniff and under a sandbox policy; nothing from the mail can run script.
/// </summary>
public static class PreviewEndpoints
{
    /// <summary>Files the PDF page loads, served with CORS because its sandboxed (opaque) origin is not ours.</summary>
    private static readonly Dictionary<string, string> ViewerFiles = new(StringComparer.Ordinal)
    {
        ["pdf-preview.js"] = "js/pdf-preview.js",
        ["pdf.min.mjs"] = "lib/pdfjs/pdf.min.mjs",
        ["pdf.worker.min.mjs"] = "lib/pdfjs/pdf.worker.min.mjs",
    };

    public static WebApplication MapWebMailPreviews(this WebApplication app)
    {
        app.MapGet("/mail/preview/pdfjs/{file}", ServeViewerFileAsync).AllowAnonymous();
        app.MapGet("/mail/preview/{message}/{part}", ServePreviewAsync).RequireAuthorization();
        return app;
    }

    private static async Task ServePreviewAsync(string message, string part, HttpContext context, ImapSessionPool pool)
    {
        var user = context.User.FindFirstValue(ClaimTypes.Name);
        if (user is null || !MessageRef.TryParse(message, out var id) || part.Length > 64 || !part.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        using var lease = pool.Lease(user);
        var session = lease.Session;
        try
        {
            var info = await session.Messages.GetPartInfoAsync(id, part, context.RequestAborted);
            var decodedSize = info.TransferEncoding.Equals("base64", StringComparison.OrdinalIgnoreCase) ? info.EncodedSize * 3 / 4 : info.EncodedSize;
            switch (AttachmentPreviews.Of(info.ContentType, info.FileName, decodedSize))
            {
                case PreviewKind.Image:
                    await ServeImageAsync(context, session, id, info);
                    break;
                case PreviewKind.Text:
                    await ServeTextAsync(context, session, id, info);
                    break;
                case PreviewKind.Pdf:
                    await ServePdfAsync(context, session, id, info);
                    break;
                default:
                    await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, Localizer(context)["This attachment cannot be previewed; download it instead."]);
                    break;
            }
        }
        catch (MailItemNotFoundException)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }
        catch (NotTheDeclaredImageException)
        {
            await RefuseAsync(context, StatusCodes.Status415UnsupportedMediaType, Localizer(context)["This attachment is not the image it claims to be; it is not shown."]);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The reader closed the preview while it was on its way.
        }
        catch (MailException ex) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable, MailSentences.Of(ex, Localizer(context)));
        }
        catch (MailException)
        {
            context.Abort();
        }
    }

    private static async Task ServeImageAsync(HttpContext context, UserMailSession session, MessageRef id, PartInfo info)
    {
        var response = context.Response;
        var sniffed = new SniffedImageStream(response.Body, info.ContentType, type =>
        {
            // Only now, with the bytes agreeing with the declared type, does the response say it is an image.
            response.ContentType = type;
            response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            response.Headers.CacheControl = "private, max-age=300";
            var disposition = new ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(info.FileName);
            response.Headers.ContentDisposition = disposition.ToString();
        });
        await using (sniffed)
        {
            await session.Messages.CopyPartToAsync(id, info, sniffed, context.RequestAborted);
            await sniffed.CompleteAsync(context.RequestAborted);
        }
    }

    private static IStringLocalizer<Strings> Localizer(HttpContext context) => context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>();

    private static async Task ServeTextAsync(HttpContext context, UserMailSession session, MessageRef id, PartInfo info)
    {
        var text = await session.Messages.ReadPartTextAsync(id, info.PartId, AttachmentPreviews.MaxTextBytes, context.RequestAborted);
        SetPageHeaders(context.Response, "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox");
        var notes = (text.CharsetNotice is { } notice ? $"<p class=\"note\" role=\"note\">{Encode(notice)}</p>" : "")
            + (text.Truncated ? $"<p class=\"note\" role=\"note\">{Encode(Localizer(context)["Only the first {0} of this file are shown; download it for the rest.", Sizes.Format(AttachmentPreviews.MaxTextBytes, Localizer(context))])}</p>" : "");
        await context.Response.WriteAsync(PageHead(info.FileName, TextCss) + notes + "<pre>", context.RequestAborted);
        await context.Response.WriteAsync(Encode(text.Text), context.RequestAborted);
        await context.Response.WriteAsync("</pre></body></html>", context.RequestAborted);
    }

    private static async Task ServePdfAsync(HttpContext context, UserMailSession session, MessageRef id, PartInfo info)
    {
        var request = context.Request;
        var viewer = $"{request.Scheme}://{request.Host}{request.PathBase}/mail/preview/pdfjs/";

        // The page is its own opaque origin (sandbox without allow-same-origin): our scripts only, no cookies, no way
        // back to the app; pdf.js reads the file from the page itself, so it needs no request of its own.
        SetPageHeaders(context.Response,
            $"default-src 'none'; script-src {viewer}; worker-src blob: {viewer}; style-src 'unsafe-inline'; img-src blob: data:; font-src blob: data:; " +
            "connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-scripts");
        // pdf-preview.js says its sentences in the user's language, from these templates ({0}, {1}: numbers).
        var l = Localizer(context);
        var words = $" data-page=\"{Encode(l["Page {0} of {1}"])}\" data-one=\"{Encode(l["1 page."])}\" data-many=\"{Encode(l["{0} pages."])}\"" +
            $" data-more=\"{Encode(l["Only the first {0} of {1} pages are shown; download the file for the rest."])}\" data-failed=\"{Encode(l["This PDF could not be shown. Download it to open it with another program."])}\"";
        await context.Response.WriteAsync(
            PageHead(info.FileName, PdfCss) + $"<p id=\"status\" role=\"status\"{words}>{Encode(l["Opening the PDF…"])}</p><div id=\"pages\"></div><pre id=\"pdf-data\" hidden>",
            context.RequestAborted);

        // Streamed through a base64 encoder: the file is never held whole.
        var encoder = new CryptoStream(context.Response.Body, new ToBase64Transform(), CryptoStreamMode.Write, leaveOpen: true);
        await using (encoder)
        {
            await session.Messages.CopyPartToAsync(id, info, encoder, context.RequestAborted);
            await encoder.FlushFinalBlockAsync(context.RequestAborted);
        }

        await context.Response.WriteAsync($"</pre><script type=\"module\" src=\"{viewer}pdf-preview.js\"></script></body></html>", context.RequestAborted);
    }

    private static async Task ServeViewerFileAsync(string file, HttpContext context, IWebHostEnvironment environment)
    {
        var found = ViewerFiles.TryGetValue(file, out var path) ? environment.WebRootFileProvider.GetFileInfo(path) : null;
        if (found is not { Exists: true })
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "public, max-age=3600";
        context.Response.ContentType = "text/javascript; charset=utf-8";
        context.Response.ContentLength = found.Length;
        await context.Response.SendFileAsync(found, context.RequestAborted);
    }

    private static void SetPageHeaders(HttpResponse response, string policy)
    {
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers.XFrameOptions = "SAMEORIGIN";
        response.Headers.CacheControl = "private, no-store";
    }

    private static string PageHead(string title, string css) =>
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><title>{Encode(title)}</title>" +
        $"<style>html{{color-scheme:light}}body{{margin:0;padding:16px;font:14px/1.5 system-ui,sans-serif;color:#1f2328;background:#fff}}.note{{margin:0 0 12px;padding:8px 12px;background:#fff8c5;border-radius:6px}}{css}</style></head><body>";

    private const string TextCss = "pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.45 ui-monospace,monospace}";

    private const string PdfCss =
        "body{background:#525659;color:#fff}#status{margin:0 0 12px}#pages{display:flex;flex-direction:column;align-items:center;gap:12px}" +
        ".page{position:relative;background:#fff;box-shadow:0 1px 4px #0008}.page canvas{display:block;width:100%;height:100%}" +
        ".textLayer{position:absolute;inset:0;overflow:clip;line-height:1;transform-origin:0 0;--scale-round-x:1px;--scale-round-y:1px;--min-font-size:1;" +
        "--text-scale-factor:calc(var(--total-scale-factor) * var(--min-font-size));--min-font-size-inv:calc(1 / var(--min-font-size))}" +
        ".textLayer :is(span,br){color:transparent;position:absolute;white-space:pre;cursor:text;transform-origin:0 0}" +
        ".textLayer>:not(.markedContent),.textLayer .markedContent span:not(.markedContent){--font-height:0;font-size:calc(var(--text-scale-factor) * var(--font-height));" +
        "--scale-x:1;--rotate:0deg;transform:rotate(var(--rotate)) scaleX(var(--scale-x)) scale(var(--min-font-size-inv))}" +
        ".textLayer .markedContent{display:contents}.textLayer ::selection{background:#0060ff55}";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static async Task RefuseAsync(HttpContext context, int status, string sentence)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        await context.Response.WriteAsync(sentence, context.RequestAborted);
    }
}
