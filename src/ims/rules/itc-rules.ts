import { itcChoiceLabel, TAX_HEAD_LABELS, TAX_HEADS, type TaxHead } from "../decision";
import { SECTIONS } from "../sections";
import type { RecordContext } from "./context";
import type { FindingField } from "./finding";
import { formatRupees } from "./format";
import { isFilled, recordTaxPaise } from "./itc";
import type { Hit, RuleDefinition } from "./rule";

/**
 * ITC-reduction declaration rules (ims-rules §5). They are gated so that one
 * mistake gives one message: a declaration where none may be sent (ITC-01/02/03)
 * stops the checks of its content; invalid amounts (ITC-05) stop the arithmetic.
 * ITC-12 (pre-select Full on Accept) is not a finding: see defaultItcChoiceOnAccept.
 */

const FIELD_OF: Readonly<Record<TaxHead, FindingField>> = {
  igst: "declIgst", cgst: "declCgst", sgst: "declSgst", cess: "declCess",
};
const DECLARED_FIELDS: readonly [FindingField, ...FindingField[]] = ["declIgst", "declCgst", "declSgst", "declCess"];

/** A partial reduction whose four amounts are all valid: amounts in paise; otherwise undefined. */
function validPartial(ctx: RecordContext): Record<TaxHead, number> | undefined {
  if (!ctx.declarationOpen || ctx.decision.itc !== "partial") return undefined;
  const paise = {} as Record<TaxHead, number>;
  for (const head of TAX_HEADS) {
    const reading = ctx.amounts[head];
    if (!reading.ok) return undefined;
    paise[head] = reading.paise;
  }
  return paise;
}

/** A valid partial reduction and the record's tax, both in paise per head, for the rules that compare them. */
function partialAgainstTax(ctx: RecordContext): { declared: Record<TaxHead, number>; tax: Record<TaxHead, number> } | undefined {
  const declared = validPartial(ctx);
  return declared && { declared, tax: recordTaxPaise(ctx.record) };
}

const rupees = (paise: number) => formatRupees(paise / 100);

const uncertainSections = SECTIONS.filter((s) => s.itcDeclaration && !s.declarationCertain).map((s) => s.key).join(", ");
const certainSections = SECTIONS.filter((s) => s.declarationCertain).map((s) => s.key).join(", ");

const REQUIRED_MESSAGE = "Choose whether ITC must be reduced: Full, Partial or No Reduction.";

