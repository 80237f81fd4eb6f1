import { ImsFileError } from "../file-error";
import { registerRowBudget } from "../limits";
import type { DocumentKind } from "../sections";
import { STATES } from "../states";
import { dayOf, formatDay } from "./dates";

/**
 * The purchase register: the user's own books, pasted into a sheet or exported
 * as .xlsx or .csv by Tally, Zoho Books or an ERP. Input is the 2-D array of
 * cell values a sheet or a CSV file gives; nothing here knows which.
 */

export type RegisterField =
  | "supplierGstin"
  | "supplierName"
  | "documentType"
  | "documentNumber"
  | "documentDate"
  | "taxableValue"
  | "igst"
  | "cgst"
  | "sgst"
  | "cess"
  | "placeOfSupply";

export type AmountField = "taxableValue" | "igst" | "cgst" | "sgst" | "cess";
export const AMOUNT_FIELDS: readonly AmountField[] = ["taxableValue", "igst", "cgst", "sgst", "cess"];

interface FieldSpec {
  readonly field: RegisterField;
  readonly label: string;
  /** Without it a row cannot be matched at all. */
  readonly required: boolean;
  /**
   * Headers that mean this field, best first: when two columns qualify (Tally's
   * "Supplier Invoice No." and its own "Voucher No"), the earlier synonym wins.
   */
  readonly synonyms: readonly string[];
}

/** Header spellings seen in Tally, Zoho Books, GSTR-2A/2B style templates and ERP exports. */
export const REGISTER_FIELDS: readonly FieldSpec[] = [
  {
    field: "supplierGstin", label: "Supplier GSTIN", required: true,
    synonyms: [
      "Supplier GSTIN", "GSTIN of Supplier", "Supplier GSTIN/UIN", "GSTIN/UIN of Supplier", "Vendor GSTIN",
      "Vendor GSTIN/UIN", "Party GSTIN", "Party GSTIN/UIN", "GSTIN/UIN", "GSTIN", "GSTIN No.", "GST No.",
      "GST Number", "Supplier GST No.", "Vendor GST No.", "Party GST No.", "GST Identification Number (GSTIN)",
      "GST Identification Number", "GST Registration No.", "CTIN", "STIN",
    ],
  },
  {
    field: "supplierName", label: "Supplier name", required: false,
    synonyms: [
      "Supplier Name", "Name of Supplier", "Supplier", "Vendor Name", "Vendor", "Party Name", "Party", "Name of Party",
      "Trade/Legal Name", "Trade Name", "Legal Name", "Supplier Trade Name", "Particulars", "Ledger Name",
    ],
  },
  {
    field: "documentType", label: "Document type", required: false,
    synonyms: ["Document Type", "Doc Type", "Type of Document", "Voucher Type", "Vch Type", "Note Type", "Transaction Type", "Bill Type", "Type"],
  },
  {
    field: "documentNumber", label: "Document number", required: true,
    synonyms: [
      "Supplier Invoice No.", "Supplier Invoice Number", "Supplier Inv No.", "Supplier Bill No.", "Vendor Invoice No.",
      "Vendor Bill No.", "Party Invoice No.", "Party Bill No.", "Bill No.", "Bill#", "Invoice No.", "Invoice#",
      "Inv No.", "Document No.", "Doc No.", "Note No.", "Credit/Debit Note No.", "Reference No.", "Ref No.",
      "Voucher No.", "Vch No.",
    ],
  },
  {
    field: "documentDate", label: "Document date", required: true,
    synonyms: [
      "Supplier Invoice Date", "Supplier Inv Date", "Supplier Bill Date", "Vendor Invoice Date", "Vendor Bill Date",
      "Party Invoice Date", "Bill Date", "Invoice Date", "Inv Date", "Invoice Dt", "Document Date", "Doc Date",
      "Note Date", "Credit/Debit Note Date", "Reference Date", "Ref Date", "Voucher Date", "Vch Date", "Date",
    ],
  },
  {
    field: "taxableValue", label: "Taxable value", required: false,
    synonyms: ["Taxable Value", "Taxable Amount", "Taxable", "Taxable Val", "Assessable Value"],
  },
  {
    field: "igst", label: "IGST", required: false,
    synonyms: ["IGST", "IGST Amount", "Integrated Tax", "Integrated Tax Amount", "Integrated Tax Paid", "Integrated GST"],
  },
  {
    field: "cgst", label: "CGST", required: false,
    synonyms: ["CGST", "CGST Amount", "Central Tax", "Central Tax Amount", "Central Tax Paid", "Central GST"],
  },
  {
    field: "sgst", label: "SGST/UTGST", required: false,
    synonyms: [
      "SGST", "SGST Amount", "SGST/UTGST", "State/UT Tax", "State/UT Tax Amount", "State Tax", "UT Tax", "UTGST",
      "State/UT Tax Paid", "State GST",
    ],
  },
  {
    field: "cess", label: "Cess", required: false,
    synonyms: ["Cess", "Cess Amount", "Compensation Cess", "GST Cess", "Cess Paid"],
  },
  {
    field: "placeOfSupply", label: "Place of supply", required: false,
    synonyms: ["Place of Supply", "Place of Supply (POS)", "POS", "Destination of Supply"],
  },
];

