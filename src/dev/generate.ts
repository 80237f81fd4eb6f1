import { gstinCheckCharacter } from "../ims/gstin";
import type { Decision, ItcChoice } from "../ims/decision";
import { NO_DECLARED_AMOUNTS } from "../ims/decision";
import type { ImsRecord } from "../ims/record";
import { checkDecision, defaultItcChoiceOnAccept } from "../ims/rules";
import { SECTIONS, sectionSpec, type SectionKey, type SectionSpec } from "../ims/sections";

/**
 * Deterministic, realistic IMS data for benchmarks, robustness tests and
 * demonstrations: downloads of any size (all eight sections, amendments, notes,
 * suppliers with valid GSTINs, long and non-Latin names, 16-digit document
 * numbers), the purchase register that goes with them, the decisions a user
 * would take, and the portal's error file for an upload. The same seed always
 * gives the same bytes. Browser-safe: no Node APIs.
 *
 * Invented data only; no real taxpayer is named.
 */

// ---------------------------------------------------------------------------
// Randomness

/** A small seeded generator (mulberry32): fast, and the same sequence on every engine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T;
  pick(items: string): string;
  pick<T>(items: readonly T[] | string): T | string {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** An item by weight: `[[item, weight], ...]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((s, [, w]) => s + w, 0);
    let at = this.next() * total;
    for (const [item, weight] of choices) {
      at -= weight;
      if (at < 0) return item;
    }
    return choices[choices.length - 1][0];
  }
}

// ---------------------------------------------------------------------------
// Suppliers

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** The fourth PAN character: the kind of holder (company, person, firm, HUF, trust …). */
const PAN_HOLDER = "CCCCPPFFHATBLJG";
/** State codes of suppliers, weighted towards the big manufacturing states. */
const STATE_CODES = ["27", "27", "27", "24", "24", "29", "29", "33", "33", "07", "09", "06", "19", "36", "08", "23", "32", "03", "21", "10", "37", "20", "22", "30", "01", "18"];

const NAME_START = ["SHREE", "SRI", "NEW", "OM", "JAI", "BHARAT", "NAVKAR", "MAHALAXMI", "GANGA", "HIMALAYA", "DECCAN", "KAVERI", "SAHYADRI", "VIJAY", "ANAND", "PRAGATI", "UNITED", "GLOBAL", "ROYAL", "SUPREME"];
const NAME_CORE = ["GANESH", "BALAJI", "KRISHNA", "SAI", "AMBIKA", "DURGA", "MURUGAN", "AMBE", "TIRUPATI", "SHIV", "LAKSHMI", "HANUMAN", "ARIHANT", "PADMAVATI", "VENKATESWARA"];
const NAME_TRADE = ["TRADERS", "ENTERPRISES", "INDUSTRIES", "STEEL & ALLOYS", "LOGISTICS", "TEXTILE MILLS", "PHARMACEUTICALS", "AUTO COMPONENTS", "PACKAGING", "ELECTRICALS", "AGRO FOODS", "POLYMERS", "CHEMICALS", "FASTENERS", "CONSTRUCTION CO."];
const NAME_FORM = ["PRIVATE LIMITED", "PVT. LTD.", "LLP", "& CO.", "(INDIA) PRIVATE LIMITED", "LIMITED", "", "", ""];
/** Names as suppliers register them in Indian scripts and with accents: display must keep every character. */
const UNICODE_NAMES = [
  "श्री गणेश ट्रेडर्स", "महालक्ष्मी स्टील एंड अलॉयज़ प्राइवेट लिमिटेड", "ஸ்ரீ முருகன் டெக்ஸ்டைல்ஸ்", "શ્રી અંબિકા એન્ટરપ્રાઇઝ",
  "মা তারা স্টিল ইন্ডাস্ট্রিজ", "ಶ್ರೀ ಬಾಲಾಜಿ ಏಜೆನ್ಸೀಸ್", "శ్రీ వెంకటేశ్వర ట్రేడర్స్", "ശ്രീ കൃഷ്ണ ഇൻഡസ്ട്രീസ്",
  "Café Délices Hospitality LLP", "Jürgen & Søren Precision Tools (India) Pvt. Ltd.", "O'Brien \"Quality\" Exports",
];
/** Names as long as the portal allows (up to 99 characters for a legal name). */
const LONG_NAMES = [
  "THE KARNATAKA STATE CO-OPERATIVE MILK PRODUCERS FEDERATION LIMITED (PROCUREMENT AND SUPPLY DIVISION)",
  "MAHARASHTRA STATE ROAD DEVELOPMENT AND INFRASTRUCTURE CONSULTANCY SERVICES PRIVATE LIMITED UNIT-II",
];

