import { TAX_HEADS, type Decision } from "../ims/decision";
import {
  DEFAULT_RECONCILE_OPTIONS, REGISTER_FIELDS, buildMapping, fieldLabel, locateHeader, readRegister, reconcile, suggestAll,
  type ColumnMap, type ColumnMapping, type MatchStatus, type ReconcileOptions, type ReconcileResult, type RegisterField,
  type RegisterProblem, type Suggestion,
} from "../ims/reconcile";
import type { CellValue, WorkbookGateway } from "../workbook/gateway";
import { userChanged } from "../workbook/merge";
import { readDecision } from "../workbook/read-back";
import {
  MATCH_COLUMNS, MISSING_IN_IMS_SPEC, PURCHASE_REGISTER_GUIDANCE, PURCHASE_REGISTER_SHEET, PURCHASE_REGISTER_SPEC,
  matchCells, missingInImsRow, type MatchColumnId,
} from "../workbook/reconcile-sheets";
import {
  DECISION_COLUMNS, EMPTY_RECONCILE_STATE, RECONCILE_STATE_SHEET, RECONCILE_STATE_SPEC, parseReconcileState, reconcileStateRows,
  type ConfirmedMapping, type DecisionCells, type DecisionColumnId, type ReconcileRunInfo, type ReconcileState,
  type RegisterSource, type StoredSuggestion, type UndoEntry,
} from "../workbook/reconcile-state";
import { DECLARED_COLUMN, HEADERS, actionCellText, itcCellText, layoutBySheetName, worksheetRow } from "../workbook/section-sheet";
import type { SheetErrorMarks } from "../workbook/marks";
import type { SheetFinding, WorkOptions } from "./contracts";
import { readState, readWorkbook, type RowRef, type SheetData, type WorkbookData, type WorkbookEntry } from "./read-workbook";
import { consecutiveRuns, writeColumns, writeErrorMarks } from "./sheet-writes";
import { checkRow, placeFinding } from "./validate";

/**
 * Reconciliation in the workbook (issue #7; docs/reconcile.md, "In the
 * product"): reads the purchase register (the Purchase Register sheet, or rows
 * from a file), matches it with the IMS records, writes each record's status and
 * suggestion into its own columns beside the decision, lists the books rows IMS
 * does not have, and applies suggestions only when asked, with undo.
 */

/** A register read from a file by the command line: every row, header and title rows included. */
export interface RegisterInput {
  /** The file name, for messages ("purchases.csv row 12: …"). */
  readonly name: string;
  readonly rows: readonly (readonly unknown[])[];
}

/** The columns the user confirmed or chose for each field. */
export interface MappingChoice {
  /** 0-based index of the header row among the register's rows (worksheet row 1 = 0). */
  readonly headerRow: number;
  readonly columns: ColumnMap;
  /**
   * The header texts the user saw when choosing: when the register's header row
   * no longer reads so (it was pasted anew), the choice is refused, not misapplied.
   */
  readonly headers?: readonly string[];
}

export interface ReconcileWorkbookOptions extends WorkOptions {
  /** Rows from a file (command line); absent = the Purchase Register sheet. */
  readonly register?: RegisterInput;
  /** The mapping the user confirmed; absent = the one confirmed last time for these headers, else detected. */
  readonly mapping?: MappingChoice;
  /** ₹ per amount; default 1. */
  readonly tolerance?: number;
  /** Days; default 30. */
  readonly dateWindowDays?: number;
  /** The clock, for the run's time stamp. */
  readonly now?: Date;
}

export interface SuggestionCounts {
  /** Suggestions ready to apply. */
  readonly ready: number;
  /** Suggestions to apply only after a look (a near-miss number, another GSTIN of the supplier, a note type). */
  readonly needsReview: number;
  /** Records with nothing suggested: the user decides (Match Details says why). */
  readonly flagged: number;
}

export type ReconcileOutcome =
  /** No register to read: the sheet was missing (now created) or is empty. */
  | { readonly kind: "no-register"; readonly sheet: string; readonly created: boolean; readonly message: string }
  /** A required field has no column: the user chooses it, then runs again. */
  | { readonly kind: "needs-mapping"; readonly register: string; readonly mapping: ColumnMapping; readonly message: string }
  | ReconcileDone;

