// Picking and dragging rows of the message list, and dropping them on folders of the tree.
// - Ctrl/⌘+click on a row picks it, Shift+click picks a range: the click goes to the row's checkbox (Blazor's handler
//   reads the Shift key there), and the link does not open a new tab or window.
// - Dragging a row (or, if it is picked, every picked row) onto a folder moves it there; with Ctrl held, copies.
//   The folder under the pointer is marked (class "drop-target") and says "Move to …" / "Copy to …" in a title.
// One listener set per page (document level: rows and folders are re-rendered by Blazor all the time).

const messageType = "application/x-webmail-messages";
let page = null;

function rowOf(target) {
  return target instanceof Element ? target.closest("ul.messages li.row") : null;
}

function folderOf(target) {
  return target instanceof Element ? target.closest("[data-folder]") : null;
}

function onClick(event) {
  const row = rowOf(event.target);
  if (!row || event.button !== 0 || !(event.ctrlKey || event.metaKey || event.shiftKey)) return;
  const box = row.querySelector("input.pick");
  if (!box || event.target === box || box.disabled) return;
  event.preventDefault();
  event.stopPropagation();
  box.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, shiftKey: event.shiftKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey }));
}

function onDragStart(event) {
  const row = rowOf(event.target);
  if (!row) return;
  const href = row.querySelector("a")?.getAttribute("href") ?? "";
  const picked = row.querySelector("input.pick")?.checked === true;
  const count = picked ? document.querySelectorAll("ul.messages input.pick:checked").length : 1;
  event.dataTransfer.setData(messageType, JSON.stringify({ href, picked }));
  event.dataTransfer.effectAllowed = "copyMove";
  const label = document.createElement("div");
  label.className = "drag-label";
  // The words come from the list in the user's language (data-drag-one, data-drag-many with "{0}").
  const words = row.closest("ul.messages")?.dataset ?? {};
  label.textContent = picked && count > 1 ? (words.dragMany ?? "{0} messages").replace("{0}", String(count))
    : (row.querySelector(".subject")?.textContent || words.dragOne || "1 message");
  document.body.appendChild(label);
  event.dataTransfer.setDragImage(label, 10, 10);
  setTimeout(() => label.remove());
}

function clearTargets() {
  document.querySelectorAll(".drop-target").forEach(e => e.classList.remove("drop-target"));
}

function onDragOver(event) {
  const folder = folderOf(event.target);
  if (!folder || !event.dataTransfer.types.includes(messageType) || folder.dataset.canDrop === "false") return;
  event.preventDefault();
  event.dataTransfer.dropEffect = event.ctrlKey ? "copy" : "move";
  if (!folder.classList.contains("drop-target")) {
    clearTargets();
    folder.classList.add("drop-target");
  }
}

function onDragLeave(event) {
  const folder = folderOf(event.target);
  if (folder && !folder.contains(event.relatedTarget)) folder.classList.remove("drop-target");
}

function onDrop(event) {
  const folder = folderOf(event.target);
  clearTargets();
  if (!folder || !page) return;
  const data = event.dataTransfer.getData(messageType);
  if (!data) return;
  event.preventDefault();
  const { href, picked } = JSON.parse(data);
  page.invokeMethodAsync("DropOnFolder", folder.dataset.folder, href, picked, event.ctrlKey).catch(() => { });
}

/** Starts the page's row picking and dragging; <paramref name="target"/> receives DropOnFolder(folder, href, picked, copy). */
export function attachListActions(target) {
  detachListActions();
  page = target;
  document.addEventListener("click", onClick, true);
  document.addEventListener("dragstart", onDragStart);
  document.addEventListener("dragover", onDragOver);
  document.addEventListener("dragleave", onDragLeave);
  document.addEventListener("dragend", clearTargets);
  document.addEventListener("drop", onDrop);
}

export function detachListActions() {
  page = null;
  document.removeEventListener("click", onClick, true);
  document.removeEventListener("dragstart", onDragStart);
  document.removeEventListener("dragover", onDragOver);
  document.removeEventListener("dragleave", onDragLeave);
  document.removeEventListener("dragend", clearTargets);
  document.removeEventListener("drop", onDrop);
}