export interface Supplier {
  readonly gstin: string;
  readonly name: string;
  /** How this supplier numbers its documents. */
  readonly style: number;
  readonly prefix: string;
}

/** A GSTIN with a valid check character: state code, PAN, entity number, Z, check. */
export function makeGstin(random: Random, state: string, pan?: string): string {
  const p = pan ?? makePan(random);
  const first14 = `${state}${p}${random.pick("1111123")}Z`;
  return first14 + gstinCheckCharacter(first14)!;
}

function makePan(random: Random): string {
  let pan = "";
  for (let i = 0; i < 3; i++) pan += random.pick(LETTERS);
  pan += random.pick(PAN_HOLDER) + random.pick(LETTERS);
  pan += String(random.int(0, 9999)).padStart(4, "0");
  return pan + random.pick(LETTERS);
}

function supplierName(random: Random): string {
  const roll = random.next();
  if (roll < 0.08) return random.pick(UNICODE_NAMES);
  if (roll < 0.1) return random.pick(LONG_NAMES);
  return [random.pick(NAME_START), random.pick(NAME_CORE), random.pick(NAME_TRADE), random.pick(NAME_FORM)].filter((w) => w !== "").join(" ");
}

function makeSuppliers(random: Random, count: number): Supplier[] {
  const suppliers: Supplier[] = [];
  for (let i = 0; i < count; i++) {
    // One in ten suppliers is registered in a second state under the same PAN.
    const sibling = i > 0 && random.chance(0.1) ? suppliers[random.int(0, i - 1)] : undefined;
    const state = random.pick(STATE_CODES);
    const gstin = sibling ? makeGstin(random, state === sibling.gstin.slice(0, 2) ? "29" : state, sibling.gstin.slice(2, 12)) : makeGstin(random, state);
    const name = sibling ? sibling.name : supplierName(random);
    const prefix = name.replace(/[^A-Z]/g, "").slice(0, 2) || "SV";
    suppliers.push({ gstin, name, style: random.int(0, 5), prefix });
  }
  // A GSTIN made twice would merge two suppliers' documents: keep the first.
  const seen = new Set<string>();
  return suppliers.filter((s) => !seen.has(s.gstin) && seen.add(s.gstin));
}

// ---------------------------------------------------------------------------
// Documents

/** The periods of the download: the second half of FY 2025-26, as a download taken in April 2026 holds. */
const PERIODS = [
  { month: 10, year: 2025 }, { month: 11, year: 2025 }, { month: 12, year: 2025 },
  { month: 1, year: 2026 }, { month: 2, year: 2026 }, { month: 3, year: 2026 }, { month: 3, year: 2026 }, { month: 3, year: 2026 },
];

const two = (n: number) => String(n).padStart(2, "0");

/** A document number in the supplier's style; every style stays within the portal's 16 characters. */
function documentNumber(supplier: Supplier, kind: "invoice" | "credit-note" | "debit-note", sequence: number): string {
  if (kind !== "invoice") {
    const tag = kind === "credit-note" ? "CN" : "DN";
    return supplier.style % 2 === 0 ? `${tag}/2526/${String(sequence).padStart(5, "0")}` : `${supplier.prefix}-${tag}-${sequence}`;
  }
  switch (supplier.style) {
    case 0: return `${supplier.prefix}/2526/${String(sequence).padStart(5, "0")}`;
    case 1: return `INV-${sequence}`;
    // Long all-digit numbers, beyond JavaScript's safe integers: must stay strings.
    case 2: return `2025260${String(sequence).padStart(9, "0")}`;
    case 3: return String(sequence).padStart(6, "0");
    case 4: return `GST/25-26/${sequence}`;
    default: return `${supplier.prefix.toLowerCase()}${sequence}/25-26`;
  }
}

