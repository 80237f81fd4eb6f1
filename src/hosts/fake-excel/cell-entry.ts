import { FakeExcelError, notModelled } from "./errors";

/**
 * What a cell holds after an add-in writes `range.values`, as Excel decides it
 * from the string and the cell's number format. This is where formula injection
 * happens in real Excel, so the fake follows Excel's rules closely enough for a
 * test to see it: with the Text format "@" a string stays exactly the string;
 * with any other format a string that starts with = + - or @ becomes a formula
 * (or a number, for "-5"), "0012" becomes the number 12, and a 16-digit
 * number loses its last digit to Excel's 15 significant digits.
 */

/** A formula, kept as written. The fake does not calculate. */
export interface FormulaCell {
  readonly formula: string;
}

export type StoredCell = string | number | boolean | FormulaCell;

/** What `values` shows for a formula cell: the fake does not calculate, and must not pass the formula text off as a value. */
export const NOT_CALCULATED = "#NOT-CALCULATED!";

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_TEXT = 32_767;

export const TEXT_FORMAT = "@";

export function isFormula(cell: StoredCell | undefined): cell is FormulaCell {
  return typeof cell === "object";
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const PERCENT = /^[+-]?(\d+\.?\d*|\.\d+)%$/;
const BOOLEAN = /^(true|false)$/i;
// Excel turns these into dates or times by the user's locale (is 01-04-2025 the 1st of April or the 4th of January?).
const DATE_OR_TIME = /^(\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?|\d{1,2}:\d{2}(:\d{2})?)$/;

/** Excel keeps 15 significant digits of a number typed or written as text. */
function excelNumber(text: string): number {
  return Number(Number(text).toPrecision(15));
}

/**
 * The cell content for one written value (`null`, which leaves a cell alone, is
 * handled by the caller). `undefined` means the cell is now empty.
 */
export function enteredValue(value: unknown, numberFormat: string, where: () => string): StoredCell | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new FakeExcelError("InvalidArgument", `${where()}: ${value} is not a number Excel can hold.`);
    return value;
  }
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") {
    throw new FakeExcelError("InvalidArgument", `${where()}: a cell value must be a string, number, boolean or null, not ${value === undefined ? "undefined" : typeof value}.`);
  }
  if (value.length > MAX_CELL_TEXT) {
    throw new FakeExcelError("InvalidArgument", `${where()}: ${value.length} characters is more than the ${MAX_CELL_TEXT} a cell can hold.`);
  }
  if (value === "") return undefined;
  if (numberFormat === TEXT_FORMAT) return value;
  // A leading apostrophe marks text in Excel and is not part of the value.
  if (value.startsWith("'")) return value.length > 1 ? value.slice(1) : undefined;
  if (NUMBER.test(value)) {
    // Beyond Excel's range ("1e400") the text is kept as text, as Excel does.
    const number = excelNumber(value);
    return Number.isFinite(number) ? number : value;
  }
  if (PERCENT.test(value)) return excelNumber(value.slice(0, -1)) / 100;
  if (BOOLEAN.test(value)) return value.toLowerCase() === "true";
  if ("=+-@".includes(value[0])) return { formula: value[0] === "=" ? value : `=${value}` };
  if (DATE_OR_TIME.test(value)) {
    throw notModelled(`how Excel reads "${value}" in a cell formatted "${numberFormat}" (${where()}): it becomes a date or time by the user's locale. Write a serial number, or set the Text format "@" first`);
  }
  return value;
}

/** What reading `range.values` returns for a cell. */
export function shownValue(cell: StoredCell | undefined): string | number | boolean {
  if (cell === undefined) return "";
  return isFormula(cell) ? NOT_CALCULATED : cell;
}
