import { applyErrorFile, describeRestored, type ErrorFileResult } from "../../app/error-file";
import type { ParsedArgs } from "../args";
import { onWorkbook, openWorkbook, readInputFile } from "../files";
import { EXIT, progressLine, type CliIo } from "../io";

/** The result as --json prints it (docs/cli.md). */
export function errorFileJson(result: ErrorFileResult) {
  return {
    matched: result.matched.map((m) => ({ sheet: m.sheet, row: m.row, code: m.code ?? null, message: m.message })),
    unmatched: result.unmatched.map((e) => ({
      file: e.file,
      section: e.alias,
      supplierGstin: e.supplierGstin,
      documentNumber: e.documentNumber,
      returnPeriod: e.returnPeriod,
      code: e.code ?? null,
      message: e.message,
    })),
    // A whole upload the portal refused: no row to mark, but never left out.
    requestFailures: result.requestFailures.map((f) => ({ file: f.file, code: f.code ?? null, message: f.message })),
    restored: result.restored,
  };
}

export function describeErrorFile(path: string, result: ErrorFileResult): string[] {
  const lines: string[] = [];
  for (const s of result.statuses) {
    lines.push(`${s.file}: portal status ${s.status}${s.processed !== undefined ? `, ${s.processed} processed` : ""}${s.failed !== undefined ? `, ${s.failed} failed` : ""}.`);
  }
  for (const f of result.requestFailures) lines.push(`The portal refused the whole upload (${f.file}): ${f.message}${f.code ? ` (${f.code})` : ""}. ${f.guidance}`);
  lines.push(`Marked ${result.matched.length} row${result.matched.length === 1 ? "" : "s"} in the Portal Errors column of ${path}.`);
  for (const m of result.matched) {
    lines.push(`  ${m.sheet} row ${m.row}: ${m.message}${m.code ? ` (${m.code})` : ""}${m.quality === "exact" ? "" : ` [${m.quality} match]`}`);
    if (m.guidance) lines.push(`      ${m.guidance}`);
  }
  if (result.unmatched.length > 0) {
    lines.push(`${result.unmatched.length} error${result.unmatched.length === 1 ? "" : "s"} match no row of this workbook:`);
    for (const e of result.unmatched) {
      const document = e.documentNumber ? `${e.documentNumber} of ${e.supplierGstin}` : `supplier ${e.supplierGstin || "(none given)"}`;
      lines.push(`  ${e.file}: ${e.alias} ${document}: ${e.message}${e.code ? ` (${e.code})` : ""}`);
    }
  }
  for (const n of result.notices) lines.push(`${n.severity === "warning" ? "Warning" : "Note"}: ${n.file}: ${n.message}`);
  if (result.restored > 0) lines.push(`Warning: ${describeRestored(result.restored)}`);
  if (result.matched.length > 0) lines.push("", `Correct the marked rows, then: ims-offline export ${path} --out upload.json`);
  return lines;
}

export async function runApplyErrors(args: ParsedArgs, io: CliIo): Promise<number> {
  const [errorPath, path] = args.positionals;
  const errorFile = await readInputFile(errorPath);
  const book = await openWorkbook(path);
  const progress = progressLine(io);
  let result: ErrorFileResult;
  try {
    result = await onWorkbook(path, () => applyErrorFile(book, [errorFile], { progress: progress.report }));
    await book.save(path);
  } finally {
    progress.end();
  }
  io.out(args.values.json === true ? JSON.stringify(errorFileJson(result), null, 2) : describeErrorFile(path, result).join("\n"));
  return EXIT.ok;
}
