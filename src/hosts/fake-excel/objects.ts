import { Batch, FakeCollection, FakeObject, Pin, type FakeHostState } from "./batch";
import { FakeExcelError, notModelled } from "./errors";
import { a1, isValidRect, MAX_COLUMNS, MAX_ROWS, type Rect } from "./geometry";
import type { CustomConditionalFormat, SheetModel } from "./sheet";

/**
 * The proxy objects of the Excel object model that the office gateway uses,
 * each as strict as Office.js about loading and syncing. Where the gateway
 * needs nothing, the fake has nothing: an unmodelled call fails with
 * NotImplemented instead of pretending.
 */

type CellTarget = { readonly sheet: SheetModel; readonly rect: Rect };

function quoted(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export class FakeRequestContext extends Batch {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;

  constructor(host: FakeHostState) {
    super(host);
    this.workbook = new FakeWorkbook(this, "workbook");
    this.application = new FakeApplication(this, "application");
  }
}

export class FakeApplication extends FakeObject {
  protected readonly typeName = "Application";

  /** The fake holds no formulas worth calculating; the call is checked and recorded. */
  calculate(calculationType: string): void {
    this.call("calculate", "other", [calculationType], () => {
      if (!["Recalculate", "Full", "FullRebuild"].includes(calculationType)) throw new FakeExcelError("InvalidArgument", `"${calculationType}" is not a calculation type.`);
    });
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.call("suspendScreenUpdatingUntilNextSync", "other", [], () => this.batch.requireApi("1.9", "Application.suspendScreenUpdatingUntilNextSync"));
  }

  suspendApiCalculationUntilNextSync(): void {
    this.call("suspendApiCalculationUntilNextSync", "other", [], () => this.batch.requireApi("1.6", "Application.suspendApiCalculationUntilNextSync"));
  }
}

export class FakeWorkbook extends FakeObject {
  protected readonly typeName = "Workbook";
  readonly worksheets = new FakeWorksheetCollection(this.batch, "workbook.worksheets");

  /** The selection on the active sheet, all its areas (ExcelApi 1.9). */
  getSelectedRanges(): FakeRangeAreas {
    const areas = new FakeRangeAreas(this.batch, "workbook.getSelectedRanges()");
    this.call("getSelectedRanges", "other", [], () => {
      this.batch.requireApi("1.9", "Workbook.getSelectedRanges");
      const sheet = this.batch.model.active;
      areas.pin.set({ sheet, areas: sheet.selection });
    });
    return areas;
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  protected readonly typeName = "WorksheetCollection";

  protected currentItems(): FakeWorksheet[] {
    return this.batch.model.sheets.map((sheet, i) => {
      const item = new FakeWorksheet(this.batch, `${this.path}.items[${i}]`);
      item.pin.set(sheet);
      return item;
    });
  }

  getItem(name: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.batch, `${this.path}.getItem(${JSON.stringify(name)})`);
    this.call("getItem", "other", [name], () => {
      const found = this.batch.model.find(name);
      if (!found) throw new FakeExcelError("ItemNotFound", `There is no sheet named "${name}".`);
      sheet.pin.set(found);
    });
    return sheet;
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.batch, `${this.path}.getItemOrNullObject(${JSON.stringify(name)})`);
    this.call("getItemOrNullObject", "other", [name], () => sheet.pin.set(this.batch.model.find(name) ?? null));
    return sheet;
  }

  add(name?: string): FakeWorksheet {
    const sheet = new FakeWorksheet(this.batch, `${this.path}.add(${JSON.stringify(name ?? null)})`);
    this.call("add", "sheet", [name], () => sheet.pin.set(this.batch.model.add(name)));
    return sheet;
  }

  getActiveWorksheet(): FakeWorksheet {
    const sheet = new FakeWorksheet(this.batch, `${this.path}.getActiveWorksheet()`);
    this.call("getActiveWorksheet", "other", [], () => sheet.pin.set(this.batch.model.active));
    return sheet;
  }
}

export class FakeWorksheet extends FakeObject {
  protected readonly typeName = "Worksheet";
  readonly pin = new Pin<SheetModel>();
  private children: { protection?: FakeWorksheetProtection; autoFilter?: FakeAutoFilter; freezePanes?: FakeFreezePanes } = {};

