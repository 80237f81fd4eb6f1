import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser, openPane, screenshot, seriousAccessibilityViolations, type Browser, type PaneSession } from "./support/browser";
import { RECIPIENT, enterRecipient, fixture, idle, largeDownload, openDownloads, pinClock, setCell } from "./support/pane";

/**
 * What differs by host: the Mac's saving fallback, Office's dark theme, Office.js
 * missing altogether; plus keyboard-only use and cancelling a long import.
 */

let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

function expectClean(session: PaneSession): void {
  expect(session.offsite).toEqual([]);
  expect(session.problems).toEqual([]);
}

describe("the task pane on each platform", () => {
  it("on the Mac, gives the file's text to copy instead of a download, and says so", async () => {
    const session = await openPane(browser, inject("paneUrl"), { platform: "Mac" });
    const { page } = session;
    await pinClock(page);
    let downloads = 0;
    page.on("download", () => downloads++);
    await openDownloads(page, "ims_download_offline.json");
    await enterRecipient(page);
    await setCell(page, "B2B", "NF/2526/1187", "Action", "Accept");
    await page.getByRole("button", { name: "Generate JSON File to Upload" }).click();
    await idle(page);
    await page.getByText("Saving on the Mac: copy and paste").waitFor();
    await page.getByRole("button", { name: /^Copy/ }).click();
    await page.getByText(/^Copied\./).waitFor();
    const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.rtin).toBe(RECIPIENT);
    expect(copied.invdata.b2b).toHaveLength(1);
    expect(copied.invdata.b2b[0]).toMatchObject({ inum: "NF/2526/1187", prev_status: "N", action: "A" });
    expect(downloads).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "08-mac-copy");
    expectClean(session);
    await page.close();
  });

  it("follows Office's dark theme", async () => {
    const session = await openPane(browser, inject("paneUrl"), { platform: "OfficeOnline", themeBackground: "#262626" });
    const { page } = session;
    await page.locator("[data-theme='dark']").waitFor();
    const background = await page.locator("main").evaluate((el) => getComputedStyle(el.closest("[data-theme]")!).backgroundColor);
    expect(background).not.toBe("rgb(255, 255, 255)");
    await openDownloads(page, "ims_download_offline.json");
    await page.locator("button:not([disabled])", { hasText: "Validate Sheet" }).waitFor();
    await page.getByRole("tab", { name: "B2B", exact: true }).click();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await screenshot(page, "09-dark-theme");
    expectClean(session);
    await page.close();
  });

  it("does not ask for the recipient GSTIN when the download carries it", async () => {
    const session = await openPane(browser, inject("paneUrl"));
    const { page } = session;
    const folder = mkdtempSync(join(tmpdir(), "ims-e2e-gstin-"));
    const offline = JSON.parse(readFileSync(fixture("ims_download_offline.json"), "utf8"));
    const path = join(folder, "ims_download_with_gstin.json");
    writeFileSync(path, JSON.stringify({ gstin: RECIPIENT, ...offline }));
    await page.getByLabel("IMS download files").setInputFiles(path);
    await idle(page);
    await page.getByText("12 documents loaded").waitFor();
    await page.getByText(`GSTIN ${RECIPIENT}`).waitFor();
    await expect(page.getByRole("textbox", { name: /Your GSTIN/ }).count()).resolves.toBe(0);
    expectClean(session);
    await page.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("ships a well-formed manifest whose every URL the build serves", async () => {
    const session = await openPane(browser, inject("paneUrl"));
    const { page } = session;
    const manifest = await page.evaluate(async () => {
      const xml = new DOMParser().parseFromString(await (await fetch("manifest.xml")).text(), "application/xml");
      const broken = xml.getElementsByTagName("parsererror").length > 0;
      const urls = [...xml.querySelectorAll("[DefaultValue^='https://']")].map((e) => e.getAttribute("DefaultValue")!);
      const excelApi = xml.querySelector("Requirements Set[Name='ExcelApi']")?.getAttribute("MinVersion");
      return { broken, urls, excelApi, host: xml.querySelector("Hosts > Host")?.getAttribute("Name") };
    });
    expect(manifest.broken).toBe(false);
    expect(manifest.excelApi).toBe("1.9");
    expect(manifest.host).toBe("Workbook");
    expect(manifest.urls.length).toBeGreaterThan(5);
    // Development URLs, each a file of the build: the icons, the pane and the commands page.
    for (const url of new Set(manifest.urls)) {
      expect(url.startsWith("https://localhost:3000/")).toBe(true);
      const path = url.slice("https://localhost:3000/".length);
      const status = await page.evaluate(async (p) => (await fetch(p)).status, path);
      expect({ path, status }).toEqual({ path, status: 200 });
    }
    expectClean(session);
    await page.close();
  });

  it("runs as a preview when office.js cannot load at all", async () => {
    const session = await openPane(browser, inject("paneUrl"), "no-office");
    const { page } = session;
    await page.getByRole("heading", { name: "IMS Offline", level: 1 }).waitFor();
    await openDownloads(page, "ims_download_offline.json");
    await page.getByText("12 documents loaded").waitFor();
    expect(session.offsite).toEqual([]);
    // The aborted office.js is the only failure, and it is not a policy violation.
    expect(session.problems).toEqual([]);
    await page.close();
  });

  it("can be used with the keyboard alone", async () => {
    const session = await openPane(browser, inject("paneUrl"));
    const { page } = session;
    await page.getByRole("heading", { name: "IMS Offline", level: 1 }).waitFor();
    /** Presses Tab until the focused control's text or label starts with `name`. */
    const focusOn = async (name: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLInputElement | null;
          return el?.labels?.[0]?.textContent?.trim() || el?.textContent?.trim() || "";
        });
        if (focused.startsWith(name)) return;
      }
      throw new Error(`Tab never reached "${name}".`);
    };
    // Listening first: Playwright starts intercepting file choosers only once someone listens.
    const chooser = page.waitForEvent("filechooser");
    await focusOn("Open downloaded IMS JSON");
    await page.keyboard.press("Enter");
    await (await chooser).setFiles(`${process.cwd()}/test/fixtures/ims_download_offline.json`);
    await idle(page);
    await page.getByText("12 documents loaded").waitFor();
    await focusOn("Your GSTIN");
    await page.keyboard.type(RECIPIENT);
    await page.keyboard.press("Enter");
    await page.getByText(`Recipient GSTIN: ${RECIPIENT}`).waitFor();
    await focusOn("Validate Sheet");
    await page.keyboard.press("Enter");
    await idle(page);
    await page.getByText(/errors?, \d+ warnings?\.|No errors or warnings/).waitFor();
    expectClean(session);
    await page.close();
  });

  it("cancels a long import at once, leaving the workbook as it was", async () => {
    const session = await openPane(browser, inject("paneUrl"));
    const { page } = session;
    await page.getByRole("heading", { name: "IMS Offline", level: 1 }).waitFor();
    const folder = mkdtempSync(join(tmpdir(), "ims-e2e-large-"));
    await page.getByLabel("IMS download files").setInputFiles(largeDownload(folder, 150_000));
    const progress = page.getByRole("region", { name: "Work in progress" });
    // The worker is parsing the file (it says what it reads) when Cancel is pressed.
    await progress.getByText(/Reading ims_download_large\.json \(\d+ MB\)/).waitFor();
    await screenshot(page, "10-long-import");
    await progress.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("Opening the downloads was cancelled. The workbook is as it was before.").waitFor();
    await expect(progress.count()).resolves.toBe(0);
    await expect(page.getByText("This sheet is empty.", { exact: false }).isVisible()).resolves.toBe(true);

    // The pane works on afterwards, with a fresh worker.
    await openDownloads(page, "ims_download_offline.json");
    await page.getByText("12 documents loaded").waitFor();
    expectClean(session);
    await page.close();
    rmSync(folder, { recursive: true, force: true });
  });
});
