// Virtualized rows (Components/Mail/VirtualRows.razor): reports the scroll position (one report in flight) and
// moves through the rows with keys, the wheel and jumps. The layout is VirtualRowsLayout.cs's; offsetAt and
// scrollTopFor below are the same formulas (keep them together). .NET renders; this only reads and scrolls.
//
// Hooks for tests and benchmarks, on the anchor element `[data-virtual-rows]` (the first spacer):
//   anchor.virtualRows.scrollToIndex(i, "start" | "center" | "end")   scrolls so row i is at that place
//   anchor.virtualRows.scrollToFraction(f)                            like dragging the thumb to f (0..1)
//   anchor.virtualRows.position()                                     { scrollTop, viewport, offset, firstVisible }
//   anchor.virtualRows.moveBy(delta)     moves the focus `delta` rows (as the arrows do; from the list's current row
//                                        when the focus is elsewhere); resolves with the row's link once it holds the
//                                        focus, or null when another move came first (shortcuts.js: j and k)
// and its data attributes: data-total, data-first, data-count, data-first-visible, data-scaled, data-loading.
// For diagnosis, `window.__vrTrace = []` collects jumps, scroll events, renders and focus moves (the list probe prints
// them when a test fails); nothing is collected otherwise.
//
// The list is one Tab stop (roving tabindex): only the current row's link has tabindex=0 — the row that last had the
// focus, else the open (aria-current) row, else the first row drawn — and every other row's link -1, set again after
// every render (Blazor draws the rows; it never writes tabindex, so a row it keeps keeps its value).

const states = new WeakMap();
/** Records what `parts` returns, only while tracing (so scroll and render handlers measure nothing otherwise). */
const trace = parts => { if (window.__vrTrace) window.__vrTrace.push(`${performance.now().toFixed(0)} ${parts().join(" ")}`); };

/** The layout's numbers, from the anchor's data attributes (.NET writes them at every render). */
function layout(anchor, viewport) {
  const d = anchor.dataset;
  const total = Number(d.total) || 0, h = Number(d.rowHeight) || 1, cap = Number(d.maxPixels) || Infinity;
  const real = total * h, height = Math.min(real, cap);
  return {
    total, h, viewport, scaled: real > cap,
    maxScroll: Math.max(0, height - viewport),
    maxOffset: Math.max(0, real - viewport),
  };
}

/** The offset into the rows (real pixels) at the viewport's top, for a scroll position: VirtualRowsLayout.OffsetAt. */
function offsetAt(l, scrollTop) {
  const p = Math.min(Math.max(scrollTop, 0), l.maxScroll), h = l.h;
  if (!l.scaled || l.maxScroll <= 2 * h) return l.scaled && l.maxScroll > 0 ? p * l.maxOffset / l.maxScroll : p;
  if (p <= h) return p;
  if (p >= l.maxScroll - h) return p + (l.maxOffset - l.maxScroll);
  return h + (p - h) * (l.maxOffset - 2 * h) / (l.maxScroll - 2 * h);
}

/** The scroll position whose viewport starts at an offset into the rows: VirtualRowsLayout.ScrollTopFor. */
function scrollTopFor(l, offset) {
  const r = Math.min(Math.max(offset, 0), l.maxOffset), h = l.h;
  if (!l.scaled || l.maxScroll <= 2 * h) return l.scaled && l.maxOffset > 0 ? r * l.maxScroll / l.maxOffset : r;
  if (r <= h) return r;
  if (r >= l.maxOffset - h) return r - (l.maxOffset - l.maxScroll);
  return h + (r - h) * (l.maxScroll - 2 * h) / (l.maxOffset - 2 * h);
}

function scrollerOf(element) {
  for (let e = element.parentElement; e; e = e.parentElement) {
    const overflow = getComputedStyle(e).overflowY;
    if (overflow === "auto" || overflow === "scroll") return e;
  }
  return document.scrollingElement;
}

/** Where the rows begin inside the scroller's content, the scroll position within the rows, and the viewport. */
function measure(s) {
  const viewport = s.scroller === document.scrollingElement ? window.innerHeight : s.scroller.clientHeight;
  const scrollerTop = s.scroller === document.scrollingElement ? 0 : s.scroller.getBoundingClientRect().top + s.scroller.clientTop;
  const listTop = s.anchor.getBoundingClientRect().top - scrollerTop + s.scroller.scrollTop;
  return { listTop, scrollTop: s.scroller.scrollTop - listTop, viewport };
}

/**
 * Tells .NET the position at once (a jump's rows are asked for without waiting for a frame), one call in flight at a
 * time: positions reached meanwhile are sent as one when it returns.
 */
