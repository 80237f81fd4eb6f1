import { extname } from "node:path";
import { readWorkbook } from "../../app/read-workbook";
import { XlsxWorkbook } from "../../hosts/xlsx/xlsx-gateway";
import { actionLabel, itcChoiceLabel } from "../../ims/decision";
import { ImsFileError } from "../../ims/file-error";
import { parseCsv } from "../../ims/reconcile/csv";
import { DEFAULT_RECONCILE_OPTIONS, reconcile, type ReconcileResult } from "../../ims/reconcile/match";
import { locateHeader, readRegister, REGISTER_FIELDS, type RegisterProblem } from "../../ims/reconcile/register";
import { suggestAll, type Suggestion } from "../../ims/reconcile/suggest";
import { worksheetRow } from "../../workbook/section-sheet";
import { nonNegativeNumberOption, type ParsedArgs } from "../args";
import { onWorkbook, openWorkbook, readInputFile } from "../files";
import { EXIT, UsageError, type CliIo } from "../io";

/**
 * Reconciliation from the command line: the purchase register against the
 * IMS records of the workbook, with a suggested decision per record. The
 * workbook is only read; suggestions are printed, for the user to apply in the
 * workbook (or with the add-in, which writes them beside the decisions).
 */

/** The register's rows, every cell as the file holds it: CSV text, or the values of the .xlsx's first visible sheet. */
async function registerRows(path: string): Promise<unknown[][]> {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") {
    const file = await readInputFile(path);
    return parseCsv(new TextDecoder("utf-8").decode(file.bytes), path);
  }
  if (extension === ".xlsx") {
    const register = await XlsxWorkbook.open(path);
    const [sheet] = await register.visibleSheetNames();
    if (sheet === undefined) throw new ImsFileError(path, "has no visible sheet to read the purchase register from.");
    const { header, rows } = await register.readSheet(sheet);
    return [header, ...rows];
  }
  throw new UsageError(`the purchase register must be a .csv or .xlsx file, not "${path}". Save it as one from your accounting software or Excel.`);
}

export interface ReconcileRun {
  readonly result: ReconcileResult;
  readonly suggestions: readonly Suggestion[];
  readonly problems: readonly RegisterProblem[];
  /** Each IMS record's place in the workbook, by record key. */
  readonly placeOf: ReadonlyMap<string, { sheet: string; row: number }>;
}

export async function reconcileWorkbook(bookPath: string, registerPath: string, tolerance: number): Promise<ReconcileRun> {
  const rows = await registerRows(registerPath);
  const mapping = locateHeader(rows);
  if (!mapping) {
    const needed = REGISTER_FIELDS.filter((f) => f.required).map((f) => f.label).join(", ");
    throw new ImsFileError(registerPath, `no header row found in the first 30 rows. The register needs columns for: ${needed}.`);
  }
  const register = readRegister(rows, mapping, registerPath);
  const book = await openWorkbook(bookPath);
  const data = await onWorkbook(bookPath, () => readWorkbook(book));
  const result = reconcile(data.records, register.entries, { ...DEFAULT_RECONCILE_OPTIONS, tolerance });
  const placeOf = new Map([...data.byKey].map(([key, entry]) => [key, { sheet: entry.row.sheet, row: worksheetRow(entry.row.dataRow) }]));
  return { result, suggestions: suggestAll(result), problems: register.problems, placeOf };
}

function suggestionJson(s: Suggestion) {
  return {
    action: actionLabel(s.action),
    ...(s.remarks !== undefined ? { remarks: s.remarks } : {}),
    ...(s.itc !== undefined ? { itc: itcChoiceLabel(s.itc) } : {}),
    reason: s.reason,
    needsReview: s.needsReview,
  };
}

export function reconcileJson(run: ReconcileRun) {
  const { result, suggestions, problems, placeOf } = run;
  return {
    counts: result.counts,
    records: result.records.map((m, i) => ({
      sheet: placeOf.get(m.record.key)?.sheet ?? null,
      row: placeOf.get(m.record.key)?.row ?? null,
      supplierGstin: m.record.supplierGstin,
      documentNumber: m.record.documentNumber,
      documentDate: m.record.documentDate,
      status: m.status,
      registerRow: m.entry?.row ?? null,
      summary: m.summary,
      differences: m.differences.map((d) => ({ field: d.field, ims: d.ims, books: d.books, message: d.message })),
      suggestion: suggestionJson(suggestions[i]),
    })),
    missingInIms: result.missingInIms.map((miss) => ({
      registerRow: miss.entry.row,
      supplierGstin: miss.entry.supplierGstin,
      documentNumber: miss.entry.documentNumber,
      documentDate: miss.entry.documentDate,
      summary: miss.summary,
    })),
    registerProblems: problems.map((p) => ({ row: p.row, column: p.column ?? null, message: p.message })),
  };
}

const STATUS_LABEL: Readonly<Record<string, string>> = {
  exact: "Matched",
  probable: "Probably matched",
  mismatch: "Matched, amounts or dates differ",
  "missing-in-books": "In IMS, not in your books",
  "missing-in-ims": "In your books, not in IMS",
};

export function describeReconcile(bookPath: string, registerPath: string, run: ReconcileRun): string[] {
  const { result, suggestions, problems, placeOf } = run;
  const lines = [`${bookPath} against ${registerPath}:`];
  for (const [status, count] of Object.entries(result.counts)) lines.push(`  ${(STATUS_LABEL[status] ?? status).padEnd(34)} ${count}`);
  const attention = result.records.map((m, i) => ({ m, s: suggestions[i] })).filter(({ m, s }) => m.status !== "exact" || s.needsReview);
  if (attention.length > 0) {
    lines.push("", "Records to look at, with the suggested action:");
    for (const { m, s } of attention) {
      const place = placeOf.get(m.record.key);
      lines.push(`  ${place ? `${place.sheet} row ${place.row}` : "(no row)"}: ${m.summary}`);
      // The reason ends with the suggestion itself ("... Suggested: Pending until the supplier files.").
      lines.push(`      ${s.needsReview ? "Review: " : ""}${s.reason}`);
    }
  }
  if (result.missingInIms.length > 0) {
    lines.push("", "In your books but not in IMS (ask these suppliers to report them):");
    for (const miss of result.missingInIms) lines.push(`  ${registerPath} row ${miss.entry.row}: ${miss.summary}`);
  }
  if (problems.length > 0) {
    lines.push("", "Register rows left out (they could not be read):");
    // Each message names the file, the row and the column already.
    for (const p of problems) lines.push(`  ${p.message}`);
  }
  lines.push("", `The workbook was not changed. Enter the actions you agree with in ${bookPath}, then validate and export.`);
  return lines;
}

export async function runReconcile(args: ParsedArgs, io: CliIo): Promise<number> {
  const [bookPath, registerPath] = args.positionals;
  const tolerance = nonNegativeNumberOption(args, "tolerance") ?? DEFAULT_RECONCILE_OPTIONS.tolerance;
  const run = await reconcileWorkbook(bookPath, registerPath, tolerance);
  io.out(args.values.json === true ? JSON.stringify(reconcileJson(run), null, 2) : describeReconcile(bookPath, registerPath, run).join("\n"));
  return EXIT.ok;
}
