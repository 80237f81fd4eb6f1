import { describe, expect, it } from "vitest";
import { createFakeExcel } from "../../../src/hosts/fake-excel";
import { inMemoryGateway } from "../../../src/hosts/fake-excel/preview";
import { createOfficeGateway, OfficeHostError } from "../../../src/hosts/office/gateway";
import { HEADER_FILL, LOCKED_FILL, widthInPoints } from "../../../src/hosts/office/sheet-layout";
import { NUMBER_FORMATS, type CellValue, type SheetSpec } from "../../../src/workbook/gateway";
import { column, SECTION, sampleRows } from "./support";

const STATE: SheetSpec = {
  name: "_state",
  visibility: "veryHidden",
  grid: false,
  columns: [
    { header: "Key", kind: "text", width: 20, editable: false },
    { header: "Value", kind: "text", width: 60, editable: false },
  ],
};

const ACTION = column(SECTION, "Action");
const REMARKS = column(SECTION, "Remarks");
const ERRORS = column(SECTION, "Error Codes");
const GSTIN = column(SECTION, "Supplier GSTIN");

async function written(rows: CellValue[][] = sampleRows(SECTION, 5)) {
  const gateway = inMemoryGateway();
  await gateway.writeSheet(SECTION, rows);
  return { gateway, excel: gateway.excel, rows };
}

