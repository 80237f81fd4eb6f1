import ExcelJS from "exceljs";
import fc from "fast-check";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExcelJsXmlStream, XML_BLOCK_TEXTS } from "../../../src/hosts/xlsx/exceljs-patches";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-gateway";
import { NUMBER_FORMATS, type CellValue } from "../../../src/workbook/gateway";
import { SPEC, STATE_SPEC, sheetXml, withPart, withSheetXml, xlsxPart } from "./support";

const ROWS: CellValue[][] = [
  ["27AAACR5055K1Z7", 45_366, 100_000.5, "Accept", "=HYPERLINK(\"http://x\")", 3, null, null],
  ["29AABCT1332L1ZU", 45_367, 25, "Reject", "+91 98450", 0, "|Remarks|", "Portal said no"],
  ["0012", 45_368, -5, null, "1234567890123456", 12, null, null],
];

/** Written, saved to bytes and opened again: what a later command sees. */
async function reopened(book: XlsxWorkbook): Promise<XlsxWorkbook> {
  return XlsxWorkbook.fromBytes("book.xlsx", await book.toBytes());
}

async function written(rows: CellValue[][] = ROWS): Promise<XlsxWorkbook> {
  const book = XlsxWorkbook.create();
  await book.writeSheet(SPEC, rows);
  await book.writeSheet(STATE_SPEC, [["recipient", "27AAGCK4821M1Z8"]]);
  return book;
}

/** What ExcelJS holds on a worksheet but does not declare in its types. */
type LoadedSheet = ExcelJS.Worksheet & {
  sheetProtection?: Record<string, unknown>;
  conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
};

