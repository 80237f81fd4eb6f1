import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-gateway";
import type { CellValue } from "../../../src/workbook/gateway";
import { SPEC, STATE_SPEC, sheetXml, xlsxPart } from "./support";

/**
 * The workbook opened by another spreadsheet: LibreOffice, headless (Debian
 * package libreoffice-calc-nogui, which .ci/run installs). Two conversions: to
 * CSV "as shown", for what a user sees in the cells, and back to .xlsx, for
 * what LibreOffice understood of the dropdowns, highlights, filter, protection
 * and the hidden state sheet.
 */

const ROWS: CellValue[][] = [
  ["27AAACR5055K1Z7", 45_366, 100_000.5, "Accept", "=HYPERLINK(\"http://x\")", 3, null, null],
  ["29AABCT1332L1ZU", 45_367, 12_345_678.25, "Reject", "+91 98450", 0, "|Remarks|", "Portal said no"],
  ["0012", 45_368, 1_234.5, null, "1234567890123456", 12, null, null],
];

let dir: string;
let source: string;

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

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ims-libreoffice-"));
  source = join(dir, "book.xlsx");
  const book = XlsxWorkbook.create();
  await book.writeSheet(SPEC, ROWS);
  await book.writeSheet(STATE_SPEC, [["recipient", "27AAGCK4821M1Z8"]]);
  await book.save(source);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("a workbook written by the xlsx gateway, opened in LibreOffice", () => {
  it("shows the cells as the layout means them: text as text, dd-mm-yyyy dates, Indian digit grouping", async () => {
    // CSV filter options: comma, double quote, UTF-8, first line, -, en-US, -, -, "save cell contents as shown".
    soffice(["--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true", "--outdir", join(dir, "csv"), source]);
    const csv = await readFile(join(dir, "csv", "book.csv"), "utf8");
    expect(csv.trim().split(/\r?\n/)).toEqual([
      "Supplier GSTIN,Document Date,Taxable Value,Action,Remarks,Count,Error Cells,Portal Errors",
      '27AAACR5055K1Z7,15-03-2024,"1,00,000.50",Accept,"=HYPERLINK(""http://x"")",3,,',
      "29AABCT1332L1ZU,16-03-2024,\"1,23,45,678.25\",Reject,+91 98450,0,|Remarks|,Portal said no",
      "0012,17-03-2024,\"1,234.50\",,1234567890123456,12,,",
    ]);
  });

  it("keeps the values, dropdowns, highlights, filter, protection and state sheet when it saves the workbook", async () => {
    soffice(["--convert-to", "xlsx", "--outdir", join(dir, "resaved"), source]);
    const path = join(dir, "resaved", "book.xlsx");
    const bytes = new Uint8Array(await readFile(path));

    const book = await XlsxWorkbook.open(path);
    expect(await book.readSheet("B2B")).toEqual({ header: SPEC.columns.map((c) => c.header), rows: ROWS });
    // LibreOffice has no "very hidden": the state sheet comes back hidden, with its content.
    expect(await book.sheetNames()).toEqual(["B2B", "_state"]);
    expect(xlsxPart(bytes, "xl/workbook.xml")).toMatch(/<sheet name="_state"[^>]*state="hidden"/);
    expect((await book.readSheet("_state")).rows).toEqual([["recipient", "27AAGCK4821M1Z8"]]);

    const xml = sheetXml(bytes, "B2B");
    expect(xml).toMatch(/<dataValidation [^>]*sqref="D2:D4" type="list"><formula1>&quot;Accept,Reject,Pending,No Action&quot;<\/formula1>/);
    expect(xml).toContain("<formula>$G2&lt;&gt;&quot;&quot;</formula>");
    expect(xml).toContain("<formula>ISNUMBER(FIND(&quot;|Action|&quot;,$G2))</formula>");
    expect(xml).toContain('<autoFilter ref="A1:H4"');
    expect(xml).toMatch(/<sheetProtection sheet="true"[^>]*autoFilter="false"/);
  });
});
