import { supportsExcelApi, type FakeHostState, type OperationKind, type Platform, type SyncRecord } from "./batch";
import { isFormula, shownValue } from "./cell-entry";
import { a1, containsCell, isValidRect, type Rect } from "./geometry";
import { FakeRequestContext } from "./objects";
import type { SheetModel, Visibility } from "./sheet";
import { WorkbookModel, type FakeWorkbookJson } from "./workbook";

/**
 * A strict in-memory Excel, usable as the global `Excel` namespace: the office
 * gateway runs on it unchanged in unit tests, in the command line's in-memory
 * cross-checks and in the task pane's browser preview outside Office. It models
 * only what the gateway uses, and models it strictly: properties unreadable
 * until loaded and synced, 5 MB per request on the web, text versus formula by
 * number format, protection, hidden and very hidden sheets. Browser-safe: no
 * Node APIs.
 */

export type { FakeWorkbookJson } from "./workbook";
export type { OperationKind, Platform, SyncRecord } from "./batch";
export { FakeExcelError } from "./errors";
export { NOT_CALCULATED } from "./cell-entry";
export { FakeRequestContext } from "./objects";

export interface FakeExcelOptions {
  /** "web" (the default) enforces Excel on the web's 5 MB request and response limit. */
  readonly platform?: Platform;
  /** The highest ExcelApi requirement set this Excel supports; calls above it fail with ApiNotFound. Default "1.17". */
  readonly apiVersion?: string;
  /** The request and response limit on the web. Default 5 MB, as documented; tests may lower it. */
  readonly payloadLimitBytes?: number;
  /** Opens a saved workbook instead of a blank one. */
  readonly workbook?: FakeWorkbookJson;
}

export interface CellView {
  /** What `range.values` returns: NOT_CALCULATED for a formula. */
  readonly value: string | number | boolean;
  /** The formula, when the cell holds one; null when it holds a value (the point of the injection tests). */
  readonly formula: string | null;
  readonly numberFormat: string;
  readonly locked: boolean;
  readonly fill: string | null;
  readonly bold: boolean;
}

export interface SheetView {
  readonly name: string;
  readonly visibility: Visibility;
  readonly tabColor: string;
  readonly frozenRows: number;
  readonly protection: { readonly protected: boolean; readonly options: Readonly<Record<string, boolean>> };
  /** Used range by values, e.g. "A1:D10", or null on an empty sheet. */
  readonly usedRange: string | null;
  readonly autoFilter: { readonly address: string; readonly criteria: readonly { column: number; criterion1: string }[] } | null;
  readonly hiddenRows: readonly number[];
  readonly hiddenColumns: readonly number[];
  /** Column width in points, by 0-based column; absent for default widths. */
  readonly columnWidths: Readonly<Record<number, number>>;
  readonly validations: readonly { readonly address: string; readonly source: string; readonly inCellDropDown: boolean; readonly alertStyle?: string }[];
  readonly conditionalFormats: readonly { readonly address: string; readonly formula: string; readonly fill: string | null }[];
}

/** Looks inside the workbook without going through Office.js: for assertions, not for product code. */
export interface FakeInspector {
  sheetNames(): string[];
  activeSheet(): string;
  sheet(name: string): SheetView;
  /** A cell by 0-based worksheet indexes (row 0 is the header row). */
  cell(sheet: string, row: number, column: number): CellView;
  /** Every formula in the workbook. */
  formulas(): { sheet: string; row: number; column: number; formula: string }[];
}

/** What a person at the keyboard does, for tests of what the workbook lets them do. */
export interface FakeUser {
  /** Activates a sheet and selects these areas on it (click, then Ctrl+click). */
  select(sheet: string, areas: readonly Rect[]): void;
  /** Types into a cell; refused, as in Excel, on a locked cell of a protected sheet. */
  type(sheet: string, row: number, column: number, value: string | number | boolean): void;
}

export interface FakeExcel {
  run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  readonly SheetVisibility: { readonly visible: "Visible"; readonly hidden: "Hidden"; readonly veryHidden: "VeryHidden" };
  readonly ConditionalFormatType: { readonly custom: "Custom" };
  readonly FilterOn: { readonly custom: "Custom" };
  readonly SpecialCellType: { readonly visible: "Visible" };
  readonly ClearApplyTo: { readonly all: "All"; readonly contents: "Contents"; readonly formats: "Formats" };
  readonly DataValidationAlertStyle: { readonly stop: "Stop"; readonly warning: "Warning"; readonly information: "Information" };

