import { NO_DECLARED_AMOUNTS, TAX_HEADS, parseAction, parseItcChoice, type ActionCode, type Decision, type DeclaredAmount, type ItcChoice, type TaxHead, type Unreadable } from "../ims/decision";
import type { CellValue } from "./gateway";
import { DECLARED_COLUMN, HEADERS, type ColumnId, type SectionLayout } from "./section-sheet";

/**
 * Reading the editable cells of a section sheet back into decisions. Typed or
 * pasted values are read tolerantly (any case, stray spaces, codes or labels,
 * amounts as text); anything else becomes Unreadable, which the rules report
 * with the cell's text (FMT-04 for the action, ITC-05 for an amount).
 */

/** Text as the user sees it: numbers and booleans as Excel would show them. */
const asText = (value: CellValue): string => (value === null ? "" : String(value));

function actionCell(value: CellValue): ActionCode | Unreadable {
  return (typeof value === "string" ? parseAction(value) : undefined) ?? { unreadable: asText(value) };
}

function itcCell(value: CellValue): ItcChoice | null | Unreadable {
  const text = asText(value);
  if (text.trim() === "") return null;
  return (typeof value === "string" ? parseItcChoice(text) : undefined) ?? { unreadable: text };
}

/** Digits with optional Indian or Western thousands separators and decimals; no currency signs or words. */
const AMOUNT_TEXT = /^[+]?(\d{1,3}(,\d{2,3})*|\d+)(\.\d+)?$/;

function amountCell(value: CellValue): DeclaredAmount {
  if (typeof value === "number") return Number.isFinite(value) ? value : { unreadable: String(value) };
  const text = asText(value).trim();
  if (text === "") return null;
  if (typeof value === "string" && AMOUNT_TEXT.test(text)) return Number(text.replace(/[+,]/g, ""));
  return { unreadable: asText(value) };
}

/** Where a sheet's columns are, found by header text (the contract), whatever their order. */
export interface ColumnMap {
  readonly layout: SectionLayout;
  /** Column index per id present on the sheet. */
  readonly at: Partial<Record<ColumnId, number>>;
}

/** The headers a section sheet must have for its decisions to be read. */
function requiredIds(layout: SectionLayout): ColumnId[] {
  const ids: ColumnId[] = ["recordKey", "action", "remarks"];
  if (layout.section.itcDeclaration) ids.push("itc", ...TAX_HEADS.map((h) => DECLARED_COLUMN[h]));
  return ids;
}

/**
 * Locates the layout's columns in a header row read from the sheet. Throws a
 * message naming the sheet and the missing headers when a column needed for
 * reading decisions is gone (renamed or deleted).
 */
export function mapColumns(layout: SectionLayout, header: readonly string[]): ColumnMap {
  const at: Partial<Record<ColumnId, number>> = {};
  const trimmed = header.map((h) => String(h ?? "").trim());
  for (const id of layout.ids) {
    const i = trimmed.indexOf(HEADERS[id]);
    if (i >= 0) at[id] = i;
  }
  const missing = requiredIds(layout).filter((id) => at[id] === undefined).map((id) => `"${HEADERS[id]}"`);
  if (missing.length > 0) {
    throw new Error(
      `Sheet ${layout.sheet.name} has no column ${missing.join(", ")} in its header row. `
      + "Restore the header (undo the change), or import the download again.",
    );
  }
  return { layout, at };
}

/** The record key a row carries (empty string for a row without one). */
export function rowKey(map: ColumnMap, row: readonly CellValue[]): string {
  return asText(row[map.at.recordKey!] ?? null).trim();
}

/** Columns the add-in itself fills with messages: they do not make a row the user's. */
const OUTPUT_COLUMNS: readonly ColumnId[] = ["sheetErrors", "portalErrors", "importNotes", "errorCodes", "errorCells"];

/**
 * Whether a row without a record holds something the user put there (such a
 * row is reported); a blank row, or one holding only the add-in's old messages, is not.
 */
export function rowHasContent(map: ColumnMap, row: readonly CellValue[]): boolean {
  const output = new Set(OUTPUT_COLUMNS.map((id) => map.at[id]));
  return row.some((v, i) => !output.has(i) && v !== null && !(typeof v === "string" && v.trim() === ""));
}

/** A cell of the row by column id; a column the sheet lacks reads as an empty cell (mapColumns insists on the ones a decision needs). */
function cellOf(map: ColumnMap, row: readonly CellValue[], id: ColumnId): CellValue {
  const i = map.at[id];
  return i === undefined ? null : row[i] ?? null;
}

/** Reads the decision a row holds. Never throws on cell content: bad values become Unreadable. */
export function readDecision(map: ColumnMap, row: readonly CellValue[]): Decision {
  const action = actionCell(cellOf(map, row, "action"));
  const remarks = asText(cellOf(map, row, "remarks"));
  if (!map.layout.section.itcDeclaration) return { action, remarks, itc: null, declared: NO_DECLARED_AMOUNTS };
  const declared: Record<TaxHead, DeclaredAmount> = {
    igst: amountCell(cellOf(map, row, "declIgst")),
    cgst: amountCell(cellOf(map, row, "declCgst")),
    sgst: amountCell(cellOf(map, row, "declSgst")),
    cess: amountCell(cellOf(map, row, "declCess")),
  };
  return { action, remarks, itc: itcCell(cellOf(map, row, "itc")), declared };
}