export interface ReconcileDone {
  readonly kind: "reconciled";
  /** The sheet or file the register came from. */
  readonly register: string;
  readonly mapping: ColumnMapping;
  readonly options: ReconcileOptions;
  readonly counts: Readonly<Record<MatchStatus | "missing-in-ims", number>>;
  readonly suggestionCounts: SuggestionCounts;
  /** Register rows left out of matching, one per unreadable field, with the row number the user sees. */
  readonly problems: readonly RegisterProblem[];
  readonly result: ReconcileResult;
  /** One per result.records entry. */
  readonly suggestions: readonly Suggestion[];
  /** Where each record is shown, by record key (records that lost their row are absent). */
  readonly placeOf: ReadonlyMap<string, RowRef>;
}

export type RegisterPreview =
  | { readonly kind: "no-sheet"; readonly sheet: string }
  | { readonly kind: "empty"; readonly sheet: string }
  | {
    readonly kind: "found";
    readonly sheet: string;
    readonly mapping: ColumnMapping;
    /** Rows under the header, blank ones included. */
    readonly dataRows: number;
    /** Whether the mapping is the one the user confirmed last time (else detected now). */
    readonly confirmed: boolean;
  };

/** The settings and time of the last run, for the pane to show. */
export interface LastRun {
  readonly ranAt: string;
  readonly source: RegisterSource;
  readonly tolerance: number;
  readonly dateWindowDays: number;
  /** Whether the IMS data was imported again since (its suggestions are then not applied). */
  readonly stale: boolean;
  /** How many "apply" steps can be undone. */
  readonly undoSteps: number;
}

// ---------------------------------------------------------------------------
// Reading the register and the reconciliation state

const isBlankCell = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "string" && (v.trim() === "" || v === PURCHASE_REGISTER_GUIDANCE));

/** The Purchase Register sheet as rows (worksheet row 1 first), the guidance note read as blank. */
async function registerSheetRows(gateway: WorkbookGateway, options?: WorkOptions): Promise<CellValue[][]> {
  const { header, rows } = await gateway.readSheet(PURCHASE_REGISTER_SHEET, options);
  return [header.map((h) => (h === PURCHASE_REGISTER_GUIDANCE ? null : h)), ...rows];
}

async function readReconcileState(gateway: WorkbookGateway, names: ReadonlySet<string>): Promise<ReconcileState> {
  if (!names.has(RECONCILE_STATE_SHEET)) return EMPTY_RECONCILE_STATE;
  const { header, rows } = await gateway.readSheet(RECONCILE_STATE_SHEET);
  return parseReconcileState(header, rows);
}

async function writeReconcileState(gateway: WorkbookGateway, state: ReconcileState): Promise<void> {
  await gateway.writeSheet(RECONCILE_STATE_SPEC, reconcileStateRows(state));
}

/** Header texts without the empty cells after the last one (the sheet's width varies with what else is pasted). */
function withoutTrailingBlanks(headers: readonly string[]): string[] {
  const out = headers.slice();
  while (out.length > 0 && out[out.length - 1].trim() === "") out.pop();
  return out;
}

function headersOf(rows: readonly (readonly unknown[])[], headerRow: number): string[] {
  return withoutTrailingBlanks(buildMapping(rows[headerRow] ?? [], {}, headerRow).headers);
}

/** The stored confirmed mapping, when the register still has the same header row. */
function reusableMapping(rows: readonly (readonly unknown[])[], confirmed: ConfirmedMapping | undefined): ConfirmedMapping | undefined {
  if (!confirmed || confirmed.headerRow >= rows.length) return undefined;
  return JSON.stringify(headersOf(rows, confirmed.headerRow)) === JSON.stringify(confirmed.headers) ? confirmed : undefined;
}

