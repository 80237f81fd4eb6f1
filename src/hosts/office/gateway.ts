import type { WorkOptions } from "../../app/contracts";
import { checkSheetReadSize, columnLetter, EXCEL_LIMITS, tooLongForACell, type CellValue, type SheetSpec, type WorkbookGateway } from "../../workbook/gateway";
import { isPayloadRefusal, syncInBlocks, type Block } from "./blocks";
import type { ExcelApi, ExcelCellValue, ExcelContext, XlRange, XlWorksheet, XlWorksheetCollection } from "./excel-api";
import { rowBytes, rowsThatFit, rowsToRead, TARGET_READ_BYTES, TARGET_WRITE_BYTES } from "./payload";
import { hostNameFor, officeIsSetSupported, officePlatform, type IsSetSupported, type OfficePlatform } from "./requirements";
import { checkSheetSpec, queueFinish, queueLayout, queueReset, SHEET_PROTECTION } from "./sheet-layout";

/**
 * The workbook gateway on Excel's JavaScript API: the only code in the product
 * that calls Excel.run and context.sync. Writes and reads go in blocks sized by
 * their payload, one sync per block, with progress and cancellation between
 * blocks; formatting is a fixed number of calls per sheet; protected sheets are
 * unprotected and protected again around the add-in's own writes.
 */

export interface OfficeGatewayOptions {
  /** For messages; Office's own report by default. */
  readonly platform?: OfficePlatform;
  /** Office.context.requirements.isSetSupported by default; injectable so tests can vary it. */
  readonly isSetSupported?: IsSetSupported;
  /** The Excel namespace to drive: the global `Excel` of Office.js by default, the fake in the in-memory host. */
  readonly excel?: ExcelApi;
  /** Overrides the name derived from the platform ("Excel on the web"). */
  readonly hostName?: string;
}

/** Something Excel refused, said in the product's words, with Excel's error code kept. */
export class OfficeHostError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "OfficeHostError";
  }
}

/** A sheet as writeSheet needs to know it before writing: whether it must be unprotected and unfiltered first. */
interface KnownSheet {
  readonly name: string;
  readonly protected: boolean;
  readonly filtered: boolean;
}

/** Data rows under the header. */
const MAX_DATA_ROWS = EXCEL_LIMITS.rows - 1;

function excelFailure(action: string, error: unknown): OfficeHostError {
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === "string" ? code : undefined;
  const detail = known === "ItemNotFound"
    ? "the workbook has no such sheet"
    : known === "AccessDenied"
      ? `Excel refused: the sheet is protected (${error instanceof Error ? error.message : String(error)})`
      : error instanceof Error ? error.message : String(error);
  return new OfficeHostError(`${action}: ${detail}${known ? ` [${known}]` : ""}`, known, { cause: error });
}

/** Product cells to Excel values: null (empty) must be sent as "", because Excel reads null as "leave the cell alone". */
function toExcelRows(sheet: string, rows: readonly (readonly CellValue[])[], width: number, columnName: (c: number) => string, firstRow = 0): ExcelCellValue[][] {
  return rows.map((row, r) => {
    const where = `Sheet "${sheet}", data row ${firstRow + r + 1}`;
    if (row.length !== width) throw new Error(`${where}: ${row.length} cells where the sheet has ${width} columns.`);
    return row.map((value, c) => {
      if (value === null) return "";
      if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`${where}, column "${columnName(c)}": ${value} is not a number Excel can hold.`);
      const tooLong = tooLongForACell(value);
      if (tooLong) throw new Error(`${where}, column "${columnName(c)}": ${tooLong}`);
      return value;
    });
  });
}

function fromExcel(value: ExcelCellValue): CellValue {
  return value === "" || value === null ? null : value;
}

/** Data rows (0-based, under the header) covered by the areas and inside the first `end` worksheet rows. */
function dataRowsIn(areas: readonly XlRange[], end: number): number[] {
  const rows = new Set<number>();
  for (const area of areas) {
    const last = Math.min(end, area.rowIndex + area.rowCount);
    for (let row = Math.max(1, area.rowIndex); row < last; row++) rows.add(row - 1);
  }
  return [...rows].sort((a, b) => a - b);
}

