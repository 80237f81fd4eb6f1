import { isUnreadable, NO_DECLARED_AMOUNTS, TAX_HEADS, toPaise, type ActionCode, type Decision, type TaxHead, type Unreadable } from "../decision";
import { totalTax, type ImsRecord } from "../record";
import { sectionSpec, type SectionSpec } from "../sections";
import {
  declaredAmountKey,
  declarationEntered,
  itcDeclarationOpen,
  readDeclaredAmount,
  type AmountReading,
} from "./itc";
import { normaliseRemarks } from "./remarks";
import type { RecordScope } from "./rule";

/**
 * What a decision changes against the download, and the facts every
 * per-record rule reads. Computed once per record so the rules stay one-liners.
 */

export interface DecisionChanges {
  readonly action: boolean;
  /** After RMK-07 normalisation (so added spaces or line breaks alone are no change). */
  readonly remarks: boolean;
  /** The choice, or any declared amount in paise (blank = 0). */
  readonly itc: boolean;
}

/** Two cells read alike: the same value, or both unreadable with the same text. */
function sameReading<T>(a: T | Unreadable, b: T | Unreadable): boolean {
  if (isUnreadable(a) || isUnreadable(b)) return isUnreadable(a) && isUnreadable(b) && a.unreadable === b.unreadable;
  return a === b;
}

/** The choice, and every declared amount compared in paise (blank = 0). */
function sameItc(a: Decision, b: Decision): boolean {
  return sameReading(a.itc, b.itc)
    // Most decisions share the one list of blank amounts (NO_DECLARED_AMOUNTS).
    && (a.declared === b.declared || TAX_HEADS.every((h) => a.declared[h] === b.declared[h] || declaredAmountKey(a.declared[h]) === declaredAmountKey(b.declared[h])));
}

/** The eight possible answers, made once and shared by the records of a month rather than made for each. */
const CHANGES: readonly DecisionChanges[] = Array.from({ length: 8 }, (_, i) => Object.freeze({ action: (i & 1) !== 0, remarks: (i & 2) !== 0, itc: (i & 4) !== 0 }));

/** decisionChanges, given both remarks already normalised. */
function changesOf(record: ImsRecord, decision: Decision, remark: string, downloadedRemark: string): DecisionChanges {
  const action = !sameReading(decision.action, record.downloaded.action);
  const remarks = remark !== downloadedRemark;
  const itc = !sameItc(decision, record.downloaded);
  return CHANGES[(action ? 1 : 0) | (remarks ? 2 : 0) | (itc ? 4 : 0)];
}

export function decisionChanges(record: ImsRecord, decision: Decision): DecisionChanges {
  return changesOf(record, decision, normaliseRemarks(decision.remarks), normaliseRemarks(record.downloaded.remarks));
}

/**
 * RMK-01 / RMK-02: remarks travel with Reject or Pending, and with an Accept
 * that declares a partial or no ITC reduction (where they are required, RMK-06).
 */
export function remarksAllowed(record: ImsRecord, decision: Decision): boolean {
  const action = decision.action;
  if (action === "R" || action === "P") return true;
  return action === "A" && itcDeclarationOpen(record) && (decision.itc === "partial" || decision.itc === "none");
}

/**
 * For the upload writer: the remark to send, or undefined. An unchanged
 * downloaded remark on a remarks-blocked record is silently not sent (RMK-04).
 */
export function remarksToSend(record: ImsRecord, decision: Decision): string | undefined {
  const text = normaliseRemarks(decision.remarks);
  return sendsRemark(record, text, remarksAllowed(record, decision)) ? text : undefined;
}

function sendsRemark(record: ImsRecord, normalisedRemark: string, allowed: boolean): boolean {
  return normalisedRemark !== "" && !record.remarksBlocked && allowed;
}

/**
 * CHG-01: a record goes into the upload when its action or its ITC declaration
 * changed, or its remark changed and the new action carries remarks.
 */
export function isUploaded(record: ImsRecord, decision: Decision): boolean {
  const changes = decisionChanges(record, decision);
  return changes.action || changes.itc || (changes.remarks && remarksAllowed(record, decision));
}

export type Stage = "unchanged" | "edited, not uploaded" | "uploaded";

export interface RecordContext {
  readonly record: ImsRecord;
  readonly decision: Decision;
  readonly spec: SectionSpec;
  readonly stage: Stage;
  readonly changes: DecisionChanges;
  /** The decision's action, when readable. */
  readonly action: ActionCode | undefined;
  /** The downloaded action, when readable (it becomes `prev_status`). */
  readonly downloadedAction: ActionCode | undefined;
  /** Normalised remark (RMK-07), "" for none. */
  readonly remark: string;
  readonly downloadedRemark: string;
  readonly remarksAllowed: boolean;
  /** The remark will be in the upload. */
  readonly remarkSent: boolean;
  /** A choice or a filled amount is present. */
  readonly declarationEntered: boolean;
  /** Accept in a section that takes a declaration, not blocked by the portal: the declaration will be sent. */
  readonly declarationOpen: boolean;
  /** Declared amounts as read for a partial reduction. */
  readonly amounts: Readonly<Record<TaxHead, AmountReading>>;
}