describe("writeSheet lays out a section sheet", () => {
  it("writes the header as bold text and every data cell in its column's number format", async () => {
    const { excel } = await written();
    SECTION.columns.forEach((spec, c) => {
      expect(excel.inspect.cell("B2B", 0, c)).toMatchObject({ value: spec.header, numberFormat: "@", bold: true, fill: HEADER_FILL });
      expect(excel.inspect.cell("B2B", 3, c).numberFormat).toBe(NUMBER_FORMATS[spec.kind]);
      // Whole columns carry the format, so rows added below keep it too.
      expect(excel.inspect.cell("B2B", 50_000, c).numberFormat).toBe(NUMBER_FORMATS[spec.kind]);
    });
  });

  it("sets widths in points, hides machine columns, shades and locks record columns, unlocks decision columns", async () => {
    const { excel } = await written();
    const sheet = excel.inspect.sheet("B2B");
    SECTION.columns.forEach((spec, c) => {
      expect(sheet.columnWidths[c]).toBe(widthInPoints(spec.width));
      const cell = excel.inspect.cell("B2B", 1, c);
      expect(cell.locked).toBe(!spec.editable);
      expect(cell.fill).toBe(spec.editable ? null : LOCKED_FILL);
    });
    expect(sheet.hiddenColumns).toEqual([ERRORS, column(SECTION, "Record Key")]);
    expect(sheet.tabColor).toBe("#1F6FB2");
  });

  it("adds an inline dropdown that stops other entries, over the data rows of each list column", async () => {
    const { excel } = await written();
    expect(excel.inspect.sheet("B2B").validations).toEqual([
      { address: "H2:H6", source: "Accept,Reject,Pending,No action", inCellDropDown: true, alertStyle: "Stop" },
      { address: "J2:J6", source: "Full,Partial,No reduction", inCellDropDown: true, alertStyle: "Stop" },
    ]);
    excel.user.type("B2B", 2, ACTION, "Reject");
    expect(excel.inspect.cell("B2B", 2, ACTION).value).toBe("Reject");
    expect(() => excel.user.type("B2B", 2, ACTION, "Maybe")).toThrow(/not one of/);
  });

  it("highlights rows with errors and the cells they name, bounded to the data rows", async () => {
    const { excel } = await written();
    expect(excel.inspect.sheet("B2B").conditionalFormats).toEqual([
      { address: "A2:M6", formula: '=$L2<>""', fill: "#FDE2E1" },
      { address: "H2:H6", formula: '=ISNUMBER(FIND("|Action|",$L2))', fill: "#F4A6A3" },
      { address: "I2:I6", formula: '=ISNUMBER(FIND("|Remarks|",$L2))', fill: "#F4A6A3" },
      { address: "J2:J6", formula: '=ISNUMBER(FIND("|ITC Reduction|",$L2))', fill: "#F4A6A3" },
    ]);
  });

  it("freezes the header, filters header and data, and protects the sheet last, leaving only decision cells editable", async () => {
    const { excel } = await written();
    const sheet = excel.inspect.sheet("B2B");
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.autoFilter).toEqual({ address: "A1:M6", criteria: [] });
    expect(sheet.protection).toEqual({ protected: true, options: { allowAutoFilter: true, allowFormatColumns: true, allowFormatRows: true } });
    expect(() => excel.user.type("B2B", 1, GSTIN, "27AAAAA0000A1Z5")).toThrow(expect.objectContaining({ code: "AccessDenied" }));
    excel.user.type("B2B", 1, REMARKS, "Checked with supplier");
    expect(excel.inspect.cell("B2B", 1, REMARKS).value).toBe("Checked with supplier");
  });

  it("reads back what it wrote, empty cells as null", async () => {
    const { gateway, rows } = await written();
    const back = await gateway.readSheet("B2B");
    expect(back.header).toEqual(SECTION.columns.map((c) => c.header));
    expect(back.rows).toEqual(rows);
  });

  it("writes a very hidden state sheet without grid, filter or protection", async () => {
    const { gateway, excel } = await written();
    await gateway.writeSheet(STATE, [["schema", "1"], ["recipient", "27AAPFU0939F1ZV"]]);
    const sheet = excel.inspect.sheet("_state");
    expect(sheet).toMatchObject({ visibility: "VeryHidden", frozenRows: 0, autoFilter: null, protection: { protected: false } });
    expect([excel.inspect.cell("_state", 0, 0).fill, excel.inspect.cell("_state", 1, 0).fill]).toEqual([null, null]);
    expect(await gateway.sheetNames()).toEqual(["Sheet1", "B2B", "_state"]);
    expect((await gateway.readSheet("_state")).rows).toEqual([["schema", "1"], ["recipient", "27AAPFU0939F1ZV"]]);
  });

  it("replaces a protected, filtered sheet's whole content when written again", async () => {
    const { gateway, excel } = await written(sampleRows(SECTION, 8));
    await gateway.filterNonEmpty("B2B", ERRORS);
    const smaller: SheetSpec = { ...SECTION, columns: SECTION.columns.slice(0, 3), highlights: [] };
    await gateway.writeSheet(smaller, [["27AAPFU0939F1ZV", "New Supplier", "N-1"]]);
    const sheet = excel.inspect.sheet("B2B");
    expect(sheet.usedRange).toBe("A1:C2");
    expect(sheet).toMatchObject({ validations: [], conditionalFormats: [], hiddenRows: [], hiddenColumns: [] });
    expect(sheet.autoFilter).toEqual({ address: "A1:C2", criteria: [] });
    expect(sheet.protection.protected).toBe(true);
    expect(await gateway.readSheet("B2B")).toEqual({ header: ["Supplier GSTIN", "Supplier Name", "Document No"], rows: [["27AAPFU0939F1ZV", "New Supplier", "N-1"]] });
  });

  it("refuses to read a sheet whose last value lies far outside the table, saying where it is, before reading any of it", async () => {
    // A sheet the user may type anywhere on, as on a purchase register pasted into the workbook.
    const gateway = inMemoryGateway();
    const excel = gateway.excel;
    await gateway.writeSheet({ ...STATE, name: "Register", visibility: "visible" }, [["a", "b"]]);
    excel.user.type("Register", 1_048_575, 16_383, "stray");
    excel.resetSyncs();
    await expect(gateway.readSheet("Register")).rejects.toThrow(/^Sheet "Register" has values as far as row 10,48,576 and column XFD: 17,17,98,69,184 cells, more than the 3,00,00,000 this version reads from one sheet\. Delete the values outside the table \(in Excel, Ctrl\+End goes to the last one\), then try again\.$/);
    // Only the used range's size was asked for.
    expect(excel.syncs).toHaveLength(1);
  });

  it("writes an empty section: header, formats and protection, no data validation", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(SECTION, []);
    expect(await gateway.readSheet("B2B")).toEqual({ header: SECTION.columns.map((c) => c.header), rows: [] });
    expect(gateway.excel.inspect.sheet("B2B")).toMatchObject({ validations: [], autoFilter: { address: "A1:M1" }, protection: { protected: true } });
  });

  it("refuses rows that do not fit the layout before touching Excel, naming the sheet, row and column", async () => {
    const gateway = inMemoryGateway();
    const rows = sampleRows(SECTION, 3);
    await expect(gateway.writeSheet(SECTION, [...rows, rows[0].slice(1)])).rejects.toThrow(/Sheet "B2B", data row 4: 12 cells where the sheet has 13 columns/);
    const long = rows.map((row) => [...row]);
    long[1][REMARKS] = "r".repeat(40_000);
    await expect(gateway.writeSheet(SECTION, long)).rejects.toThrow(/Sheet "B2B", data row 2, column "Remarks": 40,000 characters/);
    expect(gateway.excel.syncs).toHaveLength(0);
  });

  it("refuses a dropdown that cannot be held inline", async () => {
    const gateway = inMemoryGateway();
    const withComma: SheetSpec = { ...SECTION, columns: SECTION.columns.map((c, i) => (i === ACTION ? { ...c, list: ["Accept", "Reject, with reason"] } : c)) };
    await expect(gateway.writeSheet(withComma, [])).rejects.toThrow(/column "Action".*without a comma \(not "Reject, with reason"\)/);
    const tooLong: SheetSpec = { ...SECTION, columns: SECTION.columns.map((c, i) => (i === ACTION ? { ...c, list: Array.from({ length: 40 }, (_, n) => `Choice number ${n}`) } : c)) };
    await expect(gateway.writeSheet(tooLong, [])).rejects.toThrow(/Excel allows 255/);
  });
});

