import { isUnreadable } from "../decision";
import { pick } from "../download/normalise";
import { describeGstinProblem, gstinCheckCharacter, gstinProblem, isValidGstin, type GstinProblem } from "../gstin";
import { echoPlan } from "../sections";
import { listInWords } from "./format";
import type { CheckResult, RuleDefinition } from "./rule";

/** Input and structure rules (ims-rules §2). */

const RECIPIENT_HINT = "Enter the GSTIN of the taxpayer who downloaded this data. It must be 15 characters with a valid check character.";

function normalisedGstin(gstin: string): string {
  return gstin.trim().toUpperCase();
}

/** Short words for a supplier GSTIN problem (FMT-03 is informational, so no advice to fix it). */
function problemWords(gstin: string, problem: GstinProblem): string {
  const g = normalisedGstin(gstin);
  switch (problem) {
    case "length":
      return `it has ${g.length} characters instead of 15`;
    case "characters":
      return "it holds characters other than A-Z and 0-9";
    case "format":
      return "it does not have the form of a GSTIN";
    case "check-character":
      return `its last character should be ${gstinCheckCharacter(g.slice(0, 14))}`;
  }
}

export const FMT_RULES: readonly RuleDefinition[] = [
  {
    code: "FMT-01",
    severities: ["error"],
    severityText: "Error (blocks the whole export)",
    fields: ["recipientGstin"],
    condition: "The recipient GSTIN (`rtin`) is missing, or fails the format or the check character.",
    message: RECIPIENT_HINT,
    variants: { invalid: `{problem} ${RECIPIENT_HINT}` },
    basis: "ims-formats §7",
    confidence: "certain",
    perRecipient: ({ recipientGstin }) => {
      const g = recipientGstin?.trim() ?? "";
      if (g === "") return true;
      const problem = describeGstinProblem(g);
      return problem === undefined ? false : { variant: "invalid", params: { problem } };
    },
  },
  {
    code: "FMT-02",
    severities: ["error"],
    severityText: "Error (blocks the whole export)",
    fields: ["recipientGstin"],
    condition: "A loaded download names a recipient GSTIN (root `gstin`/`rtin`) other than the one entered, or two loaded downloads name different recipients.",
    message: "This workbook holds data of {files} but the upload is for {recipient}. One upload file per GSTIN: enter the GSTIN the data belongs to, or load only that GSTIN's downloads.",
    variants: {
      mixed: "The loaded downloads belong to different GSTINs ({files}). One upload file per GSTIN: load the downloads of one GSTIN only.",
    },
    basis: "ims-formats §3.1",
    confidence: "likely",
    perRecipient: ({ recipientGstin, fileRecipients }): CheckResult => {
      const files = [...new Set(fileRecipients.map(normalisedGstin).filter((g) => g !== ""))];
      const recipient = recipientGstin !== undefined && isValidGstin(recipientGstin) ? normalisedGstin(recipientGstin) : undefined;
      const mismatch = recipient !== undefined && files.some((g) => g !== recipient);
      if (files.length > 1 && recipient === undefined) return { variant: "mixed", params: { files: listInWords(files) } };
      if (mismatch) return { params: { files: listInWords(files), recipient } };
      return false;
    },
  },
  {
    code: "FMT-03",
    severities: ["info"],
    fields: ["record"],
    condition: "The supplier GSTIN (`stin`) fails the GSTIN check (length, characters, format or check character).",
    message: "Supplier GSTIN {gstin} does not pass the GSTIN check ({problem}). It is kept exactly as the portal sent it; nothing to do.",
    basis: "ims-formats §7.3",
    confidence: "certain",
    perRecord: {
      scope: "every record",
      check: ({ record }) => {
        const problem = gstinProblem(record.supplierGstin);
        return problem && { params: { gstin: record.supplierGstin, problem: problemWords(record.supplierGstin, problem) } };
      },
    },
  },
  {
    code: "FMT-04",
    severities: ["error"],
    fields: ["action"],
    condition: "The action cell holds something other than Accept, Reject, Pending or No Action (for example after a paste).",
    message: "“{value}” is not an action. Choose Accept, Reject, Pending or No Action.",
    variants: { empty: "The action is empty. Choose Accept, Reject, Pending or No Action." },
    basis: "ims-formats §3.2",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ decision }) => {
        if (!isUnreadable(decision.action)) return false;
        const value = decision.action.unreadable.trim();
        return value === "" ? { variant: "empty" } : { params: { value } };
      },
    },
  },
  {
    code: "FMT-04a",
    severities: ["error"],
    fields: ["itc"],
    condition: "On an Accept that takes a declaration, the ITC-reduction cell holds something other than Full, Partial or No Reduction. (Added here: the spec's FMT-04 for the ITC cell; the portal accepts only Y or N.)",
    message: "“{value}” is not an ITC-reduction choice. Choose Full, Partial or No Reduction.",
    basis: "EY ER104; ims-formats §3.4",
    specRule: "FMT-04, applied to the ITC cell",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ decision, declarationOpen }) =>
        declarationOpen && isUnreadable(decision.itc) && { params: { value: decision.itc.unreadable.trim() } },
    },
  },
  {
    code: "FMT-05",
    severities: ["error"],
    fields: ["record"],
    condition: "A row has no stored download record (the user typed or copied a row in).",
    message: "This row did not come from the portal download and cannot be uploaded. Delete it, or act on the original row.",
    basis: "ims-formats §3.6",
    confidence: "certain",
    raisedBy: "rowWithoutRecordFinding (workbook read-back)",
  },
  {
    code: "FMT-06",
    severities: ["warning"],
    fields: ["record"],
    condition: "An uploaded record lacks an echo key its section normally has (e.g. `inv_typ` in b2b); key names compared case-insensitively and under their other spellings (`rtnTyp` for `srcform`, `sRtnPrd` for `rtnprd`, `nt_num` for `inum`).",
    message: "The portal may reject this record: {keys} was missing in the download. If it is rejected, download again.",
    variants: { several: "The portal may reject this record: {keys} were missing in the download. If it is rejected, download again." },
    basis: "ims-formats §4.2",
    confidence: "likely",
    perRecord: {
      scope: "uploaded records",
      check: ({ record, spec }) => {
        let missing: string[] | undefined;
        for (const { key, spellings } of echoPlan(spec)) {
          // The key as spelled, nearly always there, is checked before pick searches every spelling in every case.
          if (!Object.hasOwn(record.raw, key) && pick(record.raw, ...spellings) === undefined) (missing ??= []).push(key);
        }
        if (missing === undefined) return false;
        const keys = listInWords(missing.map((k) => `\`${k}\``));
        return missing.length === 1 ? { params: { keys } } : { variant: "several", params: { keys } };
      },
    },
  },
  {
    code: "FMT-07",
    severities: ["error"],
    fields: ["record"],
    condition: "An uploaded record's downloaded `action` is missing or not A/R/P/N, so `prev_status` cannot be written.",
    message: "The downloaded status of this record is unreadable (“{value}”), so the upload cannot state it. Download again.",
    variants: { missing: "The downloaded status of this record is missing, so the upload cannot state it. Download again." },
    basis: "GSTN-XLS",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ record, downloadedAction }) => {
        if (downloadedAction !== undefined) return false;
        const value = isUnreadable(record.downloaded.action) ? record.downloaded.action.unreadable.trim() : "";
        return value === "" ? { variant: "missing" } : { params: { value } };
      },
    },
  },
];
