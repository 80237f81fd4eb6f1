import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inMemoryGateway } from "../../../src/hosts/fake-excel/preview";
import { FIRST_READ_ROWS, MAX_BLOCK_CELLS, rowBytes, rowsThatFit, rowsToRead, TARGET_READ_BYTES, TARGET_WRITE_BYTES } from "../../../src/hosts/office/payload";
import { SECTION, sampleRows } from "./support";

describe("payload estimates", () => {
  it("sizes a row as the JSON Office sends for it", () => {
    const row = ['=HYPERLINK("http://x")', 1234.5, true, "", "ಕನ್ನಡ"];
    expect(rowBytes(row)).toBe(new TextEncoder().encode(JSON.stringify(row)).length + 1);
  });

  it("fills a write block up to the budget and no further, one row at least, within the cell cap", () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 300 }),
      fc.integer({ min: 1, max: 20_000 }),
      fc.integer({ min: 1, max: 40 }),
      (sizes, budget, columns) => {
        const count = rowsThatFit(sizes, 0, budget, columns);
        const bytes = sizes.slice(0, count).reduce((a, b) => a + b, 0);
        expect(count).toBeGreaterThanOrEqual(1);
        expect(count * columns <= MAX_BLOCK_CELLS || count === 1).toBe(true);
        if (count > 1) expect(bytes).toBeLessThanOrEqual(budget);
        if (count < sizes.length && count * columns < MAX_BLOCK_CELLS - columns) expect(bytes + sizes[count]).toBeGreaterThan(budget);
      },
    ));
  });

  it("reads a small first block, then as many rows as the measured row size allows", () => {
    expect(rowsToRead(undefined, TARGET_READ_BYTES, 29)).toBe(FIRST_READ_ROWS);
    expect(rowsToRead(250, TARGET_READ_BYTES, 29)).toBe(10_000);
    expect(rowsToRead(5, TARGET_READ_BYTES, 29)).toBe(Math.floor(MAX_BLOCK_CELLS / 29));
    expect(rowsToRead(10_000_000, TARGET_READ_BYTES, 2)).toBe(1);
  });

  it("keeps what Excel measures per write close to the target: the estimate does not fall short", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(SECTION, sampleRows(SECTION, 40_000));
    const writes = gateway.excel.syncs.filter((s) => s.operations.some((op) => op.kind === "values"));
    expect(writes.length).toBeGreaterThan(1);
    for (const sync of writes) expect(sync.requestBytes).toBeLessThan(TARGET_WRITE_BYTES + 100_000);
  });
});
