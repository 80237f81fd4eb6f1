import { toPaise } from "../decision";
import { panOf } from "../gstin";
import type { ImsRecord } from "../record";
import { formatRupees } from "../rules";
import { sectionSpec, type DocumentKind } from "../sections";
import { financialYearOf, parsePortalDate } from "./dates";
import { describeSteps, editDistanceWithin, normaliseDocumentNumber, stepsNeeded, type NumberStep } from "./normalise";
import { AMOUNT_FIELDS, fieldLabel, type AmountField, type RegisterEntry } from "./register";

/**
 * Matching IMS records with the purchase register. Four passes, each an index
 * lookup on what the earlier passes left (never all pairs):
 *   1. same supplier GSTIN, same kind, the same document number as written;
 *   2. the same, on normalised numbers (normalise.ts);
 *   3. the same PAN under another GSTIN of the supplier, normalised number, date within the window;
 *   4. same supplier, a near-miss number (one or two typing slips), date within the
 *      window and every amount within the tolerance.
 * A document number identifies a document only within a financial year (CGST
 * Rule 46(b)), so passes 1 and 2 pair numbers only within the same financial
 * year or the date window. Invoices match invoices, notes match notes.
 */

export interface ReconcileOptions {
  /** Largest difference per amount (₹) still called a match; the user sets it. */
  readonly tolerance: number;
  /** Largest date difference (days) still called a match; also bounds passes 3 and 4. */
  readonly dateWindowDays: number;
}

export const DEFAULT_RECONCILE_OPTIONS: ReconcileOptions = { tolerance: 1, dateWindowDays: 30 };

export type MatchStatus = "exact" | "probable" | "mismatch" | "missing-in-books";
export type MatchPass = "number" | "normalised-number" | "other-gstin" | "near-number";

export type CompareField = "documentDate" | AmountField | "placeOfSupply";

/** Why a match is only probable. */
export interface ProbableReason {
  readonly code: "number-format" | "near-number" | "other-gstin" | "note-type" | "date" | "amount";
  readonly message: string;
  /** number-format: the normalisation steps the match needed. */
  readonly steps?: readonly NumberStep[];
  /** date and amount: which field, and IMS minus books (days, or ₹). */
  readonly field?: CompareField;
  readonly difference?: number;
}

/** A field that differs beyond the tolerance (or the date window). */
export interface Difference {
  readonly field: CompareField;
  readonly ims: string | number;
  readonly books: string | number;
  /** IMS minus books: ₹ for amounts, days for the date; absent for the place of supply. */
  readonly difference?: number;
  readonly message: string;
}

export interface RecordMatch {
  readonly record: ImsRecord;
  readonly status: MatchStatus;
  /** The books row it matched; absent when missing in books. */
  readonly entry?: RegisterEntry;
  readonly pass?: MatchPass;
  readonly reasons: readonly ProbableReason[];
  readonly differences: readonly Difference[];
  /** Keys of other IMS records that look like the same document (same supplier, kind, normalised number, year). */
  readonly sameDocumentInIms: readonly string[];
  /** Other register rows holding the same document as the matched row: booked more than once? */
  readonly sameDocumentInBooks: readonly number[];
  /** One line for the sheet. */
  readonly summary: string;
}

export interface RegisterMiss {
  readonly entry: RegisterEntry;
  readonly status: "missing-in-ims";
  /** Other register rows holding the same document (one of them may have matched). */
  readonly sameDocumentInBooks: readonly number[];
  readonly summary: string;
}

export interface ReconcileResult {
  /** One per IMS record, in the order given. */
  readonly records: RecordMatch[];
  /** Register rows no IMS record matched, in register order: chase these suppliers. */
  readonly missingInIms: RegisterMiss[];
  readonly counts: Readonly<Record<MatchStatus | "missing-in-ims", number>>;
  /** Groups of two or more that look like one document: IMS record keys, and register rows. */
  readonly duplicates: { readonly ims: readonly (readonly string[])[]; readonly books: readonly (readonly number[])[] };
}

type Group = "invoice" | "note";

interface Side {
  readonly index: number;
  readonly gstin: string;
  readonly kind: DocumentKind;
  readonly group: Group;
  readonly number: string;
  readonly norm: string;
  readonly day: number | undefined;
  /** The financial year the date falls in (its first calendar year). */
  readonly fy: number | undefined;
  /** Paise; undefined when the register has no column for it. */
  readonly amounts: Readonly<Record<AmountField, number | undefined>>;
  readonly pos: string;
}

