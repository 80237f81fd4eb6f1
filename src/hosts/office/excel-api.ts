/**
 * The part of the Excel JavaScript API (Office.js) the office gateway uses, and
 * nothing more. The gateway is written against these types, so two things are
 * checked by the compiler: the real Office.js typings have every call used here
 * (see the assertion at the end), and the in-memory fake Excel implements them
 * (src/hosts/fake-excel). Requirement sets are noted per call; the manifest's
 * floor is ExcelApi 1.9.
 */

export type ExcelCellValue = string | number | boolean | null;
export type SheetVisibilityValue = "Visible" | "Hidden" | "VeryHidden";

export interface ExcelApi {
  run<T>(batch: (context: ExcelContext) => Promise<T>): Promise<T>;
  readonly SheetVisibility: { readonly visible: "Visible"; readonly veryHidden: "VeryHidden" };
  readonly ConditionalFormatType: { readonly custom: "Custom" };
  readonly FilterOn: { readonly custom: "Custom" };
  readonly SpecialCellType: { readonly visible: "Visible" };
  readonly ClearApplyTo: { readonly all: "All" };
  readonly DataValidationAlertStyle: { readonly stop: "Stop" };
}

export interface ExcelContext {
  readonly workbook: XlWorkbook;
  readonly application: XlApplication;
  sync(): Promise<void>;
}

export interface XlApplication {
  /** ExcelApi 1.1. */
  calculate(calculationType: "Full"): void;
  /** ExcelApi 1.6. Calculation resumes at the next sync; recalculating is then up to the add-in. */
  suspendApiCalculationUntilNextSync(): void;
  /** ExcelApi 1.9; checked at run time before use. */
  suspendScreenUpdatingUntilNextSync(): void;
}

export interface XlWorkbook {
  readonly worksheets: XlWorksheetCollection;
  /** ExcelApi 1.9. */
  getSelectedRanges(): XlRangeAreas;
}

export interface XlWorksheetCollection {
  readonly items: XlWorksheet[];
  load(propertyNames: string): unknown;
  getItem(name: string): XlWorksheet;
  add(name?: string): XlWorksheet;
  getActiveWorksheet(): XlWorksheet;
}

export interface XlWorksheet {
  readonly name: string;
  visibility: SheetVisibilityValue;
  tabColor: string;
  readonly protection: XlWorksheetProtection;
  /** ExcelApi 1.9. */
  readonly autoFilter: XlAutoFilter;
  readonly freezePanes: XlFreezePanes;
  load(propertyNames: string): unknown;
  getRange(address?: string): XlRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XlRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange;
  activate(): void;
}

export interface XlProtectionOptions {
  readonly allowAutoFilter?: boolean;
  readonly allowFormatColumns?: boolean;
  readonly allowFormatRows?: boolean;
}

export interface XlWorksheetProtection {
  readonly protected: boolean;
  load(propertyNames: string): unknown;
  protect(options?: XlProtectionOptions, password?: string): void;
  unprotect(password?: string): void;
}

export interface XlFilterCriteria {
  readonly filterOn: "Custom";
  readonly criterion1: string;
}

export interface XlAutoFilter {
  readonly enabled: boolean;
  load(propertyNames: string): unknown;
  getRangeOrNullObject(): XlRange;
  apply(range: XlRange | string, columnIndex?: number, criteria?: XlFilterCriteria): void;
  clearCriteria(): void;
  remove(): void;
}

export interface XlFreezePanes {
  freezeRows(count?: number): void;
  unfreeze(): void;
}

export interface XlRange {
  readonly isNullObject: boolean;
  readonly rowIndex: number;
  readonly rowCount: number;
  readonly columnIndex: number;
  readonly columnCount: number;
  /** Read: "" for empty cells. Write: null leaves a cell alone, "" empties it. */
  values: ExcelCellValue[][];
  /** A scalar applies to every cell of the range (the typings say any[][]). */
  numberFormat: string | string[][];
  columnHidden: boolean;
  rowHidden: boolean;
  readonly format: XlRangeFormat;
  readonly dataValidation: XlDataValidation;
  readonly conditionalFormats: XlConditionalFormatCollection;
  load(propertyNames: string): unknown;
  clear(applyTo?: "All"): void;
  select(): void;
  /** ExcelApi 1.9. */
  getSpecialCellsOrNullObject(cellType: "Visible"): XlRangeAreas;
}

export interface XlRangeFormat {
  /** In points. */
  columnWidth: number;
  readonly fill: { color: string };
  readonly font: { bold: boolean };
  readonly protection: { locked: boolean };
}

export interface XlDataValidation {
  rule: { list?: { inCellDropDown: boolean; source: string | object } };
  errorAlert: { showAlert: boolean; style: string; title: string; message: string };
  clear(): void;
}

export interface XlConditionalFormatCollection {
  /** Adds at the top priority, so a rule added later wins over earlier ones. */
  add(type: "Custom"): XlConditionalFormat;
  clearAll(): void;
}

export interface XlConditionalFormat {
  readonly custom: {
    readonly rule: { formula: string };
    readonly format: { readonly fill: { color: string } };
  };
}

export interface XlRangeAreas {
  readonly isNullObject: boolean;
  readonly areas: { readonly items: XlRange[] };
  load(propertyNames: string): unknown;
}

type Assert<T extends true> = T;
/** Compile-time proof that Office.js has everything above: tsc fails here if the gateway used a call Excel does not have. */
export type OfficeJsProvidesTheGatewayApi = Assert<typeof Excel extends ExcelApi ? true : false>;
