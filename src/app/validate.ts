import type { Decision } from "../ims/decision";
import type { ImsRecord } from "../ims/record";
import { checkAll, checkDecision, type EarlierExport, type ExportFinding, type Finding, type WorkbookInput } from "../ims/rules";
import { chooseRecipient, type CheckedItems, type RecordProblem } from "../ims/upload";
import type { WorkbookGateway } from "../workbook/gateway";
import { HOME_HEADERS, HOME_RECIPIENT_ROW, HOME_SHEET } from "../workbook/home-sheet";
import { sheetErrorMarks, type SheetErrorMarks } from "../workbook/marks";
import { headerOfField, worksheetRow } from "../workbook/section-sheet";
import type { SheetFinding, WorkOptions } from "./contracts";
import { readWorkbook, type SheetData, type WorkbookData } from "./read-workbook";
import { clearSectionFilters } from "./filters";
import { writeErrorMarks } from "./sheet-writes";

export interface ValidationResult {
  readonly errors: readonly SheetFinding[];
  readonly warnings: readonly SheetFinding[];
  readonly infos: readonly SheetFinding[];
}

export interface ValidateOptions extends WorkOptions {
  /** The clock, for the rules that depend on the date (ACT-09, WRN-05); defaults to now. */
  readonly now?: Date;
  /** A recipient GSTIN entered but not yet kept in the workbook; checked instead of the stored one (FMT-01, FMT-02). */
  readonly recipientGstin?: string;
}

/** What generateUpload needs besides the placed findings: the findings by record, and the export-wide errors. */
export interface ValidationDetail extends ValidationResult {
  readonly recordErrors: readonly RecordProblem[];
  readonly exportErrors: readonly ExportFinding[];
  /** Every finding, as the rules gave them, for buildUpload not to check the same records again. */
  readonly checked: CheckedItems;
}

/** A finding on a record's row, placed in the workbook. */
export function placeFinding(sheet: string, dataRow: number, finding: Finding): SheetFinding {
  return {
    sheet,
    row: worksheetRow(dataRow),
    column: headerOfField(finding.field) ?? "",
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
  };
}

/** Whole-export findings point at the Home sheet: the recipient GSTIN's cell, or the sheet's first cell. */
function placeExportFinding(finding: ExportFinding): SheetFinding {
  const onGstin = finding.field === "recipientGstin";
  return {
    sheet: HOME_SHEET,
    row: onGstin ? worksheetRow(HOME_RECIPIENT_ROW) : 1,
    column: onGstin ? HOME_HEADERS[1] : HOME_HEADERS[0],
    code: finding.code,
    severity: finding.severity,
    message: finding.message,
  };
}

/**
 * The last upload, when it was generated since the download was loaded (CHG-06):
 * an import afterwards brings the portal's status as it then was, so an older
 * upload no longer matters.
 */
function earlierExportOf({ lastUpload, state }: WorkbookData): EarlierExport | undefined {
  if (!lastUpload) return undefined;
  const generatedAt = new Date(lastUpload.generatedAt);
  if (!(generatedAt.getTime() >= new Date(state.meta.importedAt).getTime())) return undefined;
  // A part marked processed no longer counts: sending its records again is a new decision. Nor does a record the
  // portal refused: it has to be sent again.
  return { generatedAt, keys: new Set(lastUpload.records.filter((r) => !r.processed && r.refused !== true).map((r) => r.key)) };
}

/** What the rules check the workbook with, and the recipient GSTIN the upload would use. */
function workbookInput(data: WorkbookData, now: Date, enteredRecipient?: string): WorkbookInput {
  const { meta } = data.state;
  const entered = enteredRecipient ?? data.state.enteredRecipient;
  const earlierExport = earlierExportOf(data);
  return {
    recipientGstin: chooseRecipient(entered, meta.fileRecipients),
    fileRecipients: meta.fileRecipients,
    // The portal file carries no download time; the import time stands for it (ACT-09).
    downloadedAt: new Date(meta.importedAt),
    now,
    records: data.entries,
    ...(earlierExport ? { earlierExport } : {}),
  };
}

/** Whether the portal's error file marked this row (its Portal Errors cell is filled). */
export function hasPortalErrors(sheet: SheetData, dataRow: number): boolean {
  const at = sheet.columns.at.portalErrors;
  const value = at === undefined ? null : sheet.rows[dataRow]?.[at] ?? null;
  return value !== null && value !== "";
}

const MARK_COLUMNS = ["sheetErrors", "errorCodes", "errorCells"] as const;

/** Whether a row's error columns, as read, already show these marks (an empty cell reads as null). */
function showsMarks(sheet: SheetData, dataRow: number, marks: SheetErrorMarks): boolean {
  for (const id of MARK_COLUMNS) {
    const at = sheet.columns.at[id];
    if (at !== undefined && (sheet.rows[dataRow]?.[at] ?? null) !== marks[id]) return false;
  }
  return true;
}