export function fieldLabel(field: RegisterField): string {
  return REGISTER_FIELDS.find((f) => f.field === field)!.label;
}

const NOISE_WORDS = new Set(["amount", "amt", "rs", "inr", "in"]);
const WORD_ALIASES: Readonly<Record<string, string>> = { number: "no", num: "no", nbr: "no", dt: "date" };

/**
 * Header text reduced to its words: case, punctuation, currency marks, "Amount"
 * and "(₹)" do not matter; "Number", "No.", "#" read alike.
 */
export function normaliseHeader(text: string): string {
  return text
    .toLowerCase()
    .replace(/#/g, " no ")
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .split(" ")
    .filter((w) => w !== "" && !NOISE_WORDS.has(w))
    .map((w) => WORD_ALIASES[w] ?? w)
    .join(" ");
}

const SYNONYMS = new Map<string, { field: RegisterField; rank: number }>();
for (const spec of REGISTER_FIELDS) {
  spec.synonyms.forEach((s, rank) => {
    const key = normaliseHeader(s);
    const existing = SYNONYMS.get(key);
    if (existing && existing.field !== spec.field) throw new Error(`Header "${s}" is listed for two register fields`);
    if (!existing) SYNONYMS.set(key, { field: spec.field, rank });
  });
}

export type ColumnMap = Readonly<Partial<Record<RegisterField, number>>>;

/** Which column holds which field; detected, then shown to the user to confirm or change. */
export interface ColumnMapping {
  /** 0-based index of the header row in the rows given to readRegister; data starts below it. */
  readonly headerRow: number;
  /** The header texts, as written, for messages. */
  readonly headers: readonly string[];
  /** 0-based column index of each field found. */
  readonly columns: ColumnMap;
  /** Required fields with no column: the register cannot be read until the user maps them. */
  readonly missing: readonly RegisterField[];
  /** Columns with a header that means nothing here, listed so the user can map them by hand. */
  readonly unmapped: readonly { readonly column: number; readonly header: string }[];
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * A mapping from the columns the user chose (or confirmed). Use it after the
 * user changes the detected mapping, so `missing` and `unmapped` stay true.
 */
export function buildMapping(headerRow: readonly unknown[], columns: ColumnMap, headerRowIndex = 0): ColumnMapping {
  const headers = headerRow.map(cellText);
  const used = new Set(Object.values(columns));
  return {
    headerRow: headerRowIndex,
    headers,
    columns: { ...columns },
    missing: REGISTER_FIELDS.filter((f) => f.required && columns[f.field] === undefined).map((f) => f.field),
    unmapped: headers
      .map((header, column) => ({ column, header: header.trim() }))
      .filter((h) => h.header !== "" && !used.has(h.column)),
  };
}

/** Maps a header row to the fields by the synonyms table. */
export function detectColumns(headerRow: readonly unknown[], headerRowIndex = 0): ColumnMapping {
  const best = new Map<RegisterField, { column: number; rank: number }>();
  headerRow.forEach((cell, column) => {
    const hit = SYNONYMS.get(normaliseHeader(cellText(cell)));
    if (!hit) return;
    const current = best.get(hit.field);
    if (!current || hit.rank < current.rank) best.set(hit.field, { column, rank: hit.rank });
  });
  const columns: Partial<Record<RegisterField, number>> = {};
  for (const [field, { column }] of best) columns[field] = column;
  return buildMapping(headerRow, columns, headerRowIndex);
}

/**
 * Finds the header row among the first rows (Tally puts the company name and the
 * period above it): the first row where every required field is found, else the
 * row where most fields are. Undefined when no row has a single known header.
 */
export function locateHeader(rows: readonly (readonly unknown[])[], scanRows = 30): ColumnMapping | undefined {
  let best: ColumnMapping | undefined;
  let bestCount = 0;
  for (let i = 0; i < Math.min(rows.length, scanRows); i++) {
    const mapping = detectColumns(rows[i] ?? [], i);
    const count = Object.keys(mapping.columns).length;
    if (count > 0 && mapping.missing.length === 0) return mapping;
    if (count > bestCount) {
      best = mapping;
      bestCount = count;
    }
  }
  return best;
}

/** One row of the books. */
export interface RegisterEntry {
  readonly file: string;
  /** The row number the user sees (1-based, as in the sheet or the CSV file). */
  readonly row: number;
  /** Upper case, without surrounding spaces. */
  readonly supplierGstin: string;
  readonly supplierName: string;
  readonly kind: DocumentKind;
  /** The document type as written ("" when the register has none). */
  readonly documentType: string;
  /** As written (a number cell becomes its digits). */
  readonly documentNumber: string;
  /** `dd-mm-yyyy`, the portal's format, whatever the register used. */
  readonly documentDate: string;
  /** The date as a day number (dates.ts), for date windows. */
  readonly day: number;
  /** Amounts as written (credit notes are often negative in books). undefined = the register has no such column. */
  readonly taxableValue: number | undefined;
  readonly igst: number | undefined;
  readonly cgst: number | undefined;
  readonly sgst: number | undefined;
  readonly cess: number | undefined;
  /** Two-digit state code; "" when not given. */
  readonly placeOfSupply: string;
}

/** A row that could not be read, or a field in it that could not. The row is left out of matching. */
export interface RegisterProblem {
  readonly row: number;
  readonly field?: RegisterField;
  /** The header of the column, as written. */
  readonly column?: string;
  readonly value?: string;
  readonly message: string;
}

export interface RegisterReading {
  readonly entries: RegisterEntry[];
  readonly problems: RegisterProblem[];
}

type Read<T> = { ok: T } | { problem: string };

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** "Mar", "March", "Sept" → 3, 3, 9 (Tally prints 5-Mar-26). */
function monthOf(name: string): number | undefined {
  const n = name.toLowerCase();
  const index = MONTHS.findIndex((m) => m === n || m.slice(0, 3) === n || (n === "sept" && m === "september"));
  return index < 0 ? undefined : index + 1;
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** Excel's 1900 date system: serial 25569 is 01-01-1970; serial 60 is the 29-02-1900 that never was. */
function fromExcelSerial(serial: number): number | undefined {
  const whole = Math.floor(serial);
  if (whole <= 60 || whole > 2_958_465) return undefined;
  return whole - 25_569;
}

const DATE_HINT = "write it as dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd or 05-Mar-2026, or use an Excel date";

function readDate(value: unknown): Read<number> {
  let day: number | undefined;
  if (typeof value === "number") {
    day = Number.isFinite(value) ? fromExcelSerial(value) : undefined;
  } else if (value instanceof Date) {
    // Spreadsheet libraries (ExcelJS) give dates as midnight UTC.
    day = Number.isNaN(value.getTime()) ? undefined : dayOf(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  } else if (typeof value === "string") {
    const t = value.trim();
    let m: RegExpExecArray | null;
    if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/.exec(t))) {
      // Indian order, day first. A month-first date (03/05/2026 meaning 5 March) cannot be told apart.
      day = dayOf(fullYear(m[3]), Number(m[2]), Number(m[1]));
    } else if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(t))) {
      day = dayOf(Number(m[1]), Number(m[2]), Number(m[3]));
    } else if ((m = /^(\d{1,2})[- ]([A-Za-z]{3,9})[-, ]+(\d{4}|\d{2})$/.exec(t))) {
      const month = monthOf(m[2]);
      day = month === undefined ? undefined : dayOf(fullYear(m[3]), month, Number(m[1]));
    }
  }
  return day === undefined ? { problem: `is not a date that exists; ${DATE_HINT}` } : { ok: day };
}

