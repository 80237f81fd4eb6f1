import { declarationToSend, isChanged, type DecidedRecord } from "./changes";
import { ACTIONS, TAX_HEADS, isUnreadable, toPaise, type ActionCode, type Decision, type TaxHead } from "./decision";
import type { ImsRecord } from "./record";
import { SECTIONS, type SectionKey } from "./sections";

/**
 * Counts and amounts by section and by action, before and after the user's
 * decisions, and what the decisions mean for ITC (ims-rules §1.1, §1.4, WRN-04).
 * Sums are taken in paise, as integers, and returned in rupees.
 */

export interface Totals {
  readonly count: number;
  readonly taxableValue: number;
  readonly igst: number;
  readonly cgst: number;
  readonly sgst: number;
  readonly cess: number;
}

/** An action, or "unreadable" for a cell the rules will report (so that counts always add up). */
export type ActionBucket = ActionCode | "unreadable";

export interface Breakdown {
  /** Sections in the section table's order, only those with records. */
  readonly bySection: readonly { section: SectionKey; totals: Totals; byAction: readonly { action: ActionBucket; totals: Totals }[] }[];
  /** Actions in A, R, P, N order, then unreadable; only those with records. */
  readonly byAction: readonly { action: ActionBucket; totals: Totals }[];
  readonly total: Totals;
}

export interface TaxAmounts {
  readonly igst: number;
  readonly cgst: number;
  readonly sgst: number;
  readonly cess: number;
}

export interface Reductions {
  /** Full reduction: the whole tax on each document is reversed. */
  readonly full: { readonly count: number; readonly amounts: TaxAmounts };
  /** Partial reduction: the declared amounts. */
  readonly partial: { readonly count: number; readonly amounts: TaxAmounts };
  /** No reduction declared (ITC never availed, or already reversed). */
  readonly none: { readonly count: number };
  /** Full plus partial, per head. */
  readonly total: TaxAmounts;
}

/**
 * The documents' tax by what happens to it. These are the amounts the suppliers
 * reported; for credit notes an Accept reduces ITC rather than giving it, which is
 * why the declared reductions are listed apart.
 */
export interface ItcEffect {
  readonly accepted: Totals;
  readonly rejected: Totals;
  readonly pending: Totals;
  /** No Action: deemed accepted when GSTR-2B is generated (WRN-04). */
  readonly deemedAccepted: Totals;
  readonly reductions: Reductions;
}

export interface Summary {
  readonly before: Breakdown;
  readonly after: Breakdown;
  readonly itcBefore: ItcEffect;
  readonly itcAfter: ItcEffect;
  /** Records the upload would carry (CHG-01). */
  readonly changed: number;
}

/** Running totals in paise. */
class Sum {
  count = 0;
  taxableValue = 0;
  igst = 0;
  cgst = 0;
  sgst = 0;
  cess = 0;

  addRecord(record: ImsRecord): void {
    this.count++;
    this.taxableValue += toPaise(record.taxableValue);
    for (const head of TAX_HEADS) this[head] += toPaise(record[head]);
  }

  addTax(amounts: Readonly<Record<TaxHead, number>>): void {
    this.count++;
    for (const head of TAX_HEADS) this[head] += toPaise(amounts[head]);
  }

  totals(): Totals {
    return {
      count: this.count,
      taxableValue: this.taxableValue / 100,
      igst: this.igst / 100,
      cgst: this.cgst / 100,
      sgst: this.sgst / 100,
      cess: this.cess / 100,
    };
  }

  tax(): TaxAmounts {
    return { igst: this.igst / 100, cgst: this.cgst / 100, sgst: this.sgst / 100, cess: this.cess / 100 };
  }
}

const BUCKET_ORDER: readonly ActionBucket[] = [...ACTIONS.map((a) => a.code), "unreadable"];

function bucketOf(decision: Decision): ActionBucket {
  return isUnreadable(decision.action) ? "unreadable" : decision.action;
}

function breakdown(items: readonly DecidedRecord[], decisionOf: (item: DecidedRecord) => Decision): Breakdown {
  const cells = new Map<string, Sum>();
  const sections = new Map<SectionKey, Sum>();
  const actions = new Map<ActionBucket, Sum>();
  const total = new Sum();
  const sumIn = <K>(map: Map<K, Sum>, key: K): Sum => {
    let sum = map.get(key);
    if (!sum) map.set(key, (sum = new Sum()));
    return sum;
  };
  for (const item of items) {
    const bucket = bucketOf(decisionOf(item));
    for (const sum of [sumIn(cells, `${item.record.section}|${bucket}`), sumIn(sections, item.record.section), sumIn(actions, bucket), total]) {
      sum.addRecord(item.record);
    }
  }
  const present = <T>(order: readonly T[], map: Map<T, Sum>) => order.filter((k) => map.has(k));
  return {
    bySection: present(SECTIONS.map((s) => s.key), sections).map((section) => ({
      section,
      totals: sections.get(section)!.totals(),
      byAction: BUCKET_ORDER.filter((a) => cells.has(`${section}|${a}`)).map((action) => ({
        action,
        totals: cells.get(`${section}|${action}`)!.totals(),
      })),
    })),
    byAction: present(BUCKET_ORDER, actions).map((action) => ({ action, totals: actions.get(action)!.totals() })),
    total: total.totals(),
  };
}

function declaredAmount(decision: Decision, head: TaxHead): number {
  const amount = decision.declared[head];
  return typeof amount === "number" ? amount : 0;
}

function itcEffect(items: readonly DecidedRecord[], decisionOf: (item: DecidedRecord) => Decision): ItcEffect {
  const byAction = new Map<ActionCode, Sum>(ACTIONS.map((a) => [a.code, new Sum()]));
  const full = new Sum();
  const partial = new Sum();
  const reduced = new Sum();
  let none = 0;
  for (const item of items) {
    const decision = decisionOf(item);
    if (isUnreadable(decision.action)) continue;
    byAction.get(decision.action)!.addRecord(item.record);
    switch (declarationToSend(item.record, decision)) {
      case "full":
        full.addRecord(item.record);
        reduced.addRecord(item.record);
        break;
      case "partial": {
        const declared = {
          igst: declaredAmount(decision, "igst"),
          cgst: declaredAmount(decision, "cgst"),
          sgst: declaredAmount(decision, "sgst"),
          cess: declaredAmount(decision, "cess"),
        };
        partial.addTax(declared);
        reduced.addTax(declared);
        break;
      }
      case "none":
        none++;
        break;
    }
  }
  return {
    accepted: byAction.get("A")!.totals(),
    rejected: byAction.get("R")!.totals(),
    pending: byAction.get("P")!.totals(),
    deemedAccepted: byAction.get("N")!.totals(),
    reductions: {
      full: { count: full.count, amounts: full.tax() },
      partial: { count: partial.count, amounts: partial.tax() },
      none: { count: none },
      total: reduced.tax(),
    },
  };
}

export function summarise(items: readonly DecidedRecord[]): Summary {
  const downloaded = (item: DecidedRecord) => item.record.downloaded;
  const decided = (item: DecidedRecord) => item.decision;
  return {
    before: breakdown(items, downloaded),
    after: breakdown(items, decided),
    itcBefore: itcEffect(items, downloaded),
    itcAfter: itcEffect(items, decided),
    changed: items.filter((item) => isChanged(item.record, item.decision)).length,
  };
}