/**
 * Rewrites the error columns of a sheet: Sheet Errors (messages), Error Codes
 * and Error Cells (the highlight), from each data row's marks. Rows without
 * marks are cleared, so fixed errors disappear. Only the rows from the first to
 * the last whose cells differ from their marks are written: Validate run again
 * after a few fixes rewrites those rows, not three cells of every row.
 */
async function writeSheetMarks(gateway: WorkbookGateway, sheet: SheetData, marks: readonly (SheetErrorMarks | undefined)[]): Promise<void> {
  const rows = sheet.rows.map((_, dataRow) => marks[dataRow] ?? sheetErrorMarks([], hasPortalErrors(sheet, dataRow)));
  let first = 0;
  while (first < rows.length && showsMarks(sheet, first, rows[first])) first++;
  if (first === rows.length) return;
  let last = rows.length - 1;
  while (showsMarks(sheet, last, rows[last])) last--;
  await writeErrorMarks(gateway, sheet, first, rows.slice(first, last + 1));
}

/** The rules' findings on one row's decision, with the row's marks. */
export function checkRow(sheet: SheetData, dataRow: number, record: ImsRecord, decision: Decision): { findings: readonly Finding[]; marks: SheetErrorMarks } {
  const findings = checkDecision(record, decision);
  return { findings, marks: sheetErrorMarks(findings, hasPortalErrors(sheet, dataRow)) };
}

/**
 * Validate: clears every filter first (as GSTN's tool does, so no error is
 * hidden), checks every row and the export as a whole, and writes each row's
 * errors and highlight, clearing those that were fixed.
 */
export async function validateWorkbook(gateway: WorkbookGateway, options: ValidateOptions = {}): Promise<ValidationDetail> {
  await clearSectionFilters(gateway);
  const data = await readWorkbook(gateway, options);
  return validateData(gateway, data, options);
}

/** Validation of a workbook already read (generateUpload reads once). */
export async function validateData(
  gateway: WorkbookGateway,
  data: WorkbookData,
  options: ValidateOptions = {},
): Promise<ValidationDetail> {
  const placed: SheetFinding[] = [...data.problems];
  const recordErrors: RecordProblem[] = [];
  const byRecord = new Map<ImsRecord, readonly Finding[]>();
  // Each sheet's marks by data row.
  const marksBySheet = new Map<string, (SheetErrorMarks | undefined)[]>();
  for (const [name, sheet] of data.sheets) marksBySheet.set(name, new Array(sheet.rows.length).fill(undefined));

  const { perRecord, uploaded, workbook } = checkAll(workbookInput(data, options.now ?? new Date(), options.recipientGstin?.trim() || undefined));
  for (let i = 0; i < data.entries.length; i++) {
    const { record, row } = data.entries[i];
    const findings = perRecord[i];
    marksBySheet.get(row.sheet)![row.dataRow] = sheetErrorMarks(findings, hasPortalErrors(data.sheets.get(row.sheet)!, row.dataRow));
    if (findings.length === 0) continue;
    byRecord.set(record, findings);
    for (const f of findings) {
      placed.push(placeFinding(row.sheet, row.dataRow, f));
      if (f.severity === "error") recordErrors.push({ record, finding: f });
    }
  }
  // Rows that cannot be uploaded (FMT-05) are marked too.
  for (const p of data.problems) {
    if (p.row < 2) continue;
    const sheet = data.sheets.get(p.sheet)!;
    const dataRow = p.row - 2;
    const finding: Finding = { code: p.code, severity: p.severity, field: "record", message: p.message, source: "" };
    marksBySheet.get(p.sheet)![dataRow] = sheetErrorMarks([finding], hasPortalErrors(sheet, dataRow));
  }
  const exportFindings = workbook.findings;
  for (const f of exportFindings) placed.push(placeExportFinding(f));

  let done = 0;
  for (const [name, sheet] of data.sheets) {
    options.signal?.throwIfAborted();
    await writeSheetMarks(gateway, sheet, marksBySheet.get(name)!);
    options.progress?.({ done: ++done, total: data.sheets.size, label: `Marking errors on ${name}` });
  }
  return {
    errors: placed.filter((f) => f.severity === "error"),
    warnings: placed.filter((f) => f.severity === "warning"),
    infos: placed.filter((f) => f.severity === "info"),
    recordErrors,
    exportErrors: exportFindings.filter((f) => f.severity === "error"),
    checked: { byRecord, workbook: exportFindings, uploaded: data.entries.filter((_, i) => uploaded[i]) },
  };
}
