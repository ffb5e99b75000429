// Gmail's keyboard shortcuts in the mail view (Components/Mail/KeyboardShortcuts.razor; the table is ShortcutMap.cs,
// given here at attach time so the help and this dispatcher cannot disagree). Never while typing in a field, never
// with Ctrl, Alt or Meta held (Shift only as part of a key: "I", "#", "?"), never while a dialog is open (but "?" and
// Tab in the help). j/k (the list's focus, virtual-rows.js) and "/" (the search box) are done here, with no round
// trip; every other key calls .NET's OnShortcut(command, href of the focused row or null). While attached, the body
// says whether they are on: data-shortcuts="on" | "off" (tests wait for it before pressing keys).

import { isTextField } from "./search.js";

const prefixTimeout = 1500;
const modifiers = new Set(["Shift", "Control", "Alt", "Meta", "CapsLock", "AltGraph", "Dead"]);
let state = null;
let nextId = 1;

/** Enter keeps its own meaning on anything that has one (a link, a button): it opens only from elsewhere. */
function enterHasMeaning(element) {
  return !!element?.closest?.("a[href], button, summary, [role=button], [role=link], [role=menuitem], [role=option]");
}

const openDialog = () => document.querySelector("dialog[open], [aria-modal=true]");

/**
 * The address of the list row holding the focus (its link, or another control in the row): the rows' links end with
 * the message token. Null when the focus is not in a row of a message list.
 */
function focusedRowHref() {
  const row = document.activeElement?.closest?.("li");
  return row?.parentElement?.querySelector(":scope > [data-virtual-rows]") ? row.querySelector("a[href]")?.getAttribute("href") ?? null : null;
}

/** Whether a message is open: the mail view's address is mail/{folder}/{message}. */
function messageOpen() {
  const base = new URL(document.baseURI).pathname;
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : location.pathname;
  return /^mail\/[^/]+\/[^/]+/.test(path);
}

/** j/k: the focus moves in the list (into it when elsewhere); with a message open, the row it lands on opens too. */
function move(delta) {
  const anchor = document.querySelector("ul [data-virtual-rows]");
  if (!anchor?.virtualRows) return;
  const open = messageOpen();
  anchor.virtualRows.moveBy(delta).then(link => {
    if (open && link && link.getAttribute("aria-current") !== "true" && document.activeElement === link) link.click();
  });
}

function focusSearch() {
  const box = document.querySelector("input[type=search]");
  if (!box) return false;
  box.focus();
  box.select();
  return true;
}

/** Keeps Tab inside the open help (a modal dialog): from its last control to its first, and back. */
function trapTab(dialog, event) {
  const items = [...dialog.querySelectorAll("a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex='-1'])")];
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement);
  const next = event.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : (at < 0 || at === items.length - 1 ? 0 : at + 1);
  event.preventDefault();
  items[next].focus();
}

function invoke(command, href) {
  state?.dotnet.invokeMethodAsync("OnShortcut", command, href).catch(() => { /* the circuit is gone */ });
}

function clearPrefix() {
  clearTimeout(state.prefixTimer);
  state.prefix = null;
}

function run(command, event) {
  if (command === "Open" && event.key === "Enter" && enterHasMeaning(event.target)) return;
  if (command === "Search" && !focusSearch()) return;
  event.preventDefault();
  if (command === "Next") move(1);
  else if (command === "Previous") move(-1);
  else if (command === "Help") {
    state.returnTo = document.activeElement;
    invoke(command, null);
  } else if (command !== "Search") invoke(command, focusedRowHref());
}

function onKey(event) {
  if (!state?.enabled || event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
  const key = event.key;
  if (modifiers.has(key)) return;
  const dialog = openDialog();
  if (dialog) {
    // The help closes on "?" as it opened (Escape is its own); other dialogs keep every key.
    if (!dialog.matches("[data-shortcut-help]")) return;
    if (key === "?") {
      event.preventDefault();
      invoke("Help", null);
    } else if (key === "Tab") trapTab(dialog, event);
    return;
  }
  if (isTextField(event.target)) return;
  if (state.prefix) {
    const command = state.map[`${state.prefix} ${key}`];
    clearPrefix();
    if (command) {
      run(command, event);
      return;
    }
  }
  if (state.prefixes.has(key)) {
    state.prefix = key;
    state.prefixTimer = setTimeout(() => { if (state) state.prefix = null; }, prefixTimeout);
    event.preventDefault();
    return;
  }
  const command = state.map[key];
  if (command) run(command, event);
}

/** Starts the shortcuts for this page (one set per page: a new one replaces the old); returns its id for detach. */
export function attachShortcuts(dotnet, map, enabled) {
  if (state) clearPrefix();
  else document.addEventListener("keydown", onKey);
  const prefixes = new Set(Object.keys(map).filter(k => k.includes(" ")).map(k => k.split(" ")[0]));
  state = { id: nextId++, dotnet, map, prefixes, enabled: !!enabled, prefix: null, prefixTimer: 0, returnTo: null };
  document.body.dataset.shortcuts = state.enabled ? "on" : "off";
  return state.id;
}

/** Switches the shortcuts on or off (the user's setting); off, no key does anything here. */
export function setShortcutsEnabled(id, enabled) {
  if (state?.id !== id) return;
  state.enabled = !!enabled;
  document.body.dataset.shortcuts = state.enabled ? "on" : "off";
  clearPrefix();
}

/** The help closed: the focus goes back where it was when "?" was pressed (if that is still on the page). */
export function restoreShortcutFocus(id) {
  if (state?.id !== id) return;
  const target = state.returnTo;
  state.returnTo = null;
  if (target?.isConnected && target !== document.body) target.focus();
  else document.querySelector("ul [data-virtual-rows] ~ li a[tabindex='0']")?.focus();
}

/** Stops what attachShortcuts started (unless a newer page's shortcuts replaced it). */
export function detachShortcuts(id) {
  if (state?.id !== id) return;
  clearPrefix();
  state = null;
  delete document.body.dataset.shortcuts;
  document.removeEventListener("keydown", onKey);
}