/** Checks a mapping the user chose against the register's rows; throws a message naming the field. */
function chosenMapping(rows: readonly (readonly unknown[])[], choice: MappingChoice, register: string): ColumnMapping {
  const { headerRow, columns } = choice;
  if (!Number.isInteger(headerRow) || headerRow < 0 || headerRow >= rows.length) {
    throw new Error(`The header row chosen (row ${headerRow + 1}) is not a row of ${register}.`);
  }
  if (choice.headers && JSON.stringify(headersOf(rows, headerRow)) !== JSON.stringify(withoutTrailingBlanks(choice.headers))) {
    throw new Error(`The header row of ${register} changed since its columns were chosen: check the columns again, then reconcile.`);
  }
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const taken = new Map<number, RegisterField>();
  for (const [field, column] of Object.entries(columns) as [RegisterField, number | undefined][]) {
    if (column === undefined) continue;
    if (!REGISTER_FIELDS.some((f) => f.field === field)) throw new Error(`"${field}" is not a field of the purchase register.`);
    if (!Number.isInteger(column) || column < 0 || column >= width) throw new Error(`${fieldLabel(field)}: column ${column + 1} is not a column of ${register}.`);
    const other = taken.get(column);
    if (other) throw new Error(`Column ${column + 1} is chosen for both ${fieldLabel(other)} and ${fieldLabel(field)}: choose one column per field.`);
    taken.set(column, field);
  }
  return buildMapping(rows[headerRow], columns, headerRow);
}

/** The first row holding anything: the header row to offer when no header is recognised. */
function firstFilledRow(rows: readonly (readonly unknown[])[]): number {
  return Math.max(0, rows.findIndex((r) => r.some((v) => !isBlankCell(v))));
}

function missingMessage(register: string, mapping: ColumnMapping): string {
  const names = mapping.missing.map(fieldLabel).join(", ");
  return `${register}: choose the column that holds ${names} (no header was recognised for ${mapping.missing.length === 1 ? "it" : "them"}), then run Reconcile again.`;
}

// ---------------------------------------------------------------------------
// Reconcile

/** Sheets made before the reconciliation columns existed cannot take them: say so rather than write nothing. */
function requireMatchColumns(data: WorkbookData): void {
  const old = [...data.sheets.values()].filter((s) => MATCH_COLUMNS.some((id) => s.columns.at[id] === undefined)).map((s) => s.layout.sheet.name);
  if (old.length > 0) {
    throw new Error(
      `${old.join(", ")} ${old.length === 1 ? "has" : "have"} no "${HEADERS.matchStatus}" column: the sheets were made by an earlier version of the add-in. `
      + "Import the download again into this workbook to add the reconciliation columns (your decisions are kept), then reconcile.",
    );
  }
}

/** Creates the empty Purchase Register sheet (guidance in A1) when it is missing; never touches an existing one. */
export async function preparePurchaseRegister(gateway: WorkbookGateway): Promise<{ created: boolean }> {
  if ((await gateway.sheetNames()).includes(PURCHASE_REGISTER_SHEET)) return { created: false };
  await gateway.writeSheet(PURCHASE_REGISTER_SPEC, []);
  return { created: true };
}

/** What the Purchase Register sheet holds and how its columns would be read, before running (for the pane to show and correct). */
export async function previewRegister(gateway: WorkbookGateway, options?: WorkOptions): Promise<RegisterPreview> {
  const names = new Set(await gateway.sheetNames());
  if (!names.has(PURCHASE_REGISTER_SHEET)) return { kind: "no-sheet", sheet: PURCHASE_REGISTER_SHEET };
  const rows = await registerSheetRows(gateway, options);
  if (rows.every((r) => r.every(isBlankCell))) return { kind: "empty", sheet: PURCHASE_REGISTER_SHEET };
  let state: ReconcileState = EMPTY_RECONCILE_STATE;
  try {
    state = await readReconcileState(gateway, names);
  } catch {
    // A damaged store only loses the confirmed mapping here; Reconcile says more.
  }
  const confirmed = reusableMapping(rows, state.run?.confirmedMapping);
  const mapping = confirmed
    ? buildMapping(rows[confirmed.headerRow], confirmed.columns, confirmed.headerRow)
    : locateHeader(rows) ?? buildMapping(rows[firstFilledRow(rows)], {}, firstFilledRow(rows));
  return { kind: "found", sheet: PURCHASE_REGISTER_SHEET, mapping, dataRows: rows.length - mapping.headerRow - 1, confirmed: confirmed !== undefined };
}

