// Blazor's reconnect UI (the dialog in ReconnectModal.razor). Blazor tells the dialog what the connection
// is doing; this shows it at once, keeps trying while the app is unreachable (Blazor gives up after a few
// attempts; an app restart can take longer), and reloads when the app is back but no longer knows this tab.
// The state also goes out as a document event ("webmail-connection") for the compose editor.
const dialog = document.getElementById("components-reconnect-modal");
const retryMs = 3000;
let timer = 0;

function announce(state) {
  document.dispatchEvent(new CustomEvent("webmail-connection", { detail: { state } }));
}

async function retry() {
  clearTimeout(timer);
  try {
    // true: reconnected; false: the app answered but no longer has this tab's session.
    if (!(await Blazor.reconnect())) location.reload();
  } catch {
    timer = setTimeout(retry, retryMs);
  }
}

if (dialog) {
  dialog.addEventListener("components-reconnect-state-changed", event => {
    const state = event.detail?.state;
    if (state === "show") {
      // Not modal: a message being written stays editable, and its text is kept in this browser.
      if (!dialog.open) dialog.show();
      announce("show");
    } else if (state === "hide") {
      clearTimeout(timer);
      dialog.close();
      announce("hide");
    } else if (state === "failed") {
      timer = setTimeout(retry, retryMs);
    } else if (state === "rejected") {
      location.reload();
    }
  });
  document.getElementById("components-reconnect-button")?.addEventListener("click", retry);
}
