import type { Decision } from "../ims/decision";
import type { ImsRecord } from "../ims/record";
import { rowWithoutRecordFinding } from "../ims/rules";
import type { CellValue, WorkbookGateway } from "../workbook/gateway";
import { LAST_UPLOAD_SHEET, parseLastUpload, type LastUpload } from "../workbook/last-upload";
import { mapColumns, readDecision, rowHasContent, rowKey, type ColumnMap } from "../workbook/read-back";
import { HEADERS, sectionLayouts, worksheetRow, type SectionLayout } from "../workbook/section-sheet";
import { HEAD_COLUMNS, HEAD_ROWS, STATE_SHEET, WorkbookStateError, parseState, readStateHead, restoreRecords, type WorkbookState } from "../workbook/state";
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
 * A state's records, with the lookups readSheets needs, each built the first
 * time it is needed: rows stay in the order the import wrote them unless the
 * user sorts a sheet, so the lookup by key is often never needed at all.
 */
class StoredRecords {
  private keyed: Map<string, ImsRecord> | undefined;
  private sections: Map<string, ImsRecord[]> | undefined;

  constructor(readonly records: readonly ImsRecord[]) {}

  byKey(key: string): ImsRecord | undefined {
    this.keyed ??= new Map(this.records.map((r) => [r.key, r]));
    return this.keyed.get(key);
  }

  /** The records of one section, in import order: the order of its sheet's rows as written. */
  inSection(section: string): readonly ImsRecord[] {
    if (!this.sections) {
      this.sections = new Map();
      for (const r of this.records) {
        const list = this.sections.get(r.section);
        if (list) list.push(r);
        else this.sections.set(r.section, [r]);
      }
    }
    return this.sections.get(section) ?? [];
  }
}

/**
 * The last stamped state read or written, with its records rebuilt. Equal
 * stamps mean equal records (src/workbook/state.ts), so while the hidden state
 * keeps its stamp, every use case reads just its first rows instead of all of it
 * (tens of megabytes at 1,00,000 records) and does not rebuild every record
 * again. The pane's worker lives as long as the pane, so this is kept from one
 * button to the next; it holds one workbook's records at most.
 */
let remembered: { readonly state: WorkbookState; readonly stored: StoredRecords } | undefined;

/** Keeps the records of a state just written, as the import does. */
export function rememberState(state: WorkbookState, records: readonly ImsRecord[]): void {
  remembered = state.stamp ? { state, stored: new StoredRecords(records) } : undefined;
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

/** The last upload the workbook keeps, if any (`names`: the workbook's sheet names). */
export async function readLastUpload(gateway: WorkbookGateway, names: ReadonlySet<string>): Promise<LastUpload | undefined> {
  if (!names.has(LAST_UPLOAD_SHEET)) return undefined;
  const { header, rows } = await gateway.readSheet(LAST_UPLOAD_SHEET);
  return parseLastUpload(header, rows);
}

/** The state's records as ImsRecords, in order: the remembered ones for a remembered state, otherwise rebuilt (and remembered). */
function recordsOf(state: WorkbookState): StoredRecords {
  if (remembered?.state.records === state.records) return remembered.stored;
  remembered = undefined;
  const stored = new StoredRecords(restoreRecords(state.records));
  if (state.stamp) remembered = { state, stored };
  return stored;
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
  const stored = recordsOf(state);
  const { records } = stored;
  const entries: WorkbookEntry[] = [];
  const sheets = new Map<string, SheetData>();
  const problems: SheetFinding[] = [];
  const fmt05 = rowWithoutRecordFinding();

  for (const layout of sectionLayouts()) {
    const name = layout.sheet.name;
    const inSection = stored.inSection(layout.section.key);
    if (!names.has(name)) {
      if (inSection.length > 0) {
        problems.push(rowFinding(name, -1, HEADERS.documentNumber, "WBK-01", "warning",
          `Sheet ${name} is missing, so its ${inSection.length} record(s) cannot be acted on and will not be uploaded. Import the download again to restore it.`));
      }
      continue;
    }
    options?.signal?.throwIfAborted();
    const { header, rows } = await gateway.readSheet(name, options);
    const columns = mapColumns(layout, header);
    const entryAt: (WorkbookEntry | undefined)[] = new Array(rows.length).fill(undefined);
    // Rows where the import wrote them hold different records, so only a row found by key can repeat
    // one: from the first such row on, the records taken so far are kept to tell a repeat.
    let taken: Map<ImsRecord, WorkbookEntry> | undefined;
    let onSheet = 0;
    for (let dataRow = 0; dataRow < rows.length; dataRow++) {
      const row = rows[dataRow];
      const key = rowKey(columns, row);
      // The record the import wrote on this row is tried first; a sorted sheet finds its records by key.
      const written = inSection[dataRow];
      const inPlace = written !== undefined && written.key === key;
      const record = inPlace ? written : key === "" ? undefined : stored.byKey(key);
      if (!record || record.section !== layout.section.key) {
        if (key !== "" || rowHasContent(columns, row)) problems.push(rowFinding(name, dataRow, HEADERS.documentNumber, fmt05.code, fmt05.severity, fmt05.message));
        continue;
      }
      if (!inPlace) taken ??= new Map(entryAt.flatMap((e) => (e ? [[e.record, e] as const] : [])));
      const first = taken?.get(record);
      if (first !== undefined) {
        problems.push(rowFinding(name, dataRow, HEADERS.documentNumber, fmt05.code, fmt05.severity,
          `${fmt05.message} (It repeats row ${worksheetRow(first.row.dataRow)}.)`));
        continue;
      }
      const entry: WorkbookEntry = { record, decision: readDecision(columns, row), row: { sheet: name, dataRow } };
      entryAt[dataRow] = entry;
      entries.push(entry);
      taken?.set(record, entry);
      onSheet++;
    }
    sheets.set(name, { layout, columns, rows, entryAt });
    // Each record has at most one row, so only a sheet with fewer rows than records has lost some.
    if (onSheet < inSection.length) {
      const shown = new Set(entryAt.map((e) => e?.record));
      for (const record of inSection) {
        if (shown.has(record)) continue;
        problems.push(rowFinding(name, -1, HEADERS.documentNumber, "WBK-02", "warning",
          `${record.documentNumber} dated ${record.documentDate} of ${record.supplierGstin} no longer has a row on this sheet (the row was deleted, or its Record Key changed), so it will not be uploaded. Import the download again to restore it.`));
      }
    }
  }

  const lastUpload = await readLastUpload(gateway, names);
  let byKey: Map<string, WorkbookEntry> | undefined;
  return {
    state, records, entries, sheets, problems, ...(lastUpload ? { lastUpload } : {}),
    // Made when first asked for (applying an error file, reconciling): Validate and Generate do not need it.
    get byKey() {
      return (byKey ??= new Map(entries.map((e) => [e.record.key, e])));
    },
  };
}
