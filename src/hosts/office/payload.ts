import type { ExcelCellValue } from "./excel-api";

/**
 * Sizes of what goes to and comes back from Excel, estimated the way Office
 * serialises a request: the JSON of the values arrays, in UTF-8 bytes. Excel on
 * the web refuses a request or response over 5 MB (RequestPayloadSizeLimitExceeded),
 * so blocks aim well below it.
 */

/** Aim per sync: half the web's 5 MB limit leaves room for addresses, formats and a wrong estimate. */
export const TARGET_SYNC_BYTES = 2_500_000;

/** Keeps a block's cells far under Excel's 5,000,000-cell limit per range, and each sync short. */
export const MAX_BLOCK_CELLS = 500_000;

/** The first read block is small: nothing is known yet about how long the sheet's rows are. */
export const FIRST_READ_ROWS = 200;

/** UTF-8 bytes of JSON.stringify(value) for one cell. */
export function cellBytes(value: ExcelCellValue): number {
  if (typeof value === "string") return stringBytes(value);
  if (typeof value === "number") return String(value).length;
  if (typeof value === "boolean") return value ? 4 : 5;
  return 4; // null
}

function stringBytes(text: string): number {
  let bytes = 2; // the quotes
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22 || code === 0x5c) bytes += 2; // \" and \\
    else if (code < 0x20) bytes += 6; // at most \u00XX
    else if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** UTF-8 bytes of one row's JSON array, with its separating comma. */
export function rowBytes(row: readonly ExcelCellValue[]): number {
  let bytes = 2 + row.length; // brackets, commas, the comma after the row
  for (const cell of row) bytes += cellBytes(cell);
  return bytes;
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
