import { access, readFile, stat } from "node:fs/promises";
import { dirname, extname } from "node:path";
import type { InputFile } from "../ims/download/files";
import { ImsFileError } from "../ims/file-error";
import { XlsxWorkbook } from "../hosts/xlsx/xlsx-gateway";
import { UsageError } from "./io";

/** Reads the files named on the command line, named as the user typed them so messages point at them. */
export async function readInputFiles(paths: readonly string[]): Promise<InputFile[]> {
  return Promise.all(paths.map(readInputFile));
}

export async function readInputFile(path: string): Promise<InputFile> {
  try {
    return { name: path, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ImsFileError(path, "no such file.");
    if (code === "EISDIR") throw new ImsFileError(path, "is a folder; name the file itself.");
    throw new ImsFileError(path, `cannot be read (${(error as Error).message}).`);
  }
}

/** Excel opens a workbook by its extension, so the workbook the command writes must end in .xlsx. */
export function requireXlsxName(path: string, what: string): void {
  if (extname(path).toLowerCase() !== ".xlsx") throw new UsageError(`${what} must be an .xlsx file, not "${path}".`);
}

/** Fails before any work when the folder a result goes to does not exist. */
export async function requireFolderOf(path: string): Promise<void> {
  const folder = dirname(path);
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error();
  } catch {
    throw new ImsFileError(path, `cannot be written: the folder ${folder} does not exist.`);
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Work on a workbook: an error that does not name a file (the workbook holds
 * no IMS data, its last import did not finish ...) is about this workbook, and
 * says so.
 */
export async function onWorkbook<T>(path: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof Error) || error instanceof ImsFileError || error instanceof UsageError) throw error;
    throw new ImsFileError(path, error.message);
  }
}

/** An existing workbook, checked to be an .xlsx by name and by content. */
export async function openWorkbook(path: string): Promise<XlsxWorkbook> {
  requireXlsxName(path, "The workbook");
  return XlsxWorkbook.open(path);
}
