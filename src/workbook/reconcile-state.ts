import { ACTIONS, ITC_CHOICES, TAX_HEADS, type Decision } from "../ims/decision";
import { isPlainObject } from "../ims/json";
import { REGISTER_FIELDS, type ColumnMap } from "../ims/reconcile";
import type { CellValue, SheetSpec } from "./gateway";
import type { ColumnId } from "./section-sheet";
import { PART_LENGTH } from "./state";

/**
 * The reconciliation's memory, in a veryHidden sheet of its own (the import's
 * `_IMS_State` stays as it is): the settings of the last run, the suggested
 * decision per record exactly as the rules validated it (what applying writes,
 * whatever the visible Suggested cells say), and what each "apply" overwrote,
 * so it can be undone. It travels with the file like the rest of the workbook.
 *
 * One entry per row, all text (docs/workbook.md):
 *   run         ""           ""      part  JSON of ReconcileRunInfo
 *   suggestion  <record key> ""      part  JSON of StoredSuggestion
 *   undo        <record key> <batch> part  JSON of UndoEntry
 */

export const RECONCILE_STATE_SHEET = "_IMS_Reconcile";

const COLUMN_HEADERS = ["Entry", "Key", "Batch", "Part", "Data"] as const;

export const RECONCILE_STATE_SPEC: SheetSpec = {
  name: RECONCILE_STATE_SHEET,
  columns: COLUMN_HEADERS.map((header) => ({ header, kind: "text", width: header === "Data" ? 80 : 16, editable: false })),
  visibility: "veryHidden",
  grid: false,
};

/** The mapping the user confirmed or changed, kept so the next run (and a re-import) reads the register the same way. */
export interface ConfirmedMapping {
  /** 0-based index, in the register's rows, of the header row. */
  readonly headerRow: number;
  /** The header texts it was confirmed for: a register pasted anew with other headers is detected again. */
  readonly headers: readonly string[];
  readonly columns: ColumnMap;
}

export type RegisterSource = { readonly kind: "sheet"; readonly sheet: string } | { readonly kind: "file"; readonly name: string };

export interface ReconcileRunInfo {
  /** The import the run reconciled (WorkbookMeta.importedAt): suggestions from an earlier import are not applied. */
  readonly importedAt: string;
  /** ISO 8601 time of the run. */
  readonly ranAt: string;
  readonly source: RegisterSource;
  readonly tolerance: number;
  readonly dateWindowDays: number;
  readonly confirmedMapping?: ConfirmedMapping;
}

/** A suggestion that can be applied. Flagged suggestions (nothing to apply) are not stored. */
export interface StoredSuggestion {
  /** Exactly the decision the rules validated (suggest()). */
  readonly decision: Decision;
  /** False when the suggestion leaves the remarks alone: applying keeps whatever the Remarks cell holds. */
  readonly remarksSuggested: boolean;
  readonly needsReview: boolean;
}

/** The decision cells of a section sheet row. */
export type DecisionColumnId = Extract<ColumnId, "action" | "remarks" | "itc" | "declIgst" | "declCgst" | "declSgst" | "declCess">;
export const DECISION_COLUMNS: readonly DecisionColumnId[] = ["action", "remarks", "itc", "declIgst", "declCgst", "declSgst", "declCess"];

/** Cells by column, for the columns the sheet has. */
export type DecisionCells = Partial<Record<DecisionColumnId, CellValue>>;

/** What one "apply" changed on one row: undo writes `before` back while the row still holds `after`. */
export interface UndoEntry {
  readonly batch: number;
  readonly key: string;
  /** The sheet the row was on, for messages. */
  readonly sheet: string;
  readonly before: DecisionCells;
  readonly after: DecisionCells;
}

export interface ReconcileState {
  readonly run?: ReconcileRunInfo;
  readonly suggestions: ReadonlyMap<string, StoredSuggestion>;
  /** Oldest batch first; undo takes the last batch. */
  readonly undo: readonly UndoEntry[];
}

export const EMPTY_RECONCILE_STATE: ReconcileState = { suggestions: new Map(), undo: [] };

function parts(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += PART_LENGTH) out.push(text.slice(i, i + PART_LENGTH));
  return out.length === 0 ? [""] : out;
}

function entryRows(entry: string, key: string, batch: string, value: unknown): CellValue[][] {
  return parts(JSON.stringify(value)).map((part, i) => [entry, key, batch, String(i + 1), part]);
}

export function reconcileStateRows(state: ReconcileState): CellValue[][] {
  const rows: CellValue[][] = [];
  if (state.run) rows.push(...entryRows("run", "", "", state.run));
  for (const [key, suggestion] of state.suggestions) rows.push(...entryRows("suggestion", key, "", suggestion));
  for (const u of state.undo) rows.push(...entryRows("undo", u.key, String(u.batch), u));
  return rows;
}

