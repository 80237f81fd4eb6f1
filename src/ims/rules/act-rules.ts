import { formatIstDate } from "./format";
import type { RuleDefinition } from "./rule";

/**
 * Action and pending rules (ims-rules §3). "Can hold specified records" (credit
 * notes and downward amendments, §1.2) is the same set of sections that take an
 * ITC-reduction declaration, so `spec.itcDeclaration` answers both.
 */

/**
 * s.16(4): ITC lapses after 30 November following the end of the financial
 * year of the document. undefined when the date is not `dd-mm-yyyy`.
 */
function itcLapseYear(documentDate: string): number | undefined {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(documentDate.trim());
  if (!m) return undefined;
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12) return undefined;
  return month >= 4 ? year + 1 : year;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const ACT_RULES: readonly RuleDefinition[] = [
  {
    code: "ACT-01",
    severities: ["error"],
    fields: ["action"],
    condition: "An uploaded record has action Pending and is pending-blocked (`ispendactblocked` = Y, or `ispendactnallwd` = N).",
    message: "Pending is not allowed for this record: the portal has blocked it. Its one-period pending window is over, or it is a credit note or downward amendment from before Oct 2025. Accept or Reject it.",
    basis: "EY parser, VAY, IC; FAQ-OCT25",
    confidence: "certain",
    perRecord: { scope: "uploaded records", check: ({ action, record }) => action === "P" && record.pendingBlocked === true },
  },
  {
    code: "ACT-02",
    severities: ["warning"],
    fields: ["action"],
    condition: "The record is Pending in the download, the user left it so (nothing is uploaded), and it is pending-blocked.",
    message: "This record is still Pending but Pending is no longer allowed. Unless you Accept or Reject it, it will be deemed accepted.",
    basis: "FAQ-OCT25",
    confidence: "likely",
    perRecord: { scope: "records not uploaded", check: ({ action, record }) => action === "P" && record.pendingBlocked === true },
  },
  {
    code: "ACT-03",
    severities: ["warning"],
    fields: ["action"],
    condition: "The user sets Pending, the download does not say whether Pending is allowed, and the section can hold specified records (b2ba, b2bdna, b2bcn, b2bcna, ecoma).",
    message: "The portal did not say whether Pending is allowed here. Credit notes and downward amendments may stay Pending for one tax period only. The upload may fail for this record.",
    basis: "ims-formats §11 #4",
    confidence: "guess",
    perRecord: {
      scope: "new actions",
      check: ({ action, record, spec }) => action === "P" && record.pendingBlocked === undefined && spec.itcDeclaration,
    },
  },
  {
    code: "ACT-04",
    severities: ["info"],
    fields: ["action"],
    condition: "The user sets Pending on a record the portal allows to be Pending, in a section that can hold specified records.",
    message: "Credit notes and downward amendments can stay Pending for one tax period only, until the GSTR-3B due date of the next period. After that, accept or reject, or the record will be deemed accepted.",
    basis: "FAQ-OCT25",
    confidence: "certain",
    perRecord: {
      scope: "new actions",
      check: ({ action, record, spec }) => action === "P" && record.pendingBlocked === false && spec.itcDeclaration,
    },
  },
  {
    code: "ACT-05",
    severities: ["info"],
    fields: ["action"],
    condition: "The user sets Pending on an ordinary invoice or debit note (b2b, b2bdn, ecom).",
    message: "Pending records stay out of GSTR-2B until you act. ITC on this document lapses after 30 November {year} (the November after its financial year), or your annual return if filed earlier.",
    variants: {
      undated: "Pending records stay out of GSTR-2B until you act. ITC lapses after 30 November following the end of the document's financial year.",
    },
    basis: "FAQ-IMS; S16-4",
    confidence: "likely",
    perRecord: {
      scope: "new actions",
      check: ({ action, record, spec }) => {
        if (action !== "P" || spec.itcDeclaration) return false;
        const year = itcLapseYear(record.documentDate);
        return year === undefined ? { variant: "undated" } : { params: { year: String(year) } };
      },
    },
  },
  {
    code: "ACT-07",
    severities: ["warning"],
    fields: ["action"],
    condition: "The user changes a record back to No Action from another (readable) status.",
    message: "Resetting to No Action through the offline upload is not confirmed by GSTN. Check the result after upload. No Action is deemed acceptance when GSTR-2B is generated.",
    basis: "ims-formats §4.3",
    confidence: "guess",
    perRecord: { scope: "new actions", check: ({ action, downloadedAction }) => action === "N" && downloadedAction !== undefined },
  },
  {
    code: "ACT-09",
    severities: ["info"],
    fields: ["export"],
    condition: "The newest loaded download is more than 3 days old (configurable) at export time.",
    message: "Your data was downloaded on {date}, {days} days ago. Suppliers may have changed records and pending deadlines move. A fresh download avoids the portal error IMSSAV0010.",
    basis: "product choice",
    confidence: "guess",
    perExport: ({ downloadedAt, now, staleAfterDays }) => {
      if (downloadedAt === undefined) return false;
      const age = now.getTime() - downloadedAt.getTime();
      if (!(age > staleAfterDays * DAY_MS)) return false;
      return { params: { date: formatIstDate(downloadedAt), days: String(Math.floor(age / DAY_MS)) } };
    },
  },
];
