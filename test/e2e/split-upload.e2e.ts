import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPane, screenshot, seriousAccessibilityViolations, type Browser } from "./support/browser";
import { enterRecipient, idle, largeDownload, pinClock } from "./support/pane";

/**
 * A large taxpayer's month: more decisions than one upload file may carry
 * (5,000 records), so the upload is split, and the portal processes its parts
 * one at a time. Each part is marked processed as the portal finishes it.
 */

let browser: Browser;
let folder: string;

beforeAll(async () => {
  browser = await launchBrowser();
  folder = mkdtempSync(join(tmpdir(), "ims-e2e-split-"));
});

afterAll(async () => {
  await browser?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("a split upload", () => {
  it("is marked processed part by part; generating again replaces the parts listed", async () => {
    const session = await openPane(browser, inject("paneUrl"));
    const { page } = session;
    await pinClock(page);
    await page.getByLabel("IMS download files").setInputFiles(largeDownload(folder, 5_001));
    await idle(page);
    await page.getByText("5,001 documents loaded").waitFor();
    await enterRecipient(page);

    // Accept every invoice at once, as a large taxpayer does.
    await page.getByRole("tab", { name: "Bulk edit" }).click();
    await page.getByRole("combobox", { name: "Action", exact: true }).click();
    await page.getByRole("listbox").getByRole("option", { name: "Accept" }).click();
    await page.getByRole("radio", { name: "Every row the filter shows on a sheet" }).check();
    await page.getByRole("combobox", { name: "Sheet", exact: true }).click();
    await page.getByRole("listbox").getByRole("option", { name: "B2B", exact: true }).click();
    await page.getByRole("button", { name: "Apply to rows" }).click();
    await idle(page);
    await page.getByText(/Set on 5,001 rows of B2B/).waitFor();

    await page.getByRole("tab", { name: "Steps" }).click();
    await page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    await idle(page);
    await page.getByText("The upload is split into 2 files.", { exact: false }).waitFor();

    // The portal has processed the first part only.
    await page.getByRole("button", { name: "Mark upload as processed" }).click();
    const parts = page.getByRole("group", { name: "Parts of the last upload" });
    await parts.waitFor();
    await expect(parts.getByRole("checkbox", { name: "Part 1 of 2: 5,000 documents" }).isChecked()).resolves.toBe(true);
    await parts.getByRole("checkbox", { name: "Part 2 of 2: 1 document" }).uncheck();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "12-mark-split-upload");
    await page.getByRole("button", { name: "Yes, mark it processed" }).click();
    await idle(page);
    await page.getByText("5,000 documents now stand as sent. Part 1 of the upload’s 2 was marked. Part 2 is still to mark once the portal has processed it.").waitFor();

    // The first part shows as marked and cannot be ticked off.
    await page.getByRole("button", { name: "Mark upload as processed" }).click();
    const marked = parts.getByRole("checkbox", { name: "Part 1 of 2: 5,000 documents (marked already)" });
    await expect(marked.isDisabled()).resolves.toBe(true);
    await expect(parts.getByRole("checkbox", { name: "Part 2 of 2: 1 document" }).isChecked()).resolves.toBe(true);

    // Generating again instead replaces the last upload, so the parts listed are gone with it:
    // the new upload carries the one document of the part not marked.
    await page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    await idle(page);
    await expect(parts.count()).resolves.toBe(0);
    await page.getByText("Upload file ready").waitFor();
    await page.getByRole("button", { name: "Mark upload as processed" }).click();
    await page.getByText("Mark it once the portal shows it as “Processed”", { exact: false }).waitFor();
    await expect(parts.count()).resolves.toBe(0);
    await page.getByRole("button", { name: "Yes, mark it processed" }).click();
    await idle(page);
    // The title and the text as the bar reads them: one document, and no word of parts.
    await page.getByText("Upload marked as processed1 document now stands as sent.", { exact: true }).waitFor();

    // Everything the user decided has now reached the portal: nothing is left to send.
    await page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    await idle(page);
    await page.getByText(/Nothing to upload/i).first().waitFor();
    expect(session.offsite).toEqual([]);
    expect(session.problems).toEqual([]);
    await page.close();
  });
});
