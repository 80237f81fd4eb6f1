import "./exceljs-patches";
import ExcelJS from "exceljs";
import { readFile } from "node:fs/promises";
import type { WorkOptions } from "../../app/contracts";
import { ImsFileError } from "../../ims/file-error";
import { checkSheetReadSize, columnLetter, EXCEL_LIMITS, NUMBER_FORMATS, tooLongForACell, type CellValue, type ColumnSpec, type HighlightRule, type SheetSpec, type SheetWrite, type WorkbookGateway } from "../../workbook/gateway";
import { writeFileAtomically } from "./atomic-write";
import { fromExcelValue, toExcelValue } from "./cells";
import { autoFilterRef, type NonBlankAutoFilter } from "./exceljs-patches";

/**
 * The workbook gateway over an .xlsx file, for the command line: the same
 * sheets, header texts, formats, dropdowns, highlighting, filter and protection
 * the Office host gives a workbook in Excel, so either can finish what the other
 * started. Work happens on the workbook in memory; nothing reaches the disk
 * until `save`, which replaces the file whole.
 */

/** Rows per block between progress reports and cancellation checks. */
const BLOCK_ROWS = 5_000;
const HEADER_ROW = 1;
const FIRST_DATA_ROW = 2;
/** Excel's limit on an inline dropdown list ("Accept,Reject,...") in a data validation. */
const INLINE_LIST_LIMIT = 255;

/** Header row and read-only columns: a light fill marks what the user cannot type in. */
const HEADER_FILL = "#DCE6F1";
const LOCKED_FILL = "#F2F2F2";

/** The options a protected section sheet keeps: filtering and resizing rows and columns stay allowed (as in the Office host). */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  autoFilter: true,
  formatColumns: true,
  formatRows: true,
};