/** The same bytes through ExcelJS itself, to look at formats the gateway does not read back. */
async function excelJsSheet(book: XlsxWorkbook, name: string): Promise<LoadedSheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await book.toBytes()) as unknown as ArrayBuffer);
  return wb.getWorksheet(name) as LoadedSheet;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ims-xlsx-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("XlsxWorkbook: values", () => {
  it("reads back the header and every row as written, dates as serial numbers", async () => {
    const book = await reopened(await written());
    const { header, rows } = await book.readSheet("B2B");
    expect(header).toEqual(SPEC.columns.map((c) => c.header));
    expect(rows).toEqual(ROWS);
  });

  it("keeps text that looks like a formula or a number as text in the file", async () => {
    const xml = sheetXml(await (await written()).toBytes(), "B2B");
    expect(xml).not.toContain("<f>");
    // E2 (the "=HYPERLINK" remark) and A4 ("0012") are shared strings, not formulas or numbers.
    expect(xml).toMatch(/<c r="E2"[^>]*t="s"/);
    expect(xml).toMatch(/<c r="A4"[^>]*t="s"/);
    expect(xml).toMatch(/<c r="E4"[^>]*t="s"/);
  });

  it("round-trips any text, number and boolean exactly (control characters and _x000D_ look-alikes included)", async () => {
    // Lone surrogates are not Unicode text; no spreadsheet stores them.
    const text = fc.string({ unit: "binary", maxLength: 40 }).filter((s) => !/[\uD800-\uDFFF]/.test(s));
    const cell = fc.oneof(text, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constantFrom("_x000D_", "a_x005F_b", "\u0001", "_X00aF_"));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), async (rows) => {
        const spec = { ...SPEC, name: "Any", columns: SPEC.columns.slice(3, 6).map((c) => ({ ...c, list: undefined })), highlights: [] };
        const book = XlsxWorkbook.create();
        await book.writeSheet(spec, rows);
        const read = await (await reopened(book)).readSheet("Any");
        // "" is an empty cell (as in Excel), -0 is 0, and trailing empty rows are not data.
        const expected = rows.map((r) => r.map((v) => (v === "" ? null : Object.is(v, -0) ? 0 : v)));
        while (expected.length > 0 && expected[expected.length - 1].every((v) => v === null)) expected.pop();
        expect(read.rows).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it("drops trailing empty rows but keeps empty rows between data", async () => {
    const book = XlsxWorkbook.create();
    const blank = SPEC.columns.map(() => null);
    await book.writeSheet(SPEC, [ROWS[0], blank, ROWS[1], blank, blank]);
    const { rows } = await (await reopened(book)).readSheet("B2B");
    expect(rows).toEqual([ROWS[0], blank, ROWS[1]]);
  });

  it("reads a formula a user typed as its result, and a date cell as its serial", async () => {
    const book = await written();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await book.toBytes()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("B2B")!;
    ws.getCell("E2").value = { formula: "UPPER(\"ok\")", result: "OK" };
    ws.getCell("E3").value = { richText: [{ text: "rich " }, { text: "text", font: { bold: true } }] };
    ws.getCell("E4").value = new Date(Date.UTC(2024, 2, 15));
    const again = await XlsxWorkbook.fromBytes("edited.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const { rows } = await again.readSheet("B2B");
    expect(rows.map((r) => r[4])).toEqual(["OK", "rich text", 45_366]);
  });
});

describe("XlsxWorkbook: large sheets", () => {
  it("writes ExcelJS's XML in blocks exactly as whole, rollbacks across a block's end included", () => {
    const stream = new ExcelJsXmlStream();
    let expected = "<sheetData>";
    stream.openNode("sheetData");
    for (let i = 0; i < 3 * XML_BLOCK_TEXTS; i++) {
      stream.openNode("c", { r: `A${i}` });
      expected += `<c r="A${i}"`;
      // Taken back, as ExcelJS does with an empty optional part: every seventh cell, a part of 1 to 13 nodes.
      if (i % 7 === 0) {
        stream.addRollback();
        for (let n = 0; n <= i % 13; n++) stream.leafNode("x", { n });
        stream.rollback();
      }
      stream.writeText(i);
      expected += `>${i}`;
      stream.closeNode();
      expected += "</c>";
    }
    expected += "</sheetData>";
    expect(stream.xml).toBe(expected);
  });

  it("reads back a sheet of many blocks of XML as written", async () => {
    const rows: CellValue[][] = Array.from({ length: 2_500 }, (_, i) => [`27AAACR5055K1Z${i % 10}`, 45_366 + (i % 30), i * 10.5, i % 3 === 0 ? "Accept" : null, `remark ${i}`, i, null, i % 11 === 0 ? "Portal said no" : null]);
    const { rows: back } = await (await reopened(await written(rows))).readSheet("B2B");
    expect(back).toEqual(rows);
  });
});

describe("XlsxWorkbook: layout", () => {
  it("sets number formats, protection and shading per column kind and editability", async () => {
    const ws = await excelJsSheet(await written(), "B2B");
    SPEC.columns.forEach((column, c) => {
      const cell = ws.getCell(3, c + 1);
      expect(cell.numFmt, column.header).toBe(NUMBER_FORMATS[column.kind]);
      expect(cell.protection?.locked ?? true, column.header).toBe(!column.editable);
      expect(ws.getColumn(c + 1).hidden, column.header).toBe(column.hidden ?? false);
      expect(ws.getColumn(c + 1).width).toBe(column.width);
    });
    // Empty cells of an editable column (a row with no action yet) are unlocked too: the column carries the style.
    expect(ws.getCell("D4").protection?.locked).toBe(false);
    expect(ws.getCell("A2").fill).toMatchObject({ type: "pattern", pattern: "solid" });
    expect((ws.getCell("D2").fill as ExcelJS.FillPattern | undefined)?.pattern ?? "none").toBe("none");
  });

  it("keeps the Indian-grouping amount format exactly through opening and saving again", async () => {
    const twice = await reopened(await reopened(await written()));
    const styles = xlsxPart(await twice.toBytes(), "xl/styles.xml");
    const escaped = NUMBER_FORMATS.amount.replace(/&/g, "&amp;").replace(/>/g, "&gt;");
    expect(styles).toContain(`formatCode="${escaped}"`);
  });

  it("freezes the header, puts the AutoFilter on it and protects the sheet allowing filtering", async () => {
    const ws = await excelJsSheet(await written(), "B2B");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBe("A1:H4");
    expect(ws.sheetProtection).toMatchObject({ sheet: true, autoFilter: true, formatColumns: true, formatRows: true });
    expect(ws.properties.tabColor).toEqual({ argb: "FF1F6FB2" });
    expect(ws.getCell("A1").font?.bold).toBe(true);
  });

  it("writes the dropdown as an inline list bounded to the data rows", async () => {
    const xml = sheetXml(await (await written()).toBytes(), "B2B");
    expect(xml).toContain('<dataValidation type="list" allowBlank="1" showErrorMessage="1" errorStyle="stop"');
    expect(xml).toMatch(/sqref="D2:D4"><formula1>&quot;Accept,Reject,Pending,No Action&quot;<\/formula1>/);
  });

  it("refuses a dropdown Excel cannot hold inline rather than writing a broken one", async () => {
    const spec = { ...SPEC, columns: [{ header: "Pick", kind: "text" as const, width: 5, editable: true, list: ["a,b", "c"] }], highlights: [] };
    await expect(XlsxWorkbook.create().writeSheet(spec, [])).rejects.toThrow(/dropdown of "Pick"/);
  });

  it("highlights rows with a mark and the cells the mark names, with expression rules", async () => {
    const ws = await excelJsSheet(await written(), "B2B");
    const rules = ws.conditionalFormattings.map((cf) => ({ ref: cf.ref, formula: (cf.rules[0] as ExcelJS.ExpressionRuleType).formulae?.[0], priority: cf.rules[0].priority }));
    expect(rules).toEqual([
      { ref: "D2:D4", formula: 'ISNUMBER(FIND("|Action|",$G2))', priority: 100 },
      { ref: "E2:E4", formula: 'ISNUMBER(FIND("|Remarks|",$G2))', priority: 101 },
      { ref: "A2:H4", formula: '$G2<>""', priority: 199 },
      { ref: "A2:H4", formula: '$H2<>""', priority: 299 },
    ]);
  });

  it("keeps state sheets veryHidden and lists every sheet by name", async () => {
    const book = await reopened(await written());
    expect(await book.sheetNames()).toEqual(["B2B", "_state"]);
    expect(xlsxPart(await book.toBytes(), "xl/workbook.xml")).toMatch(/<sheet [^>]*name="_state" state="veryHidden"/);
    expect((await book.readSheet("_state")).rows).toEqual([["recipient", "27AAGCK4821M1Z8"]]);
  });

  it("replaces a sheet's whole content in its own tab position", async () => {
    const book = await written();
    await book.writeSheet({ ...SPEC, name: "B2BA" }, [ROWS[0]]);
    await book.writeSheet(SPEC, [ROWS[2]]);
    const again = await reopened(book);
    expect(await again.sheetNames()).toEqual(["B2B", "_state", "B2BA"]);
    expect((await again.readSheet("b2b")).rows).toEqual([ROWS[2]]);
    expect(sheetXml(await again.toBytes(), "B2B")).toMatch(/sqref="D2"/);
  });

  it("refuses rows of the wrong width and text longer than an Excel cell holds, naming the place", async () => {
    await expect(XlsxWorkbook.create().writeSheet(SPEC, [ROWS[0].slice(1)])).rejects.toThrow('Sheet "B2B", data row 1: 7 cells where the sheet has 8 columns.');
    const long = [...ROWS[0]];
    long[4] = "x".repeat(32_768);
    await expect(XlsxWorkbook.create().writeSheet(SPEC, [long])).rejects.toThrow(/Sheet "B2B", row 2, column E: 32,768 characters is more than the 32,767/);
  });

  it("names the file and the sheet when a sheet is missing", async () => {
    await expect((await written()).readSheet("ECOM")).rejects.toThrow('new workbook: has no sheet named "ECOM"');
  });
});

describe("XlsxWorkbook: editing, filters and selection", () => {
  it("overwrites and clears only the cells given, and the sheet stays protected", async () => {
    const book = await written();
    await book.writeCells("B2B", 1, 3, [["Pending", null], ["Accept", "ok"]]);
    const again = await reopened(book);
    const { rows } = await again.readSheet("B2B");
    expect(rows[0]).toEqual(ROWS[0]);
    expect(rows[1]).toEqual([...ROWS[1].slice(0, 3), "Pending", null, ...ROWS[1].slice(5)]);
    expect(rows[2]).toEqual([...ROWS[2].slice(0, 3), "Accept", "ok", ...ROWS[2].slice(5)]);
    expect((await excelJsSheet(again, "B2B")).sheetProtection?.sheet).toBe(true);
  });

  it("keeps a user's formatting of a cell it writes to, and gives a cell it fills its column's format", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await (await written()).toBytes()) as unknown as ArrayBuffer);
    const edited = wb.getWorksheet("B2B")!;
    // A style of its own: ExcelJS shares one style object among the cells of a loaded file that look alike.
    const d2 = edited.getCell("D2");
    d2.style = { ...d2.style, font: { italic: true }, fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } } };
    const book = await XlsxWorkbook.fromBytes("edited.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));

    // D2 holds "Accept" and was formatted by the user; E4 (Remarks, third row) is empty.
    await book.writeCells("B2B", 0, 3, [["Reject", "see mail"], [null, null], [null, "typed later"]]);
    const ws = await excelJsSheet(book, "B2B");
    expect(ws.getCell("D2").value).toBe("Reject");
    expect(ws.getCell("D2").font?.italic).toBe(true);
    expect((ws.getCell("D2").fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFFF00");
    for (const address of ["E2", "E4"]) {
      expect(ws.getCell(address).numFmt, address).toBe(NUMBER_FORMATS[SPEC.columns[4].kind]);
      expect(ws.getCell(address).protection?.locked, address).toBe(!SPEC.columns[4].editable);
      expect(ws.getCell(address).font?.italic ?? false, address).toBe(false);
    }
    expect(ws.getCell("E4").value).toBe("typed later");
  });

  it("shows only rows with a value in a column, as an Excel filter that survives saving, and clears it", async () => {
    const book = await written();
    await book.filterNonEmpty("B2B", 6);
    expect(await book.visibleRows("B2B")).toEqual([1]);
    const bytes = await book.toBytes();
    expect(sheetXml(bytes, "B2B")).toContain('<autoFilter ref="A1:H4"><filterColumn colId="6"><customFilters><customFilter operator="notEqual" val=" "/></customFilters></filterColumn></autoFilter>');

    const again = await XlsxWorkbook.fromBytes("book.xlsx", bytes);
    expect(await again.visibleRows("B2B")).toEqual([1]);
    expect(sheetXml(await again.toBytes(), "B2B")).toContain('<filterColumn colId="6">');

    await again.clearFilters("B2B");
    expect(await again.visibleRows("B2B")).toEqual([0, 1, 2]);
    const cleared = sheetXml(await again.toBytes(), "B2B");
    expect(cleared).toContain('<autoFilter ref="A1:H4"/>');
  });

  it("writes the _xlnm._FilterDatabase name once per filtered sheet, however often the file is re-saved", async () => {
    let book = await written();
    for (let i = 0; i < 3; i++) book = await reopened(book);
    const names = xlsxPart(await book.toBytes(), "xl/workbook.xml").match(/<definedName [^>]*>[^<]*<\/definedName>/g);
    expect(names).toEqual(['<definedName name="_xlnm._FilterDatabase" localSheetId="0">&apos;B2B&apos;!$A$1:$H$4</definedName>']);
  });

  it("remembers the selected cell across saving, as the active sheet's active cell", async () => {
    const book = await written();
    await book.select("B2B", 2, 4);
    const again = await reopened(book);
    expect(await again.selectedRows()).toEqual({ sheet: "B2B", rows: [2] });
    expect((await excelJsSheet(again, "B2B")).views[0]).toMatchObject({ activeCell: "E4", state: "frozen" });
  });
});

describe("XlsxWorkbook: files", () => {
  it("opens a workbook whose dropdown covers a whole column without expanding it cell by cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("B2B");
    ws.getCell("A1").value = "Action";
    (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations.add("A2:A1048576", { type: "list", allowBlank: true, formulae: ['"Accept,Reject"'] });
    const book = await XlsxWorkbook.fromBytes("excel.xlsx", new Uint8Array(await wb.xlsx.writeBuffer()));
    const check = await excelJsSheet(book, "B2B");
    const model = (check as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(Object.keys(model)).toEqual(["A2:A1048576"]);
    expect(sheetXml(await book.toBytes(), "B2B")).toContain('sqref="A2:A1048576"');
  });

  it("ends a column range at Excel's last column, so that a damaged one cannot exhaust memory on opening", async () => {
    const bytes = withSheetXml(await (await written()).toBytes(), "B2B", (xml) => {
      expect(xml).toMatch(/<col min="1" max="1" /);
      return xml.replace(/<col min="1" max="1" /, '<col min="1" max="2147483647" ');
    });
    const book = await XlsxWorkbook.fromBytes("excel.xlsx", bytes);
    expect((await book.readSheet("B2B")).rows).toEqual(ROWS);
    expect((await excelJsSheet(book, "B2B")).columns).toHaveLength(16_384);
  });

  it("refuses a row or a column no Excel sheet has, naming the file and the sheet, and a sheet too large to read, saying where its last value is", async () => {
    const cell = (address: string) => `<c r="${address}" t="inlineStr"><is><t>stray</t></is></c>`;
    const original = await (await written()).toBytes();
    const farDown = withSheetXml(original, "B2B", (xml) => xml.replace("</sheetData>", `<row r="2147483647">${cell("A2147483647")}</row></sheetData>`));
    await expect(XlsxWorkbook.fromBytes("far.xlsx", farDown))
      .rejects.toThrow(/^far\.xlsx: has a row numbered 2,14,74,83,647 in sheet "B2B", beyond the last row an Excel sheet has: a part of the file is damaged\. Open it in Excel/);
    const farRight = withSheetXml(original, "B2B", (xml) => xml.replace("</sheetData>", `<row r="9">${cell("XFE9")}</row></sheetData>`));
    await expect(XlsxWorkbook.fromBytes("wide.xlsx", farRight)).rejects.toThrow(/^wide\.xlsx: is not a readable Excel workbook: a part of the file is damaged or missing\. Open it in Excel/);
    // In Excel's last row, a stray value in the table's columns is read as the user left it ...
    const lastRow = withSheetXml(original, "B2B", (xml) => xml.replace("</sheetData>", `<row r="1048576">${cell("B1048576")}</row></sheetData>`));
    const read = await (await XlsxWorkbook.fromBytes("edge.xlsx", lastRow)).readSheet("B2B");
    expect(read.rows).toHaveLength(1_048_575);
    expect(read.rows.at(-1)?.slice(0, 3)).toEqual([null, "stray", null]);
    // ... but one in its last cell would have every cell of the sheet read: refused, saying where it is.
    const lastCell = withSheetXml(original, "B2B", (xml) => xml.replace("</sheetData>", `<row r="1048576">${cell("XFD1048576")}</row></sheetData>`));
    await expect((await XlsxWorkbook.fromBytes("corner.xlsx", lastCell)).readSheet("B2B"))
      .rejects.toThrow(/^Sheet "B2B" has values as far as row 10,48,576 and column XFD: 17,17,98,69,184 cells, more than the 3,00,00,000 this version reads from one sheet\. Delete the values outside the table/);
  });

  it("refuses a sheet id no workbook has, which would have every look at the list of sheets take hours; reads any other", async () => {
    const original = await (await written()).toBytes();
    const withFirstId = (id: string) => withPart(original, "xl/workbook.xml", (xml) => {
      expect(xml).toMatch(/<sheet [^>]*sheetId="1"/);
      return xml.replace(/(<sheet [^>]*sheetId=")1"/, `$1${id}"`);
    });
    await expect(XlsxWorkbook.fromBytes("ids.xlsx", withFirstId("2147483648"))).rejects.toThrow(/^ids\.xlsx: is not a readable Excel workbook: a part of the file is damaged or missing\./);
    // Ids that are not 1, 2, 3 … are what a workbook gets when sheets are added and deleted.
    const renumbered = await XlsxWorkbook.fromBytes("ids.xlsx", withFirstId("4000"));
    expect(await renumbered.sheetNames()).toEqual(["B2B", "_state"]);
    expect((await renumbered.readSheet("B2B")).rows).toEqual(ROWS);
  });

  it("says that a workbook it opened cannot be saved, rather than how ExcelJS failed", async () => {
    const bytes = withPart(await (await written()).toBytes(), "docProps/core.xml", (xml) => {
      expect(xml).toMatch(/<dcterms:modified [^>]*>\d{4}-/);
      return xml.replace(/(<dcterms:modified [^>]*>)\d{4}-/, "$1yesterday-");
    });
    const book = await XlsxWorkbook.fromBytes("dated.xlsx", bytes);
    expect((await book.readSheet("B2B")).rows).toEqual(ROWS);
    await expect(book.toBytes()).rejects.toThrow(/^dated\.xlsx: cannot be saved: a part of the file is damaged or missing\. Nothing was written\. Open it in Excel/);
  });

  it("saves whole or not at all, leaving no temporary file behind", async () => {
    const path = join(dir, "saved.xlsx");
    await (await written()).save(path);
    const first = await readFile(path);
    expect((await (await XlsxWorkbook.open(path)).readSheet("B2B")).rows).toEqual(ROWS);
    await expect((await written()).save(join(dir, "no-such-folder", "x.xlsx"))).rejects.toThrow(/x\.xlsx: cannot be written: the folder .*no-such-folder does not exist\./);
    expect(await readFile(path)).toEqual(first);
    expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("explains a missing file, a JSON file and a damaged zip, naming the file", async () => {
    await expect(XlsxWorkbook.open(join(dir, "missing.xlsx"))).rejects.toThrow(/missing\.xlsx: no such file/);
    const json = join(dir, "download.json");
    await writeFile(json, "{}");
    await expect(XlsxWorkbook.open(json)).rejects.toThrow(/download\.json: is not an Excel workbook \(\.xlsx\)/);
    const damaged = join(dir, "damaged.xlsx");
    await writeFile(damaged, (await (await written()).toBytes()).slice(0, 600));
    await expect(XlsxWorkbook.open(damaged)).rejects.toThrow(/damaged\.xlsx: is not a readable Excel workbook/);
  });

  it("reports progress per block and stops when cancelled", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => ["27AAACR5055K1Z7", 45_000 + (i % 30), i, "Accept", `r${i}`, i, null, null] as CellValue[]);
    const reports: number[] = [];
    const book = XlsxWorkbook.create();
    await book.writeSheet(SPEC, rows, { progress: (p) => reports.push(p.done) });
    expect(reports).toEqual([5_000, 10_000, 12_000]);

    const controller = new AbortController();
    const seen: number[] = [];
    const read = book.readSheet("B2B", {
      signal: controller.signal,
      progress: (p) => {
        seen.push(p.done);
        controller.abort(new Error("stop"));
      },
    });
    await expect(read).rejects.toThrow("stop");
    expect(seen).toEqual([5_000]);
  });
});
