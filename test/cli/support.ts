import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-gateway";
import type { CellValue } from "../../src/workbook/gateway";

const BIN = fileURLToPath(new URL("../../bin/ims-offline.js", import.meta.url));
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/ims-offline.js ...args` in `cwd`, as a user's shell would. */
export function runCli(cwd: string, ...args: string[]): Promise<CliRun> {
  return runCliWith({}, cwd, ...args);
}

/** The same, with these environment variables set. */
export function runCliWith(env: Readonly<Record<string, string>>, cwd: string, ...args: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, IMS_OFFLINE_DEBUG: "", ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      // A non-zero exit is a result to check; only a failure to run (or a kill) is an error.
      if (error && typeof error.code !== "number") reject(error);
      else resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/**
 * What a user does in Excel: types values into cells found by the header text
 * of their column. `row` is the worksheet row number.
 */
export async function editCells(path: string, sheet: string, edits: readonly { row: number; header: string; value: CellValue }[]): Promise<void> {
  const book = await XlsxWorkbook.open(path);
  const { header } = await book.readSheet(sheet);
  for (const edit of edits) {
    const column = header.indexOf(edit.header);
    if (column < 0) throw new Error(`${sheet} has no column "${edit.header}"`);
    await book.writeCells(sheet, edit.row - 2, column, [[edit.value]]);
  }
  await book.save(path);
}

/** The value of one cell, found by the header text of its column. */
export async function cellOf(path: string, sheet: string, row: number, headerText: string): Promise<CellValue> {
  const { header, rows } = await (await XlsxWorkbook.open(path)).readSheet(sheet);
  const column = header.indexOf(headerText);
  if (column < 0) throw new Error(`${sheet} has no column "${headerText}"`);
  return rows[row - 2]?.[column] ?? null;
}