/** A sheet ready to write: its rows as Excel values and the bytes of each. */
interface PreparedSheet {
  readonly spec: SheetSpec;
  readonly cells: readonly ExcelCellValue[][];
  readonly sizes: readonly number[];
  readonly bytes: number;
  /** Goes whole in one request. */
  readonly whole: boolean;
}

export function createOfficeGateway(options: OfficeGatewayOptions = {}): WorkbookGateway {
  const isSetSupported = options.isSetSupported ?? officeIsSetSupported;
  const hostName = options.hostName ?? hostNameFor(options.platform ?? officePlatform());
  let screenUpdating: boolean | undefined;

  const excel = (): ExcelApi => {
    const found = options.excel ?? (globalThis as unknown as { Excel?: ExcelApi }).Excel;
    if (!found) throw new OfficeHostError("Excel is not available: Office.js has not loaded, or the add-in is not running inside Excel.");
    return found;
  };

  /** Whether an error is the user's cancelling the work (its signal's reason). */
  const cancelledBy = (error: unknown, work: WorkOptions | undefined): boolean => work?.signal?.aborted === true && error === work.signal.reason;

  /** Runs one piece of work in Excel, turning Excel's errors into messages that say what was being done. */
  async function inExcel<T>(action: string, work: WorkOptions | undefined, body: (context: ExcelContext, xl: ExcelApi) => Promise<T>): Promise<T> {
    const xl = excel();
    try {
      return await xl.run((context) => body(context, xl));
    } catch (error) {
      if (cancelledBy(error, work)) throw error;
      // Excel's errors carry a string code; the gateway's own errors are already in the product's words.
      const fromExcel = !(error instanceof OfficeHostError) && typeof (error as { code?: unknown } | null)?.code === "string";
      throw fromExcel ? excelFailure(action, error) : error;
    }
  }

  /**
   * At the start of each block: no repainting (ExcelApi 1.9, checked at run
   * time) and, except in the last block, no calculation while it is written.
   */
  function quietly(context: ExcelContext, block: Block): void {
    if (!block.last) context.application.suspendApiCalculationUntilNextSync();
    if ((screenUpdating ??= isSetSupported("ExcelApi", "1.9"))) context.application.suspendScreenUpdatingUntilNextSync();
  }

  /** At the end of the last of several blocks: Excel leaves recalculating after a suspension to the add-in. */
  function recalculate(context: ExcelContext, block: Block): void {
    if (block.last && !block.first) context.application.calculate("Full");
  }

  /** After a failed write: a sheet that was protected must not be left open. Best effort; the first error is the one reported. */
  async function restoreProtection(context: ExcelContext, sheet: XlWorksheet): Promise<void> {
    try {
      sheet.protection.load("protected");
      await context.sync();
      if (!sheet.protection.protected) {
        sheet.protection.protect(SHEET_PROTECTION);
        await context.sync();
      }
    } catch {
      // Nothing more can be done here; the caller reports the original failure.
    }
  }

  /**
   * The workbook's sheets as writeSheet needs to know them, loaded in the last
   * sync of a sheetNames or writeSheet call, so the writeSheet that follows (an
   * import writes ten sheets in a row) does not spend a sync loading them.
   * Any other call forgets it. Should the user have changed a sheet in between,
   * the first block fails, and writeSheet loads the list and starts again.
   */
  let knownSheets: readonly KnownSheet[] | undefined;
  const SHEET_LIST = "items/name, items/protection/protected, items/autoFilter/enabled";
  const listed = (sheets: XlWorksheetCollection): KnownSheet[] =>
    sheets.items.map((sheet) => ({ name: sheet.name, protected: sheet.protection.protected, filtered: sheet.autoFilter.enabled }));
  /** Counts the gateway's calls, so a list is kept only when no other call ran while it was loaded. */
  let calls = 0;
  function forgetSheets(): number {
    knownSheets = undefined;
    return ++calls;
  }
  function keepSheets(call: number, sheets: XlWorksheetCollection): void {
    if (call === calls) knownSheets = listed(sheets);
  }
  /** The list kept, or else loaded now (one sync). */
  async function sheetList(context: ExcelContext, kept: readonly KnownSheet[] | undefined): Promise<readonly KnownSheet[]> {
    if (kept) return kept;
    const sheets = context.workbook.worksheets;
    sheets.load(SHEET_LIST);
    await context.sync();
    return listed(sheets);
  }
  /** Excel's sheet names ignore letter case. */
  const sheetNamed = (list: readonly KnownSheet[] | undefined, name: string): KnownSheet | undefined =>
    list?.find((s) => s.name.toLowerCase() === name.toLowerCase());
  /**
   * Whether a write that failed with what an earlier call kept of the sheets
   * may be tried once more with the sheets looked at afresh: the user may have
   * added, removed, protected or unprotected a sheet since. Not when nothing was
   * kept, nor when the user cancelled.
   */
  const staleListMayExplain = (error: unknown, kept: unknown, work: WorkOptions | undefined): boolean =>
    kept !== undefined && !cancelledBy(error, work);

  /** Unprotects around `change` when the sheet is protected, in the same batch, so the sheet is never left open between syncs. */
  function unprotectedAround(sheet: XlWorksheet, wasProtected: boolean, change: () => void): void {
    if (wasProtected) sheet.protection.unprotect();
    change();
    if (wasProtected) sheet.protection.protect(SHEET_PROTECTION);
  }

  /**
   * Queues one block of a sheet's write: on the first, the sheet is created or
   * reset and laid out; then the block's values; on the last, the filter and
   * protection. Returns the sheet, for the blocks that follow.
   */
  function queueSheetBlock(
    xl: ExcelApi, sheets: XlWorksheetCollection, existing: KnownSheet | undefined, sheet: XlWorksheet | undefined,
    spec: SheetSpec, cells: readonly ExcelCellValue[][], block: Block,
  ): XlWorksheet {
    if (block.first || !sheet) {
      sheet = existing ? sheets.getItem(existing.name) : sheets.add(spec.name);
      if (existing) queueReset(xl, sheet, existing);
      queueLayout(xl, sheet, spec, cells.length);
    }
    if (block.count > 0) sheet.getRangeByIndexes(1 + block.start, 0, block.count, spec.columns.length).values = cells.slice(block.start, block.start + block.count);
    if (block.last) queueFinish(sheet, spec, cells.length);
    return sheet;
  }

  /** A sheet's rows as Excel values, checked, with their sizes; refuses what does not fit before Excel is touched. */
  function prepareSheet(spec: SheetSpec, rows: readonly (readonly CellValue[])[]): PreparedSheet {
    checkSheetSpec(spec);
    if (rows.length > MAX_DATA_ROWS) throw new Error(`Sheet "${spec.name}": ${rows.length} rows do not fit on an Excel sheet (${MAX_DATA_ROWS} at most).`);
    const cells = toExcelRows(spec.name, rows, spec.columns.length, (c) => spec.columns[c].header);
    const sizes = cells.map(rowBytes);
    const whole = rowsThatFit(sizes, 0, TARGET_WRITE_BYTES, spec.columns.length) >= cells.length;
    return { spec, cells, sizes, bytes: sizes.reduce((n, b) => n + b, 0), whole };
  }

  /** Writes one sheet in blocks, one sync each (writeSheet). */
  async function writeOne({ spec, cells, sizes }: PreparedSheet, work: WorkOptions | undefined): Promise<void> {
    const known = knownSheets;
    const call = forgetSheets();
    const width = spec.columns.length;
    const attempt = { laidOut: false };
    const write = (kept: readonly KnownSheet[] | undefined) => inExcel(`Writing the sheet "${spec.name}"`, work, async (context, xl) => {
      const sheets = context.workbook.worksheets;
      const existing = sheetNamed(await sheetList(context, kept), spec.name);
      let sheet: XlWorksheet | undefined;
      let finished = false;
      try {
        await syncInBlocks(context, {
          total: cells.length,
          label: `Writing "${spec.name}"`,
          size: (start, budget) => rowsThatFit(sizes, start, budget, width),
          queue: (block) => {
            quietly(context, block);
            sheet = queueSheetBlock(xl, sheets, existing, sheet, spec, cells, block);
            // Loaded once the sheet is finished, for the next writeSheet.
            if (block.last) sheets.load(SHEET_LIST);
            recalculate(context, block);
            return () => {
              attempt.laidOut = true;
              finished = block.last;
              if (finished) keepSheets(call, sheets);
            };
          },
        }, work, TARGET_WRITE_BYTES);
      } catch (error) {
        // Stopped part way: filter and protect the rows written so far, so the sheet is consistent.
        if (attempt.laidOut && !finished) {
          try {
            queueFinish(sheet!, spec, cells.length);
            await context.sync();
          } catch {
            // The sheet stays as it is; the caller reports the original failure.
          }
        }
        throw error;
      }
    });
    try {
      await write(known);
    } catch (error) {
      if (attempt.laidOut || isPayloadRefusal(error) || !staleListMayExplain(error, known, work)) throw error;
      await write(undefined);
    }
  }

  /**
   * Writes several sheets that each go whole in one request, in a single sync:
   * an import's Home sheet and smaller section sheets would otherwise take a
   * sync each. Excel refuses a request that is too large before applying any of
   * it; the sheets are then written one by one.
   */
  async function writeTogether(batch: readonly PreparedSheet[], work: WorkOptions | undefined): Promise<void> {
    const known = knownSheets;
    const call = forgetSheets();
    const write = (kept: readonly KnownSheet[] | undefined) => inExcel(`Writing the sheets ${batch.map((b) => `"${b.spec.name}"`).join(", ")}`, work, async (context, xl) => {
      const sheets = context.workbook.worksheets;
      const list = await sheetList(context, kept);
      const whole = (rows: number): Block => ({ start: 0, count: rows, first: true, last: true });
      quietly(context, whole(0));
      for (const { spec, cells } of batch) {
        queueSheetBlock(xl, sheets, sheetNamed(list, spec.name), undefined, spec, cells, whole(cells.length));
      }
      sheets.load(SHEET_LIST);
      await context.sync();
      keepSheets(call, sheets);
      for (const { spec, cells } of batch) work?.progress?.({ done: cells.length, total: cells.length, label: `Writing "${spec.name}"` });
    });
    try {
      await write(known);
    } catch (error) {
      if (isPayloadRefusal(error)) {
        for (const sheet of batch) await writeOne(sheet, work);
        return;
      }
      if (!staleListMayExplain(error, known, work)) throw error;
      await write(undefined);
    }
  }

  return {
    hostName,

    sheetNames: () => inExcel("Listing the sheets", undefined, async (context) => {
      const call = forgetSheets();
      const sheets = context.workbook.worksheets;
      sheets.load(SHEET_LIST);
      await context.sync();
      keepSheets(call, sheets);
      return sheets.items.map((sheet) => sheet.name);
    }),

    async writeSheet(spec, rows, work) {
      await writeOne(prepareSheet(spec, rows), work);
    },

    async writeSheets(list, work) {
      const prepared = list.map(({ spec, rows }) => prepareSheet(spec, rows));
      // Sheets that go whole in one request are written several to a request, up to the same size; a larger one on its own, in blocks.
      const batches: PreparedSheet[][] = [];
      let batchBytes = 0;
      for (const sheet of prepared) {
        const last = batches.at(-1);
        if (sheet.whole && last && last[0].whole && batchBytes + sheet.bytes <= TARGET_WRITE_BYTES) {
          last.push(sheet);
          batchBytes += sheet.bytes;
        } else {
          batches.push([sheet]);
          batchBytes = sheet.bytes;
        }
      }
      for (const batch of batches) {
        work?.signal?.throwIfAborted();
        await (batch.length === 1 ? writeOne(batch[0], work) : writeTogether(batch, work));
      }
    },

    readSheet: (name, work) => inExcel(`Reading the sheet "${name}"`, work, async (context) => {
      forgetSheets();
      const sheet = context.workbook.worksheets.getItem(name);
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex, rowCount, columnIndex, columnCount");
      await context.sync();
      if (used.isNullObject) return { header: [], rows: [] };
      const width = used.columnIndex + used.columnCount;
      const dataRows = used.rowIndex + used.rowCount - 1;
      checkSheetReadSize(name, dataRows + 1, width);
      let header: string[] = [];
      const rows: CellValue[][] = [];
      let bytesPerRow: number | undefined;
      await syncInBlocks(context, {
        total: dataRows,
        label: `Reading "${name}"`,
        size: (_start, budget) => rowsToRead(bytesPerRow, budget, width),
        queue: (block) => {
          const head = block.first ? sheet.getRangeByIndexes(0, 0, 1, width) : undefined;
          head?.load("values");
          const body = block.count > 0 ? sheet.getRangeByIndexes(1 + block.start, 0, block.count, width) : undefined;
          body?.load("values");
          return () => {
            if (head) header = head.values[0].map((value) => (value === null ? "" : String(value)));
            if (!body) return;
            const values = body.values as ExcelCellValue[][] | null;
            if (!Array.isArray(values)) throw new OfficeHostError(`Reading the sheet "${name}": Excel returned no values for rows ${block.start + 2} to ${block.start + block.count + 1}.`);
            let bytes = 0;
            for (const row of values) {
              bytes += rowBytes(row);
              rows.push(row.map(fromExcel));
            }
            bytesPerRow = bytes / block.count;
          };
        },
      }, work, TARGET_READ_BYTES);
      while (rows.length > 0 && rows[rows.length - 1].every((value) => value === null)) rows.pop();
      return { header, rows };
    }),

    readCells: (name, firstRow, firstColumn, rowCount, columnCount) => inExcel(`Reading the sheet "${name}"`, undefined, async (context) => {
      forgetSheets();
      if (![firstRow, firstColumn].every((n) => Number.isInteger(n) && n >= 0) || ![rowCount, columnCount].every((n) => Number.isInteger(n) && n >= 1)) {
        throw new Error(`Sheet "${name}": ${rowCount} × ${columnCount} cells from data row ${firstRow}, column ${firstColumn} is not a range.`);
      }
      if (firstRow + rowCount > MAX_DATA_ROWS) throw new Error(`Sheet "${name}": rows past the end of an Excel sheet.`);
      const range = context.workbook.worksheets.getItem(name).getRangeByIndexes(1 + firstRow, firstColumn, rowCount, columnCount);
      range.load("values");
      await context.sync();
      return (range.values as ExcelCellValue[][]).map((row) => row.map(fromExcel));
    }),

    async writeCells(name, firstRow, firstColumn, values, work) {
      // Right after a writeSheet (an import marking its state complete), the list it loaded says whether the sheet is protected.
      const known = sheetNamed(knownSheets, name);
      forgetSheets();
      if (![firstRow, firstColumn].every((n) => Number.isInteger(n) && n >= 0)) {
        throw new Error(`Sheet "${name}": cells start at a data row and column of 0 or more, not ${firstRow}, ${firstColumn}.`);
      }
      if (values.length === 0) return;
      const width = values[0].length;
      if (width === 0) throw new Error(`Sheet "${name}": nothing to write (rows without cells).`);
      if (firstRow + values.length > MAX_DATA_ROWS) throw new Error(`Sheet "${name}": rows past the end of an Excel sheet.`);
      const cells = toExcelRows(name, values, width, (c) => columnLetter(firstColumn + c), firstRow);
      const sizes = cells.map(rowBytes);
      let wrote = false;
      const write = (listedAsProtected: boolean | undefined) => inExcel(`Writing to the sheet "${name}"`, work, async (context) => {
        const sheet = context.workbook.worksheets.getItem(name);
        let wasProtected = listedAsProtected;
        if (wasProtected === undefined) {
          sheet.protection.load("protected");
          await context.sync();
          wasProtected = sheet.protection.protected;
        }
        try {
          await syncInBlocks(context, {
            total: cells.length,
            label: `Writing to "${name}"`,
            size: (start, budget) => rowsThatFit(sizes, start, budget, width),
            queue: (block) => {
              quietly(context, block);
              unprotectedAround(sheet, wasProtected, () => {
                sheet.getRangeByIndexes(1 + firstRow + block.start, firstColumn, block.count, width).values = cells.slice(block.start, block.start + block.count);
              });
              recalculate(context, block);
              return () => {
                wrote = true;
              };
            },
          }, work, TARGET_WRITE_BYTES);
        } catch (error) {
          if (wasProtected) await restoreProtection(context, sheet);
          throw error;
        }
      });
      try {
        await write(known?.protected);
      } catch (error) {
        // The list may be stale (the user protected the sheet since): look at the sheet itself and write again.
        if (wrote || isPayloadRefusal(error) || !staleListMayExplain(error, known, work)) throw error;
        await write(undefined);
      }
    },

    clearFilters: (name) => inExcel(`Clearing the filters on "${name}"`, undefined, async (context) => {
      forgetSheets();
      const sheet = context.workbook.worksheets.getItem(name);
      sheet.autoFilter.load("enabled");
      sheet.protection.load("protected");
      await context.sync();
      if (!sheet.autoFilter.enabled) return;
      const wasProtected = sheet.protection.protected;
      unprotectedAround(sheet, wasProtected, () => sheet.autoFilter.clearCriteria());
      try {
        await context.sync();
      } catch (error) {
        if (wasProtected) await restoreProtection(context, sheet);
        throw error;
      }
    }),

    filterNonEmpty: (name, column) => inExcel(`Filtering "${name}"`, undefined, async (context, xl) => {
      forgetSheets();
      if (!Number.isInteger(column) || column < 0) throw new Error(`Sheet "${name}": there is no column ${column} to filter on.`);
      const sheet = context.workbook.worksheets.getItem(name);
      const filtered = sheet.autoFilter.getRangeOrNullObject();
      filtered.load("rowIndex, rowCount, columnIndex, columnCount");
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex, rowCount, columnIndex, columnCount");
      sheet.protection.load("protected");
      await context.sync();
      // Keep the filter's own range when there is one; otherwise filter everything from A1 to the last value.
      const rows = filtered.isNullObject ? (used.isNullObject ? 1 : used.rowIndex + used.rowCount) : filtered.rowIndex + filtered.rowCount;
      const width = filtered.isNullObject ? Math.max(column + 1, used.isNullObject ? 0 : used.columnIndex + used.columnCount) : filtered.columnIndex + filtered.columnCount;
      const top = filtered.isNullObject ? 0 : filtered.rowIndex;
      const left = filtered.isNullObject ? 0 : filtered.columnIndex;
      if (column < left || column >= width) throw new Error(`Sheet "${name}": column ${columnLetter(column)} is outside the filtered columns.`);
      const wasProtected = sheet.protection.protected;
      unprotectedAround(sheet, wasProtected, () => {
        if (!filtered.isNullObject) sheet.autoFilter.clearCriteria();
        const range = sheet.getRangeByIndexes(top, left, rows - top, width - left);
        sheet.autoFilter.apply(range, column - left, { filterOn: xl.FilterOn.custom, criterion1: "<>" });
      });
      try {
        await context.sync();
      } catch (error) {
        if (wasProtected) await restoreProtection(context, sheet);
        throw error;
      }
    }),

    select: (name, row, column) => inExcel(`Showing row ${row + 2} of "${name}"`, undefined, async (context) => {
      forgetSheets();
      const sheet = context.workbook.worksheets.getItem(name);
      sheet.activate();
      sheet.getRangeByIndexes(row + 1, column, 1, 1).select();
      await context.sync();
    }),

    selectedRows: () => inExcel("Reading the selection", undefined, async (context) => {
      forgetSheets();
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load("name");
      const selection = context.workbook.getSelectedRanges();
      selection.load("areas/items/rowIndex, areas/items/rowCount");
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex, rowCount");
      await context.sync();
      // A whole-column selection covers a million rows; only rows up to the last value count.
      const end = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
      return { sheet: sheet.name, rows: dataRowsIn(selection.areas.items, end) };
    }),

    visibleRows: (name) => inExcel(`Reading the visible rows of "${name}"`, undefined, async (context, xl) => {
      forgetSheets();
      const sheet = context.workbook.worksheets.getItem(name);
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex, rowCount, columnIndex, columnCount");
      await context.sync();
      if (used.isNullObject) return [];
      const end = used.rowIndex + used.rowCount;
      if (end <= 1) return [];
      const data = sheet.getRangeByIndexes(1, 0, end - 1, used.columnIndex + used.columnCount);
      const visible = data.getSpecialCellsOrNullObject(xl.SpecialCellType.visible);
      visible.load("areas/items/rowIndex, areas/items/rowCount");
      await context.sync();
      return visible.isNullObject ? [] : dataRowsIn(visible.areas.items, end);
    }),
  };
}