export const ITC_RULES: readonly RuleDefinition[] = [
  {
    code: "ITC-01",
    severities: ["error"],
    fields: ["itc"],
    condition: "A declaration (choice or non-zero amount) is entered in b2b, b2bdn or ecom.",
    message: "ITC reduction applies only to credit notes and amendments (B2BA, DNA, CN, CNA, ECOA). Clear it for this {document}.",
    basis: "EY ER109; FAQ-OCT25",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationEntered, spec }) => declarationEntered && !spec.itcDeclaration && { params: { document: spec.documentKind.replace("-", " ") } },
    },
  },
  {
    code: "ITC-02",
    severities: ["error"],
    fields: ["itc"],
    condition: "A declaration is entered and the action is not Accept.",
    message: "ITC reduction can be declared only when accepting. Clear it or choose Accept.",
    basis: "EY ER108; IC",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationEntered, spec, action }) => declarationEntered && spec.itcDeclaration && action !== undefined && action !== "A",
    },
  },
  {
    code: "ITC-03",
    severities: ["error"],
    fields: ["itc"],
    condition: "A declaration is entered with Accept and the record's ITC-blocked flag (`isItcRedReqBlocked`/`itcRedReqBlocked`) is true.",
    message: "The portal does not allow an ITC-reduction declaration for this record. Clear it.",
    basis: "IC (suppresses the fields)",
    confidence: "likely",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationEntered, spec, action, record }) =>
        declarationEntered && spec.itcDeclaration && action === "A" && record.itcDeclarationBlocked === true,
    },
  },
  {
    code: "ITC-04",
    severities: ["error"],
    fields: ["itc"],
    condition: "Accept in b2ba, b2bdna, b2bcn, b2bcna or ecoma, ITC-blocked flag false, no declaration (the portal's IMSSAV0054).",
    message: `${REQUIRED_MESSAGE} Without it the portal refuses the Accept (IMSSAV0054).`,
    basis: "IC-4228; IC-4473",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationOpen, decision, record }) => declarationOpen && decision.itc === null && record.itcDeclarationBlocked === false,
    },
  },
  {
    code: "ITC-04a",
    severities: ["error", "warning"],
    severityText: `Error in ${certainSections}; warning in ${uncertainSections}`,
    fields: ["itc"],
    condition: "As ITC-04, but the record carries no ITC-blocked flag.",
    message: `${REQUIRED_MESSAGE} The portal did not say whether a declaration is needed.`,
    basis: "ims-formats §11 #16",
    confidence: "guess",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationOpen, decision, record, spec }) =>
        declarationOpen && decision.itc === null && record.itcDeclarationBlocked === undefined
        && { severity: spec.declarationCertain ? "error" : "warning" },
    },
  },
  {
    code: "ITC-05",
    severities: ["error"],
    fields: DECLARED_FIELDS,
    condition: "Partial: an amount is not a number, is negative, or has more than 2 decimals. (A blank amount counts as 0.)",
    message: "Declared {head} “{value}” is not a valid amount. Enter an amount of 0 or more with at most 2 decimals.",
    basis: "EY ER105",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationOpen, decision, amounts }) => {
        if (!declarationOpen || decision.itc !== "partial") return false;
        return TAX_HEADS.flatMap((head): Hit[] => {
          const reading = amounts[head];
          return reading.ok ? [] : [{ field: FIELD_OF[head], params: { head: TAX_HEAD_LABELS[head], value: reading.shown } }];
        });
      },
    },
  },
  {
    code: "ITC-06",
    severities: ["error"],
    fields: ["declCgst"],
    condition: "Partial: declared CGST ≠ declared SGST (compared in paise).",
    message: "Declared CGST ({cgst}) and SGST ({sgst}) must be equal.",
    basis: "EY ER106; IC",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: (ctx) => {
        const p = validPartial(ctx);
        return p !== undefined && p.cgst !== p.sgst && { params: { cgst: rupees(p.cgst), sgst: rupees(p.sgst) } };
      },
    },
  },
  {
    code: "ITC-07",
    severities: ["error"],
    fields: DECLARED_FIELDS,
    condition: "Partial: a declared head exceeds the record's tax for that head (`declIgst` > `iamt`, `declCgst` > `camt`, `declSgst` > `samt`, `declCess` > `cess`).",
    message: "You cannot reduce more {head} than the document carries ({amount}); you entered {declared}.",
    basis: "IC-4473; EY",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: (ctx) => {
        const compared = partialAgainstTax(ctx);
        if (!compared) return false;
        const { declared, tax } = compared;
        return TAX_HEADS.filter((h) => tax[h] > 0 && declared[h] > tax[h]).map((h) => ({
          field: FIELD_OF[h],
          params: { head: TAX_HEAD_LABELS[h], amount: rupees(tax[h]), declared: rupees(declared[h]) },
        }));
      },
    },
  },
  {
    code: "ITC-08",
    severities: ["error"],
    fields: DECLARED_FIELDS,
    condition: "Partial: an amount > 0 on a head the record does not carry (e.g. CGST on an inter-state note).",
    message: "This document has no {head}. Enter 0.",
    basis: "inference from ITC-07",
    confidence: "likely",
    perRecord: {
      scope: "uploaded records",
      check: (ctx) => {
        const compared = partialAgainstTax(ctx);
        if (!compared) return false;
        const { declared, tax } = compared;
        return TAX_HEADS.filter((h) => tax[h] <= 0 && declared[h] > 0).map((h) => ({
          field: FIELD_OF[h],
          params: { head: TAX_HEAD_LABELS[h] },
        }));
      },
    },
  },
  {
    code: "ITC-09",
    severities: ["error"],
    fields: ["itc"],
    condition: "Partial with all four amounts 0 (or blank).",
    message: "A partial reduction of 0 is “No Reduction”. Choose No Reduction (and give a reason), or enter the amounts.",
    basis: "product choice: avoids an ambiguous `Y` + zeros",
    confidence: "guess",
    perRecord: {
      scope: "uploaded records",
      check: (ctx) => {
        const p = validPartial(ctx);
        return p !== undefined && TAX_HEADS.every((h) => p[h] === 0);
      },
    },
  },
  {
    code: "ITC-10",
    severities: ["error"],
    fields: DECLARED_FIELDS,
    condition: "Amounts are filled (non-zero) on an Accept that takes a declaration, while the choice is No Reduction, Full or empty. The writer never sends `decl*` with them. (The spec names No Reduction; Full and no choice are the same case.)",
    message: "Amounts apply only to a partial reduction, not to {choice}. Clear them, or choose Partial.",
    variants: { unchosen: "Amounts apply only to a partial reduction. Choose Partial, or clear them." },
    basis: "EY ER107",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: ({ declarationOpen, decision }) => {
        const choice = decision.itc;
        if (!declarationOpen || (choice !== "full" && choice !== "none" && choice !== null)) return false;
        const filled = TAX_HEADS.find((h) => isFilled(decision.declared[h]));
        if (filled === undefined) return false;
        return choice === null
          ? { field: FIELD_OF[filled], variant: "unchosen" }
          : { field: FIELD_OF[filled], params: { choice: itcChoiceLabel(choice) } };
      },
    },
  },
  {
    code: "ITC-11",
    severities: ["info"],
    fields: ["itc"],
    condition: "Partial amounts equal the record's tax on every head (and are not all 0).",
    message: "This equals a full reduction. You may choose Full instead; it is sent as you entered it.",
    basis: "product choice",
    confidence: "certain",
    perRecord: {
      scope: "uploaded records",
      check: (ctx) => {
        const compared = partialAgainstTax(ctx);
        if (!compared) return false;
        const { declared, tax } = compared;
        return TAX_HEADS.some((h) => declared[h] > 0) && TAX_HEADS.every((h) => declared[h] === tax[h]);
      },
    },
  },
];
