// The one small module for browser-only work. Blazor does the rendering; this only does what needs the DOM.

/**
 * Arrow keys move between the rows of a list of links (the message list), Home/End jump to the ends.
 * Enter still opens the focused row, as on any link.
 */
export function enableListKeys(list) {
  if (!list || list.dataset.keys === "on") return;
  list.dataset.keys = "on";
  list.addEventListener("keydown", event => {
    const links = [...list.querySelectorAll("li.row > a")];
    const index = links.indexOf(document.activeElement);
    if (index < 0) return;
    const target = {
      ArrowDown: links[index + 1],
      ArrowUp: links[index - 1],
      Home: links[0],
      End: links[links.length - 1],
    }[event.key];
    if (target) {
      event.preventDefault();
      target.focus();
      target.scrollIntoView({ block: "nearest" });
    }
  });
}