/** The last run's settings, or undefined when the workbook was never reconciled. */
export async function lastReconcileRun(gateway: WorkbookGateway): Promise<LastRun | undefined> {
  const names = new Set(await gateway.sheetNames());
  const state = await readReconcileState(gateway, names);
  if (!state.run) return undefined;
  const { meta } = await readState(gateway);
  const { ranAt, source, tolerance, dateWindowDays, importedAt } = state.run;
  return { ranAt, source, tolerance, dateWindowDays, stale: importedAt !== meta.importedAt, undoSteps: batchesOf(state.undo).length };
}

/**
 * Reconciles the workbook's IMS records with the purchase register and writes
 * the result: Match Status, Match Details and the suggestion columns of every
 * section sheet row, the Missing in IMS sheet, and the suggestions to apply (in
 * the hidden `_IMS_Reconcile`). The decision cells are not touched.
 */
export async function reconcileWorkbook(gateway: WorkbookGateway, options: ReconcileWorkbookOptions = {}): Promise<ReconcileOutcome> {
  const matchOptions: ReconcileOptions = {
    tolerance: options.tolerance ?? DEFAULT_RECONCILE_OPTIONS.tolerance,
    dateWindowDays: options.dateWindowDays ?? DEFAULT_RECONCILE_OPTIONS.dateWindowDays,
  };
  const data = await readWorkbook(gateway, options);
  requireMatchColumns(data);
  const names = new Set(await gateway.sheetNames());
  let previous: ReconcileState;
  try {
    previous = await readReconcileState(gateway, names);
  } catch {
    // Damaged: this run writes the store afresh (earlier applies can no longer be undone).
    previous = EMPTY_RECONCILE_STATE;
  }

  let register: string;
  let rows: readonly (readonly unknown[])[];
  let source: RegisterSource;
  if (options.register) {
    register = options.register.name;
    rows = options.register.rows;
    source = { kind: "file", name: register };
  } else {
    register = PURCHASE_REGISTER_SHEET;
    source = { kind: "sheet", sheet: PURCHASE_REGISTER_SHEET };
    if (!names.has(PURCHASE_REGISTER_SHEET)) {
      await preparePurchaseRegister(gateway);
      return {
        kind: "no-register", sheet: PURCHASE_REGISTER_SHEET, created: true,
        message: `The workbook had no ${PURCHASE_REGISTER_SHEET} sheet, so one was added. Paste your purchase register into it (header row included), then reconcile.`,
      };
    }
    rows = await registerSheetRows(gateway, options);
  }
  if (rows.every((r) => r.every(isBlankCell))) {
    return {
      kind: "no-register", sheet: register, created: false,
      message: `${register} is empty. Paste your purchase register into it (header row included), then reconcile.`,
    };
  }

  const reused = options.mapping ? undefined : reusableMapping(rows, previous.run?.confirmedMapping);
  const mapping = options.mapping
    ? chosenMapping(rows, options.mapping, register)
    : reused
      ? buildMapping(rows[reused.headerRow], reused.columns, reused.headerRow)
      : locateHeader(rows) ?? buildMapping(rows[firstFilledRow(rows)], {}, firstFilledRow(rows));
  if (mapping.missing.length > 0) return { kind: "needs-mapping", register, mapping, message: missingMessage(register, mapping) };

  const reading = readRegister(rows, mapping, register, { firstRowNumber: 1 });
  const result = reconcile(data.records, reading.entries, matchOptions);
  const suggestions = suggestAll(result);
  options.signal?.throwIfAborted();

  // Writing from here on completes, so the columns, the listing and the stored suggestions agree.
  const cellsByKey = new Map<string, Record<MatchColumnId, CellValue>>();
  const stored = new Map<string, StoredSuggestion>();
  result.records.forEach((match, i) => {
    const s = suggestions[i];
    cellsByKey.set(match.record.key, matchCells(match, s));
    if (!s.flagged) stored.set(match.record.key, { decision: s.decision, remarksSuggested: s.remarks !== undefined, needsReview: s.needsReview });
  });
  const writing = { progress: options.progress };
  let done = 0;
  for (const sheet of data.sheets.values()) {
    const count = sheet.rows.length;
    if (count > 0) {
      const columns = Object.fromEntries(MATCH_COLUMNS.map((id) => [id, Array.from({ length: count }, (_, row) => {
        const entry = sheet.entryAt[row];
        return entry ? cellsByKey.get(entry.record.key)?.[id] ?? null : null;
      })])) as Record<MatchColumnId, CellValue[]>;
      await writeColumns(gateway, sheet, 0, columns);
    }
    options.progress?.({ done: ++done, total: data.sheets.size, label: `Writing the matches on ${sheet.layout.sheet.name}` });
  }
  await gateway.writeSheet(MISSING_IN_IMS_SPEC, result.missingInIms.map(missingInImsRow), writing);

  const choice = options.mapping ?? reused;
  const run: ReconcileRunInfo = {
    importedAt: data.state.meta.importedAt,
    ranAt: (options.now ?? new Date()).toISOString(),
    source,
    ...matchOptions,
    ...(choice ? { confirmedMapping: { headerRow: choice.headerRow, headers: headersOf(rows, choice.headerRow), columns: choice.columns } } : {}),
  };
  await writeReconcileState(gateway, { run, suggestions: stored, undo: previous.undo });

  const placeOf = new Map([...data.byKey].map(([key, entry]) => [key, entry.row]));
  return {
    kind: "reconciled",
    register,
    mapping,
    options: matchOptions,
    counts: result.counts,
    suggestionCounts: {
      ready: suggestions.filter((s) => !s.flagged && !s.needsReview).length,
      needsReview: suggestions.filter((s) => !s.flagged && s.needsReview).length,
      flagged: suggestions.filter((s) => s.flagged).length,
    },
    problems: reading.problems,
    result,
    suggestions,
    placeOf,
  };
}

