import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downloadBytes, generateDownload, generateRegister } from "../../src/dev/generate";
import { readDownloads } from "../../src/ims/download/read";
import { ImsFileError } from "../../src/ims/file-error";
import { parseCsv } from "../../src/ims/reconcile/csv";
import { reconcile } from "../../src/ims/reconcile/match";
import { buildMapping, locateHeader, readRegister, REGISTER_FIELDS, type ColumnMapping } from "../../src/ims/reconcile/register";
import { expectClearMessage, runs } from "./mutate";

/**
 * Fuzzing the purchase-register readers (CSV text, and the cell grid a sheet
 * gives): each row below the header becomes an entry or is reported with the
 * reason, none vanishes; nothing but ImsFileError escapes; and matching the
 * result against IMS records always completes.
 */

const { records } = readDownloads([{ name: "ims.json", bytes: downloadBytes(generateDownload({ records: 40, seed: 8 }).root) }]);
const { csv } = generateRegister(records, { seed: 8 });

function refusedClearly(error: unknown, name: string): void {
  if (!(error instanceof ImsFileError)) throw error;
  expectClearMessage(error, [name]);
}

/** Every non-blank row below the header is an entry or has a reported problem. */
function expectEveryRowAccounted(rows: readonly (readonly unknown[])[], mapping: ColumnMapping, name: string): void {
  let reading;
  try {
    reading = readRegister(rows, mapping, name);
  } catch (error) {
    refusedClearly(error, name);
    return;
  }
  const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
  const filled = rows.slice(mapping.headerRow + 1).filter((row) => !(row ?? []).every(blank)).length;
  const problemRows = new Set(reading.problems.map((p) => p.row));
  expect(reading.entries.length + problemRows.size).toBe(filled);
  for (const entry of reading.entries) expect(problemRows.has(entry.row)).toBe(false);
  for (const p of reading.problems) expect(p.message.startsWith(`${name} row ${p.row}: `)).toBe(true);
  // Whatever was read can be matched.
  const result = reconcile(records, reading.entries);
  expect(result.records).toHaveLength(records.length);
}

/** Text edits of the kinds a CSV file suffers: quotes, separators and line ends inserted or lost, cut short. */
const textEdit = fc.record({
  at: fc.nat(),
  remove: fc.integer({ min: 0, max: 5 }),
  insert: fc.oneof(fc.constantFrom('"', '""', ",", "\r", "\n", "\r\n", ";", "\t", "\ufeff", "₹", "(", ")", "-", "=SUM(A1)", "\u0000"), fc.string({ maxLength: 6 })),
});

function applyEdits(text: string, edits: readonly { at: number; remove: number; insert: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    t = t.slice(0, at) + e.insert + t.slice(at + e.remove);
  }
  return t;
}

describe("the purchase register readers, fuzzed", () => {
  it("parse any text as CSV or refuse it naming the file and line", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        try {
          const rows = parseCsv(text, "books.csv");
          expect(rows.every((row) => row.every((cell) => typeof cell === "string"))).toBe(true);
        } catch (error) {
          refusedClearly(error, "books.csv");
        }
      }),
      { numRuns: runs(1000) },
    );
  });

  it("account for every row of a damaged register export", () => {
    fc.assert(
      fc.property(fc.array(textEdit, { maxLength: 6 }), (edits) => {
        let rows: string[][];
        try {
          rows = parseCsv(applyEdits(csv, edits), "books.csv");
        } catch (error) {
          refusedClearly(error, "books.csv");
          return;
        }
        const mapping = locateHeader(rows);
        if (mapping && mapping.missing.length === 0) expectEveryRowAccounted(rows, mapping, "books.csv");
      }),
      { numRuns: runs(300) },
    );
  });

  it("account for every row of a sheet holding any cell values, under any column choice", () => {
    const cell = fc.oneof(
      fc.constantFrom(null, undefined, "", " ", "-", "27AAJFN3309H1ZA", "05-03-2026", "5-Mar-26", "2026-03-05", "(1,234.50)", "₹ 12,34,567.00", "Credit Note", "27", "Maharashtra"),
      fc.double(), fc.integer(), fc.boolean(), fc.string({ maxLength: 20 }),
      fc.date({ noInvalidDate: false }), fc.constant({ richText: [{ text: "x" }] }),
    );
    const fields = REGISTER_FIELDS.map((f) => f.field);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 12 }), { minLength: 1, maxLength: 15 }),
        fc.array(fc.integer({ min: 0, max: 11 }), { minLength: fields.length, maxLength: fields.length }),
        (rows, columns) => {
          const mapping = buildMapping(rows[0], Object.fromEntries(fields.map((f, i) => [f, columns[i]])));
          expectEveryRowAccounted(rows, mapping, "Purchases");
          // Detection never throws, whatever the first rows hold.
          locateHeader(rows);
        },
      ),
      { numRuns: runs(600) },
    );
  });
});
