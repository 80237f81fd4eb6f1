import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { importDownloads } from "../../app/import";
import { summariseWorkbook } from "../../app/summary";
import { validateWorkbook } from "../../app/validate";
import { XlsxWorkbook } from "../../hosts/xlsx/xlsx-gateway";
import { ImsFileError } from "../../ims/file-error";
import { stringOption, type ParsedArgs } from "../args";
import { EXIT, progressLine, type CliIo } from "../io";
import { describeImport } from "./import";
import { describeSummary } from "./summary";
import { describeValidation } from "./validate";

/** The sample download that ships with the command (a copy of test/fixtures/ims_download_offline.json). */
const SAMPLE = new URL("../sample/ims_download_offline.json", import.meta.url);
const SAMPLE_NAME = "ims_download_offline.json (bundled sample)";
/** The sample's recipient (its file carries none at the root), supplied by the demo as a user would with --gstin. */
export const DEMO_GSTIN = "27AAGCK4821M1Z8";
export const DEMO_WORKBOOK = "ims-demo.xlsx";

async function demoFolder(out: string | undefined): Promise<string> {
  if (out === undefined) return mkdtemp(join(tmpdir(), "ims-offline-demo-"));
  try {
    await mkdir(out, { recursive: true });
  } catch (error) {
    throw new ImsFileError(out, `cannot be used for the demo (${(error as Error).message}).`);
  }
  return out;
}

/** Import, validate and summarise the bundled sample into a fresh workbook, showing each step's report. */
export async function runDemo(args: ParsedArgs, io: CliIo): Promise<number> {
  const folder = await demoFolder(stringOption(args, "out"));
  const path = join(folder, DEMO_WORKBOOK);
  // Always a new workbook: the demo never merges into an earlier demo's.
  const book = XlsxWorkbook.create(path);
  const progress = progressLine(io);
  try {
    const bytes = new Uint8Array(await readFile(SAMPLE));
    const imported = await importDownloads(book, [{ name: SAMPLE_NAME, bytes }], { now: new Date(), recipientGstin: DEMO_GSTIN, progress: progress.report });
    const validation = await validateWorkbook(book, { progress: progress.report });
    const summary = await summariseWorkbook(book);
    await book.save(path);
    progress.end();
    io.out([
      `1. Import (recipient GSTIN ${DEMO_GSTIN}, supplied by the demo)`,
      ...describeImport(path, imported),
      "",
      "2. Validate",
      ...describeValidation(path, validation),
      "",
      "3. Summary",
      ...describeSummary(path, summary),
      "",
      `The demo workbook is ${resolve(path)}`,
      "Open it in Excel or LibreOffice: pick an Action in a few rows, save, then run",
      `  npx ims-offline validate ${path}`,
      `  npx ims-offline export ${path} --out ${join(folder, "upload.json")}`,
    ].join("\n"));
  } finally {
    progress.end();
  }
  return EXIT.ok;
}
