import {
  actionLabel, isUnreadable, NO_DECLARED_AMOUNTS,
  type ActionCode, type Decision, type ItcChoice,
} from "../decision";
import type { ImsRecord } from "../record";
import { checkDecision, formatRupees, itcDeclarationOpen, REMARKS_MAX_LENGTH, type Finding } from "../rules";
import type { Difference, ReconcileResult, RecordMatch } from "./match";

/**
 * A suggested decision per IMS record, from its match status (issue #7,
 * "Suggestions, never surprises"). A suggestion sits beside the user's own
 * decision and replaces it only when the user applies it; it passes the same
 * rules as a decision typed by hand, and one the rules refuse is flagged for
 * review instead of being offered.
 */

export interface Suggestion {
  readonly action: ActionCode;
  /** A remark for the supplier, where one helps; absent = keep whatever remark is there. */
  readonly remarks?: string;
  /** The ITC-reduction choice an Accept must carry in the sections that take one. */
  readonly itc?: ItcChoice;
  /** Why, in plain words. */
  readonly reason: string;
  /** The user should look before applying: the match is a judgement call, or the record is flagged. */
  readonly needsReview: boolean;
  /**
   * No safe suggestion exists (Pending not allowed, or the rules refuse the
   * suggestion): `decision` is the downloaded one, so applying changes nothing.
   */
  readonly flagged: boolean;
  /** Exactly the decision that was validated; applying the suggestion writes this. */
  readonly decision: Decision;
  /** What the rules say about that decision (never an error: an error turns the suggestion into a review flag). */
  readonly findings: readonly Finding[];
}

/** What suggest() needs from a match: RecordMatch has it. */
export type MatchOutcome = Pick<RecordMatch, "status" | "reasons" | "differences">;

/** Reasons that make a probable match a judgement call rather than a formality. */
const JUDGEMENT_REASONS = new Set(["near-number", "other-gstin", "note-type"]);

interface Draft {
  action: ActionCode;
  remarks?: string;
  /** What the match found, in plain words. */
  why: string;
  /** The suggestion in words, e.g. "Accept". */
  advice: string;
  needsReview: boolean;
}

/** Remarks go to the portal: plain ASCII ("Rs", not ₹, RMK-09) and at most REMARKS_MAX_LENGTH characters (RMK-05). */
function rs(amount: number | string): string {
  return typeof amount === "number" ? formatRupees(amount).replace("₹", "Rs ") : amount;
}

function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, "?");
}

function documentName(record: ImsRecord): string {
  return `${ascii(record.documentNumber)} dated ${record.documentDate}`;
}

const FIELD_WORDS: Readonly<Record<Difference["field"], string>> = {
  documentDate: "date", taxableValue: "taxable value", igst: "IGST", cgst: "CGST", sgst: "SGST", cess: "cess",
  placeOfSupply: "place of supply",
};

/** Lists the differences while they fit, so the remark never exceeds the portal limit. */
function mismatchRemark(record: ImsRecord, differences: readonly Difference[]): string {
  const head = `${documentName(record)} differs from our books: `;
  const tail = ". Please check and amend.";
  const parts: string[] = [];
  for (const d of differences) {
    const part = `${FIELD_WORDS[d.field]} ${rs(d.ims)} vs ${rs(d.books)} in our books`;
    if ((head + [...parts, part].join("; ") + tail).length > REMARKS_MAX_LENGTH) break;
    parts.push(part);
  }
  return parts.length > 0 ? head + parts.join("; ") + tail : `${documentName(record)} differs from our books. Please check and amend.`;
}

function pendingFor(why: string, advice: string, remark: string): Draft {
  return { action: "P", remarks: remark, why, advice, needsReview: false };
}