/** The reconciliation data cannot be read: the message says what to do. */
export class ReconcileStateError extends Error {
  constructor(detail: string) {
    super(`The add-in's reconciliation data in this workbook is damaged (${detail}). Run Reconcile again; suggestions applied earlier can no longer be undone.`);
    this.name = "ReconcileStateError";
  }
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : String(v));

// What each entry must hold. The sheet can be edited by anyone who unhides it, and
// applying writes a suggestion's cells, and undoing an entry's, into the user's rows:
// an entry of another form is damage, refused before anything is written.
type Json = Readonly<Record<string, unknown>>;
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const isAmount = (v: unknown): boolean => v === null || (typeof v === "number" && Number.isFinite(v));
const ACTION_CODES: readonly unknown[] = ACTIONS.map((a) => a.code);
const ITC_OR_NONE: readonly unknown[] = [null, ...ITC_CHOICES.map((c) => c.choice)];
const FIELDS: readonly string[] = REGISTER_FIELDS.map((f) => f.field);

function isDecision(v: unknown): v is Decision {
  return isPlainObject(v) && ACTION_CODES.includes(v.action) && typeof v.remarks === "string" && ITC_OR_NONE.includes(v.itc)
    && isPlainObject(v.declared) && TAX_HEADS.every((head) => isAmount((v.declared as Json)[head]));
}

function isCells(v: unknown): v is DecisionCells {
  return isPlainObject(v) && Object.entries(v).every(([id, cell]) =>
    (DECISION_COLUMNS as readonly string[]).includes(id) && (typeof cell === "string" || isAmount(cell)));
}

function isRun(v: Json): v is ReconcileRunInfo & Json {
  const { source, confirmedMapping: m } = v;
  const sourceOk = isPlainObject(source) && (source.kind === "sheet" ? typeof source.sheet === "string" : source.kind === "file" && typeof source.name === "string");
  const mappingOk = m === undefined || (isPlainObject(m) && isCount(m.headerRow) && Array.isArray(m.headers) && m.headers.every((h) => typeof h === "string")
    && isPlainObject(m.columns) && Object.entries(m.columns).every(([field, column]) => FIELDS.includes(field) && isCount(column)));
  return typeof v.importedAt === "string" && typeof v.ranAt === "string" && sourceOk && typeof v.tolerance === "number" && v.tolerance >= 0
    && isCount(v.dateWindowDays) && mappingOk;
}

export function parseReconcileState(header: readonly string[], rows: readonly (readonly CellValue[])[]): ReconcileState {
  if (COLUMN_HEADERS.some((h, i) => text(header[i]) !== h)) throw new ReconcileStateError("unexpected header row");
  let run: ReconcileRunInfo | undefined;
  const suggestions = new Map<string, StoredSuggestion>();
  const undo: UndoEntry[] = [];
  let current: { entry: string; key: string; batch: string; parts: string[] } | undefined;

  const flush = () => {
    if (!current) return;
    const { entry, key, batch } = current;
    const label = key === "" ? `the ${entry} entry` : `the ${entry} entry ${key}`;
    let value: unknown;
    try {
      value = JSON.parse(current.parts.join(""));
    } catch {
      throw new ReconcileStateError(`${label} is not valid JSON`);
    }
    current = undefined;
    const wrong = () => new ReconcileStateError(`${label} does not hold what it should`);
    if (!isPlainObject(value)) throw new ReconcileStateError(`${label} is not an object`);
    if (entry === "run") {
      if (!isRun(value)) throw wrong();
      run = value;
    } else if (entry === "suggestion") {
      if (!isDecision(value.decision) || typeof value.remarksSuggested !== "boolean" || typeof value.needsReview !== "boolean") throw wrong();
      suggestions.set(key, value as unknown as StoredSuggestion);
    } else {
      const ok = value.key === key && value.batch === Number(batch) && isCount(value.batch) && value.batch > 0
        && typeof value.sheet === "string" && isCells(value.before) && isCells(value.after);
      if (!ok) throw wrong();
      undo.push(value as unknown as UndoEntry);
    }
  };

  for (const row of rows) {
    const [entry, key, batch, part, data] = COLUMN_HEADERS.map((_, i) => text(row[i]));
    if (entry === "") continue;
    if (entry !== "run" && entry !== "suggestion" && entry !== "undo") throw new ReconcileStateError(`unknown entry "${entry}"`);
    if (part === "1") {
      flush();
      current = { entry, key, batch, parts: [data] };
    } else {
      if (!current || current.entry !== entry || current.key !== key || current.batch !== batch || Number(part) !== current.parts.length + 1) {
        throw new ReconcileStateError(`the ${entry} entry ${key} has a part out of order`);
      }
      current.parts.push(data);
    }
  }
  flush();
  return { ...(run ? { run } : {}), suggestions, undo };
}