/**
 * Amounts as numbers, or text with commas (Indian grouping too), ₹, Rs or INR, or
 * parentheses for a negative. A blank cell or a lone "-" is nil, as accounting
 * exports print it.
 */
function readAmount(value: unknown): Read<number> {
  if (isBlank(value)) return { ok: 0 };
  if (typeof value === "number") return Number.isFinite(value) ? { ok: value } : { problem: "is not a number" };
  if (typeof value !== "string") return { problem: "is not an amount" };
  let t = value.trim().replace(/₹|\b(?:rs\.?|inr)(?=[\s\d.(-]|$)/gi, "").replace(/[,\s\u00a0]/g, "");
  let negative = false;
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) {
    negative = true;
    t = paren[1];
  }
  if (t === "-") return { ok: 0 };
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)$/.test(t)) return { problem: "is not an amount (write digits, with commas or ₹ if you like)" };
  const n = Number(t);
  return { ok: negative ? -n : n };
}

function readGstin(value: unknown): Read<string> {
  const g = cellText(value).trim().toUpperCase();
  if (g === "") {
    return { problem: "is empty. Purchases from unregistered suppliers are not in IMS; a registered supplier's GSTIN is needed to match" };
  }
  if (!/^[0-9A-Z]{15}$/.test(g)) return { problem: "is not a GSTIN (15 letters and digits)" };
  return { ok: g };
}

