import { createRequire } from "node:module";
import { EXCEL_LIMITS } from "../../workbook/gateway";

/**
 * Gaps in ExcelJS 4.4 that matter for the IMS workbook (six in what it reads
 * and writes, one in its speed), closed by wrapping its XML readers and
 * writers once, when this module is first imported.
 * The wrapped classes are ExcelJS internals (it has no extension points), so the
 * tests in test/hosts/xlsx check each behaviour on real files and fail if an
 * ExcelJS update moves them.
 *
 * 1. Reading a dropdown applied to a range expands it into one entry per cell:
 *    a workbook saved by Excel with a whole-column dropdown (C2:C1048576) takes
 *    minutes and gigabytes to open (exceljs/exceljs#1842, #2929). The ranges are
 *    kept whole instead; ExcelJS's writer already accepts range keys.
 * 2. An AutoFilter is written without the `_xlnm._FilterDatabase` name Excel
 *    itself writes, and LibreOffice drops such a filter on opening. The name is
 *    written for every sheet with an AutoFilter; names read from a file are
 *    dropped on reading (ExcelJS would otherwise expand them cell by cell and
 *    then write them twice).
 * 3. AutoFilter criteria are neither read nor written, so "show only rows with
 *    errors" would be bare hidden rows that Excel's Clear Filter does not bring
 *    back. The one criterion the product uses, "non-blanks" on a column, is
 *    read and written as Excel writes it.
 * 4. Number formats lose their backslash escapes on reading, so the Indian
 *    grouping `##\,##\,##0.00` would come back as `##,##,##0.00` (Western
 *    grouping) after any command re-saves a workbook. Formats are kept as written.
 * 5. A sheet's XML is built as one list of small texts (several per cell) joined
 *    once at the end: tens of millions of texts for a large sheet, and a join
 *    that is slow at that length. The list is joined block by block as it grows,
 *    never while a part written may still be taken back (ExcelJS's rollback).
 *    Saving a workbook of 1,00,000 records took 28 s with a peak of 2.9 GB, and
 *    takes 16 s with 1.9 GB (docs/performance.md).
 * 6. Reading a column range (`<col min="3" max="16384">`, as Excel writes for
 *    formatting to the sheet's edge) makes one object per column, so a damaged
 *    file's `max="2147483647"` runs out of memory before anything can refuse it.
 *    Ranges end at Excel's last column (16,384).
 * 7. A sheet's id (`sheetId`) is its place in ExcelJS's list of sheets, so a
 *    damaged `sheetId="2147483648"` makes every later look at the list take
 *    hours. An id that is not a whole number from 1 to 10,00,000 is refused as
 *    damage, which the workbook's reader reports.
 */

const require = createRequire(import.meta.url);

/** An AutoFilter over `ref` with a "non-blanks" criterion on some of its columns (0-based, relative to ref). */
export interface NonBlankAutoFilter {
  readonly ref: string;
  readonly nonBlankColumns: readonly number[];
}

export function isNonBlankAutoFilter(value: unknown): value is NonBlankAutoFilter {
  return typeof value === "object" && value !== null && typeof (value as NonBlankAutoFilter).ref === "string" && Array.isArray((value as NonBlankAutoFilter).nonBlankColumns);
}

/** The range an AutoFilter covers, whatever shape ExcelJS or this module gave it. */
export function autoFilterRef(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (isNonBlankAutoFilter(value)) return value.ref;
  return undefined;
}

interface XmlNode {
  name: string;
  attributes: Record<string, string>;
}

interface XmlStream {
  openNode(name: string, attributes?: Record<string, unknown>): void;
  leafNode(name: string, attributes?: Record<string, unknown>): void;
  writeText(text: unknown): void;
  closeNode(): void;
  addRollback(): void;
  rollback(): void;
}

/** What ExcelJS's XmlStream holds: the texts written since the last block, and the rollbacks pending. */
interface XmlStreamInternals extends XmlStream {
  _xml: string[];
  _rollbacks: unknown[];
  /** The blocks joined so far (added by this module). */
  _blocks?: string[];
  closeAll(): void;
}

interface DefinedNameModel {
  name: string;
  ranges: string[];
  localSheetId?: number;
}

interface WorkbookModel {
  sheets: { name: string; id?: number; autoFilter?: unknown }[];
  definedNames: DefinedNameModel[];
}

interface Xform<M> {
  model: M;
  parseOpen(node: XmlNode): boolean | undefined;
  parseText(text: string): void;
  parseClose(name: string): boolean | undefined;
  render(xmlStream: XmlStream, model: M): void;
}