describe("writeCells", () => {
  it("writes into locked cells of a protected sheet and leaves it protected, unprotecting only within each batch", async () => {
    const { gateway, excel } = await written();
    excel.resetSyncs();
    await gateway.writeCells("B2B", 1, ERRORS, [["|Action|"], ["|Remarks|"]]);
    expect(excel.inspect.cell("B2B", 2, ERRORS).value).toBe("|Action|");
    expect(excel.inspect.cell("B2B", 3, ERRORS).value).toBe("|Remarks|");
    expect(excel.inspect.sheet("B2B").protection.protected).toBe(true);
    const writes = excel.syncs.filter((s) => s.operations.some((op) => op.kind === "values"));
    for (const sync of writes) {
      const names = sync.operations.map((op) => op.name);
      expect(names.indexOf("WorksheetProtection.unprotect")).toBeLessThan(names.indexOf("Range.values"));
      expect(names.indexOf("WorksheetProtection.protect")).toBeGreaterThan(names.indexOf("Range.values"));
    }
  });

  it("empties cells written as null, and leaves other cells alone", async () => {
    const { gateway, rows } = await written();
    await gateway.writeCells("B2B", 0, ACTION, [["Reject", null]]);
    const back = await gateway.readSheet("B2B");
    expect(back.rows[0][ACTION]).toBe("Reject");
    expect(back.rows[0][REMARKS]).toBeNull();
    expect(back.rows[0][GSTIN]).toBe(rows[0][GSTIN]);
    expect(back.rows[1]).toEqual(rows[1]);
  });

  it("names the sheet when it does not exist", async () => {
    const gateway = inMemoryGateway();
    const failure = gateway.writeCells("CDNR", 0, 0, [["x"]]);
    await expect(failure).rejects.toBeInstanceOf(OfficeHostError);
    await expect(gateway.writeCells("CDNR", 0, 0, [["x"]])).rejects.toThrow(/Writing to the sheet "CDNR": the workbook has no such sheet \[ItemNotFound\]/);
  });

  it("refuses ragged rows", async () => {
    const { gateway } = await written();
    await expect(gateway.writeCells("B2B", 0, 0, [["a", "b"], ["c"]])).rejects.toThrow(/data row 2: 1 cells where the sheet has 2 columns/);
  });
});

describe("readSheet", () => {
  it("drops trailing empty rows", async () => {
    const { gateway } = await written(sampleRows(SECTION, 4));
    await gateway.writeCells("B2B", 2, 0, [Array(SECTION.columns.length).fill(null), Array(SECTION.columns.length).fill(null)]);
    expect((await gateway.readSheet("B2B")).rows).toHaveLength(2);
  });

  it("returns nothing for an empty sheet and names a missing one", async () => {
    const gateway = inMemoryGateway();
    expect(await gateway.readSheet("Sheet1")).toEqual({ header: [], rows: [] });
    await expect(gateway.readSheet("IMPG")).rejects.toThrow(/Reading the sheet "IMPG": the workbook has no such sheet/);
  });
});