export type ReconcileAgainOutcome = ReconcileOutcome | { readonly kind: "not-rerun"; readonly message: string };

/**
 * After a newer download is imported, the section sheets are rewritten and
 * their reconciliation columns are empty. When the workbook was reconciled from
 * its Purchase Register sheet, the reconciliation runs again with the same
 * settings. Otherwise (a file, or a register that cannot be read now) the
 * listing and the stored suggestions of the old data are cleared and the
 * outcome says to reconcile again. Undefined when the workbook was never
 * reconciled. Never throws: the import has succeeded whatever happens here.
 */
export async function reconcileAgainAfterImport(gateway: WorkbookGateway, options: WorkOptions & { readonly now?: Date } = {}): Promise<ReconcileAgainOutcome | undefined> {
  let state: ReconcileState;
  try {
    state = await readReconcileState(gateway, new Set(await gateway.sheetNames()));
  } catch (e) {
    return { kind: "not-rerun", message: `${(e as Error).message}` };
  }
  const run = state.run;
  if (!run) return undefined;
  let outcome: ReconcileAgainOutcome;
  try {
    outcome = run.source.kind === "file"
      ? { kind: "not-rerun", message: `The reconciliation with ${run.source.name} is for the earlier download: reconcile again with that file.` }
      : await reconcileWorkbook(gateway, { progress: options.progress, tolerance: run.tolerance, dateWindowDays: run.dateWindowDays, ...(options.now ? { now: options.now } : {}) });
  } catch (e) {
    outcome = { kind: "not-rerun", message: `The reconciliation could not be run again after the import: ${(e as Error).message}` };
  }
  if (outcome.kind !== "reconciled") {
    try {
      // Nothing of the old data's matching stays to mislead: the listing and the suggestions go; Undo stays possible.
      await gateway.writeSheet(MISSING_IN_IMS_SPEC, []);
      await writeReconcileState(gateway, { run, suggestions: new Map(), undo: state.undo });
    } catch {
      // The stale suggestions are refused anyway (their import time no longer fits).
    }
  }
  return outcome;
}

// ---------------------------------------------------------------------------
// Apply and undo

export interface ApplyOptions extends WorkOptions {
  /** One section sheet; absent = every section sheet. */
  readonly sheet?: string;
  /** Data rows of `sheet` (0 = worksheet row 2); absent = every row. */
  readonly rows?: readonly number[];
  /** Also apply the suggestions marked Review Needed (the user has looked at them). */
  readonly includeReview?: boolean;
}