const INVOICE_WORDS = new Set(["invoice", "inv", "bill", "purchase", "purchases", "regular", "b2b", "tax"]);

/** Credit and debit notes by their usual words; invoices by theirs; anything else is asked about, not guessed. */
export function readDocumentKind(text: string): DocumentKind | undefined {
  const t = text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  if (t === "") return "invoice";
  const words = t.split(" ");
  if (words.includes("credit") || ["cn", "crn", "c n", "cr note", "cdn c"].includes(t)) return "credit-note";
  if (words.includes("debit") || ["dn", "drn", "d n", "dr note"].includes(t)) return "debit-note";
  if (words.includes("return")) return undefined;
  return words.some((w) => INVOICE_WORDS.has(w)) ? "invoice" : undefined;
}

const STATE_BY_NAME = new Map<string, string>(
  Object.entries(STATES).map(([code, name]) => [name.toLowerCase().replace(/\s*\(.*\)$/, ""), code]),
);
// "Andhra Pradesh" is today's code 37, not the pre-2014 28.
STATE_BY_NAME.set("andhra pradesh", "37");

/** "27", 27, "27-Maharashtra", "Maharashtra" → "27". */
function readPlaceOfSupply(value: unknown): Read<string> {
  if (isBlank(value)) return { ok: "" };
  const t = cellText(value).trim();
  const code = /^(\d{1,2})(?:\s*[-–:]\s*.*)?$/.exec(t);
  if (code) {
    const c = code[1].padStart(2, "0");
    return STATES[c] ? { ok: c } : { problem: "is not a state code" };
  }
  const byName = STATE_BY_NAME.get(t.toLowerCase().replace(/&/g, "and").replace(/\s+/g, " "));
  return byName ? { ok: byName } : { problem: "is not a state code or name" };
}

