using Microsoft.Playwright;

namespace WebMail.Benchmarks;

/// <summary>Opening a message from the inbox list in Chromium, timed inside the page from the click.</summary>
internal static class MessageOpening
{
    private const string Frame = "iframe[title='Message content']";

    /// <summary>
    /// Clicks the row of <paramref name="subject"/> and returns the milliseconds until the message frame that click
    /// created fired its load event (its document, body included, is loaded); then checks the frame shows <paramref name="expected"/>.
    /// </summary>
    public static async Task<double> OpenHtmlAsync(IPage page, string subject, string expected) =>
        (await OpenHtmlTimedAsync(page, subject, expected)).Loaded;

    /// <summary>
    /// As <see cref="OpenHtmlAsync"/>, also telling when the frame element was put in the page (the circuit's part ends
    /// there) and when the frame's document had been received (then only Chromium's parse and layout remain).
    /// </summary>
    public static async Task<(double Inserted, double Received, double Loaded)> OpenHtmlTimedAsync(IPage page, string subject, string expected)
    {
        await RowAsync(page, subject);
        var elapsed = await page.EvaluateAsync<double[]>(
            """
            async ([subject, frameSelector]) => {
              const link = [...document.querySelectorAll("ul[aria-label='Messages in INBOX'] li.row a")]
                .find(a => a.querySelector(".subject")?.textContent === subject);
              if (!link) throw new Error("no row for " + subject);
              const before = new Set(document.querySelectorAll(frameSelector));
              let inserted;
              const loaded = new Promise(resolve => {
                // Mutation callbacks run before any network answer, so the load listener is always in time.
                const observer = new MutationObserver(() => {
                  const frame = [...document.querySelectorAll(frameSelector)].find(f => !before.has(f));
                  if (frame) {
                    inserted = performance.now();
                    observer.disconnect();
                    frame.addEventListener("load", () => resolve(performance.now()), { once: true });
                  }
                });
                observer.observe(document.body, { childList: true, subtree: true });
              });
              const start = performance.now();
              link.click();
              const end = await loaded;
              const frameUrl = document.querySelector(frameSelector).src;
              const response = performance.getEntriesByType("resource").filter(e => e.name === frameUrl).pop();
              return [inserted - start, response ? response.responseEnd - start : NaN, end - start];
            }
            """,
            new[] { subject, Frame });
        await Assertions.Expect(page.FrameLocator(Frame).Locator("body")).ToContainTextAsync(expected, new() { Timeout = 30000 });
        return (elapsed[0], elapsed[1], elapsed[2]);
    }

    /// <summary>Clicks the row of <paramref name="subject"/> and returns the milliseconds until its plain-text body shows <paramref name="text"/>.</summary>
    public static async Task<double> OpenPlainAsync(IPage page, string subject, string text)
    {
        await RowAsync(page, subject);
        return await page.EvaluateAsync<double>(
            """
            async ([subject, text]) => {
              const link = [...document.querySelectorAll("ul[aria-label='Messages in INBOX'] li.row a")]
                .find(a => a.querySelector(".subject")?.textContent === subject);
              if (!link) throw new Error("no row for " + subject);
              const shown = () => [...document.querySelectorAll("[aria-label='Message text']")].some(e => e.textContent.includes(text));
              const done = new Promise(resolve => {
                const observer = new MutationObserver(() => { if (shown()) { observer.disconnect(); resolve(performance.now()); } });
                observer.observe(document.body, { childList: true, subtree: true, characterData: true });
              });
              const start = performance.now();
              link.click();
              return (await done) - start;
            }
            """,
            new[] { subject, text });
    }

    /// <summary>
    /// Clicks the row of <paramref name="subject"/> and returns the milliseconds until the message is shown: its frame
    /// loaded, or (for an HTML body over WebMail:Session:MaxSanitizedHtmlBytes) the large-message notice in the page.
    /// </summary>
    public static async Task<(double Elapsed, bool Framed)> OpenAnyHtmlAsync(IPage page, string subject)
    {
        await RowAsync(page, subject);
        var result = await page.EvaluateAsync<double[]>(
            """
            async ([subject, frameSelector]) => {
              const link = [...document.querySelectorAll("ul[aria-label='Messages in INBOX'] li.row a")]
                .find(a => a.querySelector(".subject")?.textContent === subject);
              if (!link) throw new Error("no row for " + subject);
              const before = new Set(document.querySelectorAll(frameSelector));
              const shown = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                  const frame = [...document.querySelectorAll(frameSelector)].find(f => !before.has(f));
                  if (frame) {
                    observer.disconnect();
                    frame.addEventListener("load", () => resolve([performance.now(), 1]), { once: true });
                  } else if (document.querySelector("[aria-label='Large message']")) {
                    observer.disconnect();
                    resolve([performance.now(), 0]);
                  }
                });
                observer.observe(document.body, { childList: true, subtree: true });
              });
              const start = performance.now();
              link.click();
              const [end, framed] = await shown;
              return [end - start, framed];
            }
            """,
            new[] { subject, Frame });
        return (result[0], result[1] > 0);
    }

    /// <summary>
    /// Reference for the browser's share: milliseconds for Chromium to load <paramref name="url"/> (the same sanitized
    /// document, served without WebMail) in a new sandboxed frame of this page, from insertion to its load event.
    /// </summary>
    public static Task<double> LoadReferenceFrameAsync(IPage page, string url) =>
        page.EvaluateAsync<double>(
            """
            async url => {
              const frame = document.createElement("iframe");
              frame.setAttribute("sandbox", "allow-popups allow-popups-to-escape-sandbox");
              frame.style.cssText = "position:fixed;left:0;top:0;width:900px;height:700px";
              frame.src = url;
              const start = performance.now();
              const loaded = new Promise(resolve => frame.addEventListener("load", () => resolve(performance.now()), { once: true }));
              document.body.appendChild(frame);
              const end = await loaded;
              frame.remove();
              return end - start;
            }
            """,
            url);

    /// <summary>Waits (untimed) until the list shows the row, e.g. right after sign-in.</summary>
    private static async Task RowAsync(IPage page, string subject)
    {
        var rows = page.Locator("ul[aria-label='Messages in INBOX'] li.row a .subject");
        try
        {
            await rows.GetByText(subject, new() { Exact = true }).WaitForAsync(new() { Timeout = 30000 });
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"no row \"{subject}\" in the list; rows shown: {string.Join(" | ", await rows.AllTextContentsAsync())}");
        }
    }

    /// <summary>Back to the list with no message open (the Inbox link in the folder tree); waits until no message frame is left.</summary>
    public static async Task BackToListAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Assertions.Expect(page.Locator(Frame)).ToHaveCountAsync(0, new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator("[aria-label='Message text']")).ToHaveCountAsync(0, new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator("[aria-label='Large message']")).ToHaveCountAsync(0, new() { Timeout = 30000 });
    }
}