export interface RowNote {
  readonly sheet: string;
  /** Worksheet row number; absent when the document no longer has a row. */
  readonly row?: number;
  readonly reason: string;
}

export interface ApplyResult {
  /** Rows whose decision cells now hold the suggestion. */
  readonly applied: number;
  /** Of those, rows where a decision the user had entered (not the downloaded one) was replaced: Undo brings it back. */
  readonly replacedYourEntries: number;
  /** Rows that already held the suggestion. */
  readonly alreadyApplied: number;
  /** Rows left alone, with the reason. */
  readonly skipped: readonly RowNote[];
  /** What validation says about the changed rows (also written to their Sheet Errors). */
  readonly findings: readonly SheetFinding[];
  /** How many applies can now be undone. */
  readonly undoSteps: number;
}

export interface UndoResult {
  readonly restored: number;
  /** Rows changed since the suggestion was applied, or gone: left as they are. */
  readonly leftAlone: readonly RowNote[];
  readonly findings: readonly SheetFinding[];
  readonly undoSteps: number;
}

/** Excel keeps no empty strings, and a decision cell's text is what counts: 123 and "123" read alike in a text column. */
const normal = (v: CellValue | undefined): CellValue => (v === undefined || v === "" ? null : v);
const sameCell = (a: CellValue | undefined, b: CellValue | undefined): boolean => {
  const x = normal(a);
  const y = normal(b);
  return x === y || (typeof x !== "object" && typeof y !== "object" && (typeof x === "string" || typeof y === "string") && String(x) === String(y));
};
const sameCells = (a: DecisionCells, b: DecisionCells): boolean =>
  (Object.keys(b) as DecisionColumnId[]).every((id) => sameCell(a[id], b[id]));

const AMOUNT_COLUMNS = new Set<DecisionColumnId>(["declIgst", "declCgst", "declSgst", "declCess"]);

/** A cell value fit to be written into its column: text columns take text, amount columns numbers (never text: it could become a formula). */
function writable(id: DecisionColumnId, value: CellValue | undefined): CellValue {
  const v = normal(value);
  if (v === null) return null;
  if (AMOUNT_COLUMNS.has(id)) return typeof v === "number" ? v : null;
  return String(v);
}

function currentCells(sheet: SheetData, dataRow: number, ids: readonly DecisionColumnId[]): DecisionCells {
  const row = sheet.rows[dataRow] ?? [];
  return Object.fromEntries(ids.map((id) => [id, normal(row[sheet.columns.at[id]!])]));
}

function idsOn(sheet: SheetData): DecisionColumnId[] {
  return DECISION_COLUMNS.filter((id) => sheet.columns.at[id] !== undefined);
}

/** The cells that hold a stored suggestion; the remarks stay as they are when the suggestion has none. */
function suggestedCells(sheet: SheetData, dataRow: number, s: StoredSuggestion): DecisionCells {
  const d: Decision = s.decision;
  const ids = idsOn(sheet);
  const cells: DecisionCells = {
    action: actionCellText(d.action),
    remarks: s.remarksSuggested ? normal(d.remarks) : currentCells(sheet, dataRow, ["remarks"]).remarks,
  };
  if (ids.includes("itc")) {
    cells.itc = itcCellText(d.itc);
    for (const head of TAX_HEADS) {
      const amount = d.declared[head];
      cells[DECLARED_COLUMN[head] as DecisionColumnId] = typeof amount === "number" ? amount : null;
    }
  }
  return cells;
}

/** A text in an amount cell cannot be written back (see `writable`), so a change that would overwrite one is refused. */
function unrestorable(before: DecisionCells, after: DecisionCells): DecisionColumnId | undefined {
  return (Object.keys(after) as DecisionColumnId[]).find((id) =>
    AMOUNT_COLUMNS.has(id) && typeof normal(before[id]) === "string" && !sameCell(before[id], after[id]));
}

function batchesOf(undo: readonly UndoEntry[]): number[] {
  return [...new Set(undo.map((u) => u.batch))].sort((a, b) => a - b);
}

/** Progress over all the rows an apply or undo writes, sheet after sheet. */
interface RowProgress {
  readonly report?: WorkOptions["progress"];
  readonly total: number;
  done: number;
}