function hash(random: Random): string {
  let h = "";
  for (let i = 0; i < 8; i++) h += Math.floor(random.next() * 0x100000000).toString(16).padStart(8, "0");
  return h;
}

interface Amounts {
  val: number; txval: number; iamt: number; camt: number; samt: number; cess: number;
}

/** Amounts in rupees with at most 2 decimals; tax at a real GST rate, split CGST/SGST within a state. */
function amounts(random: Random, intraState: boolean): Amounts {
  const taxablePaise = Math.round(10 ** (4.5 + random.next() * 4.5));
  const rate = random.pick([5, 12, 18, 18, 18, 18, 28, 3, 0.25]);
  const taxPaise = Math.round((taxablePaise * rate) / 100);
  const cessPaise = rate === 28 && random.chance(0.4) ? Math.round(taxablePaise * 0.12) : 0;
  const half = Math.round(taxPaise / 2);
  const igst = intraState ? 0 : taxPaise;
  const cgst = intraState ? half : 0;
  return {
    val: (taxablePaise + igst + 2 * cgst + cessPaise) / 100,
    txval: taxablePaise / 100,
    iamt: igst / 100,
    camt: cgst / 100,
    samt: cgst / 100,
    cess: cessPaise / 100,
  };
}

const SECTION_WEIGHTS: readonly (readonly [SectionKey, number])[] = [
  ["b2b", 76], ["b2ba", 4], ["b2bdn", 3], ["b2bdna", 1], ["b2bcn", 8], ["b2bcna", 1.5], ["ecom", 5], ["ecoma", 1.5],
];

/** Values that a spreadsheet would turn into a formula, a number or a date if written carelessly. */
export const HOSTILE_TEXTS = [
  "=HYPERLINK(\"http://x.invalid\",\"Click\")", "+91 22 2204 1234", "-5+3", "@SUM(A1:A9)", "=1+1", "0012",
  "1E5", "12-03-2026", "TRUE", "\t=cmd|' /C calc'!A0", "=", "＝SUM(1)",
];

export interface DownloadOptions {
  readonly records: number;
  readonly seed?: number;
  /** The recipient; generated when absent. */
  readonly recipientGstin?: string;
  /** offline: `{"imsDetails": {…}}` (the default); api: sections at the root, with `gstin`. */
  readonly envelope?: "offline" | "api";
  /** Bills of entry in `impg` (read-only sections the reader sets aside). Default: a few. */
  readonly importOfGoods?: number;
  /** Put formula-like text in names, document numbers and remarks (for the injection tests). */
  readonly hostile?: boolean;
}

export interface GeneratedDownload {
  readonly recipientGstin: string;
  /** The file's JSON value. */
  readonly root: Record<string, unknown>;
  /** How many records each section holds. */
  readonly counts: Readonly<Record<SectionKey, number>>;
}

/**
 * A portal download of `records` records over all eight sections. Every record
 * is unique by section, supplier, number and date, and passes the download schema.
 */
export function generateDownload(options: DownloadOptions): GeneratedDownload {
  const random = new Random(options.seed ?? 1);
  const recipientGstin = options.recipientGstin ?? makeGstin(random, "27");
  const recipientState = recipientGstin.slice(0, 2);
  // A large taxpayer buys from a few thousand suppliers; a small one from a few dozen.
  const suppliers = makeSuppliers(random, Math.max(20, Math.min(8000, Math.round(options.records / 25))));
  const sequences = new Map<string, number>();
  const sections: Record<SectionKey, Record<string, unknown>[]> = { b2b: [], b2ba: [], b2bdn: [], b2bdna: [], b2bcn: [], b2bcna: [], ecom: [], ecoma: [] };
  const hostile = options.hostile === true;

  for (let i = 0; i < options.records; i++) {
    const spec = sectionSpec(random.weighted(SECTION_WEIGHTS));
    const supplier = random.pick(suppliers);
    const kind = spec.documentKind;
    const seqKey = `${supplier.gstin}|${kind}`;
    const sequence = (sequences.get(seqKey) ?? random.int(1, 400)) + 1;
    sequences.set(seqKey, sequence);
    sections[spec.key].push(record(random, spec, supplier, sequence, recipientState, hostile));
  }

  const imsDetails: Record<string, unknown> = { ...sections };
  const bills = options.importOfGoods ?? Math.min(5, Math.ceil(options.records / 10_000));
  if (bills > 0) imsDetails.impg = Array.from({ length: bills }, (_, i) => billOfEntry(random, i));
  const root = options.envelope === "api" ? { gstin: recipientGstin, ...imsDetails } : { imsDetails };
  const counts = Object.fromEntries(SECTIONS.map((s) => [s.key, sections[s.key].length])) as Record<SectionKey, number>;
  return { recipientGstin, root, counts };
}

