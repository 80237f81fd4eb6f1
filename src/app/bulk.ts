import type { ActionCode, Decision } from "../ims/decision";
import { defaultItcChoiceOnAccept } from "../ims/rules";
import type { CellValue, WorkbookGateway } from "../workbook/gateway";
import { actionCellText, itcCellText, worksheetRow } from "../workbook/section-sheet";
import type { SheetErrorMarks } from "../workbook/marks";
import type { SheetFinding, WorkOptions } from "./contracts";
import { readWorkbook, type WorkbookEntry } from "./read-workbook";
import { consecutiveRuns, writeColumns, writeErrorMarks } from "./sheet-writes";
import { checkRow, placeFinding } from "./validate";

export interface BulkOptions extends WorkOptions {
  /** Remarks to put on every row; when absent, each row keeps its own. */
  readonly remarks?: string;
}

export interface BulkResult {
  /** Rows changed. */
  readonly updated: number;
  /** Rows left alone, with the reason (worksheet row numbers). */
  readonly skipped: readonly { readonly row: number; readonly reason: string }[];
  /** What the rules now say about the changed rows (also written to their Sheet Errors). */
  readonly findings: readonly SheetFinding[];
}

/**
 * Bulk help: sets the action (and, if given, the remarks) on the given data
 * rows of a section sheet, exactly as if typed, then validates those rows and
 * marks them. Accepting a record that needs an ITC-reduction declaration
 * pre-selects Full where nothing is chosen yet, visibly, for the user to
 * confirm or change (ims-rules ITC-12).
 */
export async function setActionForRows(
  gateway: WorkbookGateway,
  sheet: string,
  rows: readonly number[],
  action: ActionCode,
  options: BulkOptions = {},
): Promise<BulkResult> {
  const data = await readWorkbook(gateway, options);
  const sheetData = data.sheets.get(sheet);
  if (!sheetData) throw new Error(`${sheet} is not a section sheet of this workbook.`);
  const hasItc = sheetData.columns.at.itc !== undefined;

  const skipped: { row: number; reason: string }[] = [];
  const changed = new Map<number, { entry: WorkbookEntry; decision: Decision }>();
  for (const dataRow of rows) {
    const entry = sheetData.entryAt[dataRow];
    if (!entry) {
      skipped.push({ row: worksheetRow(dataRow), reason: "This row did not come from the portal download." });
      continue;
    }
    const before = entry.decision;
    const itc = action === "A" && hasItc && before.itc === null ? defaultItcChoiceOnAccept(entry.record) : before.itc;
    changed.set(dataRow, { entry, decision: { ...before, action, remarks: options.remarks ?? before.remarks, itc } });
  }

  const findings: SheetFinding[] = [];
  for (const run of consecutiveRuns([...changed.keys()])) {
    options.signal?.throwIfAborted();
    const items = run.map((r) => changed.get(r)!);
    const columns: Partial<Record<"action" | "remarks" | "itc", CellValue[]>> = {
      action: items.map(() => actionCellText(action)),
      ...(options.remarks !== undefined ? { remarks: items.map(() => options.remarks!) } : {}),
      ...(hasItc ? { itc: items.map((i) => itcCellText(i.decision.itc)) } : {}),
    };
    await writeColumns(gateway, sheetData, run[0], columns);

    const marks: SheetErrorMarks[] = [];
    for (const { entry, decision } of items) {
      const checked = checkRow(sheetData, entry.row.dataRow, entry.record, decision);
      marks.push(checked.marks);
      for (const f of checked.findings) findings.push(placeFinding(sheet, entry.row.dataRow, f));
    }
    await writeErrorMarks(gateway, sheetData, run[0], marks);
  }
  return { updated: changed.size, skipped, findings };
}
