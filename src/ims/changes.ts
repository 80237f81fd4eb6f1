import {
  TAX_HEADS,
  isUnreadable,
  toPaise,
  type ActionCode,
  type DeclaredAmount,
  type Decision,
  type ItcChoice,
  type Unreadable,
} from "./decision";
import type { ImsRecord } from "./record";
import { normaliseRemarks } from "./rules";
import { sectionSpec } from "./sections";

/**
 * The change set: which records the upload carries, compared with the decisions
 * as downloaded (ims-rules CHG-01 … CHG-05).
 */

/** A record together with the decision the user has made on it (the workbook's current state). */
export interface DecidedRecord {
  readonly record: ImsRecord;
  readonly decision: Decision;
}

/** Remarks travel only with Reject, Pending, or Accept with a partial or no ITC reduction (RMK-01 … RMK-03). */
export function remarksAllowed(action: ActionCode, declaration: ItcChoice | null): boolean {
  return action === "R" || action === "P" || (action === "A" && (declaration === "partial" || declaration === "none"));
}

/**
 * The ITC-reduction choice the upload states for this decision: only on Accept,
 * only in the sections where the declaration applies, and never on a record the
 * portal has blocked for it (ims-formats §4.2). null = nothing is sent.
 */
export function declarationToSend(record: ImsRecord, decision: Decision): ItcChoice | null {
  if (decision.action !== "A" || isUnreadable(decision.itc) || decision.itc === null) return null;
  if (!sectionSpec(record.section).itcDeclaration || record.itcDeclarationBlocked === true) return null;
  return decision.itc;
}

/**
 * The remark the upload carries, after RMK-07 clean-up, or undefined when none is
 * sent: empty, not allowed with this action, or blocked for the record. A remark
 * kept from the download is sent again whenever the action allows it (ims-formats §11 #17).
 */
export function remarksToSend(record: ImsRecord, decision: Decision): string | undefined {
  if (isUnreadable(decision.action) || record.remarksBlocked) return undefined;
  if (!remarksAllowed(decision.action, declarationToSend(record, decision))) return undefined;
  const text = normaliseRemarks(decision.remarks);
  return text === "" ? undefined : text;
}

/** Which parts of the decision differ from the download (before asking whether they can be sent). */
export interface DecisionDifferences {
  readonly action: boolean;
  readonly remarks: boolean;
  readonly itc: boolean;
}

function actionText(action: ActionCode | Unreadable): string {
  return isUnreadable(action) ? `?${action.unreadable}` : action;
}

function amountText(amount: DeclaredAmount): string {
  if (amount === null) return "-";
  if (isUnreadable(amount)) return `?${amount.unreadable}`;
  return String(toPaise(amount));
}

/** The declaration as comparable text: choice, and for a partial reduction each amount in paise. */
function declarationText(decision: Decision): string {
  const { itc } = decision;
  if (itc === null) return "";
  if (isUnreadable(itc)) return `?${itc.unreadable}`;
  if (itc !== "partial") return itc;
  return ["partial", ...TAX_HEADS.map((head) => amountText(decision.declared[head]))].join("|");
}

export function differences(record: ImsRecord, decision: Decision): DecisionDifferences {
  const before = record.downloaded;
  return {
    action: actionText(decision.action) !== actionText(before.action),
    remarks: normaliseRemarks(decision.remarks) !== normaliseRemarks(before.remarks),
    itc: declarationText(decision) !== declarationText(before),
  };
}

/**
 * CHG-01: written when the action or the ITC declaration changed, or the remark
 * changed and can be sent. An action changed and changed back is not a change (CHG-04).
 */
export function isChanged(record: ImsRecord, decision: Decision): boolean {
  const diff = differences(record, decision);
  if (diff.action || diff.itc) return true;
  return diff.remarks && remarkChangeCanBeSent(record, decision);
}

/** A changed remark can be sent if the action allows remarks and the record does not block them (a cleared remark counts: RMK-10). */
function remarkChangeCanBeSent(record: ImsRecord, decision: Decision): boolean {
  if (isUnreadable(decision.action) || record.remarksBlocked) return false;
  return remarksAllowed(decision.action, declarationToSend(record, decision));
}

export interface NotSendable {
  readonly item: DecidedRecord;
  /** Why the edit does not reach the upload, in plain words (CHG-03). */
  readonly reason: string;
}

export interface ChangeSet {
  /** Records the upload carries, in the order given. */
  readonly changed: readonly DecidedRecord[];
  /** Records whose only edit is a remark the upload cannot carry. */
  readonly notSendable: readonly NotSendable[];
}

const ACTION_WORDS: Readonly<Record<ActionCode, string>> = {
  A: "a plain Accept (no ITC reduction, or a full one)",
  R: "Reject",
  P: "Pending",
  N: "No Action",
};

export function changeSet(items: readonly DecidedRecord[]): ChangeSet {
  const changed: DecidedRecord[] = [];
  const notSendable: NotSendable[] = [];
  for (const item of items) {
    const { record, decision } = item;
    if (isChanged(record, decision)) {
      changed.push(item);
    } else if (differences(record, decision).remarks && !isUnreadable(decision.action)) {
      notSendable.push({
        item,
        reason: record.remarksBlocked
          ? "Nothing to upload for this record: the portal does not accept remarks for it."
          : `Nothing to upload for this record: remarks are not sent with ${ACTION_WORDS[decision.action]}.`,
      });
    }
  }
  return { changed, notSendable };
}