function record(random: Random, spec: SectionSpec, supplier: Supplier, sequence: number, recipientState: string, hostile: boolean): Record<string, unknown> {
  const period = random.pick(PERIODS);
  const day = random.int(1, 28);
  const date = `${two(day)}-${two(period.month)}-${period.year}`;
  const number = hostile && random.chance(0.3) ? `${random.pick(HOSTILE_TEXTS).slice(0, 10)}${sequence}` : documentNumber(supplier, spec.documentKind, sequence);
  const intraState = supplier.gstin.slice(0, 2) === recipientState;
  const sums = amounts(random, intraState);
  const fromAmendment = random.chance(0.05);
  const rtnprd = `${two(period.month)}${period.year}`;
  const action = random.weighted([["N", 85], ["A", 7], ["P", 6], ["R", 2]] as const);

  const r: Record<string, unknown> = {
    stin: supplier.gstin,
    tradenm: hostile && random.chance(0.3) ? random.pick(HOSTILE_TEXTS) : supplier.name,
  };
  if (spec.isAmendment) {
    // The original document, a month or two earlier; usually amended under the same number.
    const originalMonth = period.month === 1 ? 12 : period.month - 1;
    const originalYear = period.month === 1 ? period.year - 1 : period.year;
    r[spec.originalNumberKey!] = random.chance(0.85) ? number : documentNumber(supplier, spec.documentKind, Math.max(1, sequence - 50));
    r[spec.originalDateKey!] = `${two(random.int(1, 28))}-${two(originalMonth)}-${originalYear}`;
  }
  r[spec.numberKey] = number;
  if (spec.hasInvoiceType) r.inv_typ = random.weighted([["R", 95], ["SEWP", 2], ["SEWOP", 1], ["DE", 2]] as const);
  r[spec.dateKey] = date;
  Object.assign(r, { val: sums.val, action, pos: recipientState, txval: sums.txval, iamt: sums.iamt, camt: sums.camt, samt: sums.samt, cess: sums.cess });
  r.srcform = fromAmendment ? "R1A" : random.chance(0.03) ? "IFF" : "R1";
  r.rtnprd = rtnprd;
  r.srcfilstatus = random.chance(0.9) ? "Filed" : "Not Filed";
  // Pending stays open one period for notes and amendments; older ones are blocked.
  const blockable = spec.itcDeclaration;
  r.ispendactblocked = blockable && period.month !== 3 && random.chance(0.5) ? "Y" : "N";
  r.isRemarksBlocked = random.chance(0.02) ? "Y" : "N";
  if (spec.itcDeclaration) r.itcRedReqBlocked = random.chance(0.3) ? "Y" : "N";
  if (action === "P" || action === "R") {
    r.remarks = hostile && random.chance(0.5) ? random.pick(HOSTILE_TEXTS) : random.pick(REMARKS);
  }
  if (action === "A" && spec.itcDeclaration && r.itcRedReqBlocked === "N") r.itcRedReq = "Y";
  r.hash = hash(random);
  return r;
}

const REMARKS = [
  "Goods not yet received", "Rate difference under discussion", "Awaiting debit note from supplier",
  "Quantity short by 10 units; credit note requested", "Invoice not in our books", "Price revision pending approval",
];

function billOfEntry(random: Random, index: number): Record<string, unknown> {
  return {
    refdt: "15-03-2026", portcd: random.pick(["INNSA1", "INMAA1", "INBOM4"]), boenum: String(7_100_000 + index),
    boedt: "12-03-2026", txval: random.int(10_000, 900_000), iamt: random.int(1_000, 90_000), cess: 0, action: "N",
  };
}

