import type { Platform } from "../host/office-host";

/**
 * How a generated upload file reaches the user's disk.
 * - download: a Blob link with the `download` attribute. Works in Excel on the web
 *   and on Windows (WebView2 shows a download bar in the pane).
 * - copy: Excel on the Mac (and iPad) runs the pane in WKWebView, which ignores
 *   downloads from a task pane (OfficeDev/office-js #3385, #4681) and the dialog
 *   API runs in the same web view. The user copies the file's text to the clipboard,
 *   or selects it in a text box, and saves it from a text editor.
 */
export type SaveMethod = "download" | "copy";

export function saveMethodFor(platform: Platform | undefined): SaveMethod {
  return platform === "mac" || platform === "ipad" ? "copy" : "download";
}

/** Starts a browser download of `text` as `name` (UTF-8 JSON, no byte-order mark). */
export function downloadFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download; let it go a little later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Copies text to the clipboard: the asynchronous Clipboard API where the web view
 * allows it, otherwise the older selection-and-copy command. False when neither works,
 * so the pane can fall back to a text box the user copies from.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no permission or no user gesture): try the older way.
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  try {
    // Deprecated, yet the one copy path that still works in some Office web views.
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
