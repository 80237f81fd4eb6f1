/**
 * The only place the task pane looks at Office.js itself: is it running inside
 * Excel, on which platform, and in which theme. Everything that touches the
 * workbook goes through the office host gateway (src/hosts/office).
 */

export type Platform = "windows" | "mac" | "web" | "ipad" | "other";

export interface HostInfo {
  /** False in a plain browser: the pane then runs as a preview on an in-memory workbook. */
  readonly inExcel: boolean;
  /** Where files can be saved from the pane: everywhere but the Mac (and iPad). */
  readonly platform: Platform | undefined;
  /** Office's own theme background, when Office tells it. */
  readonly officeBackground: string | undefined;
}

function platformOf(name: string | null | undefined): Platform | undefined {
  switch (name) {
    case "PC": return "windows";
    case "Mac": return "mac";
    case "OfficeOnline": return "web";
    case "iOS": return "ipad";
    case undefined: case null: return undefined;
    default: return "other";
  }
}

/**
 * Waits for Office.js. With no Office global (office.js could not load, for
 * example offline) or with no host (a plain browser tab), the pane is a preview.
 */
export async function detectHost(): Promise<HostInfo> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office || typeof office.onReady !== "function") {
    return { inExcel: false, platform: undefined, officeBackground: undefined };
  }
  const info = await office.onReady();
  const context = office.context as Partial<typeof Office.context> | undefined;
  const reported = context?.diagnostics?.platform ?? info.platform;
  const platform = platformOf(reported === null || reported === undefined ? undefined : String(reported));
  return {
    // Outside Office, onReady reports host null.
    inExcel: String(info.host) === "Excel",
    platform,
    officeBackground: context?.officeTheme?.bodyBackgroundColor ?? undefined,
  };
}