/** The download as the bytes of a file, compact (as the API sends it) or indented two spaces. */
export function downloadBytes(root: unknown, indent: 0 | 2 = 0): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(root, null, indent || undefined));
}

// ---------------------------------------------------------------------------
// Decisions

export interface DecisionOptions {
  /** Share of records the user acts on (0 to 1). */
  readonly share: number;
  readonly seed?: number;
}

/**
 * The decisions a user takes on a share of the records, all valid under the
 * rules (checked with checkDecision): accept with the pre-selected ITC choice,
 * reject or keep pending with a reason, or accept with no reduction and a reason.
 * Records not chosen keep their downloaded decision.
 */
export function generateDecisions(records: readonly ImsRecord[], options: DecisionOptions): Decision[] {
  const random = new Random(options.seed ?? 2);
  return records.map((record) => {
    if (!random.chance(options.share)) return record.downloaded;
    const candidates = candidateDecisions(record, random);
    return candidates.find((d) => !checkDecision(record, d).some((f) => f.severity === "error")) ?? record.downloaded;
  });
}

function decision(action: Decision["action"], remarks: string, itc: ItcChoice | null): Decision {
  return { action, remarks, itc, declared: NO_DECLARED_AMOUNTS };
}

function candidateDecisions(record: ImsRecord, random: Random): Decision[] {
  const reason = record.remarksBlocked ? "" : random.pick(REMARKS);
  const roll = random.next();
  const first =
    roll < 0.7 ? decision("A", "", defaultItcChoiceOnAccept(record))
    : roll < 0.8 ? decision("A", reason, defaultItcChoiceOnAccept(record) === null ? null : "none")
    : roll < 0.92 ? decision("R", reason, null)
    : decision("P", reason, null);
  return [first, decision("A", "", defaultItcChoiceOnAccept(record)), decision("R", reason, null)];
}

// ---------------------------------------------------------------------------
// Purchase register

export interface RegisterOptions {
  readonly seed?: number;
}

export interface GeneratedRegister {
  /** CSV text, Tally style: company name, title and period above the header row. */
  readonly csv: string;
  /** Rows for records the books hold exactly, with a number written differently, with other amounts; books-only rows. */
  readonly planted: { readonly exact: number; readonly renumbered: number; readonly changedAmount: number; readonly notInIms: number; readonly notInBooks: number };
}

