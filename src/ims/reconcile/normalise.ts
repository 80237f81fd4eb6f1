import { calendarYearOf, financialYearOf } from "./dates";

/**
 * Document-number normalisation for purchase-register matching only (the upload
 * and the record keys always use the numbers exactly as downloaded,
 * ims-formats §6). Each transformation is a named step, so a probable match
 * can say which difference it forgave ("letter case", "leading zeros" ...).
 */

export type NumberStep = "case" | "spaces" | "separators" | "financial-year" | "leading-zeros";

export const NUMBER_STEPS: readonly { readonly step: NumberStep; readonly label: string }[] = [
  { step: "case", label: "letter case" },
  { step: "spaces", label: "spaces" },
  { step: "separators", label: "separators such as / and -" },
  { step: "financial-year", label: "a financial-year fragment such as 25-26" },
  { step: "leading-zeros", label: "leading zeros" },
];

export function stepLabel(step: NumberStep): string {
  return NUMBER_STEPS.find((s) => s.step === step)!.label;
}

/** "letter case and leading zeros". */
export function describeSteps(steps: readonly NumberStep[]): string {
  const labels = steps.map(stepLabel);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/**
 * The first GST financial year is 2017-18. Fragments are recognised only when
 * they name the document's own financial year (or its calendar year, for a lone
 * year such as "/2025"), so a serial that happens to look like a year of some
 * other period is never removed.
 */
interface YearContext {
  /** "2025", "25" */
  readonly startForms: readonly string[];
  /** "2026", "26" */
  readonly endForms: readonly string[];
  /** "2526", "202526", "252026", "20252026" */
  readonly compactForms: ReadonlySet<string>;
  /** The financial year's first year, and the document's calendar year. */
  readonly loneForms: ReadonlySet<string>;
}

function twoDigits(year: number): string {
  return String(year % 100).padStart(2, "0");
}

/** Contexts by year pair: a register spans a few years, and building one per row would dominate the cost. */
const CONTEXTS = new Map<number, YearContext>();

function yearContext(day: number | undefined): YearContext | undefined {
  if (day === undefined) return undefined;
  const fyStart = financialYearOf(day);
  const calendarYear = calendarYearOf(day);
  const id = fyStart * 10_000 + calendarYear;
  let ctx = CONTEXTS.get(id);
  if (!ctx) {
    const startForms = [String(fyStart), twoDigits(fyStart)];
    const endForms = [String(fyStart + 1), twoDigits(fyStart + 1)];
    ctx = {
      startForms, endForms,
      compactForms: new Set(startForms.flatMap((a) => endForms.map((b) => a + b))),
      loneForms: new Set([String(fyStart), String(calendarYear)]),
    };
    CONTEXTS.set(id, ctx);
  }
  return ctx;
}

/** A piece of the number: an alphanumeric token, or the run of other characters after it. */
interface Piece {
  text: string;
  /** Characters between this token and the next (spaces, punctuation), as written. */
  after: string;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Splits into letter-and-digit tokens and the characters between them (a loop: this runs for every row). */
function split(text: string): { lead: string; pieces: Piece[] } {
  const pieces: Piece[] = [];
  let lead = "";
  let start = 0;
  let inToken = false;
  const close = (end: number) => {
    const part = text.slice(start, end);
    if (inToken) pieces.push({ text: part, after: "" });
    else if (pieces.length === 0) lead = part;
    else pieces[pieces.length - 1].after = part;
    start = end;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    let alnum: boolean;
    let width = 1;
    if (c < 128) {
      alnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    } else {
      const cp = text.codePointAt(i)!;
      alnum = LETTER_OR_DIGIT.test(String.fromCodePoint(cp));
      if (cp > 0xffff) width = 2;
    }
    if (alnum !== inToken) {
      close(i);
      inToken = alnum;
    }
    i += width;
  }
  close(text.length);
  return { lead, pieces };
}

/** How many pieces, starting at `i`, spell the financial year (0 when none do). */
function financialYearLength(pieces: readonly Piece[], i: number, ctx: YearContext): number {
  const t = pieces[i].text;
  // "2025-26", "25/26", "2025-2026": two tokens joined by one - or /.
  const next = pieces[i + 1];
  if (next && ctx.startForms.includes(t) && ctx.endForms.includes(next.text) && /^\s*[-/]\s*$/.test(pieces[i].after)) return 2;
  // "2526", "202526", "20252026" written as one token; or a lone year, such as the "/2025" many suppliers append.
  return ctx.compactForms.has(t) || ctx.loneForms.has(t) ? 1 : 0;
}

/** Removes the financial-year fragments, unless that would leave no digit at all (then the "year" is the serial). */
function dropFinancialYear(pieces: Piece[], ctx: YearContext): Piece[] {
  const kept: Piece[] = [];
  for (let i = 0; i < pieces.length; ) {
    const n = financialYearLength(pieces, i, ctx);
    if (n === 0) {
      kept.push(pieces[i]);
      i++;
    } else {
      // The fragment goes with the separator after it ("NF/2526/1187" → "NF/1187");
      // at the end, with the one before it ("INV/1187/2025" → "INV/1187").
      i += n;
      if (kept.length > 0 && i >= pieces.length) kept[kept.length - 1] = { ...kept[kept.length - 1], after: pieces[i - 1].after };
    }
  }
  return kept.some((p) => /\p{N}/u.test(p.text)) ? kept : pieces;
}

function keepDelimiters(text: string, skip: ReadonlySet<NumberStep>): string {
  if (text === "" || (!skip.has("spaces") && !skip.has("separators"))) return "";
  let out = "";
  for (const ch of text) {
    const space = /\s/u.test(ch);
    if ((space && skip.has("spaces")) || (!space && skip.has("separators"))) out += ch;
  }
  return out;
}

/**
 * The normalised form of a document number: upper case, no spaces, no
 * separators, no financial-year fragment of the document's year, no leading
 * zeros in any run of digits. `documentDay` (see dates.ts) names the year the
 * fragment may spell; without it the financial-year step does nothing.
 * `skip` leaves steps out, to find out which ones a match needed.
 */
const NO_SKIP: ReadonlySet<NumberStep> = new Set();
/** Zeros that start a run of digits and are followed by another digit. */
const LEADING_ZEROS = /(^|\P{N})0+(?=\p{N})/gu;

export function normaliseDocumentNumber(number: string, documentDay?: number, skip: ReadonlySet<NumberStep> = NO_SKIP): string {
  let text = number.trim();
  if (!skip.has("case")) text = text.toUpperCase();
  const { lead, pieces: all } = split(text);
  const ctx = yearContext(documentDay);
  const pieces = ctx && !skip.has("financial-year") ? dropFinancialYear(all, ctx) : all;
  let out = keepDelimiters(lead, skip);
  for (const piece of pieces) out += dropZeros(piece.text, skip) + keepDelimiters(piece.after, skip);
  // Pieces joined without their separators can start a new run of digits with a zero ("0 05" → "05"): once more, so that a normalised number stays as it is.
  return dropZeros(out, skip);
}

function dropZeros(text: string, skip: ReadonlySet<NumberStep>): string {
  return skip.has("leading-zeros") || !text.includes("0") ? text : text.replace(LEADING_ZEROS, "$1");
}

/**
 * Which steps two numbers needed to become equal (undefined if they do not):
 * those without which they would differ. When no single step is needed on its
 * own (two steps each sufficient), every step that changed either number is named.
 */
export function stepsNeeded(a: string, aDay: number | undefined, b: string, bDay: number | undefined): NumberStep[] | undefined {
  if (a.trim() === b.trim()) return [];
  if (normaliseDocumentNumber(a, aDay) !== normaliseDocumentNumber(b, bDay)) return undefined;
  const needed = NUMBER_STEPS.map((s) => s.step).filter(
    (step) => normaliseDocumentNumber(a, aDay, new Set([step])) !== normaliseDocumentNumber(b, bDay, new Set([step])),
  );
  if (needed.length > 0) return needed;
  const all = new Set(NUMBER_STEPS.map((s) => s.step));
  return NUMBER_STEPS.map((s) => s.step).filter((step) => {
    const others = new Set([...all].filter((x) => x !== step));
    return normaliseDocumentNumber(a, aDay, others) !== a.trim() || normaliseDocumentNumber(b, bDay, others) !== b.trim();
  });
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition,
 * the commonest typing slip), or undefined as soon as it must exceed `max`.
 */
export function editDistanceWithin(a: string, b: string, max: number): number | undefined {
  if (Math.abs(a.length - b.length) > max) return undefined;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return undefined;
    prevPrev = prev;
    prev = cur;
  }
  const d = prev[cols - 1];
  return d <= max ? d : undefined;
}