  /** The sheet in the workbook, once the operation that finds or adds it has run. */
  sheet(): SheetModel {
    return this.pin.get(`Worksheet ${this.path}`);
  }

  protected override isMissing(): boolean {
    return this.pin.isNull;
  }

  protected override loadable() {
    return {
      name: () => this.sheet().name,
      visibility: () => this.sheet().visibility,
      tabColor: () => this.sheet().tabColor,
      position: () => this.batch.model.sheets.indexOf(this.sheet()),
    };
  }

  protected override navigation(name: string): FakeObject | undefined {
    if (name === "protection") return this.protection;
    if (name === "autoFilter") return this.autoFilter;
    if (name === "freezePanes") return this.freezePanes;
    return undefined;
  }

  get isNullObject(): boolean { return this.read("isNullObject"); }
  get name(): string { return this.read("name"); }
  get position(): number { return this.read("position"); }

  get visibility(): "Visible" | "Hidden" | "VeryHidden" { return this.read("visibility"); }
  set visibility(value: unknown) {
    this.assign("visibility", value, "sheet", () => this.batch.model.setVisibility(this.sheet(), value));
  }

  get tabColor(): string { return this.read("tabColor"); }
  set tabColor(value: unknown) {
    this.assign("tabColor", value, "sheet", () => {
      if (typeof value !== "string" || !/^(#[0-9A-Fa-f]{6})?$/.test(value)) throw new FakeExcelError("InvalidArgument", `Tab colour "${String(value)}" is not "" or #RRGGBB.`);
      this.sheet().tabColor = value;
    });
  }

  get protection(): FakeWorksheetProtection {
    return (this.children.protection ??= new FakeWorksheetProtection(this.batch, `${this.path}.protection`, this));
  }

  get autoFilter(): FakeAutoFilter {
    return (this.children.autoFilter ??= new FakeAutoFilter(this.batch, `${this.path}.autoFilter`, this));
  }

  get freezePanes(): FakeFreezePanes {
    return (this.children.freezePanes ??= new FakeFreezePanes(this.batch, `${this.path}.freezePanes`, this));
  }

  /** The whole sheet. The fake takes no address: the gateway addresses ranges by indexes. */
  getRange(address?: string): FakeRange {
    if (address !== undefined) throw notModelled(`Worksheet.getRange("${address}"); use getRangeByIndexes`);
    const range = new FakeRange(this.batch, `${this.path}.getRange()`);
    this.call("getRange", "other", [], () => range.pin.set({ sheet: this.sheet(), rect: { row: 0, column: 0, rows: MAX_ROWS, columns: MAX_COLUMNS } }));
    return range;
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    const range = new FakeRange(this.batch, `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`);
    this.call("getRangeByIndexes", "other", [startRow, startColumn, rowCount, columnCount], () => {
      const rect = { row: startRow, column: startColumn, rows: rowCount, columns: columnCount };
      if (!isValidRect(rect)) throw new FakeExcelError("InvalidArgument", `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is not a range on the sheet.`);
      range.pin.set({ sheet: this.sheet(), rect });
    });
    return range;
  }

  /** The used range by values (`valuesOnly = true`), or a null object on an empty sheet. */
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== true) throw notModelled("the used range by formats; call getUsedRangeOrNullObject(true)");
    const range = new FakeRange(this.batch, `${this.path}.getUsedRangeOrNullObject(true)`);
    this.call("getUsedRangeOrNullObject", "other", [true], () => {
      const sheet = this.sheet();
      const used = sheet.usedRange();
      range.pin.set(used && { sheet, rect: used });
    });
    return range;
  }

  activate(): void {
    this.call("activate", "sheet", [], () => this.batch.model.activate(this.sheet()));
  }
}

export class FakeWorksheetProtection extends FakeObject {
  protected readonly typeName = "WorksheetProtection";

  constructor(batch: Batch, path: string, private readonly worksheet: FakeWorksheet) {
    super(batch, path);
  }

  protected override loadable() {
    return {
      protected: () => this.worksheet.sheet().protection.protected,
      options: () => ({ ...this.worksheet.sheet().protection.options }),
    };
  }