interface XformClass<M> {
  prototype: Xform<M> & Record<string, unknown>;
}

interface WorkbookXformPrototype {
  prepare(model: WorkbookModel): void;
  reconcile(model: WorkbookModel): void;
}

const colCache = require("exceljs/lib/utils/col-cache.js") as {
  decodeEx(address: string): { top?: number; left?: number; bottom?: number; right?: number; dimensions?: string };
  n2l(column: number): string;
};
const DataValidationsXform = require("exceljs/lib/xlsx/xform/sheet/data-validations-xform.js") as XformClass<Record<string, unknown>>;
const AutoFilterXform = require("exceljs/lib/xlsx/xform/sheet/auto-filter-xform.js") as XformClass<unknown>;
const NumFmtXform = require("exceljs/lib/xlsx/xform/style/numfmt-xform.js") as XformClass<{ id: number; formatCode: string }>;
const WorkbookXform = require("exceljs/lib/xlsx/xform/book/workbook-xform.js") as { prototype: WorkbookXformPrototype };
const ColXform = require("exceljs/lib/xlsx/xform/sheet/col-xform.js") as XformClass<{ min: number; max: number } | undefined>;
/** ExcelJS's XML writer, exported for the test of patch 5. */
export const ExcelJsXmlStream = require("exceljs/lib/utils/xml-stream.js") as { new (): XmlStream & { readonly xml: string }; prototype: XmlStreamInternals };
/** Texts held before they are joined into a block (patch 5): about 1,000 cells. */
export const XML_BLOCK_TEXTS = 10_000;

const FILTER_DATABASE = "_xlnm._FilterDatabase";
/** Excel writes "(Non blanks)" as a custom filter "not equal to a space". */
const NON_BLANK = { operator: "notEqual", val: " " };

function keepDataValidationRangesWhole(): void {
  const proto = DataValidationsXform.prototype;
  const originalParseClose = proto.parseClose;
  proto.parseClose = function (this: Xform<Record<string, unknown>> & { _address: string; _dataValidation: Record<string, unknown> }, name: string) {
    if (name !== "dataValidation") return originalParseClose.call(this, name);
    const validation = this._dataValidation;
    if (!Array.isArray(validation.formulae) || validation.formulae.length === 0) {
      delete validation.formulae;
      delete validation.operator;
    }
    for (const address of this._address.split(/\s+/).filter(Boolean)) {
      // Normalised ("C2:C9", never "C9:C2"), the form ExcelJS's writer looks ranges up by.
      const key = address.includes(":") ? colCache.decodeEx(address).dimensions ?? address : address;
      this.model[key] = validation;
    }
    return true;
  };
}

function writeFilterDatabaseNames(): void {
  const proto = WorkbookXform.prototype;
  const originalPrepare = proto.prepare;
  proto.prepare = function (this: WorkbookXformPrototype, model: WorkbookModel) {
    originalPrepare.call(this, model);
    model.definedNames = model.definedNames.filter((d) => d.name !== FILTER_DATABASE);
    model.sheets.forEach((sheet, index) => {
      const ref = autoFilterRef(sheet.autoFilter);
      const range = ref ? colCache.decodeEx(ref) : undefined;
      if (!range || range.top === undefined || range.left === undefined || range.bottom === undefined || range.right === undefined) return;
      const absolute = `$${colCache.n2l(range.left)}$${range.top}:$${colCache.n2l(range.right)}$${range.bottom}`;
      model.definedNames.push({ name: FILTER_DATABASE, localSheetId: index, ranges: [`'${sheet.name.replace(/'/g, "''")}'!${absolute}`] });
    });
  };
  const originalReconcile = proto.reconcile;
  proto.reconcile = function (this: WorkbookXformPrototype, model: WorkbookModel) {
    model.definedNames = (model.definedNames ?? []).filter((d) => d.name !== FILTER_DATABASE);
    originalReconcile.call(this, model);
  };
}

