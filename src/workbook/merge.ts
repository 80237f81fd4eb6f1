import { TAX_HEADS, isUnreadable, toPaise, type Decision, type DeclaredAmount } from "../ims/decision";
import type { ImsRecord } from "../ims/record";
import { echoKeys, sectionSpec } from "../ims/sections";
import { istDate } from "./display";
import { DECLARED_COLUMN, HEADERS, actionCellText } from "./section-sheet";

/**
 * Importing a newer download into a workbook that already holds decisions
 * (ims-formats §6 "Carry-over across downloads"). Records are matched by key:
 * - same content: the user's decision is kept (where the user changed anything);
 * - changed by the supplier (another `hash`, or other echoed values): reset to
 *   the new download and flagged for review; a decision dropped is listed;
 * - gone from the download: listed, with the user's decision if there was one.
 * Nothing the user entered disappears without being listed.
 */

/** A record as messages name it. */
export interface RecordRef {
  readonly key: string;
  readonly sheet: string;
  readonly supplierGstin: string;
  readonly supplierName: string;
  readonly documentNumber: string;
  readonly documentDate: string;
}

export interface MergeReport {
  /** Records new in this download. */
  readonly added: number;
  /** Records in both downloads, unchanged by the supplier, that the user had not touched. */
  readonly unchanged: number;
  /** Unchanged records whose user decision was carried over. */
  readonly kept: readonly { readonly record: RecordRef; readonly decision: string }[];
  /** Records the supplier changed: reset to the new download and flagged; `discarded` = the decision dropped. */
  readonly resetAndFlagged: readonly { readonly record: RecordRef; readonly discarded?: string }[];
  /** Records no longer in the download; `decision` = what the user had entered, if anything. */
  readonly vanished: readonly { readonly record: RecordRef; readonly decision?: string }[];
  /** Kept entries a number column cannot take back (text in a declared amount): listed so they are not lost silently. */
  readonly notWritten: readonly { readonly record: RecordRef; readonly column: string; readonly text: string }[];
}

export interface MergedRow {
  readonly record: ImsRecord;
  readonly decision: Decision;
  readonly importNote?: string;
}

export interface PreviousWorkbook {
  readonly records: readonly ImsRecord[];
  /** The decision in each record's row; records without a row keep their download. */
  readonly decisions: ReadonlyMap<string, Decision>;
  /** When the previous import happened (ISO 8601), for notes. */
  readonly importedAt: string;
}

export function recordRef(record: ImsRecord): RecordRef {
  return {
    key: record.key,
    sheet: sectionSpec(record.section).sheetName,
    supplierGstin: record.supplierGstin,
    supplierName: record.supplierName,
    documentNumber: record.documentNumber,
    documentDate: record.documentDate,
  };
}

/**
 * What the supplier reported, as opposed to the recipient's side (action,
 * remarks, declaration) and the portal's flags, which change without any edit.
 * `hash` is the portal's own version stamp; the echoed values catch an edit in
 * a file without one.
 */
function supplierContent(record: ImsRecord): string {
  const raw = record.raw;
  return JSON.stringify([record.hash, ...echoKeys(sectionSpec(record.section)).map((k) => raw[k] ?? null)]);
}

function sameAmount(a: DeclaredAmount, b: DeclaredAmount): boolean {
  if (a === null || b === null) return a === b;
  if (isUnreadable(a) || isUnreadable(b)) return isUnreadable(a) && isUnreadable(b) && a.unreadable === b.unreadable;
  return toPaise(a) === toPaise(b);
}

/**
 * Whether the user entered anything different from what the download said. The
 * comparison is exact (a remark with an extra space counts), because this is
 * about what the user typed, not about what the upload would send.
 */