describe("readCells", () => {
  it("reads a few cells in one sync, cells past the content as null", async () => {
    const { gateway, rows } = await written(sampleRows(SECTION, 3));
    const before = gateway.excel.syncs.length;
    expect(await gateway.readCells("B2B", 1, 2, 3, 2)).toEqual([rows[1].slice(2, 4), rows[2].slice(2, 4), [null, null]]);
    expect(gateway.excel.syncs.length - before).toBe(1);
  });

  it("names a missing sheet, and refuses a range that is not one", async () => {
    const gateway = inMemoryGateway();
    await expect(gateway.readCells("IMPG", 0, 0, 2, 4)).rejects.toThrow(/Reading the sheet "IMPG": the workbook has no such sheet/);
    await expect(gateway.readCells("Sheet1", 0, 0, 0, 4)).rejects.toThrow(/is not a range/);
  });
});

describe("filters, visible rows and selection", () => {
  function withErrors() {
    const rows = sampleRows(SECTION, 6).map((row, i) => {
      const copy = [...row];
      copy[ERRORS] = i === 1 || i === 4 ? "|Action|" : null;
      return copy;
    });
    return written(rows);
  }

  it("shows only the rows with errors, on a protected sheet that stays protected", async () => {
    const { gateway, excel } = await withErrors();
    await gateway.filterNonEmpty("B2B", ERRORS);
    expect(await gateway.visibleRows("B2B")).toEqual([1, 4]);
    expect(excel.inspect.sheet("B2B").autoFilter).toEqual({ address: "A1:M7", criteria: [{ column: ERRORS, criterion1: "<>" }] });
    expect(excel.inspect.sheet("B2B").protection.protected).toBe(true);
  });

  it("clears every criterion so all rows show again", async () => {
    const { gateway, excel } = await withErrors();
    await gateway.filterNonEmpty("B2B", ERRORS);
    await gateway.clearFilters("B2B");
    expect(await gateway.visibleRows("B2B")).toEqual([0, 1, 2, 3, 4, 5]);
    expect(excel.inspect.sheet("B2B").protection.protected).toBe(true);
  });

  it("replaces other criteria when filtering on errors", async () => {
    const { gateway, excel } = await withErrors();
    await gateway.filterNonEmpty("B2B", REMARKS);
    await gateway.filterNonEmpty("B2B", ERRORS);
    expect(excel.inspect.sheet("B2B").autoFilter!.criteria).toEqual([{ column: ERRORS, criterion1: "<>" }]);
  });

  it("selects a cell by data row, and reads the selected data rows", async () => {
    const { gateway, excel } = await withErrors();
    await gateway.writeSheet(STATE, [["k", "v"]]);
    await gateway.select("B2B", 4, REMARKS);
    expect(excel.inspect.activeSheet()).toBe("B2B");
    expect(await gateway.selectedRows()).toEqual({ sheet: "B2B", rows: [4] });
  });

  it("turns a multi-area selection into data rows, leaving out the header and rows past the data", async () => {
    const { gateway, excel } = await withErrors();
    excel.user.select("B2B", [
      { row: 0, column: 0, rows: 3, columns: 2 }, // header and data rows 0-1
      { row: 5, column: 7, rows: 1, columns: 1 }, // data row 4
      { row: 0, column: 8, rows: 1_048_576, columns: 1 }, // the whole Remarks column
    ]);
    expect(await gateway.selectedRows()).toEqual({ sheet: "B2B", rows: [0, 1, 2, 3, 4, 5] });
    excel.user.select("B2B", [{ row: 2, column: 0, rows: 2, columns: 1 }, { row: 3, column: 3, rows: 1, columns: 1 }]);
    expect(await gateway.selectedRows()).toEqual({ sheet: "B2B", rows: [1, 2] });
  });

  it("refuses to show a cell of a very hidden sheet, saying what it was doing", async () => {
    const { gateway } = await written();
    await gateway.writeSheet(STATE, [["k", "v"]]);
    await expect(gateway.select("_state", 0, 0)).rejects.toThrow(/Showing row 2 of "_state": .*hidden.*\[InvalidOperation\]/);
  });
});