function report(s) {
  if (s.busy) {
    s.pending = true;
    return;
  }
  const m = measure(s);
  if (m.scrollTop === s.sent?.scrollTop && m.viewport === s.sent?.viewport) return;
  s.sent = m;
  s.busy = true;
  s.dotnet.invokeMethodAsync("OnScroll", m.scrollTop, m.viewport)
    .catch(() => { /* the circuit is gone */ })
    .finally(() => {
      s.busy = false;
      if (s.pending) {
        s.pending = false;
        report(s);
      }
    });
}

/**
 * Scrolls so the viewport starts at an offset into the rows (real pixels). `round` (Math.floor or Math.ceil) picks
 * the whole pixel on the side that keeps a row wholly in view when positions are scaled.
 */
function jumpTo(s, offset, round = x => x) {
  const m = measure(s);
  s.scroller.scrollTop = m.listTop + round(scrollTopFor(layout(s.anchor, m.viewport), offset));
  trace(() => ["jump", offset, "listTop", m.listTop, "set", s.scroller.scrollTop, "sh", s.scroller.scrollHeight, "total", s.anchor.dataset.total]);
  report(s);
}

/** The row elements drawn (between the two spacers), and the index of the first. */
function drawn(s) {
  const rows = [];
  for (let e = s.anchor.nextElementSibling; e && !e.classList.contains("vr-after"); e = e.nextElementSibling) rows.push(e);
  return { first: Number(s.anchor.dataset.first) || 0, rows };
}

function rowIndexOf(s, element) {
  const { first, rows } = drawn(s);
  const i = rows.findIndex(row => row.contains(element));
  return i < 0 ? -1 : first + i;
}

/**
 * The list's one Tab stop: the link of the current row (the last focused, by its message), else of the open row, else
 * the first row drawn; every other row's link is taken out of the Tab order (still focusable by the keys and a click).
 */
function applyTabStops(s) {
  const links = [], controls = [];
  for (const row of drawn(s).rows) {
    const link = row.querySelector("a[href]");
    if (link) links.push(link);
    // Any other control of a row (a selection checkbox) is reached with the keys (x) or a click, not with Tab.
    controls.push(...row.querySelectorAll("input, button, select, a[href]"));
  }
  const stop = (s.current && links.find(a => a.getAttribute("href") === s.current))
    ?? links.find(a => a.getAttribute("aria-current") === "true") ?? links[0];
  for (const control of controls) {
    const value = control === stop ? "0" : "-1";
    if (control.getAttribute("tabindex") !== value) control.setAttribute("tabindex", value);
  }
}

/** The index of the drawn row whose link goes to `href`, or -1. */
function indexOfHref(s, href) {
  if (!href) return -1;
  const { first, rows } = drawn(s);
  const i = rows.findIndex(row => row.querySelector("a")?.getAttribute("href") === href);
  return i < 0 ? -1 : first + i;
}

/**
 * Moves the focus `delta` rows from the row the keys are on (the focused row, or the row last moved to while it is
 * drawn); with the focus outside the list, from its current row, else its open row, else onto the first row in view.
 * Resolves with the link once it holds the focus, or null when another move came first.
 */
function moveBy(s, delta) {
  const m = measure(s), l = layout(s.anchor, m.viewport);
  if (l.total === 0) return Promise.resolve(null);
  const active = document.activeElement;
  const inList = active && active !== document.body && rowIndexOf(s, active) >= 0;
  let from = s.focus >= 0 && (inList || active === document.body) ? s.focus : inList ? rowIndexOf(s, active) : -1;
  if (from < 0) from = indexOfHref(s, s.current);
  if (from < 0) {
    const open = drawn(s).rows.find(row => row.querySelector("a[aria-current=true]"));
    from = open ? rowIndexOf(s, open) : -1;
  }
  const index = from < 0
    ? Math.min(Math.floor(offsetAt(l, m.scrollTop) / l.h), l.total - 1)
    : Math.min(Math.max(from + delta, 0), l.total - 1);
  moveFocus(s, index);
  return new Promise(resolve => {
    const started = performance.now();
    const tick = () => {
      if (s.focus !== index || !states.has(s.anchor) || performance.now() - started > 30000) return resolve(null);
      const { first, rows } = drawn(s);
      const link = rows[index - first]?.querySelector("a");
      if (link && document.activeElement === link) return resolve(link);
      requestAnimationFrame(tick);
    };
    tick();
  });
}

/** Focuses row `index` once it is drawn with its link (rows not read yet are skeletons without one). */
function focusWanted(s) {
  if (s.focus < 0) return;
  const { first, rows } = drawn(s);
  const link = rows[s.focus - first]?.querySelector("a");
  if (link && document.activeElement !== link) link.focus({ preventScroll: true });
}