/**
 * Writes new decision cells on rows of one sheet, one block per run of adjacent
 * rows, then validates those rows as any edit is validated and writes their
 * marks. Once started it completes (no cancelling half way). Returns the findings.
 */
async function writeDecisionsAndCheck(
  gateway: WorkbookGateway,
  sheet: SheetData,
  changes: ReadonlyMap<number, { entry: WorkbookEntry; cells: DecisionCells }>,
  progress: RowProgress,
): Promise<SheetFinding[]> {
  const name = sheet.layout.sheet.name;
  const ids = idsOn(sheet);
  const findings: SheetFinding[] = [];
  for (const run of consecutiveRuns([...changes.keys()])) {
    const items = run.map((r) => changes.get(r)!);
    await writeColumns(gateway, sheet, run[0], Object.fromEntries(ids.map((id) => [id, items.map((i) => writable(id, i.cells[id]))])));
    const marks: SheetErrorMarks[] = [];
    for (const { entry, cells } of items) {
      // The decision is read from the new cells exactly as Validate would read them.
      const row = [...(sheet.rows[entry.row.dataRow] ?? [])];
      for (const id of ids) row[sheet.columns.at[id]!] = writable(id, cells[id]);
      const checked = checkRow(sheet, entry.row.dataRow, entry.record, readDecision(sheet.columns, row));
      marks.push(checked.marks);
      for (const f of checked.findings) findings.push(placeFinding(name, entry.row.dataRow, f));
    }
    await writeErrorMarks(gateway, sheet, run[0], marks);
    progress.done += run.length;
    progress.report?.({ done: progress.done, total: progress.total, label: `Writing the decisions on ${name}` });
  }
  return findings;
}

function targetSheets(data: WorkbookData, sheet: string | undefined): SheetData[] {
  if (sheet === undefined) return [...data.sheets.values()];
  const found = data.sheets.get(sheet);
  if (!found) throw new Error(layoutBySheetName(sheet) ? `Sheet ${sheet} is missing from this workbook.` : `${sheet} is not a section sheet: select rows on B2B, B2BA, … to apply suggestions to them.`);
  return [found];
}

/**
 * Applies the stored suggestions to the decision cells of every row, or of the
 * given rows of one sheet: Action, Remarks (when the suggestion has a remark)
 * and, where the sheet has them, ITC Reduction and the declared amounts. Rows
 * with nothing suggested are skipped, and so are rows marked Review Needed
 * unless `includeReview`. What each row held before is saved first, so
 * undoApplySuggestions restores it. The changed rows are validated like any edit.
 */