const groupOf = (kind: DocumentKind): Group => (kind === "invoice" ? "invoice" : "note");

function imsSide(record: ImsRecord, index: number): Side {
  const day = parsePortalDate(record.documentDate);
  const kind = sectionSpec(record.section).documentKind;
  return {
    index, kind, group: groupOf(kind), day, fy: day === undefined ? undefined : financialYearOf(day),
    gstin: record.supplierGstin.trim().toUpperCase(),
    number: record.documentNumber.trim(),
    norm: normaliseDocumentNumber(record.documentNumber, day),
    amounts: {
      taxableValue: toPaise(record.taxableValue), igst: toPaise(record.igst), cgst: toPaise(record.cgst),
      sgst: toPaise(record.sgst), cess: toPaise(record.cess),
    },
    pos: record.placeOfSupply.trim() === "" ? "" : record.placeOfSupply.trim().padStart(2, "0"),
  };
}

function booksSide(entry: RegisterEntry, index: number): Side {
  // Books often carry notes with a minus sign; the portal never does.
  const note = entry.kind !== "invoice";
  const paise = (v: number | undefined) => (v === undefined ? undefined : toPaise(note ? Math.abs(v) : v));
  return {
    index, kind: entry.kind, group: groupOf(entry.kind), day: entry.day, fy: financialYearOf(entry.day),
    gstin: entry.supplierGstin,
    number: entry.documentNumber.trim(),
    norm: normaliseDocumentNumber(entry.documentNumber, entry.day),
    amounts: {
      taxableValue: paise(entry.taxableValue), igst: paise(entry.igst), cgst: paise(entry.cgst),
      sgst: paise(entry.sgst), cess: paise(entry.cess),
    },
    pos: entry.placeOfSupply,
  };
}

function dayGap(a: Side, b: Side): number {
  return a.day === undefined || b.day === undefined ? Number.POSITIVE_INFINITY : Math.abs(a.day - b.day);
}

function amountGap(a: Side, b: Side): number {
  let sum = 0;
  for (const f of AMOUNT_FIELDS) {
    const x = a.amounts[f];
    const y = b.amounts[f];
    if (x !== undefined && y !== undefined) sum += Math.abs(x - y);
  }
  return sum;
}

function withinTolerance(a: Side, b: Side, tolerancePaise: number): boolean {
  return AMOUNT_FIELDS.every((f) => {
    const x = a.amounts[f];
    const y = b.amounts[f];
    return x === undefined || y === undefined || Math.abs(x - y) <= tolerancePaise;
  });
}

/** The same financial year, or close enough that the year boundary does not matter. */
function samePeriod(a: Side, b: Side, window: number): boolean {
  if (a.day === undefined || b.day === undefined) return false;
  return a.fy === b.fy || Math.abs(a.day - b.day) <= window;
}

/** Near-miss allowance: one slip in a short number, two in a long one; none below 4 characters. */
function nearLimit(a: string, b: string): number {
  const len = Math.min(a.length, b.length);
  return len < 4 ? 0 : len < 8 ? 1 : 2;
}

interface Pair {
  readonly ims: number;
  readonly books: number;
  readonly pass: MatchPass;
}

interface Candidate {
  readonly ims: number;
  readonly books: number;
  /** Sorted ascending, field by field: the closest candidates pair first. */
  readonly score: readonly number[];
}

/**
 * Pairs within one group of candidates, closest first, each side used once.
 * Ties fall to the earlier IMS record and then the earlier register row, so
 * the result never depends on anything but the input order.
 */
function pairGreedily(candidates: Candidate[], imsTaken: Uint8Array, booksTaken: Uint8Array, pass: MatchPass, out: Pair[]): void {
  candidates.sort((x, y) => {
    for (let k = 0; k < x.score.length; k++) if (x.score[k] !== y.score[k]) return x.score[k] - y.score[k];
    return x.ims - y.ims || x.books - y.books;
  });
  for (const c of candidates) {
    if (imsTaken[c.ims] || booksTaken[c.books]) continue;
    imsTaken[c.ims] = 1;
    booksTaken[c.books] = 1;
    out.push({ ims: c.ims, books: c.books, pass });
  }
}

/**
 * The untaken IMS records and register rows that share a key, in the order
 * the IMS records first show each key. Only the register is indexed; each IMS
 * record is a lookup, so a pass costs one map insertion per register row.
 */
