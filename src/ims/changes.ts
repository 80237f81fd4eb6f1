import { isUnreadable, type Decision, type ItcChoice } from "./decision";
import type { ImsRecord } from "./record";
import { decisionChanges, isUploaded, itcDeclarationOpen } from "./rules";

/**
 * The change set: which records the upload carries, compared with the decisions
 * as downloaded (ims-rules CHG-01 … CHG-05). What counts as a change is decided
 * once, in rules/context.ts, so that the rules and the writer never disagree.
 */

/** A record together with the decision the user has made on it (the workbook's current state). */
export interface DecidedRecord {
  readonly record: ImsRecord;
  readonly decision: Decision;
}

/** CHG-01: the record goes into the upload. An action changed and changed back is no change (CHG-04). */
export function isChanged(record: ImsRecord, decision: Decision): boolean {
  return isUploaded(record, decision);
}

/**
 * The ITC-reduction choice the upload states for this decision: only on Accept,
 * only in the sections where the declaration applies, and never on a record the
 * portal has blocked for it (ims-formats §4.2). null = nothing is sent.
 */
export function declarationToSend(record: ImsRecord, decision: Decision): ItcChoice | null {
  if (decision.action !== "A" || decision.itc === null || isUnreadable(decision.itc)) return null;
  return itcDeclarationOpen(record) ? decision.itc : null;
}

export interface ChangeSet {
  /** Records the upload carries, in the order given. */
  readonly changed: readonly DecidedRecord[];
  /**
   * Records the user edited whose edit does not reach the upload: a remark the
   * action does not carry (the rules explain each one, CHG-03).
   */
  readonly notSendable: readonly DecidedRecord[];
}

export function changeSet(items: readonly DecidedRecord[]): ChangeSet {
  const changed: DecidedRecord[] = [];
  const notSendable: DecidedRecord[] = [];
  for (const item of items) {
    const { record, decision } = item;
    if (isChanged(record, decision)) changed.push(item);
    else if (decisionChanges(record, decision).remarks) notSendable.push(item);
  }
  return { changed, notSendable };
}
