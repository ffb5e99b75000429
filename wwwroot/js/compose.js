// The compose editor's browser side (imported by webmail.js; kept apart because it is most of the browser
// code and only the compose page uses it). The browser owns what the user types: a textarea or a
// contenteditable whose content the server sets once, at start. Edits go to the server as bounded diffs
// (common prefix/suffix → replace one range; long insertions in ordered pieces), each naming the revision it
// applies to, so a lost one is noticed and everything is sent again. A flush says what the server should
// now hold (length + SHA-256) so the server can check before it saves or sends. When the page goes away or
// the connection drops, the last keystrokes go by beacon and into localStorage.

const maxChunkUnits = 8000;     // UTF-16 code units per call
const maxChunkBytes = 12000;    // worst-case bytes on the wire per call, far below the hub's 32 KB
const maxBeaconBytes = 60000;   // browsers queue at most 64 KB of beacon data
const localPrefix = "webmail.compose.";
const localMaxAgeMs = 7 * 24 * 3600 * 1000;
const retryMs = 2000;
const docs = ["text", "html"];
const fieldIds = { from: "compose-from", to: "compose-to", cc: "compose-cc", bcc: "compose-bcc", subject: "compose-subject" };
const outOfSync = new Error("out of sync");
const tooLarge = new Error("too large");
const composers = new Map();

const isHigh = c => c >= 0xd800 && c <= 0xdbff;
const isLow = c => c >= 0xdc00 && c <= 0xdfff;

/** Worst-case wire bytes of one UTF-16 unit inside JSON inside a hub message (escapes may be escaped again). */
function unitCost(c) {
  if (c < 0x20) return 7;
  if (c === 0x22 || c === 0x5c) return 4;
  if (c < 0x80) return 1;
  if (c < 0x800 || isHigh(c) || isLow(c)) return 2;
  return 3;
}

function byteSize(text) {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) bytes += unitCost(text.charCodeAt(i));
  return bytes;
}

/** Pieces of text within the per-call limits, never cut between the halves of a surrogate pair. */
export function chunks(text) {
  const pieces = [];
  for (let start = 0; start < text.length;) {
    let end = start, bytes = 0;
    while (end < text.length && end - start < maxChunkUnits && bytes + unitCost(text.charCodeAt(end)) <= maxChunkBytes) {
      bytes += unitCost(text.charCodeAt(end++));
    }
    if (end < text.length && end - start > 1 && isHigh(text.charCodeAt(end - 1))) end--;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

/** The one range that changed between two texts: common prefix and suffix kept, never inside a surrogate pair. */
export function diff(before, after) {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHigh(before.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLow(after.charCodeAt(after.length - suffix))) suffix--;
  return { start: prefix, removed: before.length - prefix - suffix, text: after.slice(prefix, after.length - suffix) };
}

/** SHA-256 (hex) of the text's UTF-16 code units, little-endian; the server computes the same. */
export async function fingerprint(text) {
  const bytes = new Uint8Array(text.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(i * 2, text.charCodeAt(i), true);
  const hash = globalThis.crypto?.subtle ? new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)) : sha256(bytes);
  return Array.from(hash, b => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 for pages served over plain http, where crypto.subtle is missing (FIPS 180-4). */
function sha256(bytes) {
  const fractions = (root, count) => {
    const out = [];
    for (let n = 2; out.length < count; n++) {
      if ([...Array(n).keys()].slice(2).every(d => n % d !== 0)) out.push(((root(n) % 1) * 2 ** 32) >>> 0);
    }
    return out;
  };
  const k = fractions(Math.cbrt, 64);
  const h = fractions(Math.sqrt, 8);
  const length = ((bytes.length + 9 + 63) >> 6) << 6;
  const padded = new Uint8Array(length);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(length - 8, Math.floor(bytes.length / 0x20000000));
  view.setUint32(length - 4, (bytes.length * 8) >>> 0);
  const w = new Uint32Array(64);
  const rotr = (x, n) => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i] + w[i]) >>> 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
      [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) >>> 0, c, b, a, (t1 + t2) >>> 0];
    }
    [a, b, c, d, e, f, g, hh].forEach((x, i) => { h[i] = (h[i] + x) >>> 0; });
  }
  const out = new Uint8Array(32);
  h.forEach((x, i) => new DataView(out.buffer).setUint32(i * 4, x));
  return out;
}

function readFields() {
  const fields = {};
  for (const [name, id] of Object.entries(fieldIds)) fields[name] = document.getElementById(id)?.value ?? "";
  return fields;
}

function readLocal(id) {
  try { return JSON.parse(localStorage.getItem(localPrefix + id) ?? "null"); } catch { return null; }
}

function removeLocal(id) {
  try { localStorage.removeItem(localPrefix + id); } catch { /* storage off */ }
}

