/**
 * A recipient's decision on one IMS record: the action, the remarks and, in the
 * sections where it applies, the ITC-reduction declaration (ims-rules §1.1, §1.4).
 */

export type ActionCode = "A" | "R" | "P" | "N";

export const ACTIONS: readonly { code: ActionCode; label: string }[] = [
  { code: "A", label: "Accept" },
  { code: "R", label: "Reject" },
  { code: "P", label: "Pending" },
  { code: "N", label: "No Action" },
];

export type ItcChoice = "full" | "partial" | "none";

export const ITC_CHOICES: readonly { choice: ItcChoice; label: string }[] = [
  { choice: "full", label: "Full" },
  { choice: "partial", label: "Partial" },
  { choice: "none", label: "No Reduction" },
];

export type TaxHead = "igst" | "cgst" | "sgst" | "cess";
export const TAX_HEADS: readonly TaxHead[] = ["igst", "cgst", "sgst", "cess"];
export const TAX_HEAD_LABELS: Readonly<Record<TaxHead, string>> = { igst: "IGST", cgst: "CGST", sgst: "SGST", cess: "Cess" };

/** What a cell held when it could not be read as a valid value; the rules report it. */
export interface Unreadable {
  readonly unreadable: string;
}

export type DeclaredAmount = number | null | Unreadable;

export interface Decision {
  readonly action: ActionCode | Unreadable;
  /** As entered; the rules trim it and check it. Empty string = no remark. */
  readonly remarks: string;
  /** null = nothing declared. */
  readonly itc: ItcChoice | null | Unreadable;
  /** Declared reduction per head; meaningful for a partial reduction only. */
  readonly declared: Readonly<Record<TaxHead, DeclaredAmount>>;
}

export const NO_DECLARED_AMOUNTS: Readonly<Record<TaxHead, DeclaredAmount>> = {
  igst: null, cgst: null, sgst: null, cess: null,
};

export function isUnreadable(value: unknown): value is Unreadable {
  return typeof value === "object" && value !== null && "unreadable" in value;
}

export function actionLabel(code: ActionCode): string {
  return ACTIONS.find((a) => a.code === code)!.label;
}

/** Codes and labels exactly as the portal writes them and the dropdown enters them: nearly every action read. */
const ACTION_AS_WRITTEN: ReadonlyMap<string, ActionCode> = new Map(ACTIONS.flatMap((a) => [[a.code, a.code], [a.label, a.code]]));

/** Parses a typed or pasted action (code or label, any case, stray spaces). */
export function parseAction(text: string): ActionCode | undefined {
  const exact = ACTION_AS_WRITTEN.get(text);
  if (exact !== undefined) return exact;
  const t = text.trim().replace(/\s+/g, " ").toLowerCase();
  if (t === "") return undefined;
  const found = ACTIONS.find((a) => a.label.toLowerCase() === t || a.code.toLowerCase() === t
    || (a.code === "N" && (t === "noaction" || t === "no-action")));
  return found?.code;
}

export function itcChoiceLabel(choice: ItcChoice): string {
  return ITC_CHOICES.find((c) => c.choice === choice)!.label;
}

/** Parses a typed or pasted ITC-reduction choice (any case, stray spaces, "No reduction" / "None"). */
export function parseItcChoice(text: string): ItcChoice | undefined {
  const t = text.trim().replace(/[\s_-]+/g, " ").toLowerCase();
  if (t === "full") return "full";
  if (t === "partial") return "partial";
  if (t === "no reduction" || t === "none" || t === "no") return "none";
  return undefined;
}

/** Amounts are compared in paise, as integers, to avoid floating-point noise (ims-formats §9). */
export function toPaise(amount: number): number {
  return Math.round(amount * 100);
}
