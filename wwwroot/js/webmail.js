// The one small module for browser-only work. Blazor does the rendering; this only does what needs the DOM.

/** Moves keyboard focus to the element matching the selector (after a message opens or closes). */
export function focus(selector) {
  const el = document.querySelector(selector);
  if (el) el.focus();
}