/** Browser copies older than a week are dropped (the server saved drafts long before). */
function pruneLocal() {
  try {
    for (let i = localStorage.length - 1; i >= 0; i--) {
      const key = localStorage.key(i);
      if (key?.startsWith(localPrefix) && !(Date.now() - (readLocal(key.slice(localPrefix.length))?.at ?? 0) < localMaxAgeMs)) localStorage.removeItem(key);
    }
  } catch { /* storage off */ }
}

const escapeHtml = text => text.replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" })[c]);

class Composer {
  constructor(id, dotnet) {
    this.id = id;
    this.dotnet = dotnet;
    this.rev = 0;              // the last revision the server acknowledged
    this.nextRev = 0;
    this.version = 0;          // counts the user's edits
    this.syncedVersion = 0;
    this.synced = { text: "", html: "" };  // what the server holds at this.rev
    this.queue = Promise.resolve();
    this.down = false;
    this.done = false;
    this.listeners = [
      [document, "visibilitychange", () => { if (document.visibilityState === "hidden") this.leaving(); }],
      [window, "pagehide", () => this.leaving()],
      [document, "webmail-connection", e => this.connection(e.detail?.state)],
    ];
    for (const [target, name, handler] of this.listeners) target.addEventListener(name, handler);
  }

  attach(element, init) {
    this.detachElement();
    Object.assign(this, { element, init, rich: init.rich, rev: init.revision, nextRev: init.revision });
    this.synced = { text: init.text ?? "", html: init.rich ? init.html ?? "" : "" };
    const copy = init.restore ? this.takeLocal(init) : null;
    if (this.rich) element.innerHTML = copy ? (copy.rich ? copy.html : `<div style="white-space:pre-wrap">${escapeHtml(copy.text)}</div>`) : this.synced.html;
    else element.value = copy ? copy.text : this.synced.text;
    this.onInput = () => this.changed();
    element.addEventListener("input", this.onInput);
    // Rendered read-only so nothing is typed before the content above is in; editable from now on.
    if (this.rich) element.contentEditable = "true";
    else element.readOnly = false;
    element.removeAttribute("aria-readonly");
    this.state("synced");
    if (!copy && init.caret != null) placeCaret(element, this.rich, init.caret);
    // A restored copy, or what the browser made of the server's value (line breaks), goes to the server.
    if (this.differs()) this.changed();
    if (copy) this.saveLocal();
    return copy ? { at: copy.at, ...copy.fields } : null;
  }

  /** This browser's own copy, if it holds more than the draft the server opened; an older one is dropped. */
  takeLocal(init) {
    const copy = readLocal(this.id);
    if (!copy) return null;
    const fields = readFields();
    const same = (this.rich && copy.rich ? copy.html === this.synced.html : copy.text === this.synced.text)
      && Object.keys(fieldIds).every(k => (copy.fields?.[k] ?? "") === fields[k]);
    const newer = !init.savedAt || copy.at > init.savedAt;
    const longer = init.savedAt && copy.at > init.savedAt - 60000 && copy.text.length > this.synced.text.length;
    if (same || !(newer || longer)) {
      removeLocal(this.id);
      return null;
    }
    return copy;
  }

  current() {
    return this.rich ? { text: this.element.innerText, html: this.element.innerHTML } : { text: this.element.value, html: "" };
  }

  differs(now = this.current()) {
    return now.text !== this.synced.text || now.html !== this.synced.html;
  }

  state(value) {
    if (this.element) this.element.dataset.sync = value;
  }

