import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inMemoryGateway } from "../../../src/hosts/fake-excel/preview";
import type { CellValue } from "../../../src/workbook/gateway";
import { column, SECTION, sampleRows } from "./support";

/**
 * No value from a file may become a formula (excel-addin-notes §5.4). Supplier
 * names, document numbers, GSTINs and remarks come from outside, so every text
 * column gets the strings Excel would otherwise turn into formulas or numbers.
 */

const DANGEROUS = [
  '=HYPERLINK("http://x")',
  "=cmd|' /C calc'!A0",
  "+91 98200 00000",
  "-5",
  "@x",
  "@SUM(A1:A9)",
  "0012",
  "2025260000000417",
  "TRUE",
  "1e5",
  "12%",
  "01-04-2025",
  "'quoted",
];

const TEXT_COLUMNS = SECTION.columns.flatMap((c, i) => (c.kind === "text" ? [i] : []));

/** One row per dangerous string, each string in every text column at once. */
function dangerousRows(): CellValue[][] {
  const base = sampleRows(SECTION, DANGEROUS.length);
  return DANGEROUS.map((text, r) => base[r].map((value, c) => (TEXT_COLUMNS.includes(c) ? text : value)));
}

describe("formula injection", () => {
  it("covers every text column of the layout", () => {
    expect(TEXT_COLUMNS.map((c) => SECTION.columns[c].header)).toEqual([
      "Supplier GSTIN", "Supplier Name", "Document No", "Place of Supply", "Action", "Remarks", "ITC Reduction", "Error Codes", "Record Key",
    ]);
  });

  it("writes file values into text columns as exactly the same strings, with no formulas", async () => {
    const gateway = inMemoryGateway();
    const rows = dangerousRows();
    await gateway.writeSheet(SECTION, rows);
    const back = await gateway.readSheet("B2B");
    expect(back.rows).toEqual(rows);
    for (const row of back.rows) for (const c of TEXT_COLUMNS) expect(typeof row[c]).toBe("string");
    expect(gateway.excel.inspect.formulas()).toEqual([]);
  });

  it("keeps them text when written into existing cells (bulk edits, error columns)", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(SECTION, sampleRows(SECTION, DANGEROUS.length));
    const remarks = column(SECTION, "Remarks");
    await gateway.writeCells("B2B", 0, remarks, DANGEROUS.map((text) => [text]));
    const back = await gateway.readSheet("B2B");
    expect(back.rows.map((row) => row[remarks])).toEqual(DANGEROUS);
    expect(gateway.excel.inspect.formulas()).toEqual([]);
  });

  it("would have caught the injection: the same strings in General-format cells become formulas and numbers", async () => {
    const gateway = inMemoryGateway();
    const general = { ...SECTION, columns: SECTION.columns.map((c) => ({ ...c, kind: "integer" as const })) };
    const safe = DANGEROUS.filter((text) => text !== "01-04-2025"); // a locale decides what that becomes; the fake refuses to guess
    await gateway.writeSheet(general, safe.map((text) => general.columns.map(() => text)));
    const back = await gateway.readSheet("B2B");
    expect(gateway.excel.inspect.formulas().length).toBeGreaterThan(0);
    expect(back.rows.map((row) => row[0])).not.toEqual(safe);
  });

  it("round-trips any string through a text column", async () => {
    const name = column(SECTION, "Supplier Name");
    const documentNo = column(SECTION, "Document No");
    const text = fc.oneof(
      fc.string({ minLength: 1, maxLength: 40 }),
      fc.tuple(fc.constantFrom("=", "+", "-", "@", "'", "0"), fc.string({ maxLength: 20 })).map(([a, b]) => a + b),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 8 }), async (pairs) => {
      const gateway = inMemoryGateway();
      const rows = sampleRows(SECTION, pairs.length).map((row, r) => {
        const copy = [...row];
        copy[name] = pairs[r][0];
        copy[documentNo] = pairs[r][1];
        return copy;
      });
      await gateway.writeSheet(SECTION, rows);
      const back = await gateway.readSheet("B2B");
      expect(back.rows.map((row) => [row[name], row[documentNo]])).toEqual(pairs);
      expect(gateway.excel.inspect.formulas()).toEqual([]);
    }), { numRuns: 60 });
  });
});