/** The rule-free first idea, from the table. */
function draft(record: ImsRecord, match: MatchOutcome): Draft {
  if (record.supplierFiled === false) {
    return pendingFor(
      "The supplier has saved but not filed this document; ITC flows only after they file.",
      "Pending until the supplier files",
      `Please file your GSTR-1/IFF reporting ${documentName(record)}. We will accept it once filed.`,
    );
  }
  switch (match.status) {
    case "exact":
      return { action: "A", why: "Matches the books exactly.", advice: "Accept", needsReview: false };
    case "probable": {
      const judgement = match.reasons.some((r) => JUDGEMENT_REASONS.has(r.code));
      const why = match.reasons.map((r) => r.message).join("; ");
      return {
        action: "A",
        why: `Matches the books, but ${why}.`,
        advice: judgement ? "Accept, after you confirm it is the same document" : "Accept",
        needsReview: judgement,
      };
    }
    case "mismatch":
      return pendingFor(
        `Differs from the books: ${match.differences.map((d) => d.message).join("; ")}.`,
        "Pending until the supplier or your books are corrected",
        mismatchRemark(record, match.differences),
      );
    case "missing-in-books":
      return pendingFor(
        "Not found in the purchase register.",
        "Pending until you find it in your books or the supplier explains it",
        `${documentName(record)} is not in our books. Please send a copy or confirm it was issued to us.`,
      );
  }
}

function decisionFor(record: ImsRecord, action: ActionCode, remarks: string | undefined): Decision {
  const before = record.downloaded;
  const keepRemarks = remarks === undefined || record.remarksBlocked;
  const common = { action, remarks: keepRemarks ? before.remarks : remarks! };
  if (action !== "A" || !itcDeclarationOpen(record)) return { ...common, itc: null, declared: NO_DECLARED_AMOUNTS };
  // An earlier declaration on this record stays; otherwise Full, the portal's default answer (ims-rules ITC-12).
  const earlier = before.action === "A" && before.itc !== null && !isUnreadable(before.itc) ? before.itc : undefined;
  return earlier
    ? { ...common, itc: earlier, declared: earlier === "partial" ? before.declared : NO_DECLARED_AMOUNTS }
    : { ...common, itc: "full", declared: NO_DECLARED_AMOUNTS };
}

/** Keeps the downloaded decision as it is, so applying the suggestion changes nothing the portal sees. */
function reviewFlag(record: ImsRecord, reason: string): Suggestion {
  const before = record.downloaded;
  // `action` must name a code; an unreadable downloaded status shows as No Action, the portal's default.
  const action: ActionCode = isUnreadable(before.action) ? "N" : before.action;
  return { action, reason, needsReview: true, flagged: true, decision: before, findings: checkDecision(record, before) };
}

function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "error");
}

/** The suggestion for one record, validated by the rules engine. */
export function suggest(record: ImsRecord, match: MatchOutcome): Suggestion {
  const d = draft(record, match);
  if (d.action === "P" && record.pendingBlocked === true) {
    return reviewFlag(
      record,
      `${d.why} Pending is not allowed for this record, so nothing is suggested: decide between Accept and Reject.`,
    );
  }
  const decision = decisionFor(record, d.action, d.remarks);
  const findings = checkDecision(record, decision);
  const errors = errorsOf(findings);
  if (errors.length > 0) {
    return reviewFlag(record, `${d.why} ${actionLabel(d.action)} would fit, but the rules refuse it: ${errors.map((e) => e.message).join(" ")}`);
  }
  return {
    action: d.action,
    ...(d.remarks !== undefined && !record.remarksBlocked ? { remarks: decision.remarks } : {}),
    ...(decision.itc !== null && !isUnreadable(decision.itc) ? { itc: decision.itc } : {}),
    reason: `${d.why} Suggested: ${d.advice}.`,
    needsReview: d.needsReview,
    flagged: false,
    decision,
    findings,
  };
}

/** Suggestions for every record of a reconciliation, in its order. */
export function suggestAll(result: ReconcileResult): Suggestion[] {
  return result.records.map((m) => suggest(m.record, m));
}