const REGISTER_HEADER = [
  "Date", "Particulars", "Voucher Type", "Voucher No.", "Supplier Invoice No.", "Supplier Invoice Date", "GSTIN/UIN",
  "Taxable Value", "Integrated Tax Amount", "Central Tax Amount", "State Tax Amount", "Cess Amount", "Place of Supply",
];

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 1,23,456.70: the Indian grouping accounting exports print. */
function indianAmount(rupees: number): string {
  const [whole, fraction] = Math.abs(rupees).toFixed(2).split(".");
  const last3 = whole.slice(-3);
  const rest = whole.slice(0, -3).replace(/\B(?=(\d{2})+(?!\d))/g, ",");
  return `${rupees < 0 ? "-" : ""}${rest ? `${rest},` : ""}${last3}.${fraction}`;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function tallyDate(ddmmyyyy: string): string {
  const [d, m, y] = ddmmyyyy.split("-");
  return `${Number(d)}-${MONTH_NAMES[Number(m) - 1]}-${y.slice(2)}`;
}

/**
 * The purchase register a taxpayer's books would give for these records: most
 * match exactly, some are written with another number format (case, leading
 * zeros, separators) or other amounts, some records are missing from the books,
 * and the books hold purchases IMS does not.
 */
export function generateRegister(records: readonly ImsRecord[], options: RegisterOptions = {}): GeneratedRegister {
  const random = new Random(options.seed ?? 3);
  const lines = [
    "Kavya Industries Pvt Ltd" + ",".repeat(REGISTER_HEADER.length - 1),
    "Purchase Register" + ",".repeat(REGISTER_HEADER.length - 1),
    "1-Oct-25 to 31-Mar-26" + ",".repeat(REGISTER_HEADER.length - 1),
    REGISTER_HEADER.join(","),
  ];
  const planted = { exact: 0, renumbered: 0, changedAmount: 0, notInIms: 0, notInBooks: 0 };
  let voucher = 1;
  const row = (r: ImsRecord, number: string, taxable: number): string => {
    const kind = sectionSpec(r.section).documentKind;
    const type = kind === "credit-note" ? "Credit Note" : kind === "debit-note" ? "Debit Note" : "Purchase";
    return [
      tallyDate(r.documentDate), csvField(r.supplierName), type, String(voucher++), csvField(number), tallyDate(r.documentDate), r.supplierGstin,
      ...[taxable, r.igst, r.cgst, r.sgst, r.cess].map((a) => csvField(indianAmount(a))), r.placeOfSupply,
    ].join(",");
  };
  for (const r of records) {
    const roll = random.next();
    if (roll < 0.05) {
      planted.notInBooks++;
      continue;
    }
    if (roll < 0.1) {
      planted.renumbered++;
      lines.push(row(r, r.documentNumber.toLowerCase().replace(/\//g, "-"), r.taxableValue));
    } else if (roll < 0.13) {
      planted.changedAmount++;
      lines.push(row(r, r.documentNumber, Math.round(r.taxableValue * 105) / 100));
    } else {
      planted.exact++;
      lines.push(row(r, r.documentNumber, r.taxableValue));
    }
    // Purchases from suppliers who have not reported them: in the books, not in IMS.
    if (random.chance(0.03)) {
      planted.notInIms++;
      lines.push(row(r, `${r.documentNumber.slice(0, 10)}X${voucher}`, r.taxableValue));
    }
  }
  return { csv: lines.join("\r\n") + "\r\n", planted };
}

// ---------------------------------------------------------------------------
// The portal's error file

export interface ErrorFileOptions {
  /** Share of the uploaded records the portal refuses (0 to 1). */
  readonly share: number;
  readonly seed?: number;
  /** A: the offline `imsDetailsErr` file; B: the REQSTS answer. */
  readonly shape: "A" | "B";
}

const PORTAL_ERRORS = [
  { code: "IMSSAV0010", message: "Either previous action is incorrect/ invoice might have edited by supplier" },
  { code: "IMSSAV0054", message: "Error! Please enter value for the column itcRedReq." },
];

/**
 * The error file the portal would return for an upload file's text: a share of
 * its records refused, in either known shape (ims-formats §5).
 */
export function generateErrorFile(uploadTexts: readonly string[], options: ErrorFileOptions): { root: Record<string, unknown>; errors: number } {
  const random = new Random(options.seed ?? 4);
  const refused: { section: SectionKey; record: Record<string, unknown> }[] = [];
  let total = 0;
  for (const text of uploadTexts) {
    const upload = JSON.parse(text) as { invdata: Record<string, Record<string, unknown>[]> };
    for (const [section, list] of Object.entries(upload.invdata)) {
      for (const record of list) {
        total++;
        if (random.chance(options.share)) refused.push({ section: section as SectionKey, record });
      }
    }
  }
  const error = () => random.pick(PORTAL_ERRORS);
  if (options.shape === "A") {
    const imsDetailsErr: Record<string, unknown[]> = {};
    for (const { section, record } of refused) {
      const e = error();
      (imsDetailsErr[section] ??= []).push({ ...record, error_cd: e.code, error_msg: e.message });
    }
    return { root: { imsDetailsErr }, errors: refused.length };
  }
  // REQSTS: by section alias, then by supplier and error, documents in `inv` with the number in `inum`.
  type Group = { stin: unknown; error_cd: string; error_msg: string; inv: { inum: unknown; rtnprd: unknown }[] };
  const report: Record<string, Group[]> = {};
  const groups = new Map<string, Group>();
  for (const { section, record } of refused) {
    const e = error();
    const alias = sectionSpec(section).errorAliases[0];
    const id = `${alias}|${String(record.stin)}|${e.code}`;
    let group = groups.get(id);
    if (!group) {
      group = { stin: record.stin, error_cd: e.code, error_msg: e.message, inv: [] };
      groups.set(id, group);
      (report[alias] ??= []).push(group);
    }
    group.inv.push({ inum: record.inum ?? record.nt_num, rtnprd: record.rtnprd });
  }
  return {
    root: { status_cd: "PE", proc_cnt: String(total - refused.length), err_cnt: String(refused.length), error_report: report },
    errors: refused.length,
  };
}