/** "#FDE2E1" (the product's colours) → "FFFDE2E1" (ExcelJS's ARGB). */
function argb(colour: string): string {
  const hex = colour.replace(/^#/, "").toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(hex)) throw new Error(`"${colour}" is not a colour of the form #RRGGBB.`);
  return `FF${hex}`;
}

function solidFill(colour: string): ExcelJS.FillPattern {
  // Conditional formats fill from bgColor, cell styles from fgColor: set both.
  return { type: "pattern", pattern: "solid", fgColor: { argb: argb(colour) }, bgColor: { argb: argb(colour) } };
}

/** An A1 range of data rows from `firstRow` to `lastRow`, columns `first` to `last` (0-based); one cell is written as one cell ("O2"), as Excel writes it. */
function rangeOf(first: number, last: number, firstRow: number, lastRow: number): string {
  const from = `${columnLetter(first)}${firstRow}`;
  const to = `${columnLetter(last)}${lastRow}`;
  return from === to ? from : `${from}:${to}`;
}

/** "Accept,Reject,..." as a data-validation formula, refusing lists Excel cannot hold inline. */
function inlineList(sheet: string, column: ColumnSpec, choices: readonly string[]): string {
  const joined = choices.join(",");
  if (choices.some((c) => /[,"]/.test(c)) || joined.length > INLINE_LIST_LIMIT) {
    throw new Error(`The dropdown of "${column.header}" on ${sheet} cannot be written inline: its choices hold a comma or quote, or exceed ${INLINE_LIST_LIMIT} characters.`);
  }
  return `"${joined}"`;
}

/**
 * What a damaged file is told. ExcelJS's own words ("2:5763: undefined entity",
 * "Cannot read properties of undefined") name no part of the file and would
 * mean nothing to the user.
 */
const DAMAGED = "a part of the file is damaged or missing.";
const REPAIR = "Open it in Excel, which repairs what it can, and save it; or import the portal download into a new workbook.";

/** A header text inside a formula string literal. */
function formulaText(text: string): string {
  return text.replace(/"/g, '""');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException("The work was cancelled.", "AbortError");
}

interface DataValidationsModel {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

export class XlsxWorkbook implements WorkbookGateway {
  readonly hostName = "xlsx file";

  private constructor(
    private readonly book: ExcelJS.Workbook,
    /** Where the workbook came from, for messages ("book.xlsx: ..."). */
    readonly fileName: string,
  ) {}

  /** A new, empty workbook (it has no sheet until one is written). */
  static create(fileName = "new workbook"): XlsxWorkbook {
    const book = new ExcelJS.Workbook();
    book.creator = "IMS Offline for Excel";
    book.created = new Date();
    return new XlsxWorkbook(book, fileName);
  }

  /** Opens an .xlsx file, with a message naming the file when it is missing or not a workbook. */
  static async open(path: string): Promise<XlsxWorkbook> {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new ImsFileError(path, "no such file. Check the path, or create the workbook with `ims-offline import`.");
      if (code === "EISDIR") throw new ImsFileError(path, "is a folder, not an Excel workbook.");
      throw new ImsFileError(path, `cannot be read (${(error as Error).message}).`);
    }
    return XlsxWorkbook.fromBytes(path, bytes);
  }

  static async fromBytes(fileName: string, bytes: Uint8Array): Promise<XlsxWorkbook> {
    const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
    if (!isZip) {
      throw new ImsFileError(fileName, "is not an Excel workbook (.xlsx). An old .xls or a password-protected workbook must first be saved as a plain .xlsx in Excel.");
    }
    const book = new ExcelJS.Workbook();
    try {
      await book.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (error) {
      throw new ImsFileError(fileName, `is not a readable Excel workbook: ${DAMAGED} ${REPAIR}`, { cause: error });
    }
    // ExcelJS walks every row number up to the last one a sheet names, reading and saving, so a
    // damaged row number would take hours. (It refuses a column past the last, XFD, itself.)
    for (const ws of book.worksheets) {
      if (ws.rowCount > EXCEL_LIMITS.rows) {
        throw new ImsFileError(fileName, `has a row numbered ${ws.rowCount.toLocaleString("en-IN")} in sheet "${ws.name}", beyond the last row an Excel sheet has: a part of the file is damaged. ${REPAIR}`);
      }
    }
    return new XlsxWorkbook(book, fileName);
  }

  /** The workbook as .xlsx bytes. */
  async toBytes(): Promise<Uint8Array> {
    try {
      return new Uint8Array(await this.book.xlsx.writeBuffer());
    } catch (error) {
      // A part ExcelJS read without complaint but cannot write back (a document date that is not a date, say).
      throw new ImsFileError(this.fileName, `cannot be saved: ${DAMAGED} Nothing was written. ${REPAIR}`, { cause: error });
    }
  }

  /** Writes the workbook to `path` whole or not at all (see writeFileAtomically). */
  async save(path: string): Promise<void> {
    await writeFileAtomically(path, await this.toBytes());
  }

  async sheetNames(): Promise<string[]> {
    return this.book.worksheets.map((ws) => ws.name);
  }

  /** The sheets a user sees in Excel, in tab order (for files that are not IMS workbooks, such as a purchase register). */
  async visibleSheetNames(): Promise<string[]> {
    return this.book.worksheets.filter((ws) => ws.state === "visible").map((ws) => ws.name);
  }

  async writeSheet(spec: SheetSpec, rows: readonly (readonly CellValue[])[], options?: WorkOptions): Promise<void> {
    throwIfAborted(options?.signal);
    const ws = this.replaceSheet(spec);
    ws.columns = spec.columns.map((column) => ({
      width: column.width,
      hidden: column.hidden ?? false,
      // Formats set on the column before any value: new cells take them, so text stays text.
      style: {
        numFmt: NUMBER_FORMATS[column.kind],
        protection: { locked: !column.editable },
        ...(spec.grid && !column.editable ? { fill: solidFill(LOCKED_FILL) } : {}),
      },
    }));
    this.writeHeader(ws, spec);

    const total = rows.length;
    const width = spec.columns.length;
    for (let start = 0; start < total; start += BLOCK_ROWS) {
      throwIfAborted(options?.signal);
      const end = Math.min(start + BLOCK_ROWS, total);
      for (let i = start; i < end; i++) {
        if (rows[i].length !== width) throw new Error(`Sheet "${spec.name}", data row ${i + 1}: ${rows[i].length} cells where the sheet has ${width} columns.`);
        this.writeRow(ws, FIRST_DATA_ROW + i, 0, rows[i]);
      }
      options?.progress?.({ done: end, total, label: spec.name });
    }

    const lastRow = FIRST_DATA_ROW + Math.max(total, 1) - 1;
    const lastColumn = columnLetter(spec.columns.length - 1);
    this.addDropdowns(ws, spec, lastRow);
    spec.highlights?.forEach((rule, i) => this.addHighlight(ws, rule, i, spec, lastRow));
    if (spec.grid) {
      ws.views = [{ state: "frozen", xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }];
      ws.autoFilter = `A${HEADER_ROW}:${lastColumn}${lastRow}`;
      await ws.protect("", PROTECTION);
    }
  }

  async writeSheets(sheets: readonly SheetWrite[], options?: WorkOptions): Promise<void> {
    for (const { spec, rows } of sheets) await this.writeSheet(spec, rows, options);
  }

  async readSheet(name: string, options?: WorkOptions): Promise<{ header: string[]; rows: CellValue[][] }> {
    const ws = this.sheet(name);
    const date1904 = this.book.properties.date1904 ?? false;
    const lastRow = this.lastUsedRow(ws);
    let width = 0;
    ws.eachRow((row) => {
      width = Math.max(width, lastValueColumn(row));
    });
    checkSheetReadSize(name, lastRow, width);
    // Through `values` (1-based, sparse), which reads without creating empty cells in the workbook.
    const readRow = (rowNumber: number): CellValue[] => {
      const values = (ws.findRow(rowNumber)?.values ?? []) as ExcelJS.CellValue[];
      return Array.from({ length: width }, (_, c) => fromExcelValue(values[c + 1], date1904));
    };
    const header = readRow(HEADER_ROW).map((v) => (v === null ? "" : String(v)));
    const rows: CellValue[][] = [];
    const total = Math.max(lastRow - HEADER_ROW, 0);
    for (let start = 0; start < total; start += BLOCK_ROWS) {
      throwIfAborted(options?.signal);
      const end = Math.min(start + BLOCK_ROWS, total);
      for (let i = start; i < end; i++) rows.push(readRow(FIRST_DATA_ROW + i));
      options?.progress?.({ done: end, total, label: name });
    }
    return { header, rows };
  }

  async readCells(sheet: string, firstRow: number, firstColumn: number, rowCount: number, columnCount: number): Promise<CellValue[][]> {
    const ws = this.sheet(sheet);
    const date1904 = this.book.properties.date1904 ?? false;
    return Array.from({ length: rowCount }, (_, r) => {
      const values = (ws.findRow(FIRST_DATA_ROW + firstRow + r)?.values ?? []) as ExcelJS.CellValue[];
      return Array.from({ length: columnCount }, (_, c) => fromExcelValue(values[firstColumn + c + 1], date1904));
    });
  }

  async writeCells(sheet: string, firstRow: number, firstColumn: number, values: readonly (readonly CellValue[])[], options?: WorkOptions): Promise<void> {
    const ws = this.sheet(sheet);
    // Protection binds a user in Excel, not a file writer: the sheet stays protected as it is.
    const total = values.length;
    for (let start = 0; start < total; start += BLOCK_ROWS) {
      throwIfAborted(options?.signal);
      const end = Math.min(start + BLOCK_ROWS, total);
      for (let i = start; i < end; i++) this.writeRow(ws, FIRST_DATA_ROW + firstRow + i, firstColumn, values[i], true);
      options?.progress?.({ done: end, total, label: sheet });
    }
  }

  async clearFilters(sheet: string): Promise<void> {
    const ws = this.sheet(sheet);
    const ref = autoFilterRef(ws.autoFilter);
    if (ref) ws.autoFilter = ref;
    for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (row?.hidden) row.hidden = false;
    }
  }

  async filterNonEmpty(sheet: string, column: number): Promise<void> {
    const ws = this.sheet(sheet);
    const lastRow = Math.max(this.lastUsedRow(ws), FIRST_DATA_ROW);
    const ref = autoFilterRef(ws.autoFilter) ?? `A${HEADER_ROW}:${columnLetter(Math.max(column, lastValueColumn(ws.getRow(HEADER_ROW)) - 1))}${lastRow}`;
    const left = ws.getCell(ref.split(":")[0]).fullAddress.col - 1;
    const filter: NonBlankAutoFilter = { ref, nonBlankColumns: [column - left] };
    ws.autoFilter = filter as unknown as ExcelJS.AutoFilter;
    // The rows the criterion hides, hidden as Excel hides them, so the file opens filtered.
    for (let r = FIRST_DATA_ROW; r <= lastRow; r++) {
      const row = ws.getRow(r);
      row.hidden = fromExcelValue(row.getCell(column + 1).value, false) === null;
    }
  }

  async select(sheet: string, row: number, column: number): Promise<void> {
    const ws = this.sheet(sheet);
    const address = `${columnLetter(column)}${FIRST_DATA_ROW + row}`;
    const view = (ws.views ?? [])[0] ?? {};
    ws.views = [{ ...view, activeCell: address } as ExcelJS.WorksheetView];
    const tab = this.book.worksheets.indexOf(ws);
    const bookView = this.book.views[0] ?? { x: 0, y: 0, width: 10000, height: 20000, visibility: "visible" as const };
    this.book.views = [{ ...bookView, activeTab: tab, firstSheet: Math.min(bookView.firstSheet ?? 0, tab) }];
  }

  /**
   * A file remembers only the active cell of the sheet that was active when it
   * was saved, so the "selection" is that cell's row.
   */
  async selectedRows(): Promise<{ sheet: string; rows: number[] }> {
    const sheets = this.book.worksheets;
    const ws = sheets[this.book.views[0]?.activeTab ?? 0] ?? sheets[0];
    if (!ws) return { sheet: "", rows: [] };
    const active = (ws.views ?? [])[0]?.activeCell;
    const row = active ? ws.getCell(active).fullAddress.row - FIRST_DATA_ROW : -1;
    return { sheet: ws.name, rows: row >= 0 ? [row] : [] };
  }

  async visibleRows(sheet: string): Promise<number[]> {
    const ws = this.sheet(sheet);
    const visible: number[] = [];
    const lastRow = this.lastUsedRow(ws);
    for (let r = FIRST_DATA_ROW; r <= lastRow; r++) {
      if (!ws.findRow(r)?.hidden) visible.push(r - FIRST_DATA_ROW);
    }
    return visible;
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.findSheet(name);
    if (!ws) throw new ImsFileError(this.fileName, `has no sheet named "${name}". Was it made by ims-offline or the IMS add-in?`);
    return ws;
  }

  /** Sheet names are case-insensitive in Excel, as here. */
  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const wanted = name.toLowerCase();
    return this.book.worksheets.find((ws) => ws.name.toLowerCase() === wanted);
  }

  /** A fresh sheet in the place of the old one (same tab position), or a new sheet at the end. */
  private replaceSheet(spec: SheetSpec): ExcelJS.Worksheet {
    const old = this.findSheet(spec.name);
    if (old) this.book.removeWorksheet(old.id);
    const ws = this.book.addWorksheet(spec.name, {
      state: spec.visibility,
      ...(spec.tabColor ? { properties: { tabColor: { argb: argb(spec.tabColor) } } } : {}),
    });
    if (old) (ws as ExcelJS.Worksheet & { orderNo: number }).orderNo = (old as ExcelJS.Worksheet & { orderNo: number }).orderNo;
    return ws;
  }

  private writeHeader(ws: ExcelJS.Worksheet, spec: SheetSpec): void {
    const header = ws.getRow(HEADER_ROW);
    spec.columns.forEach((column, c) => {
      const cell = header.getCell(c + 1);
      cell.value = column.header;
      cell.style = {
        numFmt: NUMBER_FORMATS.text,
        font: { bold: true },
        alignment: { vertical: "middle", wrapText: true },
        protection: { locked: true },
        ...(spec.grid ? { fill: solidFill(HEADER_FILL) } : {}),
      };
    });
  }

  /** Writes one row's values from `firstColumn`; `keepEmpty` writes nulls too (clearing cells) rather than skipping them. */
  private writeRow(ws: ExcelJS.Worksheet, rowNumber: number, firstColumn: number, values: readonly CellValue[], keepEmpty = false): void {
    const row = ws.getRow(rowNumber);
    values.forEach((value, c) => {
      const tooLong = tooLongForACell(value);
      if (tooLong) throw new Error(`Sheet "${ws.name}", row ${rowNumber}, column ${columnLetter(firstColumn + c)}: ${tooLong}`);
      const excel = toExcelValue(value);
      if (excel === null && !keepEmpty) return;
      const n = firstColumn + c + 1;
      const existing = row.findCell(n);
      const cell = existing ?? row.getCell(n);
      // A new cell takes its column's style object itself, not ExcelJS's copy:
      // saving looks styles up by object, and a copy per cell made it work out
      // every cell's style afresh (57 s of a 1,00,000-record save became 25 s).
      // A cell already there keeps its own style, which a user may have set.
      if (!existing) cell.style = ws.getColumn(n).style;
      cell.value = excel;
    });
  }

  private addDropdowns(ws: ExcelJS.Worksheet, spec: SheetSpec, lastRow: number): void {
    const validations = (ws as unknown as { dataValidations: DataValidationsModel }).dataValidations;
    spec.columns.forEach((column, c) => {
      if (!column.list || column.list.length === 0) return;
      const choices = column.list;
      validations.add(rangeOf(c, c, FIRST_DATA_ROW, lastRow), {
        type: "list",
        allowBlank: true,
        formulae: [inlineList(spec.name, column, choices)],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: column.header,
        error: `Choose one of: ${choices.join(", ")}.`,
      });
    });
  }

  /**
   * One expression rule for the row, and one per marked column for its own
   * cell (a bar-delimited header in the marker column, e.g. "|Action|").
   */
  private addHighlight(ws: ExcelJS.Worksheet, rule: HighlightRule, index: number, spec: SheetSpec, lastRow: number): void {
    const marker = `$${columnLetter(rule.column)}${FIRST_DATA_ROW}`;
    // Lower numbers win in Excel: earlier rules before later ones, a cell's own mark before its row's.
    const priority = (index + 1) * 100;
    const { cellColumns = [], cellFill } = rule;
    if (cellFill) {
      cellColumns.forEach((c, i) => {
        ws.addConditionalFormatting({
          ref: rangeOf(c, c, FIRST_DATA_ROW, lastRow),
          rules: [{
            type: "expression",
            priority: priority + i,
            formulae: [`ISNUMBER(FIND("|${formulaText(spec.columns[c].header)}|",${marker}))`],
            style: { fill: solidFill(cellFill) },
          }],
        });
      });
    }
    ws.addConditionalFormatting({
      ref: rangeOf(0, spec.columns.length - 1, FIRST_DATA_ROW, lastRow),
      rules: [{ type: "expression", priority: priority + 99, formulae: [`${marker}<>""`], style: { fill: solidFill(rule.fill) } }],
    });
  }

  /** The last row holding a value (rows with only formatting do not count). */
  private lastUsedRow(ws: ExcelJS.Worksheet): number {
    let last = 0;
    ws.eachRow((row, rowNumber) => {
      if (lastValueColumn(row) > 0) last = rowNumber;
    });
    return last;
  }
}

/** 1-based number of the last cell in the row holding a value; 0 when none does. */
function lastValueColumn(row: ExcelJS.Row): number {
  let last = 0;
  row.eachCell((cell, column) => {
    if (fromExcelValue(cell.value, false) !== null) last = column;
  });
  return last;
}