/** The reading of four blank amounts, shared by the many decisions that declare nothing. */
const BLANK_AMOUNTS: RecordContext["amounts"] = { igst: { ok: true, paise: 0 }, cgst: { ok: true, paise: 0 }, sgst: { ok: true, paise: 0 }, cess: { ok: true, paise: 0 } };

function allBlank(declared: Decision["declared"]): boolean {
  return declared === NO_DECLARED_AMOUNTS || (declared.igst === null && declared.cgst === null && declared.sgst === null && declared.cess === null);
}

export function recordContext(record: ImsRecord, decision: Decision): RecordContext {
  const remark = normaliseRemarks(decision.remarks);
  const downloadedRemark = normaliseRemarks(record.downloaded.remarks);
  const changes = changesOf(record, decision, remark, downloadedRemark);
  const allowed = remarksAllowed(record, decision);
  const uploaded = changes.action || changes.itc || (changes.remarks && allowed);
  const edited = changes.action || changes.itc || changes.remarks;
  const action = isUnreadable(decision.action) ? undefined : decision.action;
  const downloaded = record.downloaded.action;
  return {
    record,
    decision,
    spec: sectionSpec(record.section),
    stage: uploaded ? "uploaded" : edited ? "edited, not uploaded" : "unchanged",
    changes,
    action,
    downloadedAction: isUnreadable(downloaded) ? undefined : downloaded,
    remark,
    downloadedRemark,
    remarksAllowed: allowed,
    remarkSent: sendsRemark(record, remark, allowed),
    declarationEntered: declarationEntered(decision),
    declarationOpen: action === "A" && itcDeclarationOpen(record),
    amounts: allBlank(decision.declared) ? BLANK_AMOUNTS : {
      igst: readDeclaredAmount(decision.declared.igst),
      cgst: readDeclaredAmount(decision.declared.cgst),
      sgst: readDeclaredAmount(decision.declared.sgst),
      cess: readDeclaredAmount(decision.declared.cess),
    },
  };
}

/** Whether a rule's scope covers this record. */
export function inScope(ctx: RecordContext, scope: RecordScope): boolean {
  switch (scope) {
    case "every record":
      return true;
    case "records not uploaded":
      return ctx.stage !== "uploaded";
    case "edited records":
      return ctx.stage !== "unchanged";
    case "uploaded records":
      return ctx.stage === "uploaded";
    case "new actions":
      return ctx.stage === "uploaded" && ctx.changes.action;
  }
}

/** WRN-04: how many records are left at No Action, and the tax on them (deemed accepted). */
export interface NoActionSummary {
  readonly count: number;
  /** In rupees, summed in paise. */
  readonly totalTax: number;
}

/**
 * What the export rules read of the records, gathered one record at a time:
 * the records the user changed, and the No Action tally. The unchanged
 * majority of a month's records is not kept.
 */
export class ExportTally {
  readonly changed: RecordContext[] = [];
  private count = 0;
  private paise = 0;

  add(ctx: RecordContext): void {
    if (ctx.stage !== "unchanged") this.changed.push(ctx);
    if (ctx.action === "N") {
      this.count++;
      this.paise += toPaise(totalTax(ctx.record));
    }
  }

  get noAction(): NoActionSummary {
    return { count: this.count, totalTax: this.paise / 100 };
  }
}

/** The GSTINs an export is checked against (FMT-01, FMT-02). */
export interface RecipientInput {
  /** The GSTIN the upload is for, as entered (or offered from the download). */
  readonly recipientGstin?: string;
  /** Every recipient GSTIN the loaded downloads name (root `gstin`/`rtin`). */
  readonly fileRecipients: readonly string[];
}

/** The last upload generated from the download loaded now: its records count as sent (CHG-06). */
export interface EarlierExport {
  readonly generatedAt: Date;
  /** Record keys (`ImsRecord.key`) it carried. */
  readonly keys: ReadonlySet<string>;
}

export interface ExportContext extends RecipientInput {
  readonly now: Date;
  readonly earlierExport?: EarlierExport;
  /** When the newest loaded download was taken. */
  readonly downloadedAt?: Date;
  /** ACT-09: a download older than this many days is called stale. */
  readonly staleAfterDays: number;
  /** The records whose decision differs from the download (stage other than "unchanged"): the ones export rules look at. */
  readonly changed: readonly RecordContext[];
  /** WRN-04: the records at No Action, whether left or set back, and their tax. */
  readonly noAction: NoActionSummary;
}