  get protected(): boolean { return this.read("protected"); }

  protect(options?: object, password?: string): void {
    this.call("protect", "format", password === undefined ? [options] : [options, password], () => this.worksheet.sheet().protect(options, password));
  }

  unprotect(password?: string): void {
    this.call("unprotect", "format", password === undefined ? [] : [password], () => this.worksheet.sheet().unprotect(password));
  }
}

export class FakeAutoFilter extends FakeObject {
  protected readonly typeName = "AutoFilter";

  constructor(batch: Batch, path: string, private readonly worksheet: FakeWorksheet) {
    super(batch, path);
  }

  protected override loadable() {
    return {
      enabled: () => this.worksheet.sheet().autoFilter !== null,
      isDataFiltered: () => (this.worksheet.sheet().autoFilter?.criteria.length ?? 0) > 0,
    };
  }

  get enabled(): boolean { return this.read("enabled"); }
  get isDataFiltered(): boolean { return this.read("isDataFiltered"); }

  /** The filter's range, or a null object when the sheet has no AutoFilter (ExcelApi 1.9). */
  getRangeOrNullObject(): FakeRange {
    const range = new FakeRange(this.batch, `${this.path}.getRangeOrNullObject()`);
    this.call("getRangeOrNullObject", "other", [], () => {
      this.batch.requireApi("1.9", "AutoFilter.getRangeOrNullObject");
      const sheet = this.worksheet.sheet();
      range.pin.set(sheet.autoFilter && { sheet, rect: sheet.autoFilter.rect });
    });
    return range;
  }

  apply(range: unknown, columnIndex?: number, criteria?: unknown): void {
    if (!(range instanceof FakeRange)) throw notModelled("AutoFilter.apply with an address string; pass a Range");
    this.call("apply", "format", [range.path, columnIndex, criteria], () => {
      this.batch.requireApi("1.9", "AutoFilter.apply");
      const target = range.target();
      const sheet = this.worksheet.sheet();
      if (target.sheet !== sheet) throw new FakeExcelError("InvalidArgument", "The AutoFilter range is on another sheet.");
      sheet.applyAutoFilter(target.rect, columnIndex, criteria);
    });
  }

  clearCriteria(): void {
    this.call("clearCriteria", "format", [], () => {
      this.batch.requireApi("1.9", "AutoFilter.clearCriteria");
      this.worksheet.sheet().clearFilterCriteria();
    });
  }

  remove(): void {
    this.call("remove", "format", [], () => {
      this.batch.requireApi("1.9", "AutoFilter.remove");
      this.worksheet.sheet().removeAutoFilter();
    });
  }
}

export class FakeFreezePanes extends FakeObject {
  protected readonly typeName = "WorksheetFreezePanes";

  constructor(batch: Batch, path: string, private readonly worksheet: FakeWorksheet) {
    super(batch, path);
  }

  freezeRows(count = 1): void {
    this.call("freezeRows", "format", [count], () => {
      if (!Number.isInteger(count) || count < 0 || count >= MAX_ROWS) throw new FakeExcelError("InvalidArgument", `Cannot freeze ${count} rows.`);
      this.worksheet.sheet().frozenRows = count;
    });
  }

  unfreeze(): void {
    this.call("unfreeze", "format", [], () => {
      this.worksheet.sheet().frozenRows = 0;
    });
  }
}

/** Whether a flag holds in every index of a span (true), in none (false), or in some (null), as Excel reports mixed ranges. */
function allNoneOrMixed(set: ReadonlySet<number>, first: number, count: number): boolean | null {
  let hits = 0;
  for (const index of set) if (index >= first && index < first + count) hits++;
  return hits === 0 ? false : hits === count ? true : null;
}

export class FakeRange extends FakeObject {
  protected readonly typeName = "Range";
  readonly pin = new Pin<CellTarget>();
  private children: { format?: FakeRangeFormat; dataValidation?: FakeDataValidation; conditionalFormats?: FakeConditionalFormatCollection } = {};

  /** The sheet and cells, once the operation that defines the range has run. */
  target(): CellTarget {
    return this.pin.get(`Range ${this.path}`);
  }

  protected override isMissing(): boolean {
    return this.pin.isNull;
  }

