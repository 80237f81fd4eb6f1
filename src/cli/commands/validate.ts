import type { SheetFinding } from "../../app/contracts";
import { validateWorkbook, type ValidationResult } from "../../app/validate";
import type { ParsedArgs } from "../args";
import { onWorkbook, openWorkbook } from "../files";
import { EXIT, progressLine, type CliIo } from "../io";

/** A finding as --json prints it: the worksheet row number and the header text of its column. */
export function findingJson(f: SheetFinding): { sheet: string; row: number; column: string; code: string; message: string } {
  return { sheet: f.sheet, row: f.row, column: f.column, code: f.code, message: f.message };
}

/** "B2B row 4, Action: You cannot ... (ACT-03)" */
export function findingLine(f: SheetFinding): string {
  return `${f.sheet} row ${f.row}${f.column ? `, ${f.column}` : ""}: ${f.message} (${f.code})`;
}

/** How many places a grouped message lists before "and N more". */
const PLACES_SHOWN = 12;

/**
 * Findings with the same code and message, once, with the places they occur:
 * a thousand rows with the same mistake read as one line, not a thousand.
 */
export function groupedFindingLines(findings: readonly SheetFinding[]): string[] {
  const groups = new Map<string, SheetFinding[]>();
  for (const f of findings) {
    const key = `${f.code}\u0000${f.message}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].flatMap((group) => {
    const places = group.map((f) => `${f.sheet} row ${f.row}${f.column ? ` (${f.column})` : ""}`);
    const shown = places.slice(0, PLACES_SHOWN).join(", ");
    const more = places.length > PLACES_SHOWN ? ` and ${places.length - PLACES_SHOWN} more` : "";
    return [`  ${group[0].message} (${group[0].code})`, `      at ${shown}${more}`];
  });
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

export function describeValidation(path: string, result: ValidationResult): string[] {
  const { errors, warnings, infos } = result;
  const lines = [`${path}: ${count(errors.length, "error")}, ${count(warnings.length, "warning")}.`];
  const section = (title: string, list: readonly SheetFinding[]) => {
    if (list.length > 0) lines.push("", `${title}:`, ...groupedFindingLines(list));
  };
  section("Errors", errors);
  section("Warnings", warnings);
  section("Notes", infos);
  lines.push("");
  lines.push(errors.length > 0
    ? `Open ${path}: rows with errors are highlighted and their Sheet Errors column says why. Fix them, save, and validate again.`
    : `No errors. Next: ims-offline export ${path} --out upload.json`);
  return lines;
}

export async function runValidate(args: ParsedArgs, io: CliIo): Promise<number> {
  const path = args.positionals[0];
  const book = await openWorkbook(path);
  const progress = progressLine(io);
  let result: ValidationResult;
  try {
    result = await onWorkbook(path, () => validateWorkbook(book, { progress: progress.report }));
    // The marks and highlights are the point of validating: they go into the file.
    await book.save(path);
  } finally {
    progress.end();
  }
  if (args.values.json === true) {
    io.out(JSON.stringify({ errors: result.errors.map(findingJson), warnings: result.warnings.map(findingJson) }, null, 2));
  } else {
    io.out(describeValidation(path, result).join("\n"));
  }
  return result.errors.length > 0 ? EXIT.workbookErrors : EXIT.ok;
}
