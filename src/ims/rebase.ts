import { decisionKeyIn, normaliseRecord } from "./download/normalise";
import type { ImsRecord } from "./record";

/**
 * Rebasing (ims-rules §6): once the portal has processed an upload, each record
 * it accepted stands on the portal as the upload left it. Its downloaded object
 * is then changed as a fresh download would show it, so that the decision
 * uploaded becomes the record's baseline: the next upload compares against it
 * and sends its action as `prev_status`, and a record not changed since is not
 * sent again.
 */

/**
 * The downloaded object with the decision uploaded (`decisionAsDownloaded`:
 * its action, remark and ITC declaration, null for what it does not have) in
 * place of the downloaded one, each under the key the download used for it. A
 * key the download did not have is added only for a value. The object given is
 * not changed.
 */
export function rebasedRaw(raw: Readonly<Record<string, unknown>>, uploaded: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const rebased: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(uploaded)) {
    const held = decisionKeyIn(raw, key);
    if (value !== null || Object.hasOwn(raw, held)) rebased[held] = value;
  }
  return rebased;
}

/** The record read again with `decision` (written as `decisionAsDownloaded` writes one) as its downloaded decision. */
export function rebasedRecord(record: ImsRecord, decision: Readonly<Record<string, unknown>>): ImsRecord {
  return normaliseRecord(record.section, rebasedRaw(record.raw, decision), record.source);
}
