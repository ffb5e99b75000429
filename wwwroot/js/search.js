// The search box's keys: "/" anywhere outside a text field focuses it (as in Gmail and Roundcube), Escape in it
// clears the text, or leaves the box when it is already empty.

let box = null;

/** True for a field that takes typing (text inputs, textareas, selects, editable text): keys there are the user's. */
export function isTextField(element) {
  if (!element || element === document.body) return false;
  if (element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"].includes(element.type);
}

function onDocumentKey(event) {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  if (!box || !box.isConnected || isTextField(event.target)) return;
  event.preventDefault();
  box.focus();
  box.select();
}

function onBoxKey(event) {
  if (event.key !== "Escape") return;
  event.preventDefault();
  if (event.target.value) {
    event.target.value = "";
    event.target.dispatchEvent(new Event("input", { bubbles: true }));
  } else {
    event.target.blur();
  }
}

/** Wires the keys to the search box shown now (one per page; a new box replaces the old one). */
export function enableSearchKeys(input) {
  if (!input) return;
  if (!box) document.addEventListener("keydown", onDocumentKey);
  box = input;
  if (input.dataset.keys === "on") return;
  input.dataset.keys = "on";
  input.addEventListener("keydown", onBoxKey);
}
