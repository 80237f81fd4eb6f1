/** Rectangles of cells, 0-based like `getRangeByIndexes`: row 0 is worksheet row 1, column 0 is column A. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface Rect {
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
}

export function isValidRect(r: Rect): boolean {
  return [r.row, r.column, r.rows, r.columns].every(Number.isInteger)
    && r.row >= 0 && r.column >= 0 && r.rows >= 1 && r.columns >= 1
    && r.row + r.rows <= MAX_ROWS && r.column + r.columns <= MAX_COLUMNS;
}

export function containsCell(r: Rect, row: number, column: number): boolean {
  return row >= r.row && row < r.row + r.rows && column >= r.column && column < r.column + r.columns;
}

export function covers(outer: Rect, inner: Rect): boolean {
  return inner.row >= outer.row && inner.row + inner.rows <= outer.row + outer.rows
    && inner.column >= outer.column && inner.column + inner.columns <= outer.column + outer.columns;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.rows && b.row < a.row + a.rows && a.column < b.column + b.columns && b.column < a.column + a.columns;
}

/** The parts of `a` outside `b`, as at most four rectangles (above, below, left, right). */
export function subtract(a: Rect, b: Rect): Rect[] {
  if (!overlaps(a, b)) return [a];
  const top = Math.max(a.row, b.row);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const parts: Rect[] = [];
  if (a.row < top) parts.push({ row: a.row, column: a.column, rows: top - a.row, columns: a.columns });
  if (bottom < a.row + a.rows) parts.push({ row: bottom, column: a.column, rows: a.row + a.rows - bottom, columns: a.columns });
  const left = Math.max(a.column, b.column);
  const right = Math.min(a.column + a.columns, b.column + b.columns);
  if (a.column < left) parts.push({ row: top, column: a.column, rows: bottom - top, columns: left - a.column });
  if (right < a.column + a.columns) parts.push({ row: top, column: right, rows: bottom - top, columns: a.column + a.columns - right });
  return parts;
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** "B2:D10", or "B2" for one cell. */
export function a1(r: Rect): string {
  const start = `${columnName(r.column)}${r.row + 1}`;
  if (r.rows === 1 && r.columns === 1) return start;
  return `${start}:${columnName(r.column + r.columns - 1)}${r.row + r.rows}`;
}
