import { enteredValue, isFormula, shownValue, type StoredCell } from "./cell-entry";
import { FakeExcelError, notModelled, protectedSheetError } from "./errors";
import { a1, columnName, covers, MAX_COLUMNS, MAX_ROWS, overlaps, subtract, type Rect } from "./geometry";
import { FormatLayers, type Layer } from "./layers";

export type Visibility = "Visible" | "Hidden" | "VeryHidden";

/** Worksheet protection options, as `protection.protect(options)` takes them. */
export type ProtectionOptions = Readonly<Record<string, boolean>>;

const PROTECTION_OPTIONS = new Set([
  "allowAutoFilter", "allowDeleteColumns", "allowDeleteRows", "allowEditObjects", "allowEditScenarios",
  "allowFormatCells", "allowFormatColumns", "allowFormatRows", "allowInsertColumns", "allowInsertHyperlinks",
  "allowInsertRows", "allowPivotTables", "allowSort",
]);

export interface ErrorAlert {
  readonly showAlert: boolean;
  readonly style: string;
  readonly title: string;
  readonly message: string;
}

/** A dropdown (list data validation) over a rectangle. */
export interface ListValidation {
  readonly rect: Rect;
  readonly source: string;
  readonly inCellDropDown: boolean;
  readonly errorAlert?: ErrorAlert;
}

/** A custom (formula) conditional format; formula and fill are set after `add()`, as in Office.js. */
export interface CustomConditionalFormat {
  readonly rect: Rect;
  formula: string;
  fill: string | null;
}

export interface FilterCriterion {
  /** Column index relative to the filter range, as `autoFilter.apply` takes it. */
  readonly column: number;
  readonly filterOn: "Custom";
  readonly criterion1: string;
}

export interface AutoFilterState {
  readonly rect: Rect;
  readonly criteria: readonly FilterCriterion[];
}

export interface ProtectionState {
  readonly protected: boolean;
  readonly options: ProtectionOptions;
  readonly password?: string;
}

/** Excel's limit on the inline source of a list validation ("Yes,No,Maybe"). */
export const INLINE_LIST_LIMIT = 255;

/** More cells than this in one `values` read and Excel returns null (excel-addin-notes §3). */
export const MAX_CELLS_PER_READ = 5_000_000;

export interface SheetJson {
  readonly name: string;
  readonly visibility: Visibility;
  readonly tabColor: string;
  readonly frozenRows: number;
  readonly selection: readonly Rect[];
  /** Non-empty rows only: [row index, cells], an empty cell as null. */
  readonly cells: readonly (readonly [number, readonly (StoredCell | null)[]])[];
  readonly numberFormat: readonly Layer<string>[];
  readonly locked: readonly Layer<boolean>[];
  readonly fill: readonly Layer<string | null>[];
  readonly bold: readonly Layer<boolean>[];
  readonly columnWidths: readonly (readonly [number, number])[];
  readonly hiddenColumns: readonly number[];
  readonly hiddenRows: readonly number[];
  readonly validations: readonly ListValidation[];
  readonly conditionalFormats: readonly CustomConditionalFormat[];
  readonly autoFilter: AutoFilterState | null;
  readonly protection: ProtectionState;
}

const WHOLE_SHEET: Rect = { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS };

/**
 * One worksheet of the in-memory workbook: sparse cells, cell formats as
 * layers, column and row settings, dropdowns, conditional formats, AutoFilter
 * and protection. Every change checks protection the way Excel does.
 */
export class SheetModel {
  visibility: Visibility = "Visible";
  tabColor = "";
  frozenRows = 0;
  selection: Rect[] = [{ row: 0, column: 0, rows: 1, columns: 1 }];
  numberFormat = new FormatLayers<string>("General");
  locked = new FormatLayers<boolean>(true);
  fill = new FormatLayers<string | null>(null);
  bold = new FormatLayers<boolean>(false);
  readonly columnWidths = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  readonly hiddenRows = new Set<number>();
  validations: ListValidation[] = [];
  conditionalFormats: CustomConditionalFormat[] = [];
  autoFilter: AutoFilterState | null = null;
  protection: ProtectionState = { protected: false, options: {} };
  /** cells[row][column]; rows and cells that were never written are holes. */
  private cells: (StoredCell | undefined)[][] = [];

  constructor(
    readonly id: number,
    public name: string,
  ) {}

  cell(row: number, column: number): StoredCell | undefined {
    return this.cells[row]?.[column];
  }

  // ---- values ----------------------------------------------------------------

