import type { Finding } from "../ims/rules/finding";
import { headerOfField } from "./section-sheet";

/**
 * What a row's error columns hold. The visible Sheet Errors column carries the
 * messages; two hidden columns drive the highlight (a conditional format reads
 * them, so marking or clearing errors is a value write only):
 * - Error Cells: `|Action|Remarks|`, the headers of the cells with errors
 *   (non-empty = the row is marked; each named cell is marked darker);
 * - Error Codes: `|ACT-01|RMK-05|`, plus `|PORTAL|` when the portal reported the
 *   row; "Show only rows with errors" filters on it.
 */

export const PORTAL_CODE = "PORTAL";
const SEPARATOR = " | ";

function barred(items: readonly string[]): string | null {
  const unique = [...new Set(items)];
  return unique.length === 0 ? null : `|${unique.join("|")}|`;
}

export interface SheetErrorMarks {
  readonly sheetErrors: string | null;
  readonly errorCodes: string | null;
  readonly errorCells: string | null;
}

const NO_MARKS: SheetErrorMarks = { sheetErrors: null, errorCodes: null, errorCells: null };

/** A loop rather than `every`: this runs for every row Validate marks. */
function onlyInfos(findings: readonly Finding[]): boolean {
  for (const f of findings) if (f.severity !== "info") return false;
  return true;
}

/** The marks of one row: errors and warnings shown (infos are not), errors highlighted. */
export function sheetErrorMarks(findings: readonly Finding[], hasPortalErrors: boolean): SheetErrorMarks {
  // Most rows of a month have nothing to show, or only a note.
  if (!hasPortalErrors && onlyInfos(findings)) return NO_MARKS;
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const shown = [
    ...errors.map((f) => `Error ${f.code}: ${f.message}`),
    ...warnings.map((f) => `Warning ${f.code}: ${f.message}`),
  ];
  return {
    sheetErrors: shown.length === 0 ? null : shown.join(SEPARATOR),
    errorCodes: barred([...errors.map((f) => f.code), ...(hasPortalErrors ? [PORTAL_CODE] : [])]),
    errorCells: barred(errors.map((f) => headerOfField(f.field)).filter((h): h is string => h !== undefined)),
  };
}

/** Error Codes after the portal's errors changed, keeping the sheet's own codes. */
export function withPortalCode(errorCodes: string | null, hasPortalErrors: boolean): string | null {
  const codes = (errorCodes ?? "").split("|").filter((c) => c !== "" && c !== PORTAL_CODE);
  return barred([...codes, ...(hasPortalErrors ? [PORTAL_CODE] : [])]);
}

const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The Portal Errors text of a row: each message with its code and what to do. */
export function portalErrorText(errors: readonly { code?: string; message: string; guidance: string; note?: string }[]): string | null {
  if (errors.length === 0) return null;
  return errors
    .map((e) => `${e.code ? `${e.code}: ` : ""}${sentence(e.message)}${e.note ? ` (${e.note})` : ""} ${e.guidance}`.trim())
    .join(SEPARATOR);
}
