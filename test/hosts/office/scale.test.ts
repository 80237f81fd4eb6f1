import { describe, expect, it } from "vitest";
import { inMemoryGateway } from "../../../src/hosts/fake-excel/preview";
import type { CellValue, ColumnSpec, SheetSpec } from "../../../src/workbook/gateway";
import { firstDifference, SECTION, sampleRows } from "./support";

/**
 * 100,000 records across four section sheets, written and read through the
 * strict fake on the web platform (5 MB per request). The figures printed here
 * are tracked by the benchmark; the assertions are budgets, not timings.
 */

const MORE: ColumnSpec[] = [
  { header: "Original Document No", kind: "text", width: 18, editable: false },
  { header: "Original Document Date", kind: "date", width: 12, editable: false },
  { header: "Invoice Type", kind: "text", width: 14, editable: false },
  { header: "Document Value", kind: "amount", width: 14, editable: false },
  { header: "CGST", kind: "amount", width: 12, editable: false },
  { header: "SGST", kind: "amount", width: 12, editable: false },
  { header: "Cess", kind: "amount", width: 12, editable: false },
  { header: "Declared CGST", kind: "amount", width: 14, editable: true },
  { header: "Declared SGST", kind: "amount", width: 14, editable: true },
  { header: "Declared Cess", kind: "amount", width: 14, editable: true },
  { header: "Portal Errors", kind: "text", width: 20, editable: false },
  { header: "Previous Action", kind: "text", width: 12, editable: false },
  { header: "Source Form", kind: "text", width: 10, editable: false },
  { header: "Return Period", kind: "text", width: 10, editable: false },
  { header: "Supplier Filing Status", kind: "text", width: 12, editable: false },
  { header: "Error Cells", kind: "text", width: 12, editable: false, hidden: true },
];

const SHEETS: [string, number][] = [["B2B", 70_000], ["CDNR", 15_000], ["B2BA", 10_000], ["ECOM", 5_000]];

const specFor = (name: string): SheetSpec => ({ ...SECTION, name, columns: [...SECTION.columns, ...MORE] });

describe("scale", () => {
  it("writes 100,000 rows across sheets in few syncs, each well under 5 MB, and reads them back", async () => {
    const gateway = inMemoryGateway({ platform: "web" });
    const data = new Map<string, CellValue[][]>(SHEETS.map(([name, count], i) => [name, sampleRows(specFor(name), count, i + 1)]));
    expect([...data.values()].reduce((n, rows) => n + rows.length, 0)).toBe(100_000);
    expect(specFor("B2B").columns).toHaveLength(29);

    for (const [name, rows] of data) await gateway.writeSheet(specFor(name), rows);
    const writes = [...gateway.excel.syncs];
    const largest = Math.max(...writes.map((s) => s.requestBytes));
    console.log(`scale: 100,000 rows x 29 columns on 4 sheets written in ${writes.length} syncs; largest request ${(largest / 1e6).toFixed(2)} MB; total ${(writes.reduce((n, s) => n + s.requestBytes, 0) / 1e6).toFixed(1)} MB`);
    expect(writes.every((s) => !s.failed)).toBe(true);
    expect(writes.length).toBeLessThanOrEqual(25);
    expect(largest).toBeLessThan(4_000_000);

    gateway.excel.resetSyncs();
    for (const [name, rows] of data) {
      const back = await gateway.readSheet(name);
      expect(firstDifference(back.rows, rows)).toBeNull();
    }
    const reads = gateway.excel.syncs;
    const largestResponse = Math.max(...reads.map((s) => s.responseBytes));
    console.log(`scale: read back in ${reads.length} syncs; largest response ${(largestResponse / 1e6).toFixed(2)} MB`);
    expect(reads.every((s) => !s.failed)).toBe(true);
    expect(largestResponse).toBeLessThan(4_000_000);
    expect(gateway.excel.inspect.formulas()).toEqual([]);
  });
});
