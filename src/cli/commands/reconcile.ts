import { extname } from "node:path";
import { applySuggestions, reconcileWorkbook, type ApplyResult, type ReconcileDone } from "../../app/reconcile";
import { XlsxWorkbook } from "../../hosts/xlsx/xlsx-gateway";
import { actionLabel, itcChoiceLabel } from "../../ims/decision";
import { ImsFileError } from "../../ims/file-error";
import { InputSizeBudget } from "../../ims/limits";
import { DEFAULT_RECONCILE_OPTIONS, fieldLabel, parseCsv, type Suggestion } from "../../ims/reconcile";
import { worksheetRow } from "../../workbook/section-sheet";
import { nonNegativeNumberOption, type ParsedArgs } from "../args";
import { onWorkbook, openWorkbook, readInputFile } from "../files";
import { EXIT, UsageError, progressLine, type CliIo } from "../io";

/**
 * Reconciliation from the command line, through the same use case as the
 * add-in's: the purchase register (a file) against the workbook's IMS records.
 * The match and the suggestion go into each row's own columns and the books
 * rows IMS lacks onto the Missing in IMS sheet; the decisions change only with
 * --apply, as with the add-in's Apply button.
 */

/** The register's rows, every cell as the file holds it: CSV text, or the values of the .xlsx's first visible sheet. */
async function registerRows(path: string): Promise<unknown[][]> {
  const extension = extname(path).toLowerCase();
  if (extension !== ".csv" && extension !== ".xlsx") {
    throw new UsageError(`the purchase register must be a .csv or .xlsx file, not "${path}". Save it as one from your accounting software or Excel.`);
  }
  const file = await readInputFile(path);
  // Refused by size before it is decoded, like every other file the product reads.
  new InputSizeBudget().take(path, file.bytes.length);
  if (extension === ".csv") return parseCsv(new TextDecoder("utf-8").decode(file.bytes), path);
  const register = await XlsxWorkbook.fromBytes(path, file.bytes);
  const [sheet] = await register.visibleSheetNames();
  if (sheet === undefined) throw new ImsFileError(path, "has no visible sheet to read the purchase register from.");
  const { header, rows } = await register.readSheet(sheet);
  return [header, ...rows];
}

function suggestionJson(s: Suggestion) {
  return {
    action: actionLabel(s.action),
    ...(s.remarks !== undefined ? { remarks: s.remarks } : {}),
    ...(s.itc !== undefined ? { itc: itcChoiceLabel(s.itc) } : {}),
    reason: s.reason,
    needsReview: s.needsReview,
    flagged: s.flagged,
  };
}

function placeOf(done: ReconcileDone, key: string): { sheet: string; row: number } | undefined {
  const ref = done.placeOf.get(key);
  return ref ? { sheet: ref.sheet, row: worksheetRow(ref.dataRow) } : undefined;
}

export function reconcileJson(done: ReconcileDone, applied: ApplyResult | undefined) {
  const { result, suggestions, problems } = done;
  return {
    counts: result.counts,
    suggestionCounts: done.suggestionCounts,
    records: result.records.map((m, i) => ({
      sheet: placeOf(done, m.record.key)?.sheet ?? null,
      row: placeOf(done, m.record.key)?.row ?? null,
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
    ...(applied ? { applied: { rows: applied.applied, replacedYourEntries: applied.replacedYourEntries, alreadyApplied: applied.alreadyApplied, skipped: applied.skipped.length } } : {}),
  };
}

const STATUS_LABEL: Readonly<Record<string, string>> = {
  exact: "Matched",
  probable: "Probably matched",
  mismatch: "Matched, amounts or dates differ",
  "missing-in-books": "In IMS, not in your books",
  "missing-in-ims": "In your books, not in IMS",
};

export function describeReconcile(bookPath: string, done: ReconcileDone, applied: ApplyResult | undefined): string[] {
  const { result, suggestions, problems, suggestionCounts } = done;
  const lines = [`${bookPath} against ${done.register}:`];
  for (const [status, count] of Object.entries(result.counts)) lines.push(`  ${(STATUS_LABEL[status] ?? status).padEnd(34)} ${count}`);
  lines.push(`Suggestions: ${suggestionCounts.ready} ready to apply, ${suggestionCounts.needsReview} to review first, ${suggestionCounts.flagged} for you to decide.`);
  const attention = result.records.map((m, i) => ({ m, s: suggestions[i] })).filter(({ m, s }) => m.status !== "exact" || s.needsReview || s.flagged);
  if (attention.length > 0) {
    lines.push("", "Records to look at:");
    for (const { m, s } of attention) {
      const place = placeOf(done, m.record.key);
      lines.push(`  ${place ? `${place.sheet} row ${place.row}` : "(no row)"}: ${m.summary}`);
      // The reason ends with the suggestion itself ("... Suggested: Pending until the supplier files.").
      lines.push(`      ${s.flagged ? "Decide: " : s.needsReview ? "Review: " : ""}${s.reason}`);
    }
  }
  if (result.missingInIms.length > 0) {
    lines.push("", "In your books but not in IMS (ask these suppliers to report them; also on the Missing in IMS sheet):");
    for (const miss of result.missingInIms) lines.push(`  ${done.register} row ${miss.entry.row}: ${miss.summary}`);
  }
  if (problems.length > 0) {
    lines.push("", "Register rows left out (they could not be read):");
    // Each message names the file, the row and the column already.
    for (const p of problems) lines.push(`  ${p.message}`);
  }
  lines.push("");
  if (applied) {
    lines.push(`Applied ${applied.applied} suggestion${applied.applied === 1 ? "" : "s"} to the decisions in ${bookPath} (${applied.replacedYourEntries} replaced an entry of yours; ${applied.alreadyApplied} were already in place; ${applied.skipped.length} rows left for you).`);
    lines.push(`Check them, then: ims-offline export ${bookPath} --out upload.json`);
  } else {
    lines.push(`The matches and suggestions are in ${bookPath}, beside each row's decision, which is unchanged.`);
    lines.push(`Apply the ready ones with: ims-offline reconcile ${bookPath} ${done.register} --apply (or with the add-in's Apply, which can undo).`);
  }
  return lines;
}

export async function runReconcile(args: ParsedArgs, io: CliIo): Promise<number> {
  const [bookPath, registerPath] = args.positionals;
  const tolerance = nonNegativeNumberOption(args, "tolerance") ?? DEFAULT_RECONCILE_OPTIONS.tolerance;
  const rows = await registerRows(registerPath);
  const book = await openWorkbook(bookPath);
  const progress = progressLine(io);
  let done: ReconcileDone;
  let applied: ApplyResult | undefined;
  try {
    const outcome = await onWorkbook(bookPath, () => reconcileWorkbook(book, { register: { name: registerPath, rows }, tolerance, now: new Date(), progress: progress.report }));
    if (outcome.kind === "needs-mapping") {
      const fields = outcome.mapping.missing.map(fieldLabel).join(", ");
      throw new ImsFileError(registerPath, `no column is recognised for ${fields}. Give that column a header ims-offline recognises (docs/reconcile.md lists them), then run it again.`);
    }
    if (outcome.kind === "no-register") throw new ImsFileError(registerPath, "is empty: it holds no rows to match.");
    done = outcome;
    if (args.values.apply === true) applied = await onWorkbook(bookPath, () => applySuggestions(book, { progress: progress.report }));
    await book.save(bookPath);
  } finally {
    progress.end();
  }
  io.out(args.values.json === true ? JSON.stringify(reconcileJson(done, applied), null, 2) : describeReconcile(bookPath, done, applied).join("\n"));
  return EXIT.ok;
}
