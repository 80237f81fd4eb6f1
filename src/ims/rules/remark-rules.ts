import { hasLineBreaks, hasOtherControlCharacters, nonAsciiCharacters, REMARKS_MAX_LENGTH, remarksLength } from "./remarks";
import type { RuleDefinition } from "./rule";

/**
 * Remarks rules (ims-rules §4). RMK-01 and RMK-02 (when remarks are sent) are
 * not findings: they are `remarksAllowed` in context.ts. The content checks
 * (RMK-05, -07, -08, -09) look only at remarks that will actually be sent.
 */

export const REMARK_RULES: readonly RuleDefinition[] = [
  {
    code: "RMK-03",
    severities: ["warning"],
    fields: ["remarks"],
    condition: "An uploaded record has a remark with a plain Accept (no declaration, or Full reduction) or with No Action; the remark is not sent.",
    message: "Remarks are sent only with Reject, Pending, or Accept with a Partial or No Reduction declaration. This remark will not be uploaded.",
    basis: "EY sends remarks only when action ≠ A; the API schema accepts them on any action (SBX); portal behaviour unknown",
    confidence: "likely",
    perRecord: {
      scope: "uploaded records",
      check: ({ remark, remarksAllowed, action }) => remark !== "" && !remarksAllowed && (action === "A" || action === "N"),
    },
  },
  {
    code: "RMK-04",
    severities: ["error"],
    fields: ["remarks"],
    condition: "The remark was changed (to a non-empty text) on a record with `isRemarksBlocked` = Y, with an action that sends remarks. An unchanged downloaded remark on such a record is silently not sent.",
    message: "The portal does not accept remarks for this record. Clear the remark (or restore the downloaded one).",
    basis: "IC fields; TP-VBA",
    confidence: "likely",
    perRecord: {
      scope: "uploaded records",
      check: ({ record, remark, remarksAllowed, changes }) => remarksAllowed && record.remarksBlocked && changes.remarks && remark !== "",
    },
  },
  {
    code: "RMK-05",
    severities: ["error"],
    fields: ["remarks"],
    condition: `A remark to be sent is longer than ${REMARKS_MAX_LENGTH} characters after trimming and line-break replacement (counted in Unicode characters).`,
    message: "Remarks are limited to {max} characters (you entered {length}). Shorten the remark.",
    basis: "TP-VBA (250); EY's own UI allows 500",
    confidence: "guess",
    perRecord: {
      scope: "uploaded records",
      check: ({ remark, remarkSent }) => {
        const length = remarksLength(remark);
        return remarkSent && length > REMARKS_MAX_LENGTH && { params: { max: String(REMARKS_MAX_LENGTH), length: String(length) } };
      },
    },
  },
  {
    code: "RMK-06",
    severities: ["error", "warning"],
    severityText: "Error; warning when `isRemarksBlocked` = Y (remarks cannot be sent then)",
    fields: ["remarks"],
    condition: "An Accept declares a Partial or No Reduction, and there is no remark.",
    message: "Give a reason when ITC is reduced only partly or not at all (for example: “ITC on the original invoice was never availed”).",
    variants: {
      blocked: "A reason is expected when ITC is reduced only partly or not at all, but the portal does not accept remarks for this record, so the upload goes without one.",
    },
    basis: "FAQ-OCT25 summaries (mohansekhar, taxconcept, casahuja)",
    confidence: "likely",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationOpen, decision, remark, record }) => {
        if (!declarationOpen || (decision.itc !== "partial" && decision.itc !== "none") || remark !== "") return false;
        return record.remarksBlocked ? { severity: "warning", variant: "blocked" } : true;
      },
    },
  },
  {
    code: "RMK-07",
    severities: ["info"],
    fields: ["remarks"],
    condition: "A remark to be sent contains CR, LF or TAB. Auto-fix: each run becomes one space and both ends are trimmed (normaliseRemarks).",
    message: "Line breaks in remarks were replaced by spaces.",
    basis: "product choice",
    confidence: "guess",
    perRecord: { scope: "uploaded records", check: ({ remarkSent, decision }) => remarkSent && hasLineBreaks(decision.remarks) },
  },
  {
    code: "RMK-08",
    severities: ["error"],
    fields: ["remarks"],
    condition: "A remark to be sent contains other control characters (U+0000–U+001F except CR, LF, TAB; U+007F).",
    message: "Remove the invisible control characters from the remark.",
    basis: "product choice",
    confidence: "guess",
    perRecord: { scope: "uploaded records", check: ({ remarkSent, decision }) => remarkSent && hasOtherControlCharacters(decision.remarks) },
  },
  {
    code: "RMK-09",
    severities: ["warning"],
    fields: ["remarks"],
    condition: "A remark to be sent contains characters outside ASCII (e.g. ₹, Indic scripts, emoji).",
    message: "The portal may reject characters such as {chars}. Prefer plain letters, digits and common punctuation (write “Rs” instead of ₹).",
    basis: "allowed set unknown",
    confidence: "guess",
    perRecord: {
      scope: "uploaded records",
      check: ({ remarkSent, remark }) => {
        const chars = remarkSent ? nonAsciiCharacters(remark) : [];
        return chars.length > 0 && { params: { chars: chars.join(" ") } };
      },
    },
  },
  {
    code: "RMK-10",
    severities: ["warning"],
    fields: ["remarks"],
    condition: "A remark that existed in the download was cleared by the user.",
    message: "Clearing a remark may not remove it on the portal.",
    basis: "unknown semantics of an omitted `remarks`",
    confidence: "guess",
    perRecord: { scope: "edited records", check: ({ remark, downloadedRemark }) => downloadedRemark !== "" && remark === "" },
  },
  {
    code: "RMK-11",
    severities: ["info"],
    fields: ["export"],
    condition: "The export sends at least one new or changed remark.",
    message: "Remarks are visible to the supplier and appear in your GSTR-2B. Write something the supplier can act on.",
    basis: "FAQ-OCT25",
    confidence: "certain",
    perExport: ({ changed }) => changed.some((e) => e.stage === "uploaded" && e.changes.remarks && e.remarkSent),
  },
];
