// The footer's "Privacy and support" link (support.html, beside taskpane.html). Where Office can open
// a browser window from a pane (OpenBrowserWindowApi 1.1: Excel on Windows and Mac), the page opens
// there; elsewhere (Excel on the web, a plain browser) the link's own target="_blank" opens a tab.

/* global Office, window */

/** True when Office offers openBrowserWindow here; false outside Office or on the web. */
function canOpenBrowserWindow(): boolean {
  try {
    return typeof Office !== "undefined" && Boolean(Office.context?.requirements?.isSetSupported("OpenBrowserWindowApi", "1.1"));
  } catch {
    return false; // Office.js not initialised (outside Office)
  }
}

export function wireSupportLink(link: HTMLAnchorElement): void {
  link.addEventListener("click", (event) => {
    if (!canOpenBrowserWindow()) return;
    event.preventDefault();
    Office.context.ui.openBrowserWindow(new URL(link.getAttribute("href") ?? "support.html", window.location.href).href);
  });
}