  /** `range.values = values`: null leaves a cell alone, "" empties it, the rest goes through Excel's entry rules. */
  writeValues(target: Rect, values: unknown): void {
    if (!Array.isArray(values) || values.length !== target.rows
      || values.some((row) => !Array.isArray(row) || row.length !== target.columns)) {
      throw new FakeExcelError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${this.name}!${a1(target)}.`);
    }
    const rows = values as unknown[][];
    if (this.protection.protected) this.assertUnlocked(target, target.rows, (r, c) => rows[r][c] !== null);
    // Work out every cell first: a refused value refuses the whole write, as in Excel.
    const formats = this.uniformPerColumn(this.numberFormat, target);
    const entered: (StoredCell | undefined | null)[][] = rows.map((row, r) => row.map((value, c) => {
      if (value === null) return null;
      const row0 = target.row + r;
      const column = target.column + c;
      const format = formats[c] ?? this.numberFormat.at(row0, column);
      return enteredValue(value, format, () => `${this.name}!${columnName(column)}${row0 + 1}`);
    }));
    entered.forEach((row, r) => {
      const line = (this.cells[target.row + r] ??= []);
      row.forEach((cell, c) => {
        if (cell !== null) line[target.column + c] = cell;
      });
    });
  }

  /** `range.values` as Excel returns it: "" for empty cells; null when the range is over Excel's read limit. */
  readValues(target: Rect): (string | number | boolean)[][] | null {
    if (target.rows * target.columns > MAX_CELLS_PER_READ) return null;
    const result: (string | number | boolean)[][] = [];
    for (let r = 0; r < target.rows; r++) {
      const line = this.cells[target.row + r];
      const row: (string | number | boolean)[] = [];
      for (let c = 0; c < target.columns; c++) row.push(shownValue(line?.[target.column + c]));
      result.push(row);
    }
    return result;
  }

  /** The smallest rectangle holding every non-empty cell (`getUsedRange(true)`), or null on an empty sheet. */
  usedRange(): Rect | null {
    let top = -1, bottom = -1, left = Infinity, right = -1;
    this.cells.forEach((line, row) => {
      line.forEach((cell, column) => {
        if (cell === undefined) return;
        if (top < 0) top = row;
        bottom = row;
        left = Math.min(left, column);
        right = Math.max(right, column);
      });
    });
    if (top < 0) return null;
    return { row: top, column: left, rows: bottom - top + 1, columns: right - left + 1 };
  }

  formulaCells(): { row: number; column: number; formula: string }[] {
    const found: { row: number; column: number; formula: string }[] = [];
    this.cells.forEach((line, row) => line.forEach((cell, column) => {
      if (isFormula(cell)) found.push({ row, column, formula: cell.formula });
    }));
    return found;
  }

  // ---- formats ---------------------------------------------------------------

  setFormat<T>(layers: FormatLayers<T>, target: Rect, value: T): void {
    this.guard("allowFormatCells");
    layers.set(target, value);
  }

  /** A number format is a scalar (every cell) or a 2-D array the size of the range. */
  setNumberFormat(target: Rect, value: unknown): void {
    if (typeof value === "string") return this.setFormat(this.numberFormat, target, value);
    const fits = Array.isArray(value) && value.length === target.rows
      && value.every((row) => Array.isArray(row) && row.length === target.columns && row.every((f) => typeof f === "string"));
    if (!fits) throw new FakeExcelError("InvalidArgument", `The number format array doesn't match the size of the range ${this.name}!${a1(target)}.`);
    this.guard("allowFormatCells");
    (value as string[][]).forEach((row, r) => row.forEach((format, c) => {
      this.numberFormat.set({ row: target.row + r, column: target.column + c, rows: 1, columns: 1 }, format);
    }));
  }

  setColumnWidth(target: Rect, points: unknown): void {
    if (typeof points !== "number" || !(points >= 0)) throw new FakeExcelError("InvalidArgument", `Column width must be a number of points, not ${String(points)}.`);
    this.guard("allowFormatColumns");
    for (let c = target.column; c < target.column + target.columns; c++) this.columnWidths.set(c, points);
  }

  setColumnsHidden(target: Rect, hidden: boolean): void {
    this.guard("allowFormatColumns");
    this.setMembers(this.hiddenColumns, target.column, target.columns, hidden);
  }

  setRowsHidden(target: Rect, hidden: boolean): void {
    this.guard("allowFormatRows");
    this.setMembers(this.hiddenRows, target.row, target.rows, hidden);
  }

  /** `range.clear(applyTo)`. Clearing formats resets cell formats; column widths stay, as in Excel. */
  clear(target: Rect, applyTo: "All" | "Contents" | "Formats"): void {
    if (applyTo !== "Formats") {
      // Only rows that hold something can be touched by clearing contents.
      const filledRows = Math.min(target.rows, Math.max(0, this.cells.length - target.row));
      if (this.protection.protected) this.assertUnlocked(target, filledRows, (r, c) => this.cell(target.row + r, target.column + c) !== undefined);
    }
    if (applyTo !== "Contents") this.guard("allowFormatCells");
    if (applyTo !== "Formats") {
      const end = Math.min(target.row + target.rows, this.cells.length);
      for (let row = target.row; row < end; row++) {
        const line = this.cells[row];
        if (!line) continue;
        if (target.column === 0 && target.columns === MAX_COLUMNS) delete this.cells[row];
        else for (let c = target.column; c < Math.min(target.column + target.columns, line.length); c++) delete line[c];
      }
    }
    if (applyTo !== "Contents") {
      for (const layers of [this.numberFormat, this.locked, this.fill, this.bold] as FormatLayers<unknown>[]) {
        if (covers(target, WHOLE_SHEET)) layers.reset();
        else layers.set(target, layers.fallback);
      }
    }
  }

  // ---- dropdowns and conditional formats ------------------------------------

  setValidationRule(target: Rect, rule: unknown): void {
    const list = (rule as { list?: { inCellDropDown?: unknown; source?: unknown } } | null)?.list;
    const others = rule && typeof rule === "object" ? Object.keys(rule).filter((key) => key !== "list") : [];
    if (!list || others.length > 0) throw notModelled(`data validation other than a list (${JSON.stringify(rule)})`);
    if (typeof list.source !== "string") throw notModelled("a list validation whose source is a Range object");
    if (list.source.startsWith("=")) throw notModelled(`a list validation whose source is a reference (${list.source})`);
    if (list.source.length > INLINE_LIST_LIMIT) {
      throw new FakeExcelError("InvalidArgument", `The list source "${list.source.slice(0, 40)}…" is ${list.source.length} characters; Excel allows ${INLINE_LIST_LIMIT}.`);
    }
    this.guard();
    this.dropValidations(target);
    this.validations.push({ rect: target, source: list.source, inCellDropDown: list.inCellDropDown !== false });
  }

  setValidationAlert(target: Rect, alert: unknown): void {
    const a = alert as Partial<ErrorAlert> | null;
    if (!a || typeof a.showAlert !== "boolean" || typeof a.style !== "string" || typeof a.title !== "string" || typeof a.message !== "string") {
      throw new FakeExcelError("InvalidArgument", `An error alert needs showAlert, style, title and message (${JSON.stringify(alert)}).`);
    }
    this.guard();
    const errorAlert: ErrorAlert = { showAlert: a.showAlert, style: a.style, title: a.title, message: a.message };
    this.validations = this.validations.map((v) => (overlaps(v.rect, target) ? { ...v, errorAlert } : v));
  }

  clearValidation(target: Rect): void {
    this.guard();
    this.dropValidations(target);
  }

  addConditionalFormat(target: Rect, type: unknown): CustomConditionalFormat {
    if (type !== "Custom") throw notModelled(`conditional formats of type ${String(type)}`);
    this.guard();
    const format: CustomConditionalFormat = { rect: target, formula: "", fill: null };
    this.conditionalFormats.push(format);
    return format;
  }

  /** Changing a conditional format's rule or fill, checked against protection like any format. */
  editConditionalFormat(change: () => void): void {
    this.guard();
    change();
  }

  clearConditionalFormats(target: Rect): void {
    this.guard();
    this.conditionalFormats = this.conditionalFormats.filter((f) => !overlaps(f.rect, target));
  }

  // ---- AutoFilter ------------------------------------------------------------

  applyAutoFilter(target: Rect, column: number | undefined, criteria: unknown): void {
    const current = this.autoFilter;
    const sameRange = current !== null && JSON.stringify(current.rect) === JSON.stringify(target);
    if (this.protection.protected && !(this.protection.options.allowAutoFilter && sameRange)) throw protectedSheetError(this.name);
    let kept = sameRange ? current.criteria : [];
    if (!sameRange && current) this.showRows(current.rect);
    if (column !== undefined) {
      if (!Number.isInteger(column) || column < 0 || column >= target.columns) {
        throw new FakeExcelError("InvalidArgument", `AutoFilter column ${column} is outside the filter range ${a1(target)}.`);
      }
      const c = criteria as Partial<FilterCriterion> | undefined;
      if (!c || c.filterOn !== "Custom" || c.criterion1 !== "<>" || Object.keys(c).some((k) => k !== "filterOn" && k !== "criterion1")) {
        throw notModelled(`AutoFilter criteria other than { filterOn: "Custom", criterion1: "<>" } (${JSON.stringify(criteria)})`);
      }
      kept = [...kept.filter((k) => k.column !== column), { column, filterOn: "Custom", criterion1: "<>" }];
    }
    this.autoFilter = { rect: target, criteria: kept };
    this.filterRows();
  }

  clearFilterCriteria(): void {
    const current = this.requireFilter();
    if (this.protection.protected && !this.protection.options.allowAutoFilter) throw protectedSheetError(this.name);
    this.autoFilter = { rect: current.rect, criteria: [] };
    this.showRows(current.rect);
  }

  removeAutoFilter(): void {
    const current = this.requireFilter();
    this.guard();
    this.showRows(current.rect);
    this.autoFilter = null;
  }

  // ---- protection ------------------------------------------------------------

  protect(options: unknown, password: unknown): void {
    // Since 2026 Excel refuses to protect a protected sheet (office-js #6784).
    if (this.protection.protected) throw new FakeExcelError("AccessDenied", `The sheet "${this.name}" is already protected.`);
    const given = (options ?? {}) as Record<string, unknown>;
    if (typeof given !== "object") throw new FakeExcelError("InvalidArgument", "Protection options must be an object.");
    for (const [key, value] of Object.entries(given)) {
      if (!PROTECTION_OPTIONS.has(key)) throw notModelled(`the protection option ${key}`);
      if (typeof value !== "boolean") throw new FakeExcelError("InvalidArgument", `Protection option ${key} must be true or false.`);
    }
    if (password !== undefined && typeof password !== "string") throw new FakeExcelError("InvalidArgument", "A protection password must be a string.");
    this.protection = { protected: true, options: { ...(given as Record<string, boolean>) }, ...(password ? { password } : {}) };
  }

  unprotect(password: unknown): void {
    if (!this.protection.protected) throw new FakeExcelError("AccessDenied", `The sheet "${this.name}" is not protected.`);
    const expected = this.protection.password;
    // A password given to a sheet protected without one fails (office-js #762).
    if (expected === undefined && password !== undefined) throw new FakeExcelError("InvalidArgument", `The sheet "${this.name}" has no protection password.`);
    if (expected !== undefined && password !== expected) throw new FakeExcelError("AccessDenied", `Wrong password for the sheet "${this.name}".`);
    this.protection = { protected: false, options: {} };
  }

  // ---- what the user sees ----------------------------------------------------

  /** The visible cells of `target`, as rectangles (`getSpecialCells(visible)`); empty when all are hidden. */
  visibleAreas(target: Rect): Rect[] {
    const rowBands = bands(target.row, target.rows, (row) => !this.hiddenRows.has(row));
    const columnBands = bands(target.column, target.columns, (column) => !this.hiddenColumns.has(column));
    return rowBands.flatMap(([row, rows]) => columnBands.map(([column, columns]) => ({ row, column, rows, columns })));
  }

  // ---- the file --------------------------------------------------------------

  toJSON(): SheetJson {
    const cells: [number, (StoredCell | null)[]][] = [];
    this.cells.forEach((line, row) => {
      const copy = Array.from(line, (cell) => cell ?? null);
      if (copy.some((cell) => cell !== null)) cells.push([row, copy]);
    });
    return {
      name: this.name,
      visibility: this.visibility,
      tabColor: this.tabColor,
      frozenRows: this.frozenRows,
      selection: this.selection.map((r) => ({ ...r })),
      cells,
      numberFormat: this.numberFormat.toJSON(),
      locked: this.locked.toJSON(),
      fill: this.fill.toJSON(),
      bold: this.bold.toJSON(),
      columnWidths: [...this.columnWidths],
      hiddenColumns: [...this.hiddenColumns],
      hiddenRows: [...this.hiddenRows],
      validations: this.validations.map((v) => ({ ...v })),
      conditionalFormats: this.conditionalFormats.map((f) => ({ ...f })),
      autoFilter: this.autoFilter && { rect: this.autoFilter.rect, criteria: [...this.autoFilter.criteria] },
      protection: { ...this.protection, options: { ...this.protection.options } },
    };
  }

  static fromJSON(id: number, json: SheetJson): SheetModel {
    const sheet = new SheetModel(id, json.name);
    sheet.visibility = json.visibility;
    sheet.tabColor = json.tabColor;
    sheet.frozenRows = json.frozenRows;
    sheet.selection = json.selection.map((r) => ({ ...r }));
    for (const [row, line] of json.cells) {
      const restored: (StoredCell | undefined)[] = [];
      line.forEach((cell, column) => {
        if (cell !== null) restored[column] = typeof cell === "object" ? { formula: cell.formula } : cell;
      });
      sheet.cells[row] = restored;
    }
    sheet.numberFormat = FormatLayers.from("General", json.numberFormat);
    sheet.locked = FormatLayers.from(true, json.locked);
    sheet.fill = FormatLayers.from<string | null>(null, json.fill);
    sheet.bold = FormatLayers.from(false, json.bold);
    json.columnWidths.forEach(([column, width]) => sheet.columnWidths.set(column, width));
    json.hiddenColumns.forEach((column) => sheet.hiddenColumns.add(column));
    json.hiddenRows.forEach((row) => sheet.hiddenRows.add(row));
    sheet.validations = json.validations.map((v) => ({ ...v }));
    sheet.conditionalFormats = json.conditionalFormats.map((f) => ({ ...f }));
    sheet.autoFilter = json.autoFilter && { rect: json.autoFilter.rect, criteria: [...json.autoFilter.criteria] };
    sheet.protection = { ...json.protection, options: { ...json.protection.options } };
    return sheet;
  }

  // ---- helpers ---------------------------------------------------------------

  /** Refuses a change on a protected sheet unless the protection options allow it. */
  private guard(allowedBy?: string): void {
    if (this.protection.protected && !(allowedBy && this.protection.options[allowedBy])) throw protectedSheetError(this.name);
  }

  /** Refuses a change to any locked cell among the first `rows` rows of `target` that `touched` says change. */
  private assertUnlocked(target: Rect, rows: number, touched: (r: number, c: number) => boolean): void {
    for (let c = 0; c < target.columns; c++) {
      const column = target.column + c;
      const uniform = this.locked.uniform({ row: target.row, column, rows: target.rows, columns: 1 });
      if (uniform && !uniform.value) continue;
      for (let r = 0; r < rows; r++) {
        if (touched(r, c) && (uniform ? uniform.value : this.locked.at(target.row + r, column))) throw protectedSheetError(this.name);
      }
    }
  }

  /** Per column of `target`, the format every written cell has, or undefined where it varies. */
  private uniformPerColumn(layers: FormatLayers<string>, target: Rect): (string | undefined)[] {
    return Array.from({ length: target.columns }, (_, c) =>
      layers.uniform({ row: target.row, column: target.column + c, rows: target.rows, columns: 1 })?.value);
  }

  private setMembers(set: Set<number>, first: number, count: number, member: boolean): void {
    if (!member) {
      for (const index of [...set]) if (index >= first && index < first + count) set.delete(index);
      return;
    }
    for (let index = first; index < first + count; index++) set.add(index);
  }

  private dropValidations(target: Rect): void {
    this.validations = this.validations.flatMap((v) => subtract(v.rect, target).map((rect) => ({ ...v, rect })));
  }

  private requireFilter(): AutoFilterState {
    if (!this.autoFilter) throw new FakeExcelError("InvalidOperation", `The sheet "${this.name}" has no AutoFilter.`);
    return this.autoFilter;
  }

  private showRows(filter: Rect): void {
    this.setMembers(this.hiddenRows, filter.row + 1, filter.rows - 1, false);
  }

  /**
   * Hides the body rows that fail a criterion, once, when the filter is applied:
   * as in Excel, later edits do not re-filter until the filter is applied again.
   */
  private filterRows(): void {
    const filter = this.autoFilter!;
    for (let row = filter.rect.row + 1; row < filter.rect.row + filter.rect.rows; row++) {
      const shown = filter.criteria.every((k) => shownValue(this.cell(row, filter.rect.column + k.column)) !== "");
      if (shown) this.hiddenRows.delete(row);
      else this.hiddenRows.add(row);
    }
  }
}

/** Runs of consecutive indexes from `first` for which `keep` holds, as [start, length]. */
function bands(first: number, count: number, keep: (index: number) => boolean): [number, number][] {
  const result: [number, number][] = [];
  let start = -1;
  for (let index = first; index <= first + count; index++) {
    const kept = index < first + count && keep(index);
    if (kept && start < 0) start = index;
    if (!kept && start >= 0) {
      result.push([start, index - start]);
      start = -1;
    }
  }
  return result;
}