describe("blocks, progress and cancellation", () => {
  const many = sampleRows(SECTION, 30_000, 7);

  it("writes in several blocks, one sync each, reporting progress after each block", async () => {
    const gateway = inMemoryGateway();
    const reports: { done: number; total: number; label: string }[] = [];
    await gateway.writeSheet(SECTION, many, { progress: (p) => reports.push(p) });
    const valueSyncs = gateway.excel.syncs.filter((s) => s.operations.some((op) => op.kind === "values"));
    expect(reports.length).toBeGreaterThan(1);
    expect(reports).toHaveLength(valueSyncs.length);
    expect(reports.map((r) => r.done)).toEqual([...reports.map((r) => r.done)].sort((a, b) => a - b));
    expect(reports.at(-1)).toEqual({ done: 30_000, total: 30_000, label: 'Writing "B2B"' });
  });

  it("keeps the number of formatting calls the same for 10 rows and 30,000", async () => {
    const small = inMemoryGateway();
    await small.writeSheet(SECTION, many.slice(0, 10));
    const large = inMemoryGateway();
    await large.writeSheet(SECTION, many);
    expect(large.excel.syncs.length).toBeGreaterThan(small.excel.syncs.length);
    expect(large.excel.operationCount("format")).toBe(small.excel.operationCount("format"));
  });

  it("suspends calculation while writing and recalculates once at the end; a one-block write needs neither", async () => {
    const gateway = inMemoryGateway();
    // Three blocks at least, so there is a middle one.
    await gateway.writeSheet(SECTION, sampleRows(SECTION, 60_000, 7));
    const blocks = gateway.excel.syncs.filter((s) => s.operations.some((op) => op.kind === "values")).map((s) => s.operations.map((op) => op.name));
    expect(blocks.length).toBeGreaterThan(2);
    for (const names of blocks.slice(0, -1)) {
      expect(names).toContain("Application.suspendApiCalculationUntilNextSync");
      expect(names).not.toContain("Application.calculate");
    }
    expect(blocks.at(-1)).not.toContain("Application.suspendApiCalculationUntilNextSync");
    expect(blocks.at(-1)!.at(-1)).toBe("Application.calculate");
    const small = inMemoryGateway();
    await small.writeSheet(SECTION, many.slice(0, 5));
    const names = small.excel.syncs.flatMap((s) => s.operations.map((op) => op.name));
    expect(names.filter((n) => n === "Application.calculate" || n === "Application.suspendApiCalculationUntilNextSync")).toEqual([]);
  });

  it("stops between blocks when cancelled, leaving the rows written so far filtered and protected", async () => {
    const gateway = inMemoryGateway();
    const stop = new AbortController();
    const reason = new Error("cancelled by the user");
    const writing = gateway.writeSheet(SECTION, many, { signal: stop.signal, progress: () => stop.abort(reason) });
    await expect(writing).rejects.toBe(reason);
    const sheet = gateway.excel.inspect.sheet("B2B");
    expect(sheet.protection.protected).toBe(true);
    expect(sheet.autoFilter).not.toBeNull();
    const back = await gateway.readSheet("B2B");
    expect(back.rows.length).toBeGreaterThan(0);
    expect(back.rows.length).toBeLessThan(many.length);
    expect(back.rows).toEqual(many.slice(0, back.rows.length));
  });

  it("leaves a protected sheet protected when writeCells is cancelled between blocks", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(SECTION, many);
    const stop = new AbortController();
    const edited = many.map((row) => row.map((value, c) => (c === REMARKS ? "edited" : value)));
    await expect(gateway.writeCells("B2B", 0, 0, edited, { signal: stop.signal, progress: () => stop.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(gateway.excel.inspect.sheet("B2B").protection.protected).toBe(true);
    const remarks = (await gateway.readSheet("B2B")).rows.map((row) => row[REMARKS]);
    expect(remarks[0]).toBe("edited");
    expect(remarks.at(-1)).not.toBe("edited");
  });

  it("halves its blocks when Excel refuses a payload, and loses nothing", async () => {
    const gateway = inMemoryGateway({ payloadLimitBytes: 700_000 });
    await gateway.writeSheet(SECTION, many);
    const syncs = gateway.excel.syncs;
    expect(syncs.some((s) => s.failed === "RequestPayloadSizeLimitExceeded")).toBe(true);
    expect(Math.max(...syncs.filter((s) => !s.failed).map((s) => s.requestBytes))).toBeLessThanOrEqual(700_000);
    const back = await gateway.readSheet("B2B");
    expect(back.rows).toEqual(many);
    expect(gateway.excel.syncs.filter((s) => s.failed === "ResponsePayloadSizeLimitExceeded").length).toBeGreaterThan(0);
  });
});

describe("the sheet list", () => {
  const other: SheetSpec = { ...SECTION, name: "CDNR" };
  const listOnly = (gateway: ReturnType<typeof inMemoryGateway>) =>
    gateway.excel.syncs.filter((s) => s.operations.every((op) => op.name === "WorksheetCollection.load")).length;

  it("is loaded once for sheets written one after another, not once per sheet", async () => {
    const gateway = inMemoryGateway();
    await gateway.sheetNames();
    await gateway.writeSheet(SECTION, sampleRows(SECTION, 10));
    await gateway.writeSheet(other, sampleRows(other, 10));
    const again = sampleRows(SECTION, 20, 2);
    await gateway.writeSheet(SECTION, again);
    expect(listOnly(gateway)).toBe(1);
    expect(gateway.excel.syncs).toHaveLength(4);

    // Any other call in between, and the list is loaded again.
    expect((await gateway.readSheet("B2B")).rows).toEqual(again);
    gateway.excel.resetSyncs();
    await gateway.writeSheet(other, sampleRows(other, 5));
    expect(listOnly(gateway)).toBe(1);
  });

  it("is loaded again when the user changed a sheet since, and the write goes through", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(SECTION, sampleRows(SECTION, 10));
    // The user unprotects the sheet (Review > Unprotect Sheet) before the next write.
    await gateway.excel.run(async (context) => {
      context.workbook.worksheets.getItem("B2B").protection.unprotect();
      await context.sync();
    });
    expect(gateway.excel.inspect.sheet("B2B").protection.protected).toBe(false);
    const rows = sampleRows(SECTION, 12, 3);
    gateway.excel.resetSyncs();
    await gateway.writeSheet(SECTION, rows);
    // The first attempt, from the list kept since the last write, was refused; the second loaded it afresh.
    expect(gateway.excel.syncs.filter((s) => s.failed)).toHaveLength(1);
    expect((await gateway.readSheet("B2B")).rows).toEqual(rows);
    expect(gateway.excel.inspect.sheet("B2B").protection.protected).toBe(true);
  });
});

describe("writeCells right after a writeSheet", () => {
  it("takes protection from the sheet list the write loaded: one sync", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(STATE, [["status", "importing"], ["recipient", ""]]);
    gateway.excel.resetSyncs();
    await gateway.writeCells("_state", 0, 0, [["status", "complete"]]);
    expect(gateway.excel.syncs).toHaveLength(1);
    expect((await gateway.readSheet("_state")).rows[0]).toEqual(["status", "complete"]);
  });

  it("still writes when the user protected the sheet since, and leaves it protected", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(STATE, [["status", "importing"]]);
    await gateway.excel.run(async (context) => {
      context.workbook.worksheets.getItem("_state").protection.protect();
      await context.sync();
    });
    gateway.excel.resetSyncs();
    await gateway.writeCells("_state", 0, 0, [["status", "complete"]]);
    // The write from the list was refused; the second looked at the sheet.
    expect(gateway.excel.syncs.filter((s) => s.failed)).toHaveLength(1);
    expect((await gateway.readSheet("_state")).rows[0]).toEqual(["status", "complete"]);
    expect(gateway.excel.inspect.sheet("_state").protection.protected).toBe(true);
  });
});

