import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { chromium, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`); Playwright downloads no browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Quiet, closed-network Chromium: nothing of its own goes to Google's services. */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const ARTIFACTS = join(process.cwd(), "test-results", "e2e");

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own --user-data-dir), removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "ims-e2e-profile-"));
  mkdirSync(ARTIFACTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    permissions: ["clipboard-read", "clipboard-write"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** What Office.js tells the pane in a test: no Office (office.js absent), or a browser tab with optional platform and theme. */
export interface FakeOffice {
  /** Office.context.diagnostics.platform, e.g. "Mac" to get the Mac saving fallback. */
  readonly platform?: "PC" | "Mac" | "OfficeOnline";
  /** Office.context.officeTheme.bodyBackgroundColor, e.g. "#1f1f1f" for a dark Office theme. */
  readonly themeBackground?: string;
}

/**
 * Stands in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js: an
 * Office whose onReady reports no host, as office.js does in a plain browser
 * tab, so the pane runs its browser preview (the fake Excel installed as Excel
 * behind the real office host code).
 */
function fakeOfficeScript(office: FakeOffice): string {
  const context = {
    requirements: { isSetSupported: true },
    diagnostics: office.platform ? { platform: office.platform, host: "Excel", version: "16.0" } : undefined,
    officeTheme: office.themeBackground ? { bodyBackgroundColor: office.themeBackground, bodyForegroundColor: "#ffffff" } : undefined,
  };
  return `
    (function () {
      var context = ${JSON.stringify(context)};
      context.requirements = { isSetSupported: function () { return true; } };
      var info = { host: null, platform: null };
      window.Office = {
        HostType: { Excel: "Excel" },
        context: context,
        onReady: function (callback) { if (callback) callback(info); return Promise.resolve(info); }
      };
    })();`;
}

export interface PaneSession {
  readonly page: Page;
  /** Requests that tried to leave this machine (aborted); must stay empty. */
  readonly offsite: string[];
  /** Content-Security-Policy violations and uncaught page errors; must stay empty. */
  readonly problems: string[];
}

function isLocal(url: string): boolean {
  if (url.startsWith("blob:") || url.startsWith("data:") || url.startsWith("about:")) return true;
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

const OFFICE_JS = "https://appsforoffice.microsoft.com/";

/** Opens the built pane in a new page, with the office.js stub and every offsite request caught. */
export async function openPane(browser: Browser, paneUrl: string, office: FakeOffice | "no-office" = {}): Promise<PaneSession> {
  const page = await browser.context.newPage();
  const offsite: string[] = [];
  const problems: string[] = [];
  page.on("request", (request) => {
    const url = request.url();
    if (!isLocal(url) && !url.startsWith(OFFICE_JS)) offsite.push(url);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  // Anything not local is refused (and recorded above), so nothing can leave even by mistake.
  await page.route("**/*", (route) => (isLocal(route.request().url()) ? route.continue() : route.abort("blockedbyclient")));
  await page.route(`${OFFICE_JS}**`, (route) =>
    office === "no-office"
      ? route.abort("internetdisconnected")
      : route.fulfill({ status: 200, contentType: "text/javascript", body: fakeOfficeScript(office) }));
  await page.goto(paneUrl);
  // Keyboard focus and file choosers go to the page in front.
  await page.bringToFront();
  return { page, offsite, problems };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, which the
 * page's CSP does not govern) and returns the serious and critical violations.
 * Fluent UI's Tabster focus sentinels (`data-tabster-dummy`: focusable and
 * aria-hidden by design, to pass focus on at once) are left out: a documented
 * false positive of aria-hidden-focus (microsoft/tabster#288, fluentui#25133).
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run({ exclude: [["[data-tabster-dummy]"]] } as unknown as Document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Saves a screenshot under test-results/e2e/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