function sharedKeys(
  ims: readonly Side[], books: readonly Side[], imsTaken: Uint8Array, booksTaken: Uint8Array, key: (s: Side) => string | undefined,
): { ims: number[]; books: number[] }[] {
  const byKey = new Map<string, { ims: number[]; books: number[] }>();
  for (const b of books) {
    if (booksTaken[b.index]) continue;
    const k = key(b);
    if (k === undefined) continue;
    const group = byKey.get(k);
    if (group) group.books.push(b.index);
    else byKey.set(k, { ims: [], books: [b.index] });
  }
  const groups: { ims: number[]; books: number[] }[] = [];
  for (const a of ims) {
    if (imsTaken[a.index]) continue;
    const k = key(a);
    const group = k === undefined ? undefined : byKey.get(k);
    if (!group) continue;
    if (group.ims.length === 0) groups.push(group);
    group.ims.push(a.index);
  }
  return groups;
}

/** One keyed pass: candidates are the pairs sharing a key and passing `allowed`. */
function keyedPass(
  ims: readonly Side[], books: readonly Side[], imsTaken: Uint8Array, booksTaken: Uint8Array,
  key: (s: Side) => string | undefined, allowed: (a: Side, b: Side) => boolean, pass: MatchPass, out: Pair[],
): void {
  for (const group of sharedKeys(ims, books, imsTaken, booksTaken, key)) {
    if (group.ims.length === 1 && group.books.length === 1) {
      // The usual case, one document on each side: no ranking to do.
      const i = group.ims[0];
      const b = group.books[0];
      if (allowed(ims[i], books[b])) {
        imsTaken[i] = 1;
        booksTaken[b] = 1;
        out.push({ ims: i, books: b, pass });
      }
      continue;
    }
    const candidates: Candidate[] = [];
    for (const i of group.ims) {
      for (const b of group.books) {
        if (allowed(ims[i], books[b])) candidates.push({ ims: i, books: b, score: [dayGap(ims[i], books[b]), amountGap(ims[i], books[b])] });
      }
    }
    pairGreedily(candidates, imsTaken, booksTaken, pass, out);
  }
}

/**
 * Pass 4: near-miss numbers of one supplier. Every amount must agree within the
 * tolerance, so only rows whose taxable value does are looked at (a binary
 * search on the supplier's rows sorted by it); rows without a taxable value
 * are looked for within the date window instead.
 */
function nearNumberPass(
  ims: readonly Side[], books: readonly Side[], imsTaken: Uint8Array, booksTaken: Uint8Array,
  options: ReconcileOptions, tolerancePaise: number, out: Pair[],
): void {
  const window = options.dateWindowDays;
  const bucket = (s: Side) => (s.day === undefined || s.norm === "" ? undefined : `${s.gstin}|${s.group}`);
  for (const { ims: imsList, books: booksList } of sharedKeys(ims, books, imsTaken, booksTaken, bucket)) {
    const byValue = sortedBy(booksList.filter((b) => books[b].amounts.taxableValue !== undefined), (b) => books[b].amounts.taxableValue!);
    const byDay = sortedBy(booksList.filter((b) => books[b].amounts.taxableValue === undefined), (b) => books[b].day!);
    const candidates: Candidate[] = [];
    const consider = (a: Side, b: Side) => {
      if (dayGap(a, b) > window || !withinTolerance(a, b, tolerancePaise)) return;
      const distance = editDistanceWithin(a.norm, b.norm, nearLimit(a.norm, b.norm));
      if (distance === undefined || distance === 0) return;
      candidates.push({ ims: a.index, books: b.index, score: [distance, dayGap(a, b), amountGap(a, b)] });
    };
    for (const i of imsList) {
      const a = ims[i];
      const value = a.amounts.taxableValue!;
      for (let j = lowerBound(byValue.keys, value - tolerancePaise); j < byValue.keys.length && byValue.keys[j] <= value + tolerancePaise; j++) {
        consider(a, books[byValue.items[j]]);
      }
      for (let j = lowerBound(byDay.keys, a.day! - window); j < byDay.keys.length && byDay.keys[j] <= a.day! + window; j++) {
        consider(a, books[byDay.items[j]]);
      }
    }
    pairGreedily(candidates, imsTaken, booksTaken, "near-number", out);
  }
}

