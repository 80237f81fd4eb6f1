import { columnLetter, EXCEL_LIMITS, NUMBER_FORMATS, type ColumnSpec, type SheetSpec } from "../../workbook/gateway";
import type { ExcelApi, XlProtectionOptions, XlWorksheet } from "./excel-api";

/**
 * The formatting of a sheet, queued as a fixed number of calls per column and
 * per highlight rule, whatever the number of rows: no per-cell loops
 * (excel-addin-notes §5.6). Number formats go on whole columns before any value
 * is written, so text stays text (§5.4).
 */


/** Excel's limit on a list validation's inline source ("Accept,Reject,Pending"). */
export const INLINE_LIST_LIMIT = 255;

/** Excel's limits on a validation error alert. */
const ALERT_TITLE_LIMIT = 32;
const ALERT_MESSAGE_LIMIT = 255;

/** Section (grid) sheets only; the same colours as the xlsx host. */
export const HEADER_FILL = "#DCE6F1";
/** Locked (read-only) columns of a section sheet are shaded so the editable ones stand out. */
export const LOCKED_FILL = "#F2F2F2";

/**
 * One constant set of options for every protect() (office-js #1931: re-applying
 * loaded options fails). Users may filter, and widen columns and rows; nothing
 * else on locked cells. No password (office-js #762).
 */
export const SHEET_PROTECTION: XlProtectionOptions = Object.freeze({ allowAutoFilter: true, allowFormatColumns: true, allowFormatRows: true });

/**
 * Column widths come in characters of the default font; the API takes points.
 * Excel's rule: a character is the 7-pixel digit width of Calibri 11, plus
 * 5 pixels of padding; a pixel is 0.75 point.
 */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** A string literal inside an Excel formula. */
function formulaText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Dropdown choices go inline in the rule ("Accept,Reject,Pending"): the product's
 * lists are short fixed labels, and an inline list needs no helper sheet that
 * replacing a sheet could break. Excel caps the inline source at 255 characters
 * and splits it at commas, so a list that does not fit is a layout error.
 */
export function inlineListSource(sheet: string, column: ColumnSpec): string {
  const list = column.list ?? [];
  const bad = list.find((choice) => choice.trim() === "" || choice.includes(","));
  if (list.length === 0 || bad !== undefined) {
    throw new Error(`Sheet "${sheet}", column "${column.header}": a dropdown needs at least one choice, each non-empty and without a comma${bad !== undefined ? ` (not "${bad}")` : ""}.`);
  }
  const source = list.join(",");
  if (source.length > INLINE_LIST_LIMIT) {
    throw new Error(`Sheet "${sheet}", column "${column.header}": the dropdown's choices take ${source.length} characters; Excel allows ${INLINE_LIST_LIMIT} in a list held in the rule.`);
  }
  return source;
}

/** Refuses a layout Excel could not carry out, before anything is written. */
export function checkSheetSpec(spec: SheetSpec): void {
  const columns = spec.columns.length;
  if (columns === 0) throw new Error(`Sheet "${spec.name}" has no columns.`);
  spec.columns.forEach((column) => {
    if (column.list) inlineListSource(spec.name, column);
  });
  for (const rule of spec.highlights ?? []) {
    const cells = rule.cellColumns ?? [];
    if ([rule.column, ...cells].some((c) => !Number.isInteger(c) || c < 0 || c >= columns)) {
      throw new Error(`Sheet "${spec.name}": a highlight rule points at a column the sheet does not have (${[rule.column, ...cells].join(", ")}).`);
    }
    if (cells.length > 0 && !rule.cellFill) throw new Error(`Sheet "${spec.name}": a highlight rule marks cells but gives no cellFill.`);
  }
}

/** Brings an existing sheet back to blank (values, formats, dropdowns, highlighting, filter, hidden rows and columns). */
export function queueReset(excel: ExcelApi, sheet: XlWorksheet, state: { readonly protected: boolean; readonly filtered: boolean }): void {
  if (state.protected) sheet.protection.unprotect();
  if (state.filtered) sheet.autoFilter.remove();
  const all = sheet.getRange();
  all.conditionalFormats.clearAll();
  all.dataValidation.clear();
  all.clear(excel.ClearApplyTo.all);
  all.rowHidden = false;
  all.columnHidden = false;
  sheet.freezePanes.unfreeze();
}