  // ---- not Office.js: hooks for tests, the preview and the command line ----
  readonly platform: Platform;
  /** Office.context.requirements.isSetSupported for this Excel. */
  isSetSupported(set: string, version: string): boolean;
  /** Every context.sync() so far, refused ones included. */
  readonly syncs: readonly SyncRecord[];
  resetSyncs(): void;
  /** Operations of one kind over all syncs so far. */
  operationCount(kind: OperationKind): number;
  /** Saves the workbook, as closing the file would. */
  toJSON(): FakeWorkbookJson;
  /** Opens a saved workbook in place of the current one, as reopening the file would. */
  fromJSON(json: unknown): void;
  readonly inspect: FakeInspector;
  readonly user: FakeUser;
}

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const state: FakeHostState = {
    platform: options.platform ?? "web",
    apiVersion: options.apiVersion ?? "1.17",
    payloadLimitBytes: options.payloadLimitBytes ?? 5 * 1024 * 1024,
    model: options.workbook ? WorkbookModel.fromJSON(options.workbook) : WorkbookModel.blank(),
    syncs: [],
  };

  const sheet = (name: string): SheetModel => {
    const found = state.model.find(name);
    if (!found) throw new Error(`The in-memory workbook has no sheet named "${name}".`);
    return found;
  };

  const inspect: FakeInspector = {
    sheetNames: () => state.model.sheets.map((s) => s.name),
    activeSheet: () => state.model.active.name,
    sheet: (name) => {
      const s = sheet(name);
      const used = s.usedRange();
      return {
        name: s.name,
        visibility: s.visibility,
        tabColor: s.tabColor,
        frozenRows: s.frozenRows,
        protection: { protected: s.protection.protected, options: { ...s.protection.options } },
        usedRange: used && a1(used),
        autoFilter: s.autoFilter && {
          address: a1(s.autoFilter.rect),
          criteria: s.autoFilter.criteria.map((c) => ({ column: c.column, criterion1: c.criterion1 })),
        },
        hiddenRows: [...s.hiddenRows].sort((a, b) => a - b),
        hiddenColumns: [...s.hiddenColumns].sort((a, b) => a - b),
        columnWidths: Object.fromEntries(s.columnWidths),
        validations: s.validations.map((v) => ({
          address: a1(v.rect), source: v.source, inCellDropDown: v.inCellDropDown, ...(v.errorAlert ? { alertStyle: v.errorAlert.style } : {}),
        })),
        conditionalFormats: s.conditionalFormats.map((f) => ({ address: a1(f.rect), formula: f.formula, fill: f.fill })),
      };
    },
    cell: (name, row, column) => {
      const s = sheet(name);
      const stored = s.cell(row, column);
      return {
        value: shownValue(stored),
        formula: isFormula(stored) ? stored.formula : null,
        numberFormat: s.numberFormat.at(row, column),
        locked: s.locked.at(row, column),
        fill: s.fill.at(row, column),
        bold: s.bold.at(row, column),
      };
    },
    formulas: () => state.model.sheets.flatMap((s) => s.formulaCells().map((f) => ({ sheet: s.name, ...f }))),
  };

  const user: FakeUser = {
    select: (name, areas) => {
      const s = sheet(name);
      if (areas.length === 0 || !areas.every(isValidRect)) throw new Error("Select at least one valid area.");
      state.model.activate(s);
      s.selection = areas.map((r) => ({ ...r }));
    },
    type: (name, row, column, value) => {
      const s = sheet(name);
      // Typing, unlike an add-in's write or a paste, is checked against a dropdown that stops bad entries.
      const list = s.validations.find((v) => containsCell(v.rect, row, column) && (v.errorAlert?.style ?? "Stop") === "Stop");
      const choices = list?.source.split(",").map((choice) => choice.trim().toLowerCase());
      if (choices && value !== "" && !choices.includes(String(value).toLowerCase())) {
        throw new Error(`Excel refuses "${value}" in ${name}!${a1({ row, column, rows: 1, columns: 1 })}: it is not one of ${list!.source}.`);
      }
      s.writeValues({ row, column, rows: 1, columns: 1 }, [[value]]);
    },
  };

  return {
    async run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> {
      const context = new FakeRequestContext(state);
      try {
        const result = await batch(context);
        // Excel.run sends whatever the batch queued after its last sync.
        if (context.pending > 0) await context.sync();
        return result;
      } finally {
        context.finish();
      }
    },
    SheetVisibility: { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" },
    ConditionalFormatType: { custom: "Custom" },
    FilterOn: { custom: "Custom" },
    SpecialCellType: { visible: "Visible" },
    ClearApplyTo: { all: "All", contents: "Contents", formats: "Formats" },
    DataValidationAlertStyle: { stop: "Stop", warning: "Warning", information: "Information" },
    platform: state.platform,
    isSetSupported: (set, version) => supportsExcelApi(state, set, version),
    get syncs() {
      return state.syncs;
    },
    resetSyncs: () => {
      state.syncs.length = 0;
    },
    operationCount: (kind) => state.syncs.reduce((n, s) => n + s.operations.filter((op) => op.kind === kind).length, 0),
    toJSON: () => state.model.toJSON(),
    fromJSON: (json) => {
      state.model = WorkbookModel.fromJSON(json);
    },
    inspect,
    user,
  };
}
