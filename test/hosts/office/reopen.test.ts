import { describe, expect, it } from "vitest";
import { createOfficeGateway } from "../../../src/hosts/office/gateway";
import { createFakeExcel } from "../../../src/hosts/fake-excel";
import { inMemoryGateway } from "../../../src/hosts/fake-excel/preview";
import type { SheetSpec } from "../../../src/workbook/gateway";
import { column, SECTION, sampleRows } from "./support";

const STATE: SheetSpec = {
  name: "_raw",
  visibility: "veryHidden",
  grid: false,
  columns: [
    { header: "Record Key", kind: "text", width: 40, editable: false },
    { header: "Raw JSON", kind: "text", width: 80, editable: false },
  ],
};

/** Closing the workbook (toJSON, through a string as a file would hold it) and opening it in a fresh Excel. */
function reopen(saved: unknown) {
  const excel = createFakeExcel();
  excel.fromJSON(JSON.parse(JSON.stringify(saved)));
  return { excel, gateway: createOfficeGateway({ excel, isSetSupported: excel.isSetSupported }) };
}

describe("close and reopen", () => {
  it("keeps data, formats, dropdowns, highlighting, filter, protection and visibility", async () => {
    const before = inMemoryGateway();
    const errors = column(SECTION, "Error Codes");
    const rows = sampleRows(SECTION, 12).map((row) => row.map((value, c) => (c === errors ? null : value)));
    await before.writeSheet(SECTION, rows);
    await before.writeSheet(STATE, [["b2b|27AAPFU0939F1ZV|INV-1|01-04-2025", '{"inum":"INV-1","val":"=1+1"}']]);
    await before.writeCells("B2B", 3, errors, [["|Action|"]]);
    await before.filterNonEmpty("B2B", errors);
    const saved = before.excel.toJSON();

    const after = reopen(saved);
    expect(await after.gateway.sheetNames()).toEqual(await before.sheetNames());
    expect(await after.gateway.readSheet("B2B")).toEqual(await before.readSheet("B2B"));
    expect(await after.gateway.readSheet("_raw")).toEqual(await before.readSheet("_raw"));
    expect(await after.gateway.visibleRows("B2B")).toEqual([3]);
    for (const name of ["B2B", "_raw"]) expect(after.excel.inspect.sheet(name)).toEqual(before.excel.inspect.sheet(name));
    for (const [row, col] of [[0, 0], [2, 0], [2, 3], [2, 4], [2, 7], [5, errors]]) {
      expect(after.excel.inspect.cell("B2B", row, col)).toEqual(before.excel.inspect.cell("B2B", row, col));
    }
    expect(after.excel.inspect.sheet("_raw").visibility).toBe("VeryHidden");
    expect(after.excel.inspect.sheet("B2B").protection.protected).toBe(true);
    expect(after.excel.inspect.sheet("B2B").validations.map((v) => v.source)).toEqual(["Accept,Reject,Pending,No action", "Full,Partial,No reduction"]);
    expect(after.excel.inspect.formulas()).toEqual([]);
  });

  it("behaves the same after reopening: locked cells refuse typing, dropdowns stop, writes keep protection", async () => {
    const before = inMemoryGateway();
    await before.writeSheet(SECTION, sampleRows(SECTION, 4));
    const { excel, gateway } = reopen(before.excel.toJSON());
    expect(() => excel.user.type("B2B", 1, column(SECTION, "Supplier GSTIN"), "x")).toThrow(expect.objectContaining({ code: "AccessDenied" }));
    expect(() => excel.user.type("B2B", 1, column(SECTION, "Action"), "Maybe")).toThrow(/not one of/);
    excel.user.type("B2B", 1, column(SECTION, "Action"), "Pending");
    await gateway.writeCells("B2B", 0, column(SECTION, "Error Codes"), [["|Remarks|"]]);
    expect(excel.inspect.sheet("B2B").protection.protected).toBe(true);
    expect((await gateway.readSheet("B2B")).rows[0][column(SECTION, "Action")]).toBe("Pending");
  });

  it("refuses something that is not a saved workbook", () => {
    expect(() => createFakeExcel().fromJSON({ sheets: [] })).toThrow(/not a saved in-memory workbook/);
  });
});