describe("writeSheets", () => {
  const other: SheetSpec = { ...SECTION, name: "CDNR" };
  const sheetsOf = (gateway: ReturnType<typeof inMemoryGateway>) =>
    Promise.all(["B2B", "CDNR", "_state"].map(async (name) => ({ view: gateway.excel.inspect.sheet(name), cells: await gateway.readSheet(name) })));
  const valueSyncs = (gateway: ReturnType<typeof inMemoryGateway>) => gateway.excel.syncs.filter((s) => s.operations.some((op) => op.kind === "values"));
  const three = () => [
    { spec: SECTION, rows: sampleRows(SECTION, 40) },
    { spec: other, rows: sampleRows(other, 25, 2) },
    { spec: STATE, rows: [["status", "complete"], ["recipient", ""]] },
  ];

  it("writes sheets that each go whole in one request in a single sync, each as writeSheet would", async () => {
    const together = inMemoryGateway();
    await together.writeSheets(three());
    expect(valueSyncs(together)).toHaveLength(1);
    const apart = inMemoryGateway();
    for (const { spec, rows } of three()) await apart.writeSheet(spec, rows);
    expect(valueSyncs(apart)).toHaveLength(3);
    expect(await sheetsOf(together)).toEqual(await sheetsOf(apart));
    expect(await together.sheetNames()).toEqual(await apart.sheetNames());
  });

  it("writes a sheet too large for one request on its own, in blocks, and the small ones around it together", async () => {
    const gateway = inMemoryGateway();
    const large = sampleRows(other, 30_000, 5);
    await gateway.writeSheets([{ spec: STATE, rows: [["status", "complete"]] }, { spec: other, rows: large }, { spec: SECTION, rows: sampleRows(SECTION, 10) }]);
    expect(valueSyncs(gateway).length).toBeGreaterThanOrEqual(3);
    expect((await gateway.readSheet("CDNR")).rows).toEqual(large);
    expect(Math.max(...gateway.excel.syncs.map((s) => s.requestBytes))).toBeLessThan(4_000_000);
  });

  it("writes the sheets one by one when Excel refuses the request as too large, and loses nothing", async () => {
    const gateway = inMemoryGateway({ payloadLimitBytes: 300_000 });
    const sheets = [{ spec: SECTION, rows: sampleRows(SECTION, 800) }, { spec: other, rows: sampleRows(other, 800, 3) }];
    await gateway.writeSheets(sheets);
    expect(gateway.excel.syncs.some((s) => s.failed === "RequestPayloadSizeLimitExceeded")).toBe(true);
    expect((await gateway.readSheet("B2B")).rows).toEqual(sheets[0].rows);
    expect((await gateway.readSheet("CDNR")).rows).toEqual(sheets[1].rows);
    expect(gateway.excel.inspect.sheet("CDNR").protection.protected).toBe(true);
  });

  it("loads the sheet list again when the user changed a sheet since, and the write goes through", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheets(three());
    await gateway.excel.run(async (context) => {
      context.workbook.worksheets.getItem("CDNR").protection.unprotect();
      await context.sync();
    });
    gateway.excel.resetSyncs();
    const again = three();
    await gateway.writeSheets(again);
    expect(gateway.excel.syncs.filter((s) => s.failed)).toHaveLength(1);
    expect((await gateway.readSheet("CDNR")).rows).toEqual(again[1].rows);
    expect(gateway.excel.inspect.sheet("CDNR").protection.protected).toBe(true);
  });
});

