import type { WorkOptions } from "../../src/app/contracts";
import type { CellValue, SheetSpec, SheetWrite, WorkbookGateway } from "../../src/workbook/gateway";

/**
 * A test-only WorkbookGateway over plain arrays. It is strict where the layout
 * could go wrong: product writes must match the sheet's column count, and may
 * put only strings in text columns and only numbers in date, amount and
 * integer columns (so no file value can reach a cell that would turn it into
 * a number, date or formula). Users, on the other hand, can type anything
 * anywhere (`type`). `save()`/`open()` stand for closing and reopening the file:
 * only what a workbook file keeps survives (sheets, their specs and values).
 */

interface Sheet {
  spec: SheetSpec;
  rows: CellValue[][];
  /** The column a "non-empty" filter is on, if any. */
  filter?: number;
}

function checkCell(spec: SheetSpec, column: number, value: CellValue, where: string): void {
  const col = spec.columns[column];
  if (!col) throw new Error(`${where}: column ${column} is outside sheet ${spec.name} (${spec.columns.length} columns)`);
  if (value === null) return;
  if (col.kind === "text" && typeof value !== "string") throw new Error(`${where}: ${JSON.stringify(value)} written to text column "${col.header}"`);
  if (col.kind !== "text" && typeof value !== "number") throw new Error(`${where}: ${JSON.stringify(value)} written to ${col.kind} column "${col.header}"`);
}

/** Excel does not keep empty strings: a cell set to "" is empty. */
const stored = (v: CellValue): CellValue => (v === "" ? null : v);

export class MemoryGateway implements WorkbookGateway {
  readonly hostName = "memory (tests)";
  private sheets = new Map<string, Sheet>();
  private selection: { sheet: string; rows: number[] } = { sheet: "", rows: [] };
  /** Every call, for tests that check what the product asked for. */
  readonly calls: string[] = [];

  async sheetNames(): Promise<string[]> {
    return [...this.sheets.keys()];
  }

  async writeSheet(spec: SheetSpec, rows: readonly (readonly CellValue[])[], options?: WorkOptions): Promise<void> {
    this.calls.push(`writeSheet ${spec.name}`);
    rows.forEach((row, r) => {
      if (row.length !== spec.columns.length) throw new Error(`writeSheet ${spec.name} row ${r}: ${row.length} cells for ${spec.columns.length} columns`);
      row.forEach((v, c) => checkCell(spec, c, v, `writeSheet ${spec.name} row ${r}`));
    });
    options?.signal?.throwIfAborted();
    this.sheets.set(spec.name, { spec, rows: rows.map((r) => r.map(stored)) });
    options?.progress?.({ done: rows.length, total: rows.length, label: spec.name });
  }

  async writeSheets(sheets: readonly SheetWrite[], options?: WorkOptions): Promise<void> {
    for (const { spec, rows } of sheets) await this.writeSheet(spec, rows, options);
  }

  async readCells(name: string, firstRow: number, firstColumn: number, rowCount: number, columnCount: number): Promise<CellValue[][]> {
    this.calls.push(`readCells ${name}`);
    const sheet = this.get(name);
    return Array.from({ length: rowCount }, (_, r) => Array.from({ length: columnCount }, (_, c) => sheet.rows[firstRow + r]?.[firstColumn + c] ?? null));
  }

  async readSheet(name: string): Promise<{ header: string[]; rows: CellValue[][] }> {
    this.calls.push(`readSheet ${name}`);
    const sheet = this.get(name);
    const rows = sheet.rows.map((r) => [...r]);
    while (rows.length > 0 && rows[rows.length - 1].every((v) => v === null)) rows.pop();
    return { header: sheet.spec.columns.map((c) => c.header), rows };
  }

  async writeCells(name: string, firstRow: number, firstColumn: number, values: readonly (readonly CellValue[])[]): Promise<void> {
    this.calls.push(`writeCells ${name}`);
    const sheet = this.get(name);
    values.forEach((row, i) => {
      row.forEach((v, j) => {
        checkCell(sheet.spec, firstColumn + j, v, `writeCells ${name} row ${firstRow + i}`);
        this.cellRow(sheet, firstRow + i)[firstColumn + j] = stored(v);
      });
    });
  }

  async clearFilters(name: string): Promise<void> {
    this.calls.push(`clearFilters ${name}`);
    this.get(name).filter = undefined;
  }

  async filterNonEmpty(name: string, column: number): Promise<void> {
    this.calls.push(`filterNonEmpty ${name} ${column}`);
    this.get(name).filter = column;
  }

  async select(sheet: string, row: number): Promise<void> {
    this.selection = { sheet, rows: [row] };
  }

  async selectedRows(): Promise<{ sheet: string; rows: number[] }> {
    return { sheet: this.selection.sheet, rows: [...this.selection.rows] };
  }

  async visibleRows(name: string): Promise<number[]> {
    const sheet = this.get(name);
    const column = sheet.filter;
    return sheet.rows.flatMap((row, i) => (column === undefined || row[column] !== null ? [i] : []));
  }

  // --- What a user does, and what survives saving the file -------------------

  /** The user selects data rows on a sheet. */
  selectRows(sheet: string, rows: number[]): void {
    this.selection = { sheet, rows };
  }

  /** The user types or pastes a value into a data cell (any cell, any value: the sheet may be unprotected). */
  type(sheet: string, row: number, header: string, value: CellValue): void {
    const s = this.get(sheet);
    this.cellRow(s, row)[this.columnOf(sheet, header)] = stored(value);
  }

  /** The user copies a whole data row over another row (or below the data). */
  copyRow(sheet: string, from: number, to: number): void {
    const s = this.get(sheet);
    s.rows[to] = [...s.rows[from]];
  }

  /** The value of a data cell, by header. */
  cell(sheet: string, row: number, header: string): CellValue {
    return this.get(sheet).rows[row]?.[this.columnOf(sheet, header)] ?? null;
  }

  spec(sheet: string): SheetSpec {
    return this.get(sheet).spec;
  }

  filterColumn(sheet: string): number | undefined {
    return this.get(sheet).filter;
  }

  columnOf(sheet: string, header: string): number {
    const i = this.get(sheet).spec.columns.findIndex((c) => c.header === header);
    if (i < 0) throw new Error(`Sheet ${sheet} has no column "${header}"`);
    return i;
  }

  /** The workbook as a file would keep it. */
  save(): string {
    return JSON.stringify([...this.sheets.values()].map((s) => ({ spec: s.spec, rows: s.rows })));
  }

  static open(file: string): MemoryGateway {
    const gateway = new MemoryGateway();
    for (const s of JSON.parse(file) as { spec: SheetSpec; rows: CellValue[][] }[]) gateway.sheets.set(s.spec.name, { spec: s.spec, rows: s.rows });
    return gateway;
  }

  private get(name: string): Sheet {
    const sheet = this.sheets.get(name);
    if (!sheet) throw new Error(`No sheet named ${name}`);
    return sheet;
  }

  private cellRow(sheet: Sheet, row: number): CellValue[] {
    while (sheet.rows.length <= row) sheet.rows.push(sheet.spec.columns.map(() => null));
    return sheet.rows[row];
  }
}
