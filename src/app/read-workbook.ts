import type { Decision } from "../ims/decision";
import type { ImsRecord } from "../ims/record";
import { rowWithoutRecordFinding } from "../ims/rules";
import type { CellValue, WorkbookGateway } from "../workbook/gateway";
import { LAST_UPLOAD_SHEET, parseLastUpload, type LastUpload } from "../workbook/last-upload";
import { mapColumns, readDecision, rowHasContent, rowKey, type ColumnMap } from "../workbook/read-back";
import { HEADERS, sectionLayouts, worksheetRow, type SectionLayout } from "../workbook/section-sheet";
import { HEAD_COLUMNS, HEAD_ROWS, STATE_SHEET, WorkbookStateError, parseState, readStateHead, restoreRecord, type WorkbookState } from "../workbook/state";
import type { SheetFinding, WorkOptions } from "./contracts";

/**
 * Reads the whole workbook back: records from the hidden state (never from the
 * visible cells), decisions from the editable cells of each section sheet,
 * matched to their records through the hidden Record Key column. Shared by
 * every use case.
 */

/** Where a record is shown: the sheet and the 0-based data row. */
export interface RowRef {
  readonly sheet: string;
  readonly dataRow: number;
}

export interface WorkbookEntry {
  readonly record: ImsRecord;
  readonly decision: Decision;
  readonly row: RowRef;
}

/** A section sheet as read. */
export interface SheetData {
  readonly layout: SectionLayout;
  readonly columns: ColumnMap;
  readonly rows: CellValue[][];
  /** The entry of each data row, where the row shows a record (indexed by 0-based data row). */
  readonly entryAt: readonly (WorkbookEntry | undefined)[];
}

export interface WorkbookData {
  readonly state: WorkbookState;
  /** Every stored record, in import order. */
  readonly records: readonly ImsRecord[];
  /** Records that have a row, with the decision their row holds, in sheet order. */
  readonly entries: readonly WorkbookEntry[];
  readonly byKey: ReadonlyMap<string, WorkbookEntry>;
  /** Section sheets present in the workbook, by name. */
  readonly sheets: ReadonlyMap<string, SheetData>;
  /** Rows that cannot be uploaded and records that lost their row (codes in docs/workbook.md). */
  readonly problems: readonly SheetFinding[];
  readonly lastUpload?: LastUpload;
}

/** The workbook has no IMS data: nothing was imported into it yet. */
export class NotAnImsWorkbookError extends Error {
  constructor() {
    super("This workbook has no IMS data yet. Import the JSON file downloaded from the portal (IMS Dashboard → Offline → Download JSON) first.");
    this.name = "NotAnImsWorkbookError";
  }
}

/** Whether an import has ever completed into this workbook (the hidden state sheet exists). */
export async function hasImsData(gateway: WorkbookGateway): Promise<boolean> {
  return (await gateway.sheetNames()).includes(STATE_SHEET);
}

/**
 * The last stamped state read or written, with its records rebuilt. Equal
 * stamps mean equal records (src/workbook/state.ts), so while the hidden state
 * keeps its stamp, every use case reads just its first rows instead of all of it
 * (tens of megabytes at 1,00,000 records) and does not rebuild every record
 * again. The pane's worker lives as long as the pane, so this is kept from one
 * button to the next; it holds one workbook's records at most.
 */
let remembered: { readonly state: WorkbookState; readonly records: readonly ImsRecord[]; readonly byKey: ReadonlyMap<string, ImsRecord> } | undefined;

/** Keeps the records of a state just written, as the import does. */
export function rememberState(state: WorkbookState, records: readonly ImsRecord[]): void {
  remembered = state.stamp ? { state, records, byKey: new Map(records.map((r) => [r.key, r])) } : undefined;
}

export async function readState(gateway: WorkbookGateway, options?: WorkOptions): Promise<WorkbookState> {
  if (!(await hasImsData(gateway))) throw new NotAnImsWorkbookError();
  if (remembered) {
    const head = readStateHead(await gateway.readCells(STATE_SHEET, 0, 0, HEAD_ROWS, HEAD_COLUMNS));
    // The recipient row changes without a new stamp (Generate stores the GSTIN entered): it is always read.
    if (head?.status === "complete" && head.stamp === remembered.state.stamp) return { ...remembered.state, enteredRecipient: head.enteredRecipient };
  }
  const { header, rows } = await gateway.readSheet(STATE_SHEET, options);
  return parseState(header, rows);
}

