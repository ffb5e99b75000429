// The one small module for browser-only work. Blazor does the rendering; this only does what needs the DOM.

/** Asks the browser's permission for desktop notifications (only right after the user turned them on); true when granted. */
export async function requestNotifications() {
  if (!("Notification" in window)) return false;
  const permission = Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
  return permission === "granted";
}

/**
 * One notification for one new message (the user's setting is checked on the server); none while this tab is visible.
 * The tag makes every open tab show it only once.
 */
export function notify(tag, title, body) {
  if (!("Notification" in window) || Notification.permission !== "granted" || !document.hidden) return;
  new Notification(title, { body, tag, silent: false });
}

/** An open message left the list: the focus goes to the next open row, or the list (see a11y.js). */
export function focusAfterMove() {
  window.webmailA11y?.focusAfterRemoval([".messages a[aria-current=true]", ".messages a[tabindex='0']"], "#main-content");
}

// Virtualized rows at any folder size (scroll position, keys, jumps): its own module, see virtual-rows.js.
export { attachVirtualRows, detachVirtualRows } from "./virtual-rows.js";

// The search box's keys ("/" focuses it, Escape clears it): its own module, see search.js.
export { enableSearchKeys } from "./search.js";

// Gmail's keyboard shortcuts (j/k, g i, ? ...): its own module, see shortcuts.js.
export { attachShortcuts, setShortcutsEnabled, restoreShortcutFocus, detachShortcuts } from "./shortcuts.js";

// The compose editor (plain and rich text): its own module, see compose.js.
export { initComposer, flushComposer, composerSaved, composerSent, disposeComposer } from "./compose.js";

/** Applies a formatting command (bold, italic, lists, quote, link) to the selection in the editor. */
export function format(element, command, value) {
  if (!element) return;
  element.focus();
  if (command === "blockquote") document.execCommand("formatBlock", false, "blockquote");
  else document.execCommand(command, false, value ?? null);
  element.dispatchEvent(new Event("input"));
}

// Picking rows with Ctrl/Shift+click, dragging them onto folders: see list-actions.js.
export { attachListActions, detachListActions } from "./list-actions.js";

/** Moves the focus to the first element matching `selector` (a control the page just drew, as after `l` or `v`). */
export function focusElement(selector) {
  const element = document.querySelector(selector);
  if (element) element.focus();
  return element !== null;
}

// Phones, tablets and dark mode (the folder drawer, the theme on <html>): see layout.js.
export { setDrawer, applyTheme, watchSystemTheme, unwatchSystemTheme } from "./layout.js";