export async function applySuggestions(gateway: WorkbookGateway, options: ApplyOptions = {}): Promise<ApplyResult> {
  const data = await readWorkbook(gateway, options);
  const state = await readReconcileState(gateway, new Set(await gateway.sheetNames()));
  if (!state.run) throw new Error("There is nothing to apply yet: reconcile with the purchase register first.");
  if (state.run.importedAt !== data.state.meta.importedAt) {
    throw new Error("The IMS data was imported again after the last reconciliation, so its suggestions may no longer fit: reconcile again, then apply.");
  }

  const skipped: RowNote[] = [];
  const plans: { sheet: SheetData; changes: Map<number, { entry: WorkbookEntry; cells: DecisionCells }> }[] = [];
  const undo: UndoEntry[] = [];
  const batch = (batchesOf(state.undo).pop() ?? 0) + 1;
  let alreadyApplied = 0;
  let replacedYourEntries = 0;

  for (const sheet of targetSheets(data, options.sheet)) {
    const name = sheet.layout.sheet.name;
    const rows = options.rows ?? sheet.rows.map((_, i) => i);
    const changes = new Map<number, { entry: WorkbookEntry; cells: DecisionCells }>();
    for (const dataRow of [...new Set(rows)].sort((a, b) => a - b)) {
      const entry = sheet.entryAt[dataRow];
      const note = (reason: string) => skipped.push({ sheet: name, row: worksheetRow(dataRow), reason });
      if (!entry) {
        if (options.rows) note("This row did not come from the portal download.");
        continue;
      }
      const suggestion = state.suggestions.get(entry.record.key);
      if (!suggestion) {
        note(`Nothing is suggested for this document: decide it yourself (${HEADERS.matchDetails} says why).`);
        continue;
      }
      if (suggestion.needsReview && !options.includeReview) {
        note(`The suggestion needs your review first (${HEADERS.matchDetails} says why); include the rows marked ${HEADERS.reviewNeeded} to apply it.`);
        continue;
      }
      const after = suggestedCells(sheet, dataRow, suggestion);
      const before = currentCells(sheet, dataRow, Object.keys(after) as DecisionColumnId[]);
      if (sameCells(before, after)) {
        alreadyApplied++;
        continue;
      }
      const blocked = unrestorable(before, after);
      if (blocked) {
        note(`${HEADERS[blocked]} holds "${String(before[blocked])}", which is not an amount and could not be restored by Undo: correct it first.`);
        continue;
      }
      if (userChanged(entry.record, entry.decision)) replacedYourEntries++;
      changes.set(dataRow, { entry, cells: after });
      undo.push({ batch, key: entry.record.key, sheet: name, before, after });
    }
    if (changes.size > 0) plans.push({ sheet, changes });
  }
  options.signal?.throwIfAborted();

  // What is overwritten is saved before anything is overwritten.
  const undoAll = undo.length > 0 ? [...state.undo, ...undo] : state.undo;
  if (undo.length > 0) await writeReconcileState(gateway, { ...state, undo: undoAll });
  const findings: SheetFinding[] = [];
  const progress: RowProgress = { report: options.progress, total: undo.length, done: 0 };
  for (const { sheet, changes } of plans) findings.push(...await writeDecisionsAndCheck(gateway, sheet, changes, progress));
  return { applied: undo.length, replacedYourEntries, alreadyApplied, skipped, findings, undoSteps: batchesOf(undoAll).length };
}

/**
 * Undoes the last apply: each row it changed gets back the cells it held before,
 * provided it still holds what was applied (a row edited since is left alone and
 * listed, so nothing typed after the apply is lost). The rows are validated again.
 */
export async function undoApplySuggestions(gateway: WorkbookGateway, options: WorkOptions = {}): Promise<UndoResult> {
  const data = await readWorkbook(gateway, options);
  const state = await readReconcileState(gateway, new Set(await gateway.sheetNames()));
  const batch = batchesOf(state.undo).pop();
  if (batch === undefined) throw new Error("There is no applied suggestion to undo.");

  const leftAlone: RowNote[] = [];
  const bySheet = new Map<string, Map<number, { entry: WorkbookEntry; cells: DecisionCells }>>();
  for (const u of state.undo.filter((x) => x.batch === batch)) {
    const entry = data.byKey.get(u.key);
    if (!entry) {
      leftAlone.push({ sheet: u.sheet, reason: `The document ${u.key} no longer has a row on this sheet: nothing to restore.` });
      continue;
    }
    const sheet = data.sheets.get(entry.row.sheet)!;
    const now = currentCells(sheet, entry.row.dataRow, Object.keys(u.after) as DecisionColumnId[]);
    if (!sameCells(now, u.after)) {
      leftAlone.push({ sheet: entry.row.sheet, row: worksheetRow(entry.row.dataRow), reason: "Changed since the suggestion was applied: left as it is." });
      continue;
    }
    let changes = bySheet.get(entry.row.sheet);
    if (!changes) bySheet.set(entry.row.sheet, (changes = new Map()));
    changes.set(entry.row.dataRow, { entry, cells: u.before });
  }
  options.signal?.throwIfAborted();

  const findings: SheetFinding[] = [];
  let restored = 0;
  const progress: RowProgress = { report: options.progress, total: [...bySheet.values()].reduce((n, c) => n + c.size, 0), done: 0 };
  for (const [name, changes] of bySheet) {
    findings.push(...await writeDecisionsAndCheck(gateway, data.sheets.get(name)!, changes, progress));
    restored += changes.size;
  }
  // The step is forgotten only once its rows are back, so an interrupted undo can be repeated.
  const remaining = state.undo.filter((x) => x.batch !== batch);
  await writeReconcileState(gateway, { ...state, undo: remaining });
  return { restored, leftAlone, findings, undoSteps: batchesOf(remaining).length };
}
