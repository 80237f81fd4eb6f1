import type { WorkOptions } from "../app/contracts";

/**
 * The spreadsheet operations the product needs, owned by the product and
 * implemented once per host: Office.js (real Excel, or the strict in-memory
 * fake for the browser preview and tests) and ExcelJS (.xlsx files for the
 * command line). The workbook layout decides what goes where; a host only
 * carries it out, in blocks, with a constant number of formatting calls per
 * sheet whatever the number of rows.
 *
 * Rows and columns here are 0-based indexes into a sheet's DATA area: data row 0
 * is worksheet row 2, under the single header row. Column 0 is worksheet column A.
 */

/** A cell as the product sees it. null = empty. Dates travel as Excel serial numbers. */
export type CellValue = string | number | boolean | null;

/** What one Excel sheet holds at most, in every host: rows, columns, and characters in a cell. */
export const EXCEL_LIMITS = { rows: 1_048_576, columns: 16_384, cellText: 32_767 } as const;

/** What is wrong with a text too long for an Excel cell (a longer one makes Excel repair, and cut, the file); undefined for any other value. */
export function tooLongForACell(value: CellValue): string | undefined {
  if (typeof value !== "string" || value.length <= EXCEL_LIMITS.cellText) return undefined;
  return `${value.length.toLocaleString("en-IN")} characters is more than the ${EXCEL_LIMITS.cellText.toLocaleString("en-IN")} an Excel cell can hold.`;
}

/** Excel's column letters of a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The most cells `readSheet` reads from one sheet: every cell from A1 to the
 * last row and the last column that hold a value. A purchase register of
 * 5,00,000 rows (src/ims/limits.ts) and 60 columns fits; without a bound, one
 * value left in XFD1048576 would have 1,700 crore cells read.
 */
export const SHEET_READ_CELLS = 30_000_000;

/** Refuses, before anything is read, a sheet whose values reach further than SHEET_READ_CELLS allows. */
export function checkSheetReadSize(sheet: string, lastRow: number, lastColumn: number): void {
  if (lastRow * lastColumn <= SHEET_READ_CELLS) return;
  throw new Error(
    `Sheet "${sheet}" has values as far as row ${lastRow.toLocaleString("en-IN")} and column ${columnLetter(lastColumn - 1)}: `
    + `${(lastRow * lastColumn).toLocaleString("en-IN")} cells, more than the ${SHEET_READ_CELLS.toLocaleString("en-IN")} this version reads from one sheet. `
    + "Delete the values outside the table (in Excel, Ctrl+End goes to the last one), then try again.",
  );
}

/**
 * How a column is stored and shown.
 * - text: number format "@" set BEFORE values, so "=HYPERLINK(...)", "+91...", "-5", "@x",
 *   "0012" and 16-digit numbers stay text: no value from a file ever becomes a formula.
 * - date: serial number shown dd-mm-yyyy.
 * - amount: number shown with Indian digit grouping and 2 decimals.
 * - integer: whole number.
 */
export type ColumnKind = "text" | "date" | "amount" | "integer";

export const NUMBER_FORMATS: Readonly<Record<ColumnKind, string>> = {
  text: "@",
  date: "dd-mm-yyyy",
  // Indian grouping: 12,34,56,789.00 (lakh and crore separators).
  amount: "[>=10000000]##\\,##\\,##\\,##0.00;[>=100000]##\\,##\\,##0.00;##,##0.00",
  integer: "0",
};

export interface ColumnSpec {
  /** Header text: a contract (docs/workbook.md); readers find columns by it. */
  readonly header: string;
  readonly kind: ColumnKind;
  /** Width in characters. */
  readonly width: number;
  /** Editable columns are unlocked and shown white; the rest are locked and shaded. */
  readonly editable: boolean;
  /** Dropdown (list data validation) choices, for editable columns. */
  readonly list?: readonly string[];
  /** Hidden columns hold machine data (e.g. error codes driving the highlight). */
  readonly hidden?: boolean;
}

export interface SheetSpec {
  readonly name: string;
  readonly columns: readonly ColumnSpec[];
  /** veryHidden sheets hold the workbook's own state; users cannot unhide them from the UI. */
  readonly visibility: "visible" | "veryHidden";
  /** Section sheets: frozen header, AutoFilter on the header, protection with editable columns unlocked. */
  readonly grid: boolean;
  /**
   * Row highlighting driven by cell contents (a conditional format, so updating
   * errors is a value write only): rows whose `column` is not empty get `fill`;
   * cells of `cellColumns` whose header appears in `column` between bars get `cellFill`.
   */
  readonly highlights?: readonly HighlightRule[];
  readonly tabColor?: string;
}

export interface HighlightRule {
  /** Data column whose non-empty value marks the row. */
  readonly column: number;
  readonly fill: string;
  /**
   * Cells to mark on their own: a cell of one of these columns gets `cellFill`
   * when `column` holds that cell's header text between bars, e.g. "|Action|".
   */
  readonly cellColumns?: readonly number[];
  readonly cellFill?: string;
}

/** One sheet to write: its layout and its data rows. */
export interface SheetWrite {
  readonly spec: SheetSpec;
  readonly rows: readonly (readonly CellValue[])[];
}

export interface WorkbookGateway {
  /** For messages and diagnostics: "Excel", "Excel (browser preview)", "xlsx file". */
  readonly hostName: string;

  sheetNames(): Promise<string[]>;

  /**
   * Creates the sheet or replaces its whole content, then applies the header,
   * column formats, dropdowns, highlighting, frozen header, AutoFilter and
   * protection, and writes `rows` in blocks, reporting progress per block.
   */
  writeSheet(spec: SheetSpec, rows: readonly (readonly CellValue[])[], options?: WorkOptions): Promise<void>;

  /**
   * writeSheet for each sheet, in order. A host may write several small sheets
   * in one request (Excel: an import's Home sheet and smaller section sheets).
   */
  writeSheets(sheets: readonly SheetWrite[], options?: WorkOptions): Promise<void>;

  /** The header row and every data row (trailing empty rows dropped), read in blocks. */
  readSheet(name: string, options?: WorkOptions): Promise<{ header: string[]; rows: CellValue[][] }>;

  /**
   * A few cells: `rowCount` data rows from `firstRow`, `columnCount` columns
   * from `firstColumn`, in one request (cells past the sheet's content are
   * null). For a whole sheet, readSheet reads in blocks.
   */
  readCells(sheet: string, firstRow: number, firstColumn: number, rowCount: number, columnCount: number): Promise<CellValue[][]>;

  /**
   * Overwrites `values.length` data rows from `firstRow`, columns `firstColumn`
   * onwards, leaving other cells alone (for error columns and bulk edits).
   * Works on protected sheets (the host unprotects and protects again).
   */
  writeCells(sheet: string, firstRow: number, firstColumn: number, values: readonly (readonly CellValue[])[], options?: WorkOptions): Promise<void>;

  /** Clears every AutoFilter criterion on the sheet (Validate does this first, as GSTN's tool does). */
  clearFilters(sheet: string): Promise<void>;

  /** Shows only the data rows whose `column` is not empty. */
  filterNonEmpty(sheet: string, column: number): Promise<void>;

  /** Moves the selection to one cell, so a clicked message shows its cell. */
  select(sheet: string, row: number, column: number): Promise<void>;

  /** The data rows the user has selected on the active sheet. */
  selectedRows(): Promise<{ sheet: string; rows: number[] }>;

  /** The data rows the current filter shows on a sheet (all rows when no filter is on). */
  visibleRows(sheet: string): Promise<number[]>;
}