function readAndWriteNonBlankCriteria(): void {
  const proto = AutoFilterXform.prototype as Xform<unknown> & {
    _ref?: string;
    _column?: number;
    _columnIsNonBlank?: boolean;
    _nonBlank?: number[];
  };
  const originalRender = proto.render;
  proto.render = function (xmlStream: XmlStream, model: unknown) {
    if (!isNonBlankAutoFilter(model) || model.nonBlankColumns.length === 0) {
      originalRender.call(this, xmlStream, isNonBlankAutoFilter(model) ? model.ref : model);
      return;
    }
    xmlStream.openNode("autoFilter", { ref: model.ref });
    for (const column of model.nonBlankColumns) {
      xmlStream.openNode("filterColumn", { colId: column });
      xmlStream.openNode("customFilters");
      xmlStream.leafNode("customFilter", NON_BLANK);
      xmlStream.closeNode();
      xmlStream.closeNode();
    }
    xmlStream.closeNode();
  };
  proto.parseOpen = function (this: typeof proto, node: XmlNode) {
    switch (node.name) {
      case "autoFilter":
        this._ref = node.attributes.ref;
        this._nonBlank = [];
        this.model = this._ref;
        return true;
      case "filterColumn":
        this._column = Number(node.attributes.colId);
        this._columnIsNonBlank = undefined;
        return true;
      case "customFilters":
        return true;
      case "customFilter": {
        const nonBlank = node.attributes.operator === NON_BLANK.operator && node.attributes.val === NON_BLANK.val;
        this._columnIsNonBlank = (this._columnIsNonBlank ?? true) && nonBlank;
        return true;
      }
      default:
        // Any other criterion (values, colours, top 10 ...) is not the product's and is not kept.
        this._columnIsNonBlank = false;
        return true;
    }
  };
  proto.parseText = function () {};
  proto.parseClose = function (this: typeof proto, name: string) {
    if (name === "filterColumn" && this._columnIsNonBlank && Number.isInteger(this._column)) this._nonBlank?.push(this._column as number);
    if (name !== "autoFilter") return true;
    const nonBlank = this._nonBlank ?? [];
    this.model = nonBlank.length > 0 && this._ref ? ({ ref: this._ref, nonBlankColumns: nonBlank } satisfies NonBlankAutoFilter) : this._ref;
    return false;
  };
}

function keepNumberFormatsAsWritten(): void {
  NumFmtXform.prototype.parseOpen = function (this: Xform<{ id: number; formatCode: string }>, node: XmlNode) {
    if (node.name !== "numFmt") return false;
    this.model = { id: parseInt(node.attributes.numFmtId, 10), formatCode: node.attributes.formatCode };
    return true;
  };
}

function joinXmlInBlocks(): void {
  const proto = ExcelJsXmlStream.prototype;
  const originalOpenNode = proto.openNode;
  proto.openNode = function (this: XmlStreamInternals, name: string, attributes?: Record<string, unknown>) {
    // A rollback takes back the texts after a position in the list, so none is joined while one is pending.
    if (this._xml.length >= XML_BLOCK_TEXTS && this._rollbacks.length === 0) {
      (this._blocks ??= []).push(this._xml.join(""));
      this._xml = [];
    }
    originalOpenNode.call(this, name, attributes);
  };
  Object.defineProperty(proto, "xml", {
    configurable: true,
    get(this: XmlStreamInternals) {
      this.closeAll();
      const rest = this._xml.join("");
      return this._blocks ? this._blocks.join("") + rest : rest;
    },
  });
}

function endColumnRangesAtTheLastColumn(): void {
  const proto = ColXform.prototype;
  const originalParseOpen = proto.parseOpen;
  proto.parseOpen = function (this: Xform<{ min: number; max: number } | undefined>, node: XmlNode) {
    const result = originalParseOpen.call(this, node);
    if (node.name === "col" && this.model) {
      this.model.min = Math.min(this.model.min, EXCEL_LIMITS.columns);
      this.model.max = Math.min(this.model.max, EXCEL_LIMITS.columns);
    }
    return result;
  };
}

/** Far more sheets than any workbook is given over its life, each sheet added taking the next id. */
const MAX_SHEET_ID = 1_000_000;

function refuseSheetIdsNoWorkbookHas(): void {
  const proto = WorkbookXform.prototype;
  const originalReconcile = proto.reconcile;
  proto.reconcile = function (this: WorkbookXformPrototype, model: WorkbookModel) {
    for (const sheet of model.sheets ?? []) {
      const id = sheet.id;
      if (!(Number.isInteger(id) && id! >= 1 && id! <= MAX_SHEET_ID)) throw new Error(`The sheet "${sheet.name}" has the id ${id}, which no workbook has.`);
    }
    originalReconcile.call(this, model);
  };
}

keepDataValidationRangesWhole();
keepNumberFormatsAsWritten();
writeFilterDatabaseNames();
readAndWriteNonBlankCriteria();
joinXmlInBlocks();
endColumnRangesAtTheLastColumn();
refuseSheetIdsNoWorkbookHas();