function shown(value: unknown): string {
  const text = cellText(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reads the rows below the header. Each row is either an entry or, if any of its
 * fields cannot be read, a problem per such field; wholly blank rows are skipped.
 * `firstRowNumber` is the sheet row number of rows[0] (1 unless the rows were cut from a sheet).
 */
export function readRegister(
  rows: readonly (readonly unknown[])[],
  mapping: ColumnMapping,
  fileName: string,
  options: { firstRowNumber?: number } = {},
): RegisterReading {
  if (mapping.missing.length > 0) {
    const names = mapping.missing.map((f) => fieldLabel(f)).join(", ");
    throw new ImsFileError(fileName, `the purchase register has no column chosen for: ${names}. Choose the column that holds each.`);
  }
  // The row limit (limits.ts) is checked before any row is read.
  registerRowBudget().take(fileName, Math.max(0, rows.length - mapping.headerRow - 1));
  const firstRowNumber = options.firstRowNumber ?? 1;
  const entries: RegisterEntry[] = [];
  const problems: RegisterProblem[] = [];
  const col = mapping.columns;

  // The row being read; the helpers below are made once, not once for each of up to 5,00,000 rows.
  let cells: readonly unknown[] = [];
  let row = 0;
  let rowProblems: RegisterProblem[] = [];
  const cell = (field: RegisterField): unknown => (col[field] === undefined ? undefined : cells[col[field]!]);
  function take<T>(field: RegisterField, read: Read<T>, fallback: T): T {
    if ("ok" in read) return read.ok;
    const column = mapping.headers[col[field]!]?.trim() ?? "";
    const value = shown(cell(field));
    rowProblems.push({
      row, field, column, value,
      message: `${fileName} row ${row}: ${fieldLabel(field)} (column "${column}")${value === "" ? "" : ` "${value}"`} ${read.problem}.`,
    });
    return fallback;
  }
  const amount = (field: AmountField): number | undefined =>
    col[field] === undefined ? undefined : take(field, readAmount(cell(field)), 0);

  for (let i = mapping.headerRow + 1; i < rows.length; i++) {
    cells = rows[i] ?? [];
    if (cells.every(isBlank)) continue;
    row = firstRowNumber + i;
    rowProblems = [];

    const supplierGstin = take("supplierGstin", readGstin(cell("supplierGstin")), "");
    const numberCell = cell("documentNumber");
    const documentNumber = take<string>(
      "documentNumber",
      isBlank(numberCell) ? { problem: "is empty" } : { ok: cellText(numberCell) },
      "",
    );
    const day = take("documentDate", readDate(cell("documentDate")), 0);
    const documentType = cellText(cell("documentType")).trim();
    const kind = take<DocumentKind>(
      "documentType",
      readKind(documentType),
      "invoice",
    );
    const taxableValue = amount("taxableValue");
    const igst = amount("igst");
    const cgst = amount("cgst");
    const sgst = amount("sgst");
    const cess = amount("cess");
    const placeOfSupply = take("placeOfSupply", readPlaceOfSupply(cell("placeOfSupply")), "");

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    entries.push({
      file: fileName, row, supplierGstin,
      supplierName: cellText(cell("supplierName")).trim(),
      kind, documentType, documentNumber,
      documentDate: formatDay(day), day,
      taxableValue, igst, cgst, sgst, cess, placeOfSupply,
    });
  }
  return { entries, problems };
}

function readKind(text: string): Read<DocumentKind> {
  const kind = readDocumentKind(text);
  return kind ? { ok: kind } : { problem: "is not understood: write Invoice, Credit Note or Debit Note" };
}
