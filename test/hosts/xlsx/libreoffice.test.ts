import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDownloads } from "../../../src/app/import";
import { readWorkbook, type WorkbookData } from "../../../src/app/read-workbook";
import { validateWorkbook } from "../../../src/app/validate";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-gateway";
import { parseCsv } from "../../../src/ims/reconcile/csv";
import { sectionLayout } from "../../../src/workbook/section-sheet";
import { sheetXml, xlsxPart } from "./support";

/**
 * The IMS workbook written by the xlsx host, opened by another spreadsheet:
 * LibreOffice, headless (Debian package libreoffice-calc-nogui, which .ci/run
 * installs). Two conversions: the B2B sheet to CSV "as shown", for what a user
 * sees in the cells, and the workbook back to .xlsx, for what LibreOffice kept
 * of the dropdowns, highlights, filter, protection and hidden state, and
 * whether the command line still reads the decisions from it.
 */

const DOWNLOAD = { name: "ims_download_offline.json", bytes: new Uint8Array(await readFile(new URL("../../fixtures/ims_download_offline.json", import.meta.url))) };
const NOW = new Date("2026-04-05T06:30:00Z");

let dir: string;
let source: string;
let original: WorkbookData;

function soffice(args: string[]): void {
  try {
    execFileSync("soffice", [`-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`, "--headless", "--norestore", ...args], {
      cwd: dir,
      timeout: 120_000,
      stdio: "pipe",
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error("soffice is not installed: apt-get install -y libreoffice-calc-nogui (.ci/run installs it).");
    }
    throw error;
  }
}

/** Column letters of the B2B sheet, from the layout (0-based index → "A", "B" ... "AA"). */
function letterOf(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : letterOf(Math.floor(index / 26) - 1) + letterOf(index % 26);
}
const B2B = sectionLayout("b2b");
const ACTION = letterOf(B2B.column("action"));
const MARKS = letterOf(B2B.column("errorCells"));
const LAST = letterOf(B2B.ids.length - 1);

function decisions(data: WorkbookData) {
  return data.entries.map((e) => ({ key: e.record.key, row: e.row, decision: e.decision }));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ims-libreoffice-"));
  source = join(dir, "book.xlsx");
  const book = XlsxWorkbook.create(source);
  await importDownloads(book, [DOWNLOAD], { now: NOW, recipientGstin: "27AAGCK4821M1Z8" });
  const { header } = await book.readSheet("B2B");
  await book.writeCells("B2B", 0, header.indexOf("Action"), [["Accept", "=HYPERLINK(\"http://x\")"]]);
  await book.writeCells("B2B", 1, header.indexOf("Action"), [["Reject", "+91 98450 rate differs"]]);
  await validateWorkbook(book, { now: NOW });
  original = await readWorkbook(book);
  await book.save(source);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the IMS workbook written by the xlsx host, opened in LibreOffice", () => {
  it("shows the cells as the layout means them: text as text, dd-mm-yyyy dates, Indian digit grouping", async () => {
    // CSV filter options: comma, double quote, UTF-8, first line, -, en-US, -, -, cells "as shown", -, -, sheet 2 (B2B).
    soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,2", "--outdir", join(dir, "csv"), source]);
    const [header, ...rows] = parseCsv(await readFile(join(dir, "csv", "book-B2B.csv"), "utf8"));
    const shown = rows.map((row) => Object.fromEntries(["Supplier GSTIN", "Document No", "Document Date", "Document Value", "Action", "Remarks"].map((h) => [h, row[header.indexOf(h)]])));
    expect(shown.slice(0, 3)).toEqual([
      { "Supplier GSTIN": "27AAJFN3309H1ZA", "Document No": "NF/2526/1187", "Document Date": "05-03-2026", "Document Value": "59,000.00", Action: "Accept", Remarks: "=HYPERLINK(\"http://x\")" },
      { "Supplier GSTIN": "29AABFR7623Q1ZI", "Document No": "RT-00931", "Document Date": "21-03-2026", "Document Value": "1,41,600.00", Action: "Reject", Remarks: "+91 98450 rate differs" },
      { "Supplier GSTIN": "24AAJCS5501L1ZA", "Document No": "2025260000000417", "Document Date": "28-02-2026", "Document Value": "35,400.00", Action: "Pending", Remarks: "Goods not yet received" },
    ]);
  });

  it("keeps the decisions, dropdowns, highlights, filter, protection and hidden state when it saves the workbook", async () => {
    soffice(["--convert-to", "xlsx", "--outdir", join(dir, "resaved"), source]);
    const path = join(dir, "resaved", "book.xlsx");
    const bytes = new Uint8Array(await readFile(path));

    const resaved = await readWorkbook(await XlsxWorkbook.open(path));
    expect(decisions(resaved)).toEqual(decisions(original));
    expect(resaved.problems).toEqual([]);
    // LibreOffice has no "very hidden": the state sheet comes back hidden, and still reads.
    expect(xlsxPart(bytes, "xl/workbook.xml")).toMatch(/<sheet name="_IMS_State"[^>]*state="hidden"/);

    const xml = sheetXml(bytes, "B2B");
    expect(xml).toContain(`sqref="${ACTION}2:${ACTION}5" type="list"><formula1>&quot;Accept,Reject,Pending,No Action&quot;</formula1>`);
    expect(xml).toContain(`<formula>$${MARKS}2&lt;&gt;&quot;&quot;</formula>`);
    expect(xml).toContain(`<formula>ISNUMBER(FIND(&quot;|Action|&quot;,$${MARKS}2))</formula>`);
    expect(xml).toContain(`<autoFilter ref="A1:${LAST}5"`);
    expect(xml).toMatch(/<sheetProtection sheet="true"[^>]*autoFilter="false"/);
  });
});