/** The state's records as ImsRecords, in order and by key: the remembered ones for a remembered state, otherwise rebuilt (and remembered). */
function recordsOf(state: WorkbookState): { readonly records: readonly ImsRecord[]; readonly byKey: ReadonlyMap<string, ImsRecord> } {
  if (remembered?.state.records === state.records) return remembered;
  remembered = undefined;
  const records = state.records.map(restoreRecord);
  const byKey = new Map(records.map((r) => [r.key, r]));
  if (state.stamp) remembered = { state, records, byKey };
  return { records, byKey };
}

function rowFinding(sheet: string, dataRow: number, column: string, code: string, severity: SheetFinding["severity"], message: string): SheetFinding {
  return { sheet, row: worksheetRow(dataRow), column, code, severity, message };
}

export async function readWorkbook(gateway: WorkbookGateway, options?: WorkOptions): Promise<WorkbookData> {
  return readSheets(gateway, await readState(gateway, options), options);
}

/** readWorkbook, for a caller that has read the state already. */
export async function readSheets(gateway: WorkbookGateway, state: WorkbookState, options?: WorkOptions): Promise<WorkbookData> {
  const names = new Set(await gateway.sheetNames());
  if (state.status !== "complete") {
    throw new WorkbookStateError(
      "The last import into this workbook did not finish (Excel closed or the add-in stopped while writing). Import the download again.",
    );
  }
  const { records, byKey: stored } = recordsOf(state);
  const entries: WorkbookEntry[] = [];
  const byKey = new Map<string, WorkbookEntry>();
  const sheets = new Map<string, SheetData>();
  const problems: SheetFinding[] = [];
  const fmt05 = rowWithoutRecordFinding();

  const countBySection = new Map<string, number>();
  for (const r of records) countBySection.set(r.section, (countBySection.get(r.section) ?? 0) + 1);

  for (const layout of sectionLayouts()) {
    const name = layout.sheet.name;
    const inSection = countBySection.get(layout.section.key) ?? 0;
    if (!names.has(name)) {
      if (inSection > 0) {
        problems.push(rowFinding(name, -1, HEADERS.documentNumber, "WBK-01", "warning",
          `Sheet ${name} is missing, so its ${inSection} record(s) cannot be acted on and will not be uploaded. Import the download again to restore it.`));
      }
      continue;
    }
    options?.signal?.throwIfAborted();
    const { header, rows } = await gateway.readSheet(name, options);
    const columns = mapColumns(layout, header);
    const entryAt: (WorkbookEntry | undefined)[] = new Array(rows.length).fill(undefined);
    const entriesBefore = entries.length;
    for (let dataRow = 0; dataRow < rows.length; dataRow++) {
      const row = rows[dataRow];
      const key = rowKey(columns, row);
      const record = key === "" ? undefined : stored.get(key);
      if (!record || record.section !== layout.section.key) {
        if (key !== "" || rowHasContent(columns, row)) problems.push(rowFinding(name, dataRow, HEADERS.documentNumber, fmt05.code, fmt05.severity, fmt05.message));
        continue;
      }
      // A key names its section, so an entry found for it is on this sheet.
      const first = byKey.get(key);
      if (first !== undefined) {
        problems.push(rowFinding(name, dataRow, HEADERS.documentNumber, fmt05.code, fmt05.severity,
          `${fmt05.message} (It repeats row ${worksheetRow(first.row.dataRow)}.)`));
        continue;
      }
      const entry: WorkbookEntry = { record, decision: readDecision(columns, row), row: { sheet: name, dataRow } };
      entryAt[dataRow] = entry;
      entries.push(entry);
      byKey.set(key, entry);
    }
    sheets.set(name, { layout, columns, rows, entryAt });
    // Each record has at most one row, so only a sheet with fewer rows than records has lost some.
    if (entries.length - entriesBefore < inSection) {
      for (const record of records) {
        if (record.section !== layout.section.key || byKey.has(record.key)) continue;
        problems.push(rowFinding(name, -1, HEADERS.documentNumber, "WBK-02", "warning",
          `${record.documentNumber} dated ${record.documentDate} of ${record.supplierGstin} no longer has a row on this sheet (the row was deleted, or its Record Key changed), so it will not be uploaded. Import the download again to restore it.`));
      }
    }
  }

  const lastUpload = names.has(LAST_UPLOAD_SHEET) ? parseLastUpload((await gateway.readSheet(LAST_UPLOAD_SHEET)).rows) : undefined;
  return { state, records, entries, byKey, sheets, problems, ...(lastUpload ? { lastUpload } : {}) };
}
