import { utf8Length } from "../../ims/utf8";
import type { ExcelCellValue } from "./excel-api";

/**
 * Sizes of what goes to and comes back from Excel, estimated the way Office
 * serialises a request: the JSON of the values arrays, in UTF-8 bytes. Excel on
 * the web refuses a request or response over 5 MB (RequestPayloadSizeLimitExceeded),
 * so blocks aim well below it.
 */

/**
 * Aim per write: a write's rows are measured one by one, exactly as they are
 * sent, so 3.5 MB leaves 1.5 MB under the web's 5 MB limit for the sheet's
 * layout in the first block, addresses and escaping the estimate misses.
 */
export const TARGET_WRITE_BYTES = 3_500_000;

/**
 * Aim per read: half the web's 5 MB limit, because a read block is sized from
 * the rows read so far, and the next rows may be longer.
 */
export const TARGET_READ_BYTES = 2_500_000;

/** Keeps a block's cells far under Excel's 5,000,000-cell limit per range, and each sync short. */
export const MAX_BLOCK_CELLS = 500_000;

/** The first read block is small: nothing is known yet about how long the sheet's rows are. */
export const FIRST_READ_ROWS = 200;

/** UTF-8 bytes of one row's JSON array, with the comma that separates it from the next. */
export function rowBytes(row: readonly ExcelCellValue[]): number {
  return utf8Length(JSON.stringify(row)) + 1;
}

/**
 * Rows for the next write block from `start`: as many as fit in `budgetBytes`
 * by the rows' own sizes (so a stretch of long remarks gets smaller blocks),
 * at least one, and no more than the cell cap.
 */
export function rowsThatFit(sizes: readonly number[], start: number, budgetBytes: number, columns: number): number {
  const maxRows = Math.max(1, Math.floor(MAX_BLOCK_CELLS / Math.max(1, columns)));
  let bytes = 0;
  let count = 0;
  while (start + count < sizes.length && count < maxRows) {
    bytes += sizes[start + count];
    if (count > 0 && bytes > budgetBytes) break;
    count++;
  }
  return count;
}

/** Rows for the next read block, from the bytes per row measured so far (none measured yet: a small first block). */
export function rowsToRead(measuredBytesPerRow: number | undefined, budgetBytes: number, columns: number): number {
  const maxRows = Math.max(1, Math.floor(MAX_BLOCK_CELLS / Math.max(1, columns)));
  if (measuredBytesPerRow === undefined) return Math.min(FIRST_READ_ROWS, maxRows);
  return Math.max(1, Math.min(maxRows, Math.floor(budgetBytes / Math.max(1, measuredBytesPerRow))));
}
