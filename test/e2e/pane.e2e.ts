import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPane, screenshot, seriousAccessibilityViolations, type Browser, type PaneSession } from "./support/browser";
import { RECIPIENT, enterRecipient, enterSampleDecisions, fixture, idle, openDownloads, pinClock, rowOf, setCell, showSheet } from "./support/pane";

/**
 * The job end to end, in Chromium, on the production build in browser preview:
 * import the offline sample, validate, fix an error, generate the upload and
 * compare it with the expected file, then read the portal's error files back.
 */

let browser: Browser;
let session: PaneSession;

beforeAll(async () => {
  browser = await launchBrowser();
  session = await openPane(browser, inject("paneUrl"));
  await pinClock(session.page);
});

afterAll(async () => {
  await browser?.close();
});

afterEach(() => {
  // Invoice data never leaves the machine, and the strict CSP holds.
  expect(session.offsite).toEqual([]);
  expect(session.problems).toEqual([]);
});

describe("the task pane, from download to upload", () => {
  it("starts as a browser preview with an empty workbook, accessible", async () => {
    const { page } = session;
    await page.getByRole("heading", { name: "IMS Offline", level: 1 }).waitFor();
    await page.getByText("This sheet is empty.", { exact: false }).waitFor();
    await expect(page.getByRole("button", { name: "Validate Sheet" }).isDisabled()).resolves.toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "01-empty-preview");
  });

  it("imports the offline download and asks for the recipient GSTIN it lacks", async () => {
    const { page } = session;
    await openDownloads(page, "ims_download_offline.json");
    await page.getByText("12 documents loaded").waitFor();
    await expect(page.getByRole("textbox", { name: /Your GSTIN/ }).isVisible()).resolves.toBe(true);

    // A wrong check character is refused with the reason, and nothing is kept.
    await enterRecipient(page, "27AAGCK4821M1Z9");
    await page.getByText(/check character/i).first().waitFor();
    await enterRecipient(page);
    await page.getByText(`Recipient GSTIN: ${RECIPIENT}`).waitFor();

    await showSheet(page, "B2B");
    await expect(page.getByRole("table", { name: "Sheet B2B" }).locator("tbody tr").count()).resolves.toBe(4);
    // A 16-digit document number stays text.
    await page.getByRole("table", { name: "Sheet B2B" }).getByText("2025260000000417", { exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "02-imported");
  });

  it("validates, lists an error, selects its cell on click, and clears it once fixed", async () => {
    const { page } = session;
    // Every decision of the samples, but the partial reduction without its mandatory remark.
    await enterSampleDecisions(page, { partialRemark: false });
    await page.getByRole("button", { name: "Validate Sheet" }).click();
    await idle(page);
    await page.getByText(/^[1-9]\d* errors?,/).waitFor();
    const creditNotes = page.getByRole("list", { name: /^B2B-CN, / });
    await expect(creditNotes.count()).resolves.toBeGreaterThan(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The message points at TTM/CN/0042's row; clicking it selects that row in the workbook.
    const row = await rowOf(page, "B2B-CN", "TTM/CN/0042");
    const link = creditNotes.first().getByRole("button", { name: `Row ${row}, Remarks` });
    await link.click();
    await idle(page);
    await page.locator(`tr[data-row="${row}"][aria-selected="true"]`).waitFor();
    await screenshot(page, "03-validation-errors");
    // The row is highlighted as having an error.
    await expect(page.locator(`tr[data-row="${row}"]`).evaluate((tr) => getComputedStyle(tr).backgroundColor)).resolves.not.toBe("rgba(0, 0, 0, 0)");

    // "Show only rows with errors" filters the sheets; "Show all rows" clears it.
    await page.getByRole("button", { name: "Show only rows with errors" }).click();
    await idle(page);
    await showSheet(page, "B2B");
    await page.getByText("Showing 0 of 4 rows (filtered)").waitFor();
    await page.getByRole("button", { name: "Show all rows" }).click();
    await idle(page);
    await page.getByText("4 rows", { exact: true }).waitFor();

    await setCell(page, "B2B-CN", "TTM/CN/0042", "Remarks", "Only Rs 900 of ITC was availed on the original invoice");
    await page.getByRole("button", { name: "Validate Sheet" }).click();
    await idle(page);
    await page.getByText(/^0 errors,|No errors or warnings/).waitFor();
  });

  it("generates the upload file, equal to the expected one, named for the recipient and the time", async () => {
    const { page } = session;
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    const download = await downloading;
    await idle(page);
    expect(download.suggestedFilename()).toBe(`IMS_Upload_${RECIPIENT}_20260415-1000.json`);
    const written = JSON.parse(readFileSync(await download.path(), "utf8"));
    const expected = JSON.parse(readFileSync(fixture("ims_upload.json"), "utf8"));
    expect(written).toEqual(expected);
    await page.getByText("Upload file ready").waitFor();
    await page.getByText(/IMS Dashboard → Offline → Upload JSON/).first().waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "04-generated");
  });

  it("says nothing changed when nothing did", async () => {
    const { page } = session;
    // A fresh pane on a fresh workbook: import, decide nothing, generate.
    const fresh = await openPane(browser, inject("paneUrl"));
    await pinClock(fresh.page);
    await openDownloads(fresh.page, "ims_download_offline.json");
    await enterRecipient(fresh.page);
    await fresh.page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    await idle(fresh.page);
    await fresh.page.getByText(/Nothing to upload/).waitFor();
    expect(fresh.offsite).toEqual([]);
    expect(fresh.problems).toEqual([]);
    await fresh.page.close();
    await page.bringToFront();
  });

  it("reads the portal's offline error file, marks the two rows and explains the codes", async () => {
    const { page } = session;
    await page.getByLabel("Portal error files").setInputFiles(fixture("ims_error_offline.json"));
    await idle(page);
    await page.getByText("2 rows marked in the sheets.").waitFor();
    const rejected = page.getByRole("list", { name: "Rows the portal rejected" });
    await rejected.getByText(/IMSSAV0010/).waitFor();
    await rejected.getByText(/IMSSAV0054/).waitFor();
    await page.getByRole("heading", { name: "What the error codes mean" }).waitFor();

    // The rows show the portal's message in the sheet.
    const row = await rowOf(page, "B2B", "2025260000000417");
    await page.locator(`tr[data-row="${row}"]`).getByText(/previous action is incorrect/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "05-error-file");
  });

  it("reads the API-style error report (REQSTS) the same way", async () => {
    const { page } = session;
    await page.getByLabel("Portal error files").setInputFiles(fixture("ims_reqsts_error_api.json"));
    await idle(page);
    await page.getByText("2 rows marked in the sheets.").waitFor();
  });

  it("summarises counts, amounts and the ITC effect with a chart", async () => {
    const { page } = session;
    await page.getByRole("tab", { name: "Summary" }).click();
    await idle(page);
    await page.getByRole("img", { name: /Tax by action/ }).waitFor();
    const byAction = page.getByRole("table", { name: /Documents by action/ });
    // As downloaded: 9 No Action and 3 Pending; now: 6 Accept, 2 Reject, 1 Pending, 3 No Action.
    await expect(byAction.getByRole("row", { name: /^Accept/ }).innerText()).resolves.toMatch(/^Accept\s+0\s+6\s/);
    await expect(byAction.getByRole("row", { name: /^Reject/ }).innerText()).resolves.toMatch(/^Reject\s+0\s+2\s/);
    await expect(byAction.getByRole("row", { name: /^Pending/ }).innerText()).resolves.toMatch(/^Pending\s+3\s+1\s/);
    await expect(byAction.getByRole("row", { name: /^No Action/ }).innerText()).resolves.toMatch(/^No Action\s+9\s+3\s/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "06-summary");
  });

  it("sets the action on every row the filter shows, validated like any edit", async () => {
    const { page } = session;
    await page.getByRole("tab", { name: "Bulk edit" }).click();
    await page.getByRole("combobox", { name: "Action", exact: true }).click();
    await page.getByRole("listbox").getByRole("option", { name: "Reject" }).click();
    await page.getByRole("textbox", { name: "Remarks", exact: true }).fill("Not our purchase");
    await page.getByRole("radio", { name: "Every row the filter shows on a sheet" }).check();
    await page.getByRole("combobox", { name: "Sheet", exact: true }).click();
    await page.getByRole("listbox").getByRole("option", { name: "B2B-DNA" }).click();
    await page.getByRole("button", { name: "Apply to rows" }).click();
    await idle(page);
    await page.getByText(/Set on 1 row of B2B-DNA/).waitFor();
    const row = await rowOf(page, "B2B-DNA", "DN-26-0004");
    await expect(page.getByLabel(`Action, row ${row}`, { exact: true }).inputValue()).resolves.toBe("Reject");
    await expect(page.getByLabel(`Remarks, row ${row}`, { exact: true }).inputValue()).resolves.toBe("Not our purchase");
    await screenshot(page, "07-bulk-edit");
  });

  it("marks the upload processed: the next upload carries only the rows the portal refused and later changes", async () => {
    const { page } = session;
    await page.getByRole("tab", { name: "Steps" }).click();
    await page.getByRole("button", { name: "Mark upload as processed" }).click();
    await page.getByText("Has the portal processed the last upload?").waitFor();
    await page.getByRole("button", { name: "Yes, mark it processed" }).click();
    await idle(page);
    await page.getByText("Upload marked as processed").waitFor();
    await page.getByText(/2 documents with portal errors keep their starting point/).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "08-processed");

    // The REQSTS error file refused two documents; the bulk edit rejected DN-26-0004 since.
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    const written = JSON.parse(readFileSync(await (await downloading).path(), "utf8")) as { invdata: Record<string, { inum?: string; nt_num?: string }[]> };
    await idle(page);
    expect(Object.values(written.invdata).flat().map((r) => r.inum ?? r.nt_num).sort()).toEqual(["2025260000000417", "DN-26-0004", "TTM/CN/0042"]);
  });

  it("puts back what an error file opened after the marking refused, so the next upload sends it again", async () => {
    const { page } = session;
    // The upload just generated is marked processed before its error file is downloaded.
    await page.getByRole("button", { name: "Mark upload as processed" }).click();
    await page.getByRole("button", { name: "Yes, mark it processed" }).click();
    await idle(page);
    await page.getByText("3 documents now stand as sent.").waitFor();

    // Its error file refuses two of them.
    await page.getByLabel("Portal error files").setInputFiles(fixture("ims_reqsts_error_api.json"));
    await idle(page);
    await page.getByText("2 documents the portal refused had been marked processed before this error file was opened.", { exact: false }).waitFor();

    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    const written = JSON.parse(readFileSync(await (await downloading).path(), "utf8")) as { invdata: Record<string, { inum?: string; nt_num?: string }[]> };
    await idle(page);
    expect(Object.values(written.invdata).flat().map((r) => r.inum ?? r.nt_num).sort()).toEqual(["2025260000000417", "TTM/CN/0042"]);
  });
});