  protected override loadable() {
    return {
      values: () => {
        const { sheet, rect } = this.target();
        return sheet.readValues(rect);
      },
      rowIndex: () => this.target().rect.row,
      rowCount: () => this.target().rect.rows,
      columnIndex: () => this.target().rect.column,
      columnCount: () => this.target().rect.columns,
      address: () => {
        const { sheet, rect } = this.target();
        return `${quoted(sheet.name)}!${a1(rect)}`;
      },
      columnHidden: () => {
        const { sheet, rect } = this.target();
        return allNoneOrMixed(sheet.hiddenColumns, rect.column, rect.columns);
      },
      rowHidden: () => {
        const { sheet, rect } = this.target();
        return allNoneOrMixed(sheet.hiddenRows, rect.row, rect.rows);
      },
    };
  }

  protected override navigation(name: string): FakeObject | undefined {
    if (name === "format") return this.format;
    return undefined;
  }

  get isNullObject(): boolean { return this.read("isNullObject"); }
  get rowIndex(): number { return this.read("rowIndex"); }
  get rowCount(): number { return this.read("rowCount"); }
  get columnIndex(): number { return this.read("columnIndex"); }
  get columnCount(): number { return this.read("columnCount"); }
  get address(): string { return this.read("address"); }

  get values(): (string | number | boolean)[][] { return this.read("values"); }
  set values(values: unknown) {
    this.assign("values", values, "values", () => {
      const { sheet, rect } = this.target();
      sheet.writeValues(rect, values);
    });
  }

  get numberFormat(): string | string[][] { return this.read("numberFormat"); }
  set numberFormat(format: unknown) {
    this.assign("numberFormat", format, "format", () => {
      const { sheet, rect } = this.target();
      sheet.setNumberFormat(rect, format);
    });
  }

  get columnHidden(): boolean { return this.read("columnHidden"); }
  set columnHidden(hidden: unknown) {
    this.assign("columnHidden", hidden, "format", () => {
      const { sheet, rect } = this.target();
      sheet.setColumnsHidden(rect, Boolean(hidden));
    });
  }

  get rowHidden(): boolean { return this.read("rowHidden"); }
  set rowHidden(hidden: unknown) {
    this.assign("rowHidden", hidden, "format", () => {
      const { sheet, rect } = this.target();
      sheet.setRowsHidden(rect, Boolean(hidden));
    });
  }

  get format(): FakeRangeFormat {
    return (this.children.format ??= new FakeRangeFormat(this.batch, `${this.path}.format`, this));
  }

  get dataValidation(): FakeDataValidation {
    return (this.children.dataValidation ??= new FakeDataValidation(this.batch, `${this.path}.dataValidation`, this));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this.children.conditionalFormats ??= new FakeConditionalFormatCollection(this.batch, `${this.path}.conditionalFormats`, this));
  }

  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.call("clear", "format", [applyTo], () => {
      if (applyTo !== "All" && applyTo !== "Contents" && applyTo !== "Formats") throw notModelled(`Range.clear("${String(applyTo)}")`);
      const { sheet, rect } = this.target();
      sheet.clear(rect, applyTo);
    });
  }

  select(): void {
    this.call("select", "sheet", [], () => {
      const { sheet, rect } = this.target();
      this.batch.model.activate(sheet);
      sheet.selection = [rect];
    });
  }

  /** Only the visible cells are modelled (ExcelApi 1.9). */
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    if (cellType !== "Visible") throw notModelled(`getSpecialCells("${cellType}")`);
    const areas = new FakeRangeAreas(this.batch, `${this.path}.getSpecialCellsOrNullObject("Visible")`);
    this.call("getSpecialCellsOrNullObject", "other", [cellType], () => {
      this.batch.requireApi("1.9", "Range.getSpecialCellsOrNullObject");
      const { sheet, rect } = this.target();
      const visible = sheet.visibleAreas(rect);
      areas.pin.set(visible.length > 0 ? { sheet, areas: visible } : null);
    });
    return areas;
  }
}

/** Sub-objects of a range (format, fill, font, ...) act on their range's cells. */
abstract class RangePart extends FakeObject {
  constructor(batch: Batch, path: string, protected readonly range: FakeRange) {
    super(batch, path);
  }
}

