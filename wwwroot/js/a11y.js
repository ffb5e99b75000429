// Keyboard helpers that must work on every page, also before (and without) the circuit.
(() => {
  /** Moves the focus to the first element matching the selector, making it focusable by script if it is not. */
  function focusFirst(selector) {
    const target = document.querySelector(selector);
    if (!target) return false;
    if (!target.hasAttribute("tabindex") && target.tabIndex < 0) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: false });
    return document.activeElement === target;
  }

  // The skip link: "#main-content" under <base href="/"> would be a navigation to "/" for Blazor's router, so it is
  // handled here (capture phase, before the router sees it): the focus goes to the page's main content.
  window.addEventListener("click", event => {
    const link = event.target instanceof Element ? event.target.closest("a.skip-link") : null;
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    focusFirst("#main-content") || focusFirst("main");
  }, true);

  /**
   * The focused element went away with what it acted on (a deleted or moved message's reader, its row): the focus goes
   * to the first of the selectors present (the next open row, the list's current row), else to the fallback. Only when
   * the focus was lost (on the body), never taken from where the user put it; watched for a few seconds, while the
   * list re-renders.
   */
  function focusAfterRemoval(selectors, fallback) {
    const lost = () => !document.activeElement || document.activeElement === document.body;
    const observer = new MutationObserver(() => settle());
    const settle = () => {
      if (!lost()) return;
      if (!selectors.some(s => document.querySelector(s) && focusFirst(s))) focusFirst(fallback);
      // Placed once: later renders (new mail, a refresh) are the list's own business (virtual-rows.js).
      if (!lost()) observer.disconnect();
    };
    settle();
    if (!lost() && document.activeElement.closest(".messages, #main-content")) return;
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-current", "tabindex"] });
    setTimeout(() => observer.disconnect(), 5000);
  }

  // A menu marked data-menu-keys (the reader's More): arrows, Home and End move between its items; Escape closes it
  // (through the button that opened it, which takes the focus back); Tab leaves it closed.
  window.addEventListener("keydown", event => {
    const menu = event.target instanceof Element ? event.target.closest("[role=menu][data-menu-keys]") : null;
    if (!menu) return;
    const items = [...menu.querySelectorAll("[role=menuitem]")];
    const at = items.indexOf(event.target);
    const button = document.querySelector(`[aria-controls="${menu.id}"]`);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1 + items.length, Home: 0, End: items.length - 1 }[event.key];
    if (next !== undefined) {
      event.preventDefault();
      items[next % items.length]?.focus();
    } else if (event.key === "Escape" || event.key === "Tab") {
      if (event.key === "Escape") event.preventDefault();
      button?.focus();
      button?.click();
    }
  }, true);

  window.webmailA11y = { focusFirst, focusAfterRemoval };
})();
