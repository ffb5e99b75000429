using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Localization;
using WebMail.Mail;
using WebMail.Mail.Model;
using WebMail.Mail.Rendering;
using WebMail.Mail.Sessions;
using WebMail.Web.Account;
using WebMail.Web.Components.Mail;
using WebMail.Web.Localization;
using WebMail.Web.RemoteContent;
using WebMail.Web.Resources;

namespace WebMail.Web.Mail;

/// <summary>
/// The print view of a message: a standalone document with its headers and its body, the HTML body exactly as the
/// reader's frame shows it (the same sanitized document from <see cref="MessageFrameStore"/>, remote content as the
/// user chose), under a policy that runs no script but our own nonce'd lines (the Print button and the dialog).
/// </summary>
public static class PrintEndpoints
{
    public static WebApplication MapWebMailPrint(this WebApplication app)
    {
        app.MapGet("/mail/print/{message}", ServePrintAsync).RequireAuthorization();
        return app;
    }

    /// <param name="frame">The reader's frame token for this message: its document (and remote-content choice) is printed.</param>
    private static async Task ServePrintAsync(
        string message, string? frame, HttpContext context, ImapSessionPool pool, MessageFrameStore frames, RemoteContentSenders senders, RemoteContentUrls remoteUrls)
    {
        var user = context.User.FindFirstValue(ClaimTypes.Name);
        var signIn = context.User.FindFirstValue(AccountExtensions.SessionIdClaim) ?? "";
        if (user is null || !MessageRef.TryParse(message, out var id))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        MessageView view;
        try
        {
            using var lease = pool.Lease(user);
            view = await lease.Session.Messages.GetMessageAsync(id, context.RequestAborted);
        }
        catch (MailItemNotFoundException)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        catch (MailException ex)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(MailSentences.Of(ex, context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>()), context.RequestAborted);
            return;
        }

        PreparedFrame? document = null;
        if (view.Body is { Html: not null, LargeHtml: null })
        {
            document = await ReaderDocumentAsync(frame, frames, id, user, signIn);
            if (document is null)
            {
                // No frame from the reader (expired, or the link was opened on its own): the sender rule decides, as on opening.
                var allowRemote = remoteUrls.Mode != RemoteContentMode.Off && view.From is { } from
                    && await senders.IsTrustedAsync(user, from.Address, context.RequestAborted);
                var basePath = context.Request.PathBase.Value?.TrimEnd('/') + "/";
                document = frames.Prepare(user, view, allowRemote, basePath, signIn);
            }
        }

        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var imgSrc = document is null ? "" : ContentEndpoints.ImageSources(document, context.Request, remoteUrls);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; script-src 'nonce-{nonce}'; img-src {(imgSrc.Length == 0 ? "'none'" : imgSrc)}; style-src 'unsafe-inline'; " +
            "font-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; " +
            "sandbox allow-scripts allow-modals allow-popups allow-popups-to-escape-sandbox";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "private, no-store";
        headers.XContentTypeOptions = "nosniff";
        context.Response.ContentType = "text/html; charset=utf-8";
        await WriteDocumentAsync(context.Response, view, document, nonce, context.RequestServices.GetRequiredService<IStringLocalizer<Strings>>(),
            context.RequestServices.GetRequiredService<UserTime>(), context.RequestAborted);
    }

    /// <summary>The reader's own document for this message, if the token is this sign-in's and still cached.</summary>
    private static async Task<PreparedFrame?> ReaderDocumentAsync(string? token, MessageFrameStore frames, MessageRef id, string user, string signIn)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return null;
        }

        var frame = await frames.GetAsync(token);
        return frame is not null && frame.Message == id && string.Equals(frame.UserName, user, StringComparison.OrdinalIgnoreCase)
            && (frame.SignIn.Length == 0 || frame.SignIn == signIn) ? frame : null;
    }

    private static async Task WriteDocumentAsync(HttpResponse response, MessageView view, PreparedFrame? document, string nonce, IStringLocalizer<Strings> l, UserTime time, CancellationToken ct)
    {
        var subject = string.IsNullOrWhiteSpace(view.Subject) ? l["(no subject)"] : view.Subject;
        var head =
            $"<!DOCTYPE html><html lang=\"{CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><meta name=\"referrer\" content=\"no-referrer\"><base target=\"_blank\">" +
            $"<title>{Encode(subject)}</title><style>{PrintCss}</style></head><body>" +
            $"<div class=\"screen-only\" role=\"toolbar\" aria-label=\"{Encode(l["Print view"])}\"><button type=\"button\" id=\"print-now\">{Encode(l["Print"])}</button></div>" +
            $"<header class=\"print-header\"><h1 dir=\"auto\">{Encode(subject)}</h1><dl>" +
            Field(l["From"], view.From?.ToString() ?? l["(unknown)"]) +
            Field(l["To"], view.To.Count == 0 ? l["(none)"] : string.Join(", ", view.To)) +
            (view.Cc.Count > 0 ? Field(l["Cc"], string.Join(", ", view.Cc)) : "") +
            $"<dt>{Encode(l["Date"])}</dt><dd><time datetime=\"{view.Date:o}\">{Encode(time.Long(view.Date))}</time></dd></dl></header><main class=\"print-body\" dir=\"auto\">";
        await response.WriteAsync(head, ct);
        if (document is not null)
        {
            // A declarative shadow root keeps the mail's style blocks off our headers (and ours off the mail); the clip
            // keeps its positioned boxes inside the body's own area.
            await response.WriteAsync("<div class=\"mail-clip\"><div class=\"mail-body\"><template shadowrootmode=\"open\">" + MailCss, ct);
            await response.WriteAsync(document.Html, ct);
            await response.WriteAsync("</template></div></div>", ct);
        }
        else
        {
            await response.WriteAsync($"<div class=\"text-body\">{PlainTextFormatter.ToHtml(view.Body.Text ?? "")}</div>", ct);
        }

        await response.WriteAsync(
            $"</main><script nonce=\"{nonce}\">document.getElementById('print-now').addEventListener('click',()=>print());" +
            "addEventListener('load',()=>{document.documentElement.dataset.loaded='true';if(location.hash==='#print')print();});</script></body></html>", ct);
    }

    private static string Field(string name, string value) => $"<dt>{Encode(name)}</dt><dd>{Encode(value)}</dd>";

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string MailCss =
        "<style>:host{display:block;font:15px/1.5 system-ui,sans-serif;color:#1f2328;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style>";

    private const string PrintCss =
        "html{color-scheme:light}body{margin:24px auto;max-width:60rem;padding:0 16px;font:15px/1.5 system-ui,sans-serif;color:#1f2328}" +
        ".screen-only{display:flex;justify-content:flex-end;margin-bottom:12px}" +
        ".screen-only button{font:inherit;padding:6px 16px;border:1px solid #8c959f;border-radius:6px;background:#f6f8fa;cursor:pointer}" +
        ".print-header{border-bottom:1px solid #d0d7de;margin-bottom:16px;padding-bottom:8px}" +
        ".print-header h1{font-size:1.4rem;margin:0 0 8px}" +
        ".print-header dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0}" +
        ".print-header dt{font-weight:600;color:#57606a}.print-header dd{margin:0;overflow-wrap:anywhere}" +
        ".mail-clip{position:relative;contain:paint}" +
        ".text-body{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:14px}" +
        "@media print{.screen-only{display:none!important}body{margin:0;max-width:none;padding:0}a{color:inherit}}" +
        "@page{margin:16mm}";
}