export class FakeRangeFormat extends RangePart {
  protected readonly typeName = "RangeFormat";
  private parts: { fill?: FakeRangeFill; font?: FakeRangeFont; protection?: FakeFormatProtection } = {};

  protected override loadable() {
    return {
      columnWidth: () => {
        const { sheet, rect } = this.range.target();
        return sheet.columnWidths.get(rect.column) ?? null;
      },
    };
  }

  get columnWidth(): number { return this.read("columnWidth"); }
  set columnWidth(points: unknown) {
    this.assign("columnWidth", points, "format", () => {
      const { sheet, rect } = this.range.target();
      sheet.setColumnWidth(rect, points);
    });
  }

  get fill(): FakeRangeFill {
    return (this.parts.fill ??= new FakeRangeFill(this.batch, `${this.path}.fill`, this.range));
  }

  get font(): FakeRangeFont {
    return (this.parts.font ??= new FakeRangeFont(this.batch, `${this.path}.font`, this.range));
  }

  get protection(): FakeFormatProtection {
    return (this.parts.protection ??= new FakeFormatProtection(this.batch, `${this.path}.protection`, this.range));
  }
}

export class FakeRangeFill extends RangePart {
  protected readonly typeName = "RangeFill";

  get color(): string { return this.read("color"); }
  set color(color: unknown) {
    this.assign("color", color, "format", () => {
      if (typeof color !== "string" || !/^#[0-9A-Fa-f]{6}$/.test(color)) throw new FakeExcelError("InvalidArgument", `Fill colour "${String(color)}" is not #RRGGBB.`);
      const { sheet, rect } = this.range.target();
      sheet.setFormat(sheet.fill, rect, color.toUpperCase());
    });
  }
}

export class FakeRangeFont extends RangePart {
  protected readonly typeName = "RangeFont";

  get bold(): boolean { return this.read("bold"); }
  set bold(bold: unknown) {
    this.assign("bold", bold, "format", () => {
      const { sheet, rect } = this.range.target();
      sheet.setFormat(sheet.bold, rect, Boolean(bold));
    });
  }
}

export class FakeFormatProtection extends RangePart {
  protected readonly typeName = "FormatProtection";

  get locked(): boolean { return this.read("locked"); }
  set locked(locked: unknown) {
    this.assign("locked", locked, "format", () => {
      const { sheet, rect } = this.range.target();
      sheet.setFormat(sheet.locked, rect, Boolean(locked));
    });
  }
}

export class FakeDataValidation extends RangePart {
  protected readonly typeName = "DataValidation";

  get rule(): { list?: { inCellDropDown: boolean; source: string } } { return this.read("rule"); }
  set rule(rule: unknown) {
    this.assign("rule", rule, "format", () => {
      const { sheet, rect } = this.range.target();
      sheet.setValidationRule(rect, rule);
    });
  }

  get errorAlert(): { showAlert: boolean; style: string; title: string; message: string } { return this.read("errorAlert"); }
  set errorAlert(alert: unknown) {
    this.assign("errorAlert", alert, "format", () => {
      const { sheet, rect } = this.range.target();
      sheet.setValidationAlert(rect, alert);
    });
  }

  clear(): void {
    this.call("clear", "format", [], () => {
      const { sheet, rect } = this.range.target();
      sheet.clearValidation(rect);
    });
  }
}

export class FakeConditionalFormatCollection extends RangePart {
  protected readonly typeName = "ConditionalFormatCollection";

  /** Adds a conditional format at the top priority (only the custom, formula-based kind is modelled). */
  add(type: string): FakeConditionalFormat {
    const format = new FakeConditionalFormat(this.batch, `${this.path}.add(${JSON.stringify(type)})`);
    this.call("add", "format", [type], () => {
      const { sheet, rect } = this.range.target();
      format.pin.set({ sheet, format: sheet.addConditionalFormat(rect, type) });
    });
    return format;
  }

