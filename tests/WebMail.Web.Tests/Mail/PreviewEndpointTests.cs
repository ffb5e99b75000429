using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WebMail.Mail.Model;
using WebMail.Mail.Sessions;
using WebMail.Testing;
using WebMail.Web.Mail;

namespace WebMail.Web.Tests.Mail;

/// <summary>Attachment previews against the real Dovecot: what is served, with which type, under which policy.</summary>
public sealed class PreviewEndpointTests : IClassFixture<WebMailFactory>
{
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private readonly WebMailFactory _factory;

    public PreviewEndpointTests(WebMailFactory factory) => _factory = factory;

    [Fact]
    public async Task Image_BytesAreThePng_ServedAsPngUnderSandbox()
    {
        var (client, view) = await WithAttachmentAsync("photo.png", "image/png", TinyPng);

        var response = await client.GetAsync(PreviewUrl(view));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(TinyPng, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("image/png", "photo.png")]
    [InlineData("image/jpeg", "photo.jpg")]
    [InlineData("image/gif", "anim.gif")]
    public async Task Image_HtmlBytesDeclaredAsImage_Refused(string declared, string name)
    {
        var (client, view) = await WithAttachmentAsync(name, declared, "<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray());

        var response = await client.GetAsync(PreviewUrl(view));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not the image it claims to be", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Image_PngBytesDeclaredAsJpeg_Refused()
    {
        var (client, view) = await WithAttachmentAsync("photo.jpg", "image/jpeg", TinyPng);

        var response = await client.GetAsync(PreviewUrl(view));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("drawing.svg", "image/svg+xml")]
    [InlineData("drawing.svg", "image/png")]
    [InlineData("page.html", "text/html")]
    [InlineData("page.html", "text/plain")]
    [InlineData("code.js", "text/plain")]
    public async Task ActiveContent_NeverPreviewedNorOfferedForPreview(string name, string declared)
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var (client, view) = await WithAttachmentAsync(name, declared, svg);

        var response = await client.GetAsync(PreviewUrl(view));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.DoesNotContain("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(PreviewKind.None, AttachmentPreviews.Of(view.Attachments[0]));
    }

    [Fact]
    public async Task Text_MarkupAndCharset_ShownEscapedAndDecodedInASandboxedPage()
    {
        var latin1 = Encoding.Latin1.GetBytes("Grüße aus Köln\n<script>alert(1)</script><b>bold?</b> & more\n");
        var (client, view) = await WithAttachmentAsync("notes.txt", "text/plain; charset=iso-8859-1", latin1);

        var response = await client.GetAsync(PreviewUrl(view));
        var html = await response.Content.ReadAsStringAsync();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Grüße aus Köln", document.QuerySelector("pre")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script><b>bold?</b> & more", document.QuerySelector("pre")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(document.QuerySelectorAll("script, b"));
        Assert.StartsWith("default-src 'none';", policy, StringComparison.Ordinal);
        Assert.EndsWith("; sandbox", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Text_LargerThanTheCap_ShowsItsBeginningWithANote()
    {
        var line = "log line with ünïcödé text that goes on for a while\n";
        var big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, (AttachmentPreviews.MaxTextBytes / line.Length) + 2000)));
        var (client, view) = await WithAttachmentAsync("server.log", "text/plain; charset=utf-8", big);

        var html = await client.GetStringAsync(PreviewUrl(view));
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var shown = document.QuerySelector("pre")!.TextContent;

        Assert.Contains("Only the first 256 KB of this file are shown", document.Body!.TextContent, StringComparison.Ordinal);
        // The part travels with CRLF line ends (MIME's canonical form); the HTML parser reads them as LF.
        Assert.InRange(Encoding.UTF8.GetByteCount(shown.Replace("\n", "\r\n", StringComparison.Ordinal)), AttachmentPreviews.MaxTextBytes - 5, AttachmentPreviews.MaxTextBytes);
        Assert.StartsWith(line, shown, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', shown);
    }

    [Fact]
    public async Task Pdf_ViewerPage_OurScriptOnlyInAnOpaqueSandbox()
    {
        var pdf = Decoded("attachment-pdf-invoice.flagged.eml");
        var (client, view) = await WithAttachmentAsync("invoice.pdf", "application/pdf", pdf);

        var response = await client.GetAsync(PreviewUrl(view));
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        var script = Assert.Single(document.QuerySelectorAll("script"));

        Assert.EndsWith("; sandbox allow-scripts", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("allow-same-origin", policy, StringComparison.Ordinal);
        Assert.Contains("script-src http://localhost/mail/preview/pdfjs/;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("http://localhost/mail/preview/pdfjs/pdf-preview.js", script.GetAttribute("src"));
        Assert.Equal(pdf, Convert.FromBase64String(document.GetElementById("pdf-data")!.TextContent));

        // The viewer's own files come with CORS, since the sandboxed page's origin is not the app's.
        var module = await _factory.CreateBrowserClient().GetAsync("/mail/preview/pdfjs/pdf.min.mjs");
        Assert.Equal("*", module.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/mail/preview/pdfjs/..%2Fappsettings.json")).StatusCode);
    }

    [Fact]
    public async Task Preview_AnotherUsersMessage_NotFound()
    {
        var (_, view) = await WithAttachmentAsync("photo.png", "image/png", TinyPng);
        var other = await _factory.SignInAsync(MailStack.NewUser("prevother"));

        var response = await other.GetAsync(PreviewUrl(view));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static string PreviewUrl(MessageView view) => $"/mail/preview/{view.Id.ToToken()}/{view.Attachments[0].PartId}";

    private async Task<(HttpClient Client, MessageView View)> WithAttachmentAsync(string name, string contentType, byte[] content)
    {
        var user = MailStack.NewUser("prev");
        var builder = new BodyBuilder { TextBody = "see attached" };
        builder.Attachments.Add(name, content, ContentType.Parse(contentType));
        var message = new MimeMessage { Subject = "Preview " + name, Body = builder.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse("sender@example.org"));
        using (var imap = await MailStack.ConnectAsync(user))
        {
            await imap.Inbox.AppendAsync(new MailKit.AppendRequest(message));
        }

        var client = await _factory.SignInAsync(user);
        using var lease = _factory.Services.GetRequiredService<ImapSessionPool>().Lease(user);
        var page = await lease.Session.Messages.GetMessagesAsync("INBOX", 0, 10);
        return (client, await lease.Session.Messages.GetMessageAsync(page.Rows.Single().Id));
    }

    private static byte[] Decoded(string fixture)
    {
        using var stream = new MemoryStream();
        ((MimePart)Corpus.File(fixture).Load().Attachments.First()).Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
