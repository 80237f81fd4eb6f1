import { decisionKeyIn } from "./download/normalise";
import { DECLARED_KEYS } from "./upload";

/**
 * Rebasing (ims-rules §6): once the portal has processed an upload, each record
 * it accepted stands on the portal as the upload left it. Its downloaded object
 * is then changed as a fresh download would show it, so that the decision as
 * sent becomes the record's baseline: the next upload compares against it and
 * sends it as `prev_status`, and a record not changed since is not sent again.
 */

/**
 * The downloaded object with the decision as sent (`decisionSent` in upload.ts:
 * the action, and the ITC declaration and the remark where they were sent),
 * each under the key the download used for it. A declaration sent without
 * amounts (Full, or No Reduction) leaves none of the downloaded amounts behind.
 * What was not sent stays as downloaded. The object given is not changed.
 */
export function rebasedRaw(raw: Readonly<Record<string, unknown>>, sent: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const rebased: Record<string, unknown> = { ...raw };
  const declaredKeys = Object.values(DECLARED_KEYS);
  if (Object.hasOwn(sent, "itcRedReq") && !declaredKeys.some((key) => Object.hasOwn(sent, key))) {
    for (const key of declaredKeys) {
      const held = decisionKeyIn(raw, key);
      if (Object.hasOwn(rebased, held)) rebased[held] = null;
    }
  }
  for (const [key, value] of Object.entries(sent)) rebased[decisionKeyIn(raw, key)] = value;
  return rebased;
}