describe("requirement sets", () => {
  it("suspends screen updating once per block where ExcelApi 1.9 is supported", async () => {
    const gateway = inMemoryGateway();
    await gateway.writeSheet(SECTION, sampleRows(SECTION, 20_000));
    const writes = gateway.excel.syncs.filter((s) => s.operations.some((op) => op.kind === "values"));
    for (const sync of writes) {
      expect(sync.operations.filter((op) => op.name === "Application.suspendScreenUpdatingUntilNextSync")).toHaveLength(1);
    }
  });

  it("does not call it where the set is missing, which Excel would refuse", async () => {
    const excel = createFakeExcel({ apiVersion: "1.8" });
    const careful = createOfficeGateway({ excel, isSetSupported: excel.isSetSupported });
    await careful.writeSheet(STATE, [["k", "v"]]);
    expect(excel.syncs.flatMap((s) => s.operations).some((op) => op.name.includes("suspendScreenUpdating"))).toBe(false);
    const careless = createOfficeGateway({ excel, isSetSupported: () => true });
    await expect(careless.writeSheet(STATE, [["k", "v"]])).rejects.toThrow(/needs ExcelApi 1\.9.*\[ApiNotFound\]/);
  });
});

describe("the host", () => {
  it("names itself after the platform", () => {
    expect(createOfficeGateway({ platform: "web" }).hostName).toBe("Excel on the web");
    expect(createOfficeGateway({ platform: "Mac" }).hostName).toBe("Excel for Mac");
    expect(inMemoryGateway({ hostName: "Excel (browser preview)" }).hostName).toBe("Excel (browser preview)");
  });

  it("says so when Office.js is not there", async () => {
    await expect(createOfficeGateway().sheetNames()).rejects.toThrow(/Excel is not available/);
  });
});
