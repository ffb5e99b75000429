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
    public static async Task<double> OpenHtmlAsync(IPage page, string subject, string expected)
    {
        await RowAsync(page, subject);
        var elapsed = await page.EvaluateAsync<double>(
            """
            async ([subject, frameSelector]) => {
              const link = [...document.querySelectorAll("ul[aria-label='Messages in INBOX'] li.row a")]
                .find(a => a.querySelector(".subject")?.textContent === subject);
              if (!link) throw new Error("no row for " + subject);
              const before = new Set(document.querySelectorAll(frameSelector));
              const loaded = new Promise(resolve => {
                // Mutation callbacks run before any network answer, so the load listener is always in time.
                const observer = new MutationObserver(() => {
                  const frame = [...document.querySelectorAll(frameSelector)].find(f => !before.has(f));
                  if (frame) {
                    observer.disconnect();
                    frame.addEventListener("load", () => resolve(performance.now()), { once: true });
                  }
                });
                observer.observe(document.body, { childList: true, subtree: true });
              });
              const start = performance.now();
              link.click();
              return (await loaded) - start;
            }
            """,
            new[] { subject, Frame });
        await Assertions.Expect(page.FrameLocator(Frame).Locator("body")).ToContainTextAsync(expected, new() { Timeout = 30000 });
        return elapsed;
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

    /// <summary>Waits (untimed) until the list shows the row, e.g. right after sign-in.</summary>
    private static Task RowAsync(IPage page, string subject) =>
        page.Locator("ul[aria-label='Messages in INBOX'] li.row a", new() { HasText = subject }).WaitForAsync(new() { Timeout = 30000 });

    /// <summary>Back to the list with no message open (the Inbox link in the folder tree); waits until no message frame is left.</summary>
    public static async Task BackToListAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Folders" }).GetByRole(AriaRole.Link, new() { Name = "Inbox" }).ClickAsync();
        await Assertions.Expect(page.Locator(Frame)).ToHaveCountAsync(0, new() { Timeout = 30000 });
        await Assertions.Expect(page.Locator("[aria-label='Message text']")).ToHaveCountAsync(0, new() { Timeout = 30000 });
    }
}