/** Items sorted by a numeric key (ties in input order), with the keys alongside for binary search. */
function sortedBy(items: readonly number[], key: (item: number) => number): { items: number[]; keys: number[] } {
  const sorted = [...items].sort((x, y) => key(x) - key(y) || x - y);
  return { items: sorted, keys: sorted.map(key) };
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const KIND_LABEL: Readonly<Record<DocumentKind, string>> = { invoice: "invoice", "debit-note": "debit note", "credit-note": "credit note" };

/** Compares a matched pair field by field. */
function compare(
  record: ImsRecord, entry: RegisterEntry, a: Side, b: Side, pass: MatchPass, options: ReconcileOptions, tolerancePaise: number,
): { reasons: ProbableReason[]; differences: Difference[] } {
  const reasons: ProbableReason[] = [];
  const differences: Difference[] = [];

  if (pass === "other-gstin") {
    reasons.push({
      code: "other-gstin",
      message: `the books have it under GSTIN ${entry.supplierGstin}, another registration of the same PAN (${panOf(record.supplierGstin)})`,
    });
  }
  if (pass === "near-number") {
    reasons.push({
      code: "near-number",
      message: `the document number differs slightly: ${record.documentNumber} in IMS, ${entry.documentNumber} in the books`,
    });
  } else {
    const steps = stepsNeeded(record.documentNumber, a.day, entry.documentNumber, b.day) ?? [];
    if (steps.length > 0) {
      reasons.push({
        code: "number-format", steps,
        message: `the document number is written differently (${describeSteps(steps)}): ${record.documentNumber} in IMS, ${entry.documentNumber} in the books`,
      });
    }
  }
  if (a.kind !== b.kind) {
    reasons.push({
      code: "note-type",
      message: `IMS has a ${KIND_LABEL[a.kind]}, the books a ${KIND_LABEL[b.kind]} (books often record a supplier's credit note as a debit note voucher)`,
    });
  }

  if (a.day === undefined || b.day === undefined || a.day !== b.day) {
    const gap = a.day === undefined || b.day === undefined ? undefined : a.day - b.day;
    const dates = `${record.documentDate} in IMS, ${entry.documentDate} in the books`;
    if (gap !== undefined && Math.abs(gap) <= options.dateWindowDays) {
      reasons.push({ code: "date", field: "documentDate", difference: gap, message: `the date differs by ${Math.abs(gap)} day${Math.abs(gap) === 1 ? "" : "s"}: ${dates}` });
    } else {
      differences.push({
        field: "documentDate", ims: record.documentDate, books: entry.documentDate, difference: gap,
        message: gap === undefined ? `Date: ${dates}` : `Date: ${dates} (${Math.abs(gap)} days apart)`,
      });
    }
  }

  for (const field of AMOUNT_FIELDS) {
    const x = a.amounts[field];
    const y = b.amounts[field];
    if (x === undefined || y === undefined || x === y) continue;
    const difference = (x - y) / 100;
    const more = `${formatRupees(Math.abs(difference))} ${difference > 0 ? "more" : "less"} in IMS`;
    if (Math.abs(x - y) <= tolerancePaise) {
      reasons.push({ code: "amount", field, difference, message: `${fieldLabel(field)} within the tolerance (${more})` });
    } else {
      differences.push({
        field, ims: x / 100, books: y / 100, difference,
        message: `${fieldLabel(field)}: ${formatRupees(x / 100)} in IMS, ${formatRupees(y / 100)} in the books (${more})`,
      });
    }
  }

  if (a.pos !== "" && b.pos !== "" && a.pos !== b.pos) {
    differences.push({
      field: "placeOfSupply", ims: a.pos, books: b.pos,
      message: `Place of supply: ${a.pos} in IMS, ${b.pos} in the books`,
    });
  }
  return { reasons, differences };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function rowName(entry: RegisterEntry): string {
  return `row ${entry.row} of ${entry.file}`;
}

function validate(options: ReconcileOptions): void {
  if (!Number.isFinite(options.tolerance) || options.tolerance < 0) {
    throw new RangeError(`The amount tolerance must be ₹0 or more, not ${options.tolerance}.`);
  }
  if (!Number.isInteger(options.dateWindowDays) || options.dateWindowDays < 0) {
    throw new RangeError(`The date window must be a whole number of days, 0 or more, not ${options.dateWindowDays}.`);
  }
}

/** Groups of indexes sharing a key (two or more), in first-seen order. */
function sameDocumentGroups(sides: readonly Side[]): number[][] {
  const map = new Map<string, number[]>();
  for (const s of sides) {
    if (s.norm === "" || s.fy === undefined) continue;
    const k = `${s.gstin}|${s.group}|${s.norm}|${s.fy}`;
    const list = map.get(k);
    if (list) list.push(s.index);
    else map.set(k, [s.index]);
  }
  return [...map.values()].filter((g) => g.length > 1);
}

function peersOf(groups: readonly number[][], size: number): number[][] {
  const peers: number[][] = Array.from({ length: size }, () => []);
  for (const g of groups) for (const i of g) peers[i] = g.filter((x) => x !== i);
  return peers;
}

/**
 * Matches every IMS record with at most one register row and every row with at
 * most one record. O(n log n) in the number of records and rows.
 */
export function reconcile(
  records: readonly ImsRecord[],
  entries: readonly RegisterEntry[],
  options: ReconcileOptions = DEFAULT_RECONCILE_OPTIONS,
): ReconcileResult {
  validate(options);
  const tolerancePaise = toPaise(options.tolerance);
  const window = options.dateWindowDays;
  const ims = records.map(imsSide);
  const books = entries.map(booksSide);
  const imsTaken = new Uint8Array(ims.length);
  const booksTaken = new Uint8Array(books.length);
  const pairs: Pair[] = [];

  keyedPass(ims, books, imsTaken, booksTaken, (s) => (s.number === "" ? undefined : `${s.gstin}|${s.group}|${s.number}`),
    (a, b) => samePeriod(a, b, window), "number", pairs);
  keyedPass(ims, books, imsTaken, booksTaken, (s) => (s.norm === "" ? undefined : `${s.gstin}|${s.group}|${s.norm}`),
    (a, b) => samePeriod(a, b, window), "normalised-number", pairs);
  keyedPass(ims, books, imsTaken, booksTaken, (s) => (s.norm === "" ? undefined : `${panOf(s.gstin)}|${s.group}|${s.norm}`),
    (a, b) => a.gstin !== b.gstin && dayGap(a, b) <= window, "other-gstin", pairs);
  nearNumberPass(ims, books, imsTaken, booksTaken, options, tolerancePaise, pairs);

  const imsGroups = sameDocumentGroups(ims);
  const booksGroups = sameDocumentGroups(books);
  const imsPeers = peersOf(imsGroups, ims.length);
  const booksPeers = peersOf(booksGroups, books.length);
  const rowsOf = (indexes: readonly number[]) => indexes.map((i) => entries[i].row);

  const matchOf = new Map<number, Pair>(pairs.map((p) => [p.ims, p]));
  const results: RecordMatch[] = records.map((record, i) => {
    const sameDocumentInIms = imsPeers[i].map((j) => records[j].key);
    const pair = matchOf.get(i);
    if (!pair) {
      return {
        record, status: "missing-in-books", reasons: [], differences: [], sameDocumentInIms, sameDocumentInBooks: [],
        summary: "Missing in books: no row of the purchase register matches this document.",
      };
    }
    const entry = entries[pair.books];
    const { reasons, differences } = compare(record, entry, ims[i], books[pair.books], pair.pass, options, tolerancePaise);
    const status: MatchStatus = differences.length > 0 ? "mismatch" : reasons.length > 0 ? "probable" : "exact";
    const summary =
      status === "exact" ? `Exact: matches ${rowName(entry)}.`
      : status === "probable" ? `Probable, ${rowName(entry)}: ${capitalise(reasons.map((r) => r.message).join("; "))}.`
      : `Mismatch with ${rowName(entry)}: ${differences.map((d) => d.message).join("; ")}.`;
    return {
      record, status, entry, pass: pair.pass, reasons, differences, sameDocumentInIms,
      sameDocumentInBooks: rowsOf(booksPeers[pair.books]), summary,
    };
  });

  const missingInIms: RegisterMiss[] = [];
  entries.forEach((entry, b) => {
    if (booksTaken[b]) return;
    const same = rowsOf(booksPeers[b]);
    missingInIms.push({
      entry, status: "missing-in-ims", sameDocumentInBooks: same,
      summary: same.length > 0
        ? `Missing in IMS. The books hold this document more than once (rows ${[entry.row, ...same].sort((x, y) => x - y).join(", ")}): booked twice?`
        : "Missing in IMS: not in the IMS data loaded. The supplier may not have reported it yet; ask them to report it in GSTR-1 or IFF.",
    });
  });

  const counts = { exact: 0, probable: 0, mismatch: 0, "missing-in-books": 0, "missing-in-ims": missingInIms.length };
  for (const r of results) counts[r.status]++;
  return {
    records: results,
    missingInIms,
    counts,
    duplicates: {
      ims: imsGroups.map((g) => g.map((i) => records[i].key)),
      books: booksGroups.map((g) => rowsOf(g)),
    },
  };
}
