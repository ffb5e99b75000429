// Tells the server the browser's time zone (IANA id) for the pages it renders: dates show in it unless the user chose
// another zone in the settings. A plain script, run on every page before Blazor starts.
(() => {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone) document.cookie = `webmail.tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax`;
  } catch {
    // No Intl: the server's zone is used.
  }
})();