  changed() {
    if (this.done) return;
    this.version++;
    this.state("pending");
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sync().catch(() => {}), this.init.syncDelay);
    this.localTimer ??= setTimeout(() => { this.localTimer = undefined; this.saveLocal(); }, 1000);
  }

  /** Queues one push of every pending edit (everything when full); pushes never overlap. */
  sync(full = false) {
    clearTimeout(this.timer);
    const run = this.queue.then(() => this.push(full));
    this.queue = run.catch(() => {});
    return run;
  }

  async push(full) {
    if (!this.element || this.done) return;
    const now = this.current();
    const version = this.version;
    try {
      for (let doc = 0; doc < docs.length; doc++) {
        const name = docs[doc];
        if (full) await this.send(doc, { start: 0, removed: -1, text: now[name] }, true);
        else if (now[name] !== this.synced[name]) await this.send(doc, diff(this.synced[name], now[name]), false);
        this.synced[name] = now[name];
      }
      this.syncedVersion = version;
      clearTimeout(this.retry);
      this.state(this.differs() ? "pending" : "synced");
    } catch (e) {
      if (e === outOfSync && !full) return this.push(true);
      this.state(e === tooLarge ? "too-large" : "failed");
      clearTimeout(this.retry);
      if (e !== tooLarge && !this.down) this.retry = setTimeout(() => this.sync().catch(() => {}), retryMs);
      throw e;
    }
  }

  /** One range in ordered pieces; the first replaces, the rest insert after it. */
  async send(doc, change, unconditional) {
    let { start, removed } = change;
    const pieces = chunks(change.text);
    if (pieces.length === 0) pieces.push("");
    for (const piece of pieces) {
      const rev = ++this.nextRev;
      const code = await this.dotnet.invokeMethodAsync("Edit", unconditional ? -1 : this.rev, rev, this.version, doc, start, removed, piece);
      if (code !== 0) throw code === 2 ? tooLarge : outOfSync;
      this.rev = rev;
      unconditional = false;
      start += piece.length;
      removed = 0;
    }
  }

  async flush(full) {
    let problem = null;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.sync(full && attempt === 0);
        problem = null;
      } catch (e) {
        problem = e === tooLarge ? "too-large" : "not-sent";
        if (e === tooLarge) break;
        continue;
      }
      if (!this.differs()) break;
    }
    const { text, html } = this.synced;
    return {
      revision: this.rev, version: this.syncedVersion, problem,
      textLength: text.length, textHash: await fingerprint(text), htmlLength: html.length, htmlHash: await fingerprint(html),
    };
  }

  saveLocal(now = this.current()) {
    if (this.done || !this.element) return;
    try {
      localStorage.setItem(localPrefix + this.id, JSON.stringify({
        at: Date.now(), instance: this.init.instance, version: this.version, rich: this.rich, text: now.text, html: now.html, fields: readFields(),
      }));
    } catch { /* over quota or storage off: the server's copy and the beacon remain */ }
  }

  /** The page is hidden or going away, or the connection dropped: keep what the server may not have. */
  leaving() {
    if (this.done || !this.element) return;
    const now = this.current();
    if (!this.differs(now) && !this.down) return;
    this.saveLocal(now);
    this.beacon(now);
  }

  beacon(now) {
    const form = new FormData();
    const add = (name, value) => form.append(name, String(value));
    add(this.init.tokenName, this.init.token);
    add("id", this.id);
    add("instance", this.init.instance);
    add("baseRevision", this.rev);
    add("version", this.version);
    add("rich", this.rich);
    for (const [name, value] of Object.entries(readFields())) add(name, value);
    let bytes = 0;
    for (const name of docs) {
      const change = diff(this.synced[name], now[name]);
      add(name + "Start", change.start);
      add(name + "Removed", change.removed);
      add(name + "Insert", change.text);
      bytes += byteSize(change.text);
    }
    const whole = bytes + byteSize(now.text) + byteSize(now.html) < maxBeaconBytes;
    if (whole) {
      add("hasFull", true);
      add("fullText", now.text);
      add("fullHtml", now.html);
    }
    try { return navigator.sendBeacon(this.init.beaconUrl, form); } catch { return false; }
  }

  connection(state) {
    if (state === "show" && !this.down) {
      this.down = true;
      this.leaving();
    } else if (state === "hide" && this.down) {
      this.down = false;
      this.sync().catch(() => {});
    }
  }

  detachElement() {
    clearTimeout(this.timer);
    clearTimeout(this.retry);
    this.element?.removeEventListener("input", this.onInput);
    this.element = null;
  }

  close() {
    this.detachElement();
    clearTimeout(this.localTimer);
    this.done = true;
    for (const [target, name, handler] of this.listeners) target.removeEventListener(name, handler);
    composers.delete(this.id);
  }
}

/** Starts the editor in element (or moves it there after a plain/rich switch); returns what it restored from this browser's copy. */
/** Focuses the editor with the caret at offset (characters of its text): where the user chose to write a reply. */
function placeCaret(element, rich, offset) {
  element.focus({ preventScroll: true });
  if (!rich) {
    element.setSelectionRange(offset, offset);
    return;
  }
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  let left = offset;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (left <= node.length) {
      getSelection().setBaseAndExtent(node, left, node, left);
      return;
    }
    left -= node.length;
  }
}

export function initComposer(element, dotnet, init) {
  if (!element) return null;
  let composer = composers.get(init.id);
  if (!composer) composers.set(init.id, composer = new Composer(init.id, dotnet));
  return composer.attach(element, init);
}

/** Sends pending edits and reports what the server should now hold; null when there is no editor. */
export async function flushComposer(id, full) {
  const composer = composers.get(id);
  return composer?.element ? await composer.flush(full) : null;
}

/** The draft up to version is saved: this browser's copy is no longer needed unless edited since. */
export function composerSaved(id, version) {
  const composer = composers.get(id);
  const copy = readLocal(id);
  if (composer && copy && copy.instance === composer.init.instance && copy.version <= version) removeLocal(id);
}

/** The message was sent: forget everything about it. */
export function composerSent(id) {
  composers.get(id)?.close();
  removeLocal(id);
}

/** The page closed inside the app: send what is still pending, then stop. */
export function disposeComposer(id) {
  const composer = composers.get(id);
  if (!composer) return;
  composer.leaving();
  composer.close();
}

pruneLocal();