export function userChanged(record: ImsRecord, decision: Decision): boolean {
  const before = record.downloaded;
  const same = (a: Decision["action"] | Decision["itc"], b: Decision["action"] | Decision["itc"]) =>
    isUnreadable(a) || isUnreadable(b) ? isUnreadable(a) && isUnreadable(b) && a.unreadable === b.unreadable : a === b;
  return !same(decision.action, before.action)
    || decision.remarks !== before.remarks
    || !same(decision.itc, before.itc)
    || TAX_HEADS.some((h) => !sameAmount(decision.declared[h], before.declared[h]));
}

/** A decision in a few words, for reports: "Reject, remarks "…"", "Accept, ITC reduction Partial". */
export function describeDecision(decision: Decision): string {
  const parts = [actionCellText(decision.action)];
  if (decision.itc !== null) parts.push(`ITC reduction ${isUnreadable(decision.itc) ? `"${decision.itc.unreadable}"` : decision.itc}`);
  const amounts = TAX_HEADS.filter((h) => decision.declared[h] !== null)
    .map((h) => `${h.toUpperCase()} ${isUnreadable(decision.declared[h]) ? `"${(decision.declared[h] as { unreadable: string }).unreadable}"` : String(decision.declared[h])}`);
  if (amounts.length > 0) parts.push(`declared ${amounts.join(", ")}`);
  if (decision.remarks.trim() !== "") parts.push(`remarks "${decision.remarks}"`);
  return parts.join(", ");
}

/** Merges a new download into the previous workbook's records and decisions. */
export function mergeDownload(previous: PreviousWorkbook | undefined, incoming: readonly ImsRecord[]): { rows: MergedRow[]; report: MergeReport } {
  if (!previous) {
    return {
      rows: incoming.map((record) => ({ record, decision: record.downloaded })),
      report: { added: incoming.length, unchanged: 0, kept: [], resetAndFlagged: [], vanished: [], notWritten: [] },
    };
  }
  const before = new Map(previous.records.map((r) => [r.key, r]));
  const seen = new Set<string>();
  const rows: MergedRow[] = [];
  const kept: { record: RecordRef; decision: string }[] = [];
  const resetAndFlagged: { record: RecordRef; discarded?: string }[] = [];
  const notWritten: { record: RecordRef; column: string; text: string }[] = [];
  let added = 0;
  let unchanged = 0;
  const since = istDate(previous.importedAt);

  for (const record of incoming) {
    const old = before.get(record.key);
    if (!old) {
      added++;
      rows.push({ record, decision: record.downloaded });
      continue;
    }
    seen.add(record.key);
    const oldDecision = previous.decisions.get(record.key) ?? old.downloaded;
    const entered = userChanged(old, oldDecision);
    if (supplierContent(old) !== supplierContent(record)) {
      const discarded = entered ? describeDecision(oldDecision) : undefined;
      resetAndFlagged.push({ record: recordRef(record), ...(discarded ? { discarded } : {}) });
      rows.push({
        record,
        decision: record.downloaded,
        importNote: discarded
          ? `Changed by the supplier since the import of ${since}. Your decision (${discarded}) was reset to the portal's status: review this document.`
          : `Changed by the supplier since the import of ${since}: review this document.`,
      });
    } else if (entered) {
      kept.push({ record: recordRef(record), decision: describeDecision(oldDecision) });
      for (const head of TAX_HEADS) {
        const amount = oldDecision.declared[head];
        if (isUnreadable(amount)) notWritten.push({ record: recordRef(record), column: HEADERS[DECLARED_COLUMN[head]], text: amount.unreadable });
      }
      rows.push({ record, decision: oldDecision });
    } else {
      // Untouched: the new download's status wins (it may have been acted on online or by an upload).
      unchanged++;
      rows.push({ record, decision: record.downloaded });
    }
  }

  const vanished = previous.records
    .filter((r) => !seen.has(r.key))
    .map((r) => {
      const decision = previous.decisions.get(r.key);
      return { record: recordRef(r), ...(decision && userChanged(r, decision) ? { decision: describeDecision(decision) } : {}) };
    });
  return { rows, report: { added, unchanged, kept, resetAndFlagged, vanished, notWritten } };
}
