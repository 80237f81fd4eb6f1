import { isUnreadable, toPaise, TAX_HEADS, type Decision, type DeclaredAmount, type ItcChoice, type TaxHead } from "../decision";
import { taxOf, type ImsRecord } from "../record";
import { sectionSpec } from "../sections";

/**
 * The ITC-reduction declaration (ims-rules §1.4, §5): where it may be sent,
 * where it is required, and how declared amounts are read.
 */

/**
 * Whether a declaration may accompany an Accept on this record: the section
 * takes one and the portal has not blocked it (`isItcRedReqBlocked`).
 */
export function itcDeclarationOpen(record: ImsRecord): boolean {
  return sectionSpec(record.section).itcDeclaration && record.itcDeclarationBlocked !== true;
}

/**
 * Whether an Accept on this record must carry a declaration (ITC-04 / ITC-04a
 * as an error): the flag says it is not blocked, or the flag is absent in a
 * section where the portal is known to demand it (b2bcn, IMSSAV0054).
 */
export function itcDeclarationRequired(record: ImsRecord): boolean {
  const spec = sectionSpec(record.section);
  if (!spec.itcDeclaration) return false;
  if (record.itcDeclarationBlocked === false) return true;
  return record.itcDeclarationBlocked === undefined && spec.declarationCertain;
}

/**
 * ITC-12: the choice the workbook pre-selects when the user picks Accept. Full,
 * the portal's default answer "Yes", where a declaration is required; otherwise
 * nothing. The workbook shows it visibly so the user confirms or changes it.
 */
export function defaultItcChoiceOnAccept(record: ImsRecord): ItcChoice | null {
  return itcDeclarationRequired(record) ? "full" : null;
}

/** A declared amount cell: blank counts as 0 (a partial reduction sends all four heads, zeros included). */
export type AmountReading = { ok: true; paise: number } | { ok: false; shown: string };

/** Reads one declared amount: a number ≥ 0 with at most 2 decimals (ITC-05). */
const BLANK: AmountReading = { ok: true, paise: 0 };

export function readDeclaredAmount(value: DeclaredAmount): AmountReading {
  if (value === null) return BLANK;
  if (isUnreadable(value)) return { ok: false, shown: value.unreadable };
  if (!Number.isFinite(value) || value < 0) return { ok: false, shown: String(value) };
  const paise = toPaise(value);
  // More than 2 decimals: the value is not a whole number of paise (allowing float noise such as 0.29 * 100).
  if (Math.abs(value * 100 - paise) > 1e-6 * Math.max(1, Math.abs(paise))) return { ok: false, shown: String(value) };
  return { ok: true, paise };
}

/** An amount the user actually filled in: not blank and not zero (an unreadable text counts as filled). */
export function isFilled(value: DeclaredAmount): boolean {
  return value !== null && (isUnreadable(value) || value !== 0);
}

/** Whether the decision carries any declaration: a choice, or a filled amount. */
export function declarationEntered(decision: Decision): boolean {
  return decision.itc !== null || TAX_HEADS.some((h) => isFilled(decision.declared[h]));
}

/** The record's tax under each head, in paise. */
export function recordTaxPaise(record: ImsRecord): Record<TaxHead, number> {
  return {
    igst: toPaise(taxOf(record, "igst")),
    cgst: toPaise(taxOf(record, "cgst")),
    sgst: toPaise(taxOf(record, "sgst")),
    cess: toPaise(taxOf(record, "cess")),
  };
}

/**
 * A comparable key for one declared amount: blank and 0 are the same
 * (compared in paise); an unreadable text is compared as text.
 */
export function declaredAmountKey(value: DeclaredAmount): string {
  if (isUnreadable(value)) return `text:${value.unreadable}`;
  if (value === null) return "paise:0";
  if (!Number.isFinite(value)) return `number:${value}`;
  return `paise:${toPaise(value)}`;
}
