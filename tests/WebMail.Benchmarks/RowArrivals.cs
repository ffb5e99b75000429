using Microsoft.Playwright;

namespace WebMail.Benchmarks;

/// <summary>
/// Times, inside the page, when each message subject first appears in the inbox list: epoch milliseconds
/// from performance.timeOrigin, the same clock as this process on this machine.
/// </summary>
internal static class RowArrivals
{
    public static Task WatchAsync(IPage page) => page.EvaluateAsync("""
        () => {
          window.__seen = {};
          new MutationObserver(() => {
            for (const s of document.querySelectorAll("ul[aria-label='Messages in INBOX'] li.row .subject")) {
              if (!(s.textContent in window.__seen)) window.__seen[s.textContent] = performance.timeOrigin + performance.now();
            }
          }).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """);

    /// <summary>When <paramref name="subject"/> appeared, or null if it has not yet.</summary>
    public static Task<double?> SeenAtAsync(IPage page, string subject) =>
        page.EvaluateAsync<double?>("s => window.__seen[s] ?? null", subject);
}
