// Phones, tablets and dark mode: the folder drawer's keys and focus, and the theme on <html>.

let drawer = null;

/** The drawer opened (focus into it: the current folder, else its first link) or closed (focus back to its button). */
export function setDrawer(target, open) {
  const panel = document.getElementById("folder-drawer");
  const button = document.querySelector(".drawer-button");
  if (!panel) return;
  if (open) {
    if (drawer) return;
    const onKey = e => {
      if (e.key === "Escape" && !e.defaultPrevented) {
        e.preventDefault();
        target.invokeMethodAsync("CloseDrawer");
      }
    };
    document.addEventListener("keydown", onKey);
    drawer = { onKey };
    (panel.querySelector("a[aria-current=page]") ?? panel.querySelector("a, button"))?.focus();
  } else if (drawer) {
    document.removeEventListener("keydown", drawer.onKey);
    drawer = null;
    // Back to the button, unless the user already went elsewhere (a folder chosen moves the focus to the list).
    const active = document.activeElement;
    if (button && (!active || active === document.body || panel.contains(active))) button.focus();
  }
}

/** Sets <html data-theme> ("system", "light" or "dark"); theme.css does the rest. */
export function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
}

let systemQuery = null;
let systemListener = null;

/** Tells `target`.SystemThemeChanged(dark) when the device switches light/dark; returns whether it is dark now. */
export function watchSystemTheme(target) {
  unwatchSystemTheme();
  systemQuery = matchMedia("(prefers-color-scheme: dark)");
  systemListener = e => target.invokeMethodAsync("SystemThemeChanged", e.matches);
  systemQuery.addEventListener("change", systemListener);
  return systemQuery.matches;
}

export function unwatchSystemTheme() {
  if (systemQuery && systemListener) systemQuery.removeEventListener("change", systemListener);
  systemQuery = systemListener = null;
}
