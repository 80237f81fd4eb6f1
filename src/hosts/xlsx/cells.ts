import type ExcelJS from "exceljs";
import type { CellValue } from "../../workbook/gateway";

/**
 * Cell values between the product (string, number, boolean, null) and ExcelJS.
 * Strings are always written as plain strings, never as `{ formula }`, so a
 * value from a file such as "=HYPERLINK(...)" stays text.
 */

const MS_PER_DAY = 86_400_000;
/** 1970-01-01 as an Excel serial number in the 1900 date system. */
const UNIX_EPOCH_SERIAL = 25_569;
/** Days between the 1900 and the 1904 date systems. */
const DATE_1904_OFFSET = 1_462;

/** What the product writes. An empty string is an empty cell, as in Excel. */
export function toExcelValue(value: CellValue): ExcelJS.CellValue {
  if (value === null || value === "") return null;
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new Error(`Cannot write ${value} to a worksheet cell: it is not a finite number.`);
  }
  return value;
}

/**
 * The .xlsx escape for text (ECMA-376 §22.9.2.19, as Excel writes it): control
 * characters XML cannot carry, and the carriage return XML readers turn into a
 * line feed, become `_xHHHH_`, and text that already looks like
 * such an escape has its underscore escaped (`_x005F_`). ExcelJS would otherwise
 * drop the control characters and turn a literal "_x000D_" into a line break;
 * readers (ExcelJS, Excel, LibreOffice) undo the escape.
 */
function escapeText(text: string): string {
  return text
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/**
 * What the product reads: the value a user sees. ExcelJS turns numbers shown as
 * dates into Date objects; they go back to the serial number stored in the
 * file, so dates read the same as the Office host reads them.
 */
export function fromExcelValue(value: ExcelJS.CellValue, date1904: boolean): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return value.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL - (date1904 ? DATE_1904_OFFSET : 0);
  if ("richText" in value) return fromExcelValue(value.richText.map((run) => run.text).join(""), date1904);
  if ("error" in value) return value.error;
  if ("hyperlink" in value) return fromExcelValue(value.text, date1904);
  // A formula a user typed: its last computed result, as Excel shows it.
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: ExcelJS.CellValue | { error: string } }).result;
    return result === undefined ? null : fromExcelValue(result as ExcelJS.CellValue, date1904);
  }
  return null;
}
