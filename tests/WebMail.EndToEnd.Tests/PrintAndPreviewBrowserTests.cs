using System.Text;
using Microsoft.Playwright;
using MimeKit;
using WebMail.Testing;
using WebMail.Testing.Web;

namespace WebMail.EndToEnd.Tests;

/// <summary>The print view and the attachment previews in Chromium, from the reader, as a user gets there.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrintAndPreviewBrowserTests(BrowserFixture browser)
{
    private static readonly string[] Fixtures = ["html-inline-cid-logo.eml", "attachment-png-and-jpeg.eml", "attachment-pdf-invoice.flagged.eml"];

    /// <summary>Counts the dark pixels of a canvas: ink that pdf.js drew.</summary>
    private const string InkOnCanvas =
        "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) n++; return n; }";

    [Fact]
    public async Task Print_FromTheReader_PaperShowsHeadersAndHtmlBodyWithoutButtons()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Inline logo via cid" }).ClickAsync();
        var frame = page.FrameLocator("iframe[title='Message content']");
        await Assertions.Expect(frame.Locator("img").First).ToHaveJSPropertyAsync("complete", true);

        var print = await page.Context.RunAndWaitForPageAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Print (opens in a new tab)" }).ClickAsync());
        await Assertions.Expect(print.Locator("html[data-loaded=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(print.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();

        await print.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(print.GetByRole(AriaRole.Heading, new() { Name = "Inline logo via cid" })).ToBeVisibleAsync();
        await Assertions.Expect(print.Locator(".print-header")).ToContainTextAsync("From");
        await Assertions.Expect(print.Locator(".print-header")).ToContainTextAsync("Date");

        // The HTML body (its shadow root), with its cid image loaded through the reader's frame token.
        var body = print.Locator(".mail-body");
        await Assertions.Expect(body).ToContainTextAsync("logo");
        await Assertions.Expect(body.Locator("img").First).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await body.Locator("img").First.EvaluateAsync<int>("i => i.naturalWidth") > 0);

        // Nothing of the app on paper: no toolbar, no button, no link styled as one.
        await Assertions.Expect(print.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await Assertions.Expect(print.GetByRole(AriaRole.Toolbar)).ToHaveCountAsync(0);
        Assert.Equal("none", await print.Locator(".screen-only").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        Assert.Empty(session.OutsideRequests);
        await Shots.SaveAsync(print, "print-view");
    }

    [Fact]
    public async Task ImagePreview_ThumbnailOpensFullSize_EscapeClosesAndFocusReturns()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Photos: PNG and JPEG attachments" }).ClickAsync();

        var thumbnail = page.GetByRole(AriaRole.Button, new() { Name = "Show ticket-volume-chart.png full size" });
        await Assertions.Expect(thumbnail.Locator("img")).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await thumbnail.Locator("img").EvaluateAsync<int>("i => i.naturalWidth") > 0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show offsite-photo.jpg full size" })).ToBeVisibleAsync();

        await thumbnail.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "ticket-volume-chart.png" });
        await Assertions.Expect(dialog).ToBeFocusedAsync();
        var full = dialog.GetByRole(AriaRole.Img, new() { Name = "ticket-volume-chart.png" });
        await Assertions.Expect(full).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await full.EvaluateAsync<int>("i => i.naturalWidth") > 0);
        await Shots.SaveAsync(page, "image-preview");

        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(thumbnail).ToBeFocusedAsync();
    }

    [Fact]
    public async Task PdfPreview_PagesRenderedByPdfJsInsideItsSandbox()
    {
        await using var session = await browser.SignedInAsync(await SeededUserAsync());
        var page = session.Page;
        await page.GetByRole(AriaRole.Link, new() { Name = "Invoice 2026-10-042" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Preview invoice-2026-10-042.pdf" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "invoice-2026-10-042.pdf" });
        var viewer = page.FrameLocator("iframe[title='PDF preview of invoice-2026-10-042.pdf']");
        await Assertions.Expect(viewer.Locator("body[data-state=rendered]")).ToHaveCountAsync(1);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Status)).ToHaveTextAsync("1 page.");
        await Assertions.Expect(viewer.Locator(".textLayer")).ToContainTextAsync("Invoice 2026-10-042");
        await Assertions.Expect(viewer.Locator(".textLayer")).ToContainTextAsync("Total");
        Assert.True(await viewer.Locator(".page canvas").EvaluateAsync<int>(InkOnCanvas) > 500);

        // The viewer's document is an opaque origin: no cookies, no reach into the app.
        Assert.Equal("null", await viewer.Locator("body").EvaluateAsync<string>("() => window.origin"));
        Assert.Equal("allow-scripts", await page.Locator("iframe[title='PDF preview of invoice-2026-10-042.pdf']").GetAttributeAsync("sandbox"));
        Assert.Empty(session.OutsideRequests);
        await Shots.SaveAsync(page, "pdf-preview");

        await dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TextPreview_ShowsTheTextEscaped()
    {
        var user = await SeededUserAsync();
        var builder = new BodyBuilder { TextBody = "The log is attached." };
        builder.Attachments.Add("build.log", Encoding.UTF8.GetBytes("step 1 ok\n<b>not bold</b> <script>alert(1)</script>\nstep 2 ok – done\n"), ContentType.Parse("text/plain; charset=utf-8"));
        var message = new MimeMessage { Subject = "Build log", Body = builder.ToMessageBody() };
        message.From.Add(MailboxAddress.Parse("ci@example.org"));
        using (var imap = await MailStack.ConnectAsync(user))
        {
            await imap.Inbox.AppendAsync(new MailKit.AppendRequest(message));
        }

        await using var session = await browser.SignedInAsync(user);
        var page = session.Page;
        var dialogs = 0;
        page.Dialog += (_, _) => dialogs++;
        await page.GetByRole(AriaRole.Link, new() { Name = "Build log" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview build.log" }).ClickAsync();

        var text = page.FrameLocator("iframe[title='Text of build.log']").Locator("pre");
        await Assertions.Expect(text).ToContainTextAsync("<b>not bold</b> <script>alert(1)</script>");
        await Assertions.Expect(text).ToContainTextAsync("step 2 ok – done");
        Assert.Equal(0, await text.Locator("b, script").CountAsync());
        Assert.Equal(0, dialogs);
    }

    private static async Task<string> SeededUserAsync()
    {
        var user = MailStack.NewUser("preview");
        await Seeder.SeedAsync(user, MailStack.TestPassword, Fixtures.Select(Corpus.File));
        return user;
    }
}
