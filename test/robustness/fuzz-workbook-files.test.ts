import fc from "fast-check";
import { unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { generateUpload } from "../../src/app/generate";
import { importDownloads } from "../../src/app/import";
import { NotAnImsWorkbookError } from "../../src/app/read-workbook";
import { summariseWorkbook } from "../../src/app/summary";
import { validateWorkbook } from "../../src/app/validate";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-gateway";
import { ImsFileError } from "../../src/ims/file-error";
import { WorkbookStateError } from "../../src/workbook/state";
import { NOW, SAMPLE_RECIPIENT, fixture } from "../support/workbook";
import { expectClearMessage, runs } from "./mutate";

/**
 * The command line opens .xlsx workbooks that have been through Excel, other
 * spreadsheet programs, e-mail and copying. Each damage below is done to one
 * part of the zip (a sheet, the shared texts, the styles, the workbook's list
 * of sheets, its relationships, the document properties): the part removed,
 * cut short, a stretch of it removed, a snippet of XML inserted, or a number in
 * it changed (never to a row number of millions within Excel's limits: such a
 * workbook is read whole, which is right but slow for a unit test). Validate,
 * the summary and export must each work and the workbook save, or the command
 * must stop with a message naming the file; an error from inside ExcelJS or the
 * product is the bug this looks for.
 */

const FILE = "book.xlsx";

type PartDamage =
  | { kind: "remove"; part: number }
  | { kind: "cut"; part: number; at: number }
  | { kind: "drop"; part: number; at: number; length: number }
  | { kind: "insert"; part: number; at: number; snippet: string }
  | { kind: "number"; part: number; which: number; value: number };

const SNIPPETS = ['<c r="A2" t="s"><v>99999</v></c>', '<row r="0">', '<row r="3"/>', "&amp;", "<x/>", '"', "<v>abc</v>", ' s="999"', '<sheet name="B2B" sheetId="1" r:id="rId99"/>', "<si><t>x</t></si>"];

const partDamage: fc.Arbitrary<PartDamage> = fc.oneof(
  fc.record({ kind: fc.constant("remove" as const), part: fc.nat() }),
  fc.record({ kind: fc.constant("cut" as const), part: fc.nat(), at: fc.nat() }),
  fc.record({ kind: fc.constant("drop" as const), part: fc.nat(), at: fc.nat(), length: fc.integer({ min: 1, max: 300 }) }),
  fc.record({ kind: fc.constant("insert" as const), part: fc.nat(), at: fc.nat(), snippet: fc.constantFrom(...SNIPPETS) }),
  fc.record({ kind: fc.constant("number" as const), part: fc.nat(), which: fc.nat(), value: fc.constantFrom(-1, 0, 2, 7, 99, 2 ** 31) }),
);

function damaged(parts: Readonly<Record<string, Uint8Array>>, damages: readonly PartDamage[]): Uint8Array {
  const out: Record<string, Uint8Array> = { ...parts };
  for (const damage of damages) {
    // Folders are entries of their own in the zip; only files have content to damage.
    const names = Object.keys(out).filter((n) => !n.endsWith("/"));
    const name = names[damage.part % names.length];
    if (damage.kind === "remove") {
      delete out[name];
      continue;
    }
    const text = new TextDecoder().decode(out[name]);
    let changed = text;
    if (damage.kind === "cut") changed = text.slice(0, damage.at % (text.length + 1));
    else if (damage.kind === "drop") {
      const at = damage.at % (text.length + 1);
      changed = text.slice(0, at) + text.slice(at + damage.length);
    } else if (damage.kind === "insert") {
      const at = damage.at % (text.length + 1);
      changed = text.slice(0, at) + damage.snippet + text.slice(at);
    } else {
      const numbers = [...text.matchAll(/\d+/g)];
      if (numbers.length > 0) {
        const n = numbers[damage.which % numbers.length];
        changed = text.slice(0, n.index) + String(damage.value) + text.slice(n.index + n[0].length);
      }
    }
    out[name] = new TextEncoder().encode(changed);
  }
  return zipSync(out);
}

/** The product's refusals that the command line shows as they are: plain errors carry a message for the user too. */
const REFUSALS: readonly unknown[] = [Error, WorkbookStateError, NotAnImsWorkbookError];

/** A refusal the command line shows as a message about the workbook; anything else is rethrown for fast-check to report. */
function expectRefusedClearly(error: unknown): void {
  if (error instanceof ImsFileError) return expectClearMessage(error, [FILE]);
  if (!(error instanceof Error) || !REFUSALS.includes(error.constructor)) throw error;
  expect(error.message, error.message).not.toMatch(/\[object Object\]|undefined|Cannot read|is not a function|=> /);
}

const COMMANDS: readonly ((book: XlsxWorkbook) => Promise<unknown>)[] = [
  (book) => validateWorkbook(book, { now: NOW }),
  (book) => summariseWorkbook(book),
  (book) => generateUpload(book, { now: NOW }),
];

describe("the command line's .xlsx workbook, fuzzed", () => {
  let parts: Record<string, Uint8Array>;

  beforeAll(async () => {
    const book = XlsxWorkbook.create(FILE);
    await importDownloads(book, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
    // Decisions in the first rows of B2B, so that export has records to write.
    const { header } = await book.readSheet("B2B");
    await book.writeCells("B2B", 0, header.indexOf("Action"), [["Accept"], ["Pending"]]);
    await book.writeCells("B2B", 1, header.indexOf("Remarks"), [["Awaiting goods receipt"]]);
    parts = unzipSync(await book.toBytes());
  });

  it("opens a damaged workbook, validates, summarises and exports it and saves it, or refuses it with a message naming the file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(partDamage, { minLength: 1, maxLength: 2 }), async (damages) => {
        const bytes = damaged(parts, damages);
        for (const command of COMMANDS) {
          try {
            const book = await XlsxWorkbook.fromBytes(FILE, bytes);
            await command(book);
            await book.toBytes();
          } catch (error) {
            expectRefusedClearly(error);
          }
        }
      }),
      { numRuns: runs(40) },
    );
  });
});
