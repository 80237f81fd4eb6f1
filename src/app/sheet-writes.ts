import type { CellValue, WorkbookGateway } from "../workbook/gateway";
import type { SheetErrorMarks } from "../workbook/marks";
import type { ColumnId } from "../workbook/section-sheet";
import type { SheetData } from "./read-workbook";

/**
 * Writes whole columns of a section sheet over a span of data rows, one
 * writeCells call per run of adjacent columns (never per cell). Columns are
 * located by header on the sheet as read, so a reordered sheet still works.
 */
export async function writeColumns(
  gateway: WorkbookGateway,
  sheet: SheetData,
  firstRow: number,
  columns: Partial<Record<ColumnId, readonly CellValue[]>>,
): Promise<void> {
  const placed = (Object.keys(columns) as ColumnId[])
    .map((id) => ({ at: sheet.columns.at[id], values: columns[id]! }))
    .filter((c): c is { at: number; values: readonly CellValue[] } => c.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const count = placed[0]?.values.length ?? 0;
  if (count === 0) return;
  let run: typeof placed = [];
  const flush = async () => {
    if (run.length === 0) return;
    const block: CellValue[][] = new Array(count);
    for (let r = 0; r < count; r++) {
      const cells: CellValue[] = new Array(run.length);
      for (let c = 0; c < run.length; c++) cells[c] = run[c].values[r];
      block[r] = cells;
    }
    await gateway.writeCells(sheet.layout.sheet.name, firstRow, run[0].at, block);
    run = [];
  };
  for (const c of placed) {
    if (run.length > 0 && c.at !== run[run.length - 1].at + 1) await flush();
    run.push(c);
  }
  await flush();
}

/** The current values of a column over a span of rows (null beyond the data). */
export function columnValues(sheet: SheetData, id: ColumnId, firstRow: number, count: number): CellValue[] {
  const at = sheet.columns.at[id];
  return Array.from({ length: count }, (_, i) => (at === undefined ? null : sheet.rows[firstRow + i]?.[at] ?? null));
}

/** Consecutive data rows, so each run is one block write. */
export function consecutiveRuns(rows: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const row of [...new Set(rows)].sort((a, b) => a - b)) {
    const last = out[out.length - 1];
    if (last && row === last[last.length - 1] + 1) last.push(row);
    else out.push([row]);
  }
  return out;
}

/** Writes the rows' Sheet Errors and the hidden columns that drive their highlight, from `firstRow` on. */
export async function writeErrorMarks(
  gateway: WorkbookGateway,
  sheet: SheetData,
  firstRow: number,
  marks: readonly SheetErrorMarks[],
): Promise<void> {
  await writeColumns(gateway, sheet, firstRow, {
    sheetErrors: marks.map((m) => m.sheetErrors),
    errorCodes: marks.map((m) => m.errorCodes),
    errorCells: marks.map((m) => m.errorCells),
  });
}
