import { totalTax } from "../record";
import type { RecordContext } from "./context";
import { countOf, formatRupees, istDay, supplierLabel } from "./format";
import type { Hit, RuleDefinition } from "./rule";

/** Domain warnings (ims-rules §7). */

/** Rejections the user makes in this export (a new action R), among the changed records. */
function newRejections(changed: readonly RecordContext[]): RecordContext[] {
  return changed.filter((e) => e.stage === "uploaded" && e.changes.action && e.action === "R");
}

export const WARNING_RULES: readonly RuleDefinition[] = [
  {
    code: "WRN-01",
    severities: ["warning"],
    fields: ["action"],
    condition: "The user sets Accept and the supplier has saved but not filed the document (`srcfilstatus` read as not filed; an unknown status never warns).",
    message: "{supplier} has saved but not filed this document. ITC flows only after the supplier files. Consider Pending.",
    basis: "IC-3112; IC-DOCS",
    confidence: "likely",
    perRecord: {
      scope: "new actions",
      check: ({ action, record }) => action === "A" && record.supplierFiled === false && { params: { supplier: supplierLabel(record) } },
    },
  },
  {
    code: "WRN-02",
    severities: ["warning"],
    fields: ["action"],
    condition: "The user sets Reject in b2bcn or b2bcna; or in b2ba, b2bdna or ecoma when the ITC-blocked flag is false (probably a downward amendment).",
    message: "Rejecting a credit note or a downward amendment increases the supplier's tax liability, and your ITC is not reduced. Agree this with {supplier} first.",
    basis: "FAQ-OCT25; ADV-RJ; KSCAA",
    confidence: "certain",
    perRecord: {
      scope: "new actions",
      check: ({ action, record, spec }) => {
        if (action !== "R") return false;
        const likelySpecified = spec.documentKind === "credit-note"
          || (spec.isAmendment && spec.itcDeclaration && record.itcDeclarationBlocked === false);
        return likelySpecified && { params: { supplier: supplierLabel(record) } };
      },
    },
  },
  {
    code: "WRN-03",
    severities: ["warning"],
    fields: ["export"],
    condition: "The export rejects at least one record (once per export).",
    message: "You are rejecting {count}. A rejection cannot be undone after you file GSTR-3B: the supplier would have to report the document again (GSTR-1A or an amendment) for you to accept it.",
    basis: "ADV-RJ",
    confidence: "certain",
    perExport: ({ changed }) => {
      const rejected = newRejections(changed);
      return rejected.length > 0 && { params: { count: countOf(rejected.length, "document") }, recordKeys: rejected.map((e) => e.record.key) };
    },
  },
  {
    code: "WRN-04",
    severities: ["info"],
    fields: ["export"],
    condition: "The export leaves at least one record at No Action (once per export, with the count and total tax of all records at No Action, whether left or set back).",
    message: "{count} ({tax} tax) have No Action. They will be deemed accepted when GSTR-2B is generated on the 14th.",
    basis: "FAQ-IMS",
    confidence: "certain",
    perExport: ({ noAction }) =>
      noAction.count > 0 && { params: { count: countOf(noAction.count, "record"), tax: formatRupees(noAction.totalTax) } },
  },
  {
    code: "WRN-05",
    severities: ["info"],
    fields: ["export"],
    condition: "The export is made on or after the 14th of the month (Indian time), when the draft GSTR-2B already exists.",
    message: "After the upload shows “Processed”, recompute GSTR-2B on the portal before filing GSTR-3B.",
    basis: "FAQ-IMS; TALLY",
    confidence: "certain",
    perExport: ({ now }) => istDay(now).day >= 14,
  },
  {
    code: "WRN-06",
    severities: ["info"],
    fields: ["export"],
    condition: "The export rejects both an invoice and a credit note of the same supplier (one finding per supplier).",
    message: "You are rejecting both an invoice and a credit note of {supplier}. Rejecting both can inflate the supplier's liability. Check that both are wrong.",
    basis: "KSCAA",
    confidence: "guess",
    perExport: ({ changed }) => {
      const bySupplier = new Map<string, RecordContext[]>();
      for (const e of newRejections(changed)) {
        const list = bySupplier.get(e.record.supplierGstin) ?? [];
        list.push(e);
        bySupplier.set(e.record.supplierGstin, list);
      }
      const hits: Hit[] = [];
      for (const list of bySupplier.values()) {
        const invoices = list.filter((e) => e.spec.documentKind === "invoice");
        const creditNotes = list.filter((e) => e.spec.documentKind === "credit-note");
        if (invoices.length === 0 || creditNotes.length === 0) continue;
        hits.push({
          params: { supplier: supplierLabel(list[0].record) },
          recordKeys: [...invoices, ...creditNotes].map((e) => e.record.key),
        });
      }
      return hits;
    },
  },
  {
    code: "WRN-07",
    severities: ["info"],
    fields: ["itc"],
    condition: "Accept of a record that takes a declaration, with Full reduction (also when Full was pre-selected, ITC-12).",
    message: "Accepting reverses ITC equal to the tax on this document ({amount}). Choose Partial or No Reduction if you availed less.",
    basis: "FAQ-OCT25",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationOpen, decision, record }) =>
        declarationOpen && decision.itc === "full" && { params: { amount: formatRupees(totalTax(record)) } },
    },
  },
];