/**
 * After a render that was not a key move: the focus follows its message, not its place. Mail arriving above the
 * focused row moves that row down (its element stays, keyed by the message), so the index is read again; a row that
 * left the window and comes back (scrolled away and back) gets the focus again, found by its link.
 */
function followFocus(s) {
  const active = document.activeElement;
  const at = active && active !== document.body ? rowIndexOf(s, active) : -1;
  if (at >= 0) {
    s.focus = at;
    s.focusHref = active.closest("a")?.getAttribute("href") ?? s.focusHref;
    return;
  }
  if (!s.focusHref || (active && active !== document.body)) return;
  const { first, rows } = drawn(s);
  const i = rows.findIndex(row => row.querySelector("a")?.getAttribute("href") === s.focusHref);
  if (i < 0) return;
  s.focus = first + i;
  rows[i].querySelector("a").focus({ preventScroll: true });
}

function moveFocus(s, index) {
  trace(() => ["moveFocus", index, "focus", s.focus]);
  s.moving = index;
  const m = measure(s), l = layout(s.anchor, m.viewport);
  const offset = offsetAt(l, m.scrollTop), top = index * l.h;
  s.focus = index;
  if (top < offset) jumpTo(s, top, Math.floor);
  else if (top + l.h > offset + l.viewport) jumpTo(s, top + l.h - l.viewport, Math.ceil);
  focusWanted(s);
  keepFocus(s, index);
}

/**
 * Until row `index` holds the focus, tries again every frame (for up to 30 s): the row is drawn after its data comes
 * from the server, and its place (data-first) may be set by a later render than the one that drew it.
 */
function keepFocus(s, index) {
  cancelAnimationFrame(s.focusFrame);
  const started = performance.now();
  const tick = () => {
    if (s.focus !== index || performance.now() - started > 30000 || !states.has(s.anchor)) {
      if (s.moving === index) s.moving = -1;
      return;
    }
    focusWanted(s);
    const { first, rows } = drawn(s);
    if (document.activeElement === rows[index - first]?.querySelector("a")) {
      s.moving = -1;
      return;
    }
    s.focusFrame = requestAnimationFrame(tick);
  };
  s.focusFrame = requestAnimationFrame(tick);
}

function onKey(s, event) {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  // A focused row that scrolled out of the window leaves the focus on the body until its row is drawn again.
  const inside = s.scroller.contains(target) || (target === document.body && (s.pointerInside || s.focus >= 0));
  if (!inside || target.closest?.("input, textarea, select, [contenteditable=true]")) return;
  const m = measure(s), l = layout(s.anchor, m.viewport);
  if (l.total === 0) return;
  const page = Math.max(1, Math.floor(l.viewport / l.h) - 1);
  // Keys pressed faster than rows are drawn count from the row last moved to, not the one still focused.
  const row = s.focus >= 0 && (target === document.body || rowIndexOf(s, target) >= 0) ? s.focus : rowIndexOf(s, target);
  // Space pages too (natively it scrolls a page of pixels, many pages of rows past the cap).
  const key = event.key === " " ? (event.shiftKey ? "PageUp" : "PageDown") : event.key;
  if (row >= 0) {
    const next = { ArrowDown: row + 1, ArrowUp: row - 1, PageDown: row + page, PageUp: row - page, Home: 0, End: l.total - 1 }[key];
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    moveFocus(s, Math.min(Math.max(next, 0), l.total - 1));
    return;
  }
  const offset = offsetAt(l, m.scrollTop);
  const to = { ArrowDown: offset + l.h, ArrowUp: offset - l.h, PageDown: offset + page * l.h, PageUp: offset - page * l.h, Home: 0, End: l.maxOffset }[key];
  if (to === undefined) return;
  event.preventDefault();
  event.stopPropagation();
  jumpTo(s, to);
}

/** Past the cap a wheel notch would move many rows: it moves the rows by its own distance instead. */
function onWheel(s, event) {
  const m = measure(s), l = layout(s.anchor, m.viewport);
  if (!l.scaled || event.ctrlKey || event.deltaY === 0) return;
  event.preventDefault();
  const delta = event.deltaY * (event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? l.viewport : 1);
  const recent = performance.now() - s.wheelAt < 250;
  s.wheelTarget = Math.min(Math.max((recent ? s.wheelTarget : offsetAt(l, m.scrollTop)) + delta, 0), l.maxOffset);
  s.wheelAt = performance.now();
  jumpTo(s, s.wheelTarget);
}