/** Visibility, tab colour, column formats and widths, header, locked and shaded columns, dropdowns, highlighting, frozen header. */
export function queueLayout(excel: ExcelApi, sheet: XlWorksheet, spec: SheetSpec, rowCount: number): void {
  sheet.visibility = spec.visibility === "veryHidden" ? excel.SheetVisibility.veryHidden : excel.SheetVisibility.visible;
  sheet.tabColor = spec.tabColor ?? "";
  const columns = spec.columns.length;
  spec.columns.forEach((column, c) => {
    const whole = sheet.getRangeByIndexes(0, c, EXCEL_LIMITS.rows, 1);
    whole.numberFormat = NUMBER_FORMATS[column.kind];
    whole.format.columnWidth = widthInPoints(column.width);
    if (column.hidden) whole.columnHidden = true;
    if (rowCount === 0) return;
    const data = sheet.getRangeByIndexes(1, c, rowCount, 1);
    if (column.editable) data.format.protection.locked = false;
    else if (spec.grid) data.format.fill.color = LOCKED_FILL;
    if (column.list) {
      data.dataValidation.rule = { list: { inCellDropDown: true, source: inlineListSource(spec.name, column) } };
      const message = `Choose one of: ${column.list.join(", ")}.`;
      data.dataValidation.errorAlert = {
        showAlert: true,
        style: excel.DataValidationAlertStyle.stop,
        title: column.header.slice(0, ALERT_TITLE_LIMIT),
        message: message.length <= ALERT_MESSAGE_LIMIT ? message : "Choose a value from the dropdown list.",
      };
    }
  });
  // The header row is text whatever its column's format, so a header such as "2025" stays a header.
  const header = sheet.getRangeByIndexes(0, 0, 1, columns);
  header.numberFormat = NUMBER_FORMATS.text;
  header.values = [spec.columns.map((column) => column.header)];
  header.format.font.bold = true;
  if (spec.grid) header.format.fill.color = HEADER_FILL;
  if (rowCount > 0) queueHighlights(excel, sheet, spec, rowCount);
  if (spec.grid) sheet.freezePanes.freezeRows(1);
}

/**
 * One conditional format per rule for the row, then one per marked column: a
 * later format takes the top priority, so a marked cell shows the cell fill over
 * the row fill. Formulas are relative to the first data row (row 2) and bounded
 * to the data rows (office-js #3336). FIND, not SEARCH: it takes `?` and `*`
 * in a header literally.
 */
function queueHighlights(excel: ExcelApi, sheet: XlWorksheet, spec: SheetSpec, rowCount: number): void {
  const body = sheet.getRangeByIndexes(1, 0, rowCount, spec.columns.length);
  for (const rule of spec.highlights ?? []) {
    const marker = `$${columnLetter(rule.column)}2`;
    const row = body.conditionalFormats.add(excel.ConditionalFormatType.custom);
    row.custom.rule.formula = `=${marker}<>""`;
    row.custom.format.fill.color = rule.fill;
    for (const c of rule.cellColumns ?? []) {
      const cell = sheet.getRangeByIndexes(1, c, rowCount, 1).conditionalFormats.add(excel.ConditionalFormatType.custom);
      cell.custom.rule.formula = `=ISNUMBER(FIND(${formulaText(`|${spec.columns[c].header}|`)},${marker}))`;
      cell.custom.format.fill.color = rule.cellFill!;
    }
  }
}

/** Last, after every value: the AutoFilter over header and data, then protection (it must come after the filter, §6). */
export function queueFinish(sheet: XlWorksheet, spec: SheetSpec, rowCount: number): void {
  if (!spec.grid) return;
  sheet.autoFilter.apply(sheet.getRangeByIndexes(0, 0, rowCount + 1, spec.columns.length));
  sheet.protection.protect(SHEET_PROTECTION);
}
