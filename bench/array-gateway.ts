import type { CellValue, WorkbookGateway } from "../src/workbook/gateway";

/**
 * The workbook as plain arrays, for the benchmark's steps: reads give back the
 * rows an import computed, as Excel would hold them; writes are counted and
 * dropped. It lets a step run the use cases' own functions (readWorkbook,
 * validateData) without the cost of a spreadsheet, which the gateway figures
 * measure apart.
 */
export interface ArrayGateway extends WorkbookGateway {
  /** Cells the use cases wrote (error marks), all dropped. */
  readonly cellsWritten: () => number;
}

export function arrayGateway(sheets: ReadonlyMap<string, { readonly header: string[]; readonly rows: CellValue[][] }>): ArrayGateway {
  let written = 0;
  const sheet = (name: string) => {
    const found = sheets.get(name);
    if (!found) throw new Error(`the benchmark's workbook has no sheet "${name}"`);
    return found;
  };
  const notHere = (what: string) => async (): Promise<never> => {
    throw new Error(`${what} is not part of the benchmark's steps`);
  };
  return {
    hostName: "benchmark arrays",
    cellsWritten: () => written,
    sheetNames: async () => [...sheets.keys()],
    readSheet: async (name) => sheet(name),
    readCells: async (name, firstRow, firstColumn, rowCount, columnCount) =>
      Array.from({ length: rowCount }, (_, r) => Array.from({ length: columnCount }, (_, c) => sheet(name).rows[firstRow + r]?.[firstColumn + c] ?? null)),
    writeCells: async (_name, _firstRow, _firstColumn, values) => {
      written += values.reduce((n, row) => n + row.length, 0);
    },
    writeSheet: notHere("writeSheet"),
    writeSheets: notHere("writeSheets"),
    clearFilters: notHere("clearFilters"),
    filterNonEmpty: notHere("filterNonEmpty"),
    select: notHere("select"),
    selectedRows: notHere("selectedRows"),
    visibleRows: notHere("visibleRows"),
  };
}
