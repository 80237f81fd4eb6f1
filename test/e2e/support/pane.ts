import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";

export const FIXTURES = join(process.cwd(), "test", "fixtures");
export const fixture = (name: string) => join(FIXTURES, name);

/** The recipient of the samples (test/fixtures; the offline download does not carry it). */
export const RECIPIENT = "27AAGCK4821M1Z8";

/**
 * The samples describe a download taken in mid-April 2026 (shared samples README),
 * and some rules depend on the date (stale download, pending windows): the pane's
 * clock is pinned to that day, in India.
 */
export const SAMPLE_DAY = new Date("2026-04-15T10:00:00+05:30");

export async function pinClock(page: Page): Promise<void> {
  await page.clock.setFixedTime(SAMPLE_DAY);
}

export function paneRegion(page: Page): Locator {
  return page.locator("main");
}

/** Waits until no work is under way (the progress card is gone). */
export async function idle(page: Page): Promise<void> {
  await page.getByRole("region", { name: "Work in progress" }).waitFor({ state: "detached" });
}

export async function openDownloads(page: Page, ...names: string[]): Promise<void> {
  await page.getByLabel("IMS download files").setInputFiles(names.map(fixture));
  await idle(page);
}

export async function enterRecipient(page: Page, gstin = RECIPIENT): Promise<void> {
  await page.getByRole("textbox", { name: /Your GSTIN/ }).fill(gstin);
  await page.getByRole("button", { name: "Save" }).click();
}

/** Shows a sheet in the preview's workbook view. */
export async function showSheet(page: Page, sheet: string): Promise<void> {
  await page.getByRole("tablist", { name: "Sheets" }).getByRole("tab", { name: sheet, exact: true }).click();
  await page.getByRole("table", { name: `Sheet ${sheet}` }).waitFor();
}

/** The worksheet row number of the row showing a document number on a sheet. */
export async function rowOf(page: Page, sheet: string, documentNumber: string): Promise<number> {
  await showSheet(page, sheet);
  const row = page.getByRole("table", { name: `Sheet ${sheet}` }).locator("tbody tr").filter({ hasText: documentNumber });
  const n = Number(await row.getAttribute("data-row"));
  if (!Number.isInteger(n)) throw new Error(`No row shows ${documentNumber} on ${sheet}.`);
  return n;
}

/**
 * Types into an editable cell of the preview, as a user types in Excel: picks
 * from the dropdown for list columns, otherwise types and presses Enter.
 */
export async function setCell(page: Page, sheet: string, documentNumber: string, header: string, value: string): Promise<void> {
  const row = await rowOf(page, sheet, documentNumber);
  const cell = page.getByLabel(`${header}, row ${row}`, { exact: true });
  if (await cell.evaluate((el) => el.tagName === "SELECT")) await cell.selectOption(value);
  else {
    await cell.fill(value);
    await cell.press("Enter");
  }
}

/** The decisions of the shared samples README, which ims_upload.json records. */
export async function enterSampleDecisions(page: Page, options: { partialRemark?: boolean } = {}): Promise<void> {
  await setCell(page, "B2B", "NF/2526/1187", "Action", "Accept");
  await setCell(page, "B2B", "RT-00931", "Action", "Pending");
  await setCell(page, "B2B", "RT-00931", "Remarks", "Awaiting goods receipt; supplier return not yet filed");
  await setCell(page, "B2B", "2025260000000417", "Action", "Reject");
  await setCell(page, "B2B", "2025260000000417", "Remarks", "Consignment returned undelivered; please amend or issue credit note");
  await setCell(page, "B2BA", "VL/2526/0710", "Action", "Accept");
  await setCell(page, "B2BA", "VL/2526/0710", "ITC Reduction", "Full");
  await setCell(page, "B2B-DN", "DN-26-0009", "Action", "Reject");
  await setCell(page, "B2B-DN", "DN-26-0009", "Remarks", "Freight debit not agreed as per PO terms");
  await setCell(page, "B2B-CN", "TTM/CN/0042", "Action", "Accept");
  await setCell(page, "B2B-CN", "TTM/CN/0042", "ITC Reduction", "Partial");
  for (const [head, amount] of [["IGST", "900"], ["CGST", "0"], ["SGST", "0"], ["Cess", "0"]]) {
    await setCell(page, "B2B-CN", "TTM/CN/0042", `Declared ${head}`, amount);
  }
  if (options.partialRemark !== false) {
    await setCell(page, "B2B-CN", "TTM/CN/0042", "Remarks", "Only Rs 900 of ITC was availed on the original invoice");
  }
  await setCell(page, "B2B-CN", "RT-CN-0007", "Action", "Accept");
  await setCell(page, "B2B-CN", "RT-CN-0007", "ITC Reduction", "No Reduction");
  await setCell(page, "B2B-CN", "RT-CN-0007", "Remarks", "ITC on the original invoice was never availed");
  await setCell(page, "B2B-CNA", "NF/CN/0019", "Action", "Accept");
  await setCell(page, "B2B-CNA", "NF/CN/0019", "ITC Reduction", "Full");
  await setCell(page, "ECO", "EW-MH-26-552310", "Action", "Accept");
}

/** A download of `count` B2B invoices, all with No Action, written to a temporary file: for a long import, or an upload split into parts. */
export function largeDownload(folder: string, count: number): string {
  const records = Array.from({ length: count }, (_, i) => ({
    stin: "27AAJFN3309H1ZA", tradenm: "NAVKAR FASTENERS", inum: `BULK/${String(i).padStart(7, "0")}`, inv_typ: "R",
    idt: "05-03-2026", val: 1180, action: "N", pos: "27", txval: 1000, iamt: 0, camt: 90, samt: 90, cess: 0,
    srcform: "R1", rtnprd: "032026", srcfilstatus: "Filed", ispendactblocked: "N", isRemarksBlocked: "N",
    hash: "e5ee4db1e5c785ed2b9a0da3e91a655f7ba7c7cf44d21b44302a8c2f380d6185",
  }));
  const path = join(folder, "ims_download_large.json");
  writeFileSync(path, JSON.stringify({ imsDetails: { b2b: records } }));
  return path;
}