/** Starts reporting for the rows that `anchor` begins; returns the position now. */
export function attachVirtualRows(anchor, dotnet) {
  if (!anchor || states.has(anchor)) return null;
  const scroller = scrollerOf(anchor);
  // No scroll anchoring: when a render moves the rows (a jump, or any move past the cap, where rows are drawn at a
  // scaled place), Chromium would scroll to keep an old row where it was, the new position would move the rows again,
  // and the list walked off to its top or end (seen after keys in the 100,000-message folder). Virtualize does the same.
  scroller.style.overflowAnchor = "none";
  // The sizer (VirtualRows.razor) is placed against the scroller.
  if (scroller !== document.scrollingElement && getComputedStyle(scroller).position === "static") scroller.style.position = "relative";
  const s = { anchor, dotnet, scroller, busy: false, pending: false, focus: -1, focusHref: null, current: null, moving: -1, pointerInside: false, wheelAt: 0, wheelTarget: 0 };
  const events = scroller === document.scrollingElement ? window : scroller;
  s.onScroll = () => { trace(() => ["scroll", s.scroller.scrollTop, "sh", s.scroller.scrollHeight, "first", s.anchor.dataset.first]); report(s); };
  s.onKey = event => onKey(s, event);
  s.onWheel = event => onWheel(s, event);
  s.onPointer = event => {
    s.pointerInside = scroller.contains(event.target);
    if (!s.pointerInside) {
      s.focus = -1;
      s.focusHref = null;
    }
  };
  s.onFocusIn = event => {
    const index = rowIndexOf(s, event.target);
    trace(() => ["focusin", index, event.target.textContent?.slice(0, 40)]);
    s.focus = index;
    s.focusHref = index < 0 ? null : event.target.closest("a")?.getAttribute("href") ?? null;
    // The current row (the Tab stop) stays when the focus leaves the list: Shift+Tab back in lands on it. Any control
    // of a row (its link, or another control in it) makes that row current.
    if (index >= 0) {
      const { first, rows } = drawn(s);
      s.current = rows[index - first]?.querySelector("a[href]")?.getAttribute("href") ?? s.current;
      applyTabStops(s);
    }
  };
  events.addEventListener("scroll", s.onScroll, { passive: true });
  scroller.addEventListener("wheel", s.onWheel, { passive: false });
  document.addEventListener("keydown", s.onKey, true);
  document.addEventListener("pointerdown", s.onPointer, true);
  document.addEventListener("focusin", s.onFocusIn, true);
  s.resize = new ResizeObserver(() => report(s));
  s.resize.observe(scroller);
  // A render may move the rows' start (rows above them come or go): measure again then, as after a scroll.
  s.mutations = new MutationObserver(() => {
    trace(() => ["render first", s.anchor.dataset.first, "count", s.anchor.dataset.count, "total", s.anchor.dataset.total, "st", s.scroller.scrollTop, "sh", s.scroller.scrollHeight, "active", document.activeElement?.textContent?.slice(0, 40)]);
    if (s.moving >= 0) focusWanted(s);
    else if (s.focus >= 0) followFocus(s);
    applyTabStops(s);
    report(s);
  });
  // aria-current: the open row changed (a click, j/k with a message open), which may make it the Tab stop.
  s.mutations.observe(anchor.parentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-first", "aria-current"] });
  anchor.virtualRows = {
    scrollToIndex: (index, align = "start") => {
      const l = layout(anchor, measure(s).viewport);
      jumpTo(s, index * l.h - (align === "center" ? (l.viewport - l.h) / 2 : align === "end" ? l.viewport - l.h : 0));
    },
    scrollToFraction: fraction => {
      const m = measure(s);
      scroller.scrollTop = m.listTop + layout(anchor, m.viewport).maxScroll * fraction;
    },
    position: () => {
      const m = measure(s), l = layout(anchor, m.viewport), offset = offsetAt(l, m.scrollTop);
      return { scrollTop: m.scrollTop, viewport: m.viewport, offset, firstVisible: Math.min(Math.floor(offset / l.h), Math.max(0, l.total - 1)) };
    },
    moveBy: delta => moveBy(s, delta),
  };
  states.set(anchor, s);
  applyTabStops(s);
  const m = measure(s);
  return { scrollTop: m.scrollTop, height: m.viewport };
}

/** Stops what attachVirtualRows started. */
export function detachVirtualRows(anchor) {
  const s = anchor && states.get(anchor);
  if (!s) return;
  states.delete(anchor);
  (s.scroller === document.scrollingElement ? window : s.scroller).removeEventListener("scroll", s.onScroll);
  s.scroller.removeEventListener("wheel", s.onWheel);
  document.removeEventListener("keydown", s.onKey, true);
  document.removeEventListener("pointerdown", s.onPointer, true);
  document.removeEventListener("focusin", s.onFocusIn, true);
  s.resize.disconnect();
  s.mutations.disconnect();
  delete anchor.virtualRows;
}