  clearAll(): void {
    this.call("clearAll", "format", [], () => {
      const { sheet, rect } = this.range.target();
      sheet.clearConditionalFormats(rect);
    });
  }
}

type FormatTarget = { readonly sheet: SheetModel; readonly format: CustomConditionalFormat };

export class FakeConditionalFormat extends FakeObject {
  protected readonly typeName = "ConditionalFormat";
  readonly pin = new Pin<FormatTarget>();
  readonly custom = new FakeCustomConditionalFormat(this.batch, `${this.path}.custom`, this.pin);
}

export class FakeCustomConditionalFormat extends FakeObject {
  protected readonly typeName = "CustomConditionalFormat";
  readonly rule: FakeConditionalFormatRule;
  readonly format: FakeConditionalRangeFormat;

  constructor(batch: Batch, path: string, pin: Pin<FormatTarget>) {
    super(batch, path);
    this.rule = new FakeConditionalFormatRule(batch, `${path}.rule`, pin);
    this.format = new FakeConditionalRangeFormat(batch, `${path}.format`, pin);
  }
}

export class FakeConditionalFormatRule extends FakeObject {
  protected readonly typeName = "ConditionalFormatRule";

  constructor(batch: Batch, path: string, private readonly pin: Pin<FormatTarget>) {
    super(batch, path);
  }

  get formula(): string { return this.read("formula"); }
  set formula(formula: unknown) {
    this.assign("formula", formula, "format", () => {
      if (typeof formula !== "string" || !formula.startsWith("=")) throw new FakeExcelError("InvalidArgument", `A conditional format rule must be a formula starting with "=", not ${JSON.stringify(formula)}.`);
      const { sheet, format } = this.pin.get("ConditionalFormat");
      sheet.editConditionalFormat(() => { format.formula = formula; });
    });
  }
}

export class FakeConditionalRangeFormat extends FakeObject {
  protected readonly typeName = "ConditionalRangeFormat";
  readonly fill: FakeConditionalRangeFill;

  constructor(batch: Batch, path: string, pin: Pin<FormatTarget>) {
    super(batch, path);
    this.fill = new FakeConditionalRangeFill(batch, `${path}.fill`, pin);
  }
}

export class FakeConditionalRangeFill extends FakeObject {
  protected readonly typeName = "ConditionalRangeFill";

  constructor(batch: Batch, path: string, private readonly pin: Pin<FormatTarget>) {
    super(batch, path);
  }

  get color(): string { return this.read("color"); }
  set color(color: unknown) {
    this.assign("color", color, "format", () => {
      if (typeof color !== "string" || !/^#[0-9A-Fa-f]{6}$/.test(color)) throw new FakeExcelError("InvalidArgument", `Fill colour "${String(color)}" is not #RRGGBB.`);
      const { sheet, format } = this.pin.get("ConditionalFormat");
      sheet.editConditionalFormat(() => { format.fill = color.toUpperCase(); });
    });
  }
}

type AreasTarget = { readonly sheet: SheetModel; readonly areas: readonly Rect[] };

export class FakeRangeAreas extends FakeObject {
  protected readonly typeName = "RangeAreas";
  readonly pin = new Pin<AreasTarget>();
  readonly areas = new FakeRangeCollection(this.batch, `${this.path}.areas`, this.pin);

  protected override isMissing(): boolean {
    return this.pin.isNull;
  }

  protected override loadable() {
    return {
      areaCount: () => this.pin.get("RangeAreas").areas.length,
      address: () => {
        const { sheet, areas } = this.pin.get("RangeAreas");
        return areas.map((rect) => `${quoted(sheet.name)}!${a1(rect)}`).join(",");
      },
    };
  }

  protected override navigation(name: string): FakeObject | undefined {
    return name === "areas" ? this.areas : undefined;
  }

  get isNullObject(): boolean { return this.read("isNullObject"); }
  get areaCount(): number { return this.read("areaCount"); }
  get address(): string { return this.read("address"); }
}

export class FakeRangeCollection extends FakeCollection<FakeRange> {
  protected readonly typeName = "RangeCollection";

  constructor(batch: Batch, path: string, private readonly owner: Pin<AreasTarget>) {
    super(batch, path);
  }

  protected currentItems(): FakeRange[] {
    const { sheet, areas } = this.owner.get("RangeAreas");
    return areas.map((rect, i) => {
      const range = new FakeRange(this.batch, `${this.path}.items[${i}]`);
      range.pin.set({ sheet, rect });
      return range;
    });
  }
}
