/**
 * How downloaded values are shown in cells. These are display copies only: the
 * upload echoes the stored download, never these cells (ims-formats §3.6).
 */

/** Excel's serial 25569 is 1 January 1970 (serial 1 = 1 January 1900, counting Excel's 1900 leap-day bug). */
const UNIX_EPOCH_SERIAL = 25_569;
const MS_PER_DAY = 86_400_000;

/**
 * A `dd-mm-yyyy` date as an Excel serial number, so the cell is a real date
 * that sorts and filters (ims-formats §9). null for anything that is not a real
 * calendar date from 1 March 1900 on (the cell is then left empty; the stored
 * download keeps the text).
 */
export function excelSerialOf(ddmmyyyy: string): number | null {
  // Read by character codes: an import reads two dates a row, and a pattern match builds a list and three texts for each.
  if (ddmmyyyy.length !== 10 || ddmmyyyy.charCodeAt(2) !== DASH || ddmmyyyy.charCodeAt(5) !== DASH) return null;
  const day = digitsAt(ddmmyyyy, 0, 2);
  const month = digitsAt(ddmmyyyy, 3, 2);
  const year = digitsAt(ddmmyyyy, 6, 4);
  if (day < 0 || month < 0 || year < 0) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const days = daysSinceUnixEpoch(year, month, day);
  if (days < MARCH_1900) return null;
  return days + UNIX_EPOCH_SERIAL;
}

const DASH = 45;

/** The number the `count` ASCII digits from `start` spell, or -1 if any is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * Days from 1 January 1970 to a date of the proleptic Gregorian calendar, by
 * arithmetic (H. Hinnant's days_from_civil): an import converts two dates a
 * row, and a Date object for each was a tenth of the time it took to lay out.
 */
function daysSinceUnixEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** 1 March 1900: Excel counts a 29 February 1900 that never was, so earlier serials are off by one. */
const MARCH_1900 = daysSinceUnixEpoch(1900, 3, 1);

/** The `dd-mm-yyyy` text of an Excel serial date (for messages and tests). */
export function dateTextOf(serial: number): string {
  const date = new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
  const dd = String(date.getUTCDate()).padStart(2, "0");
  const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}-${mm}-${date.getUTCFullYear()}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `032026` → "Mar 2026"; `03` (some offline files) → "Mar"; anything else as downloaded (ims-formats §9, §3.5). */
export function returnPeriodLabel(period: string): string {
  const known = PERIOD_LABELS.get(period);
  if (known !== undefined) return known;
  const label = periodLabelOf(period);
  if (PERIOD_LABELS.size < 1_000) PERIOD_LABELS.set(period, label);
  return label;
}

/** A download holds a handful of periods: each label is worked out once, not for each of its records. */
const PERIOD_LABELS = new Map<string, string>();

function periodLabelOf(period: string): string {
  const t = period.trim();
  const month = t.length === 2 || t.length === 6 ? digitsAt(t, 0, 2) : -1;
  if (month < 1 || month > 12 || (t.length === 6 && digitsAt(t, 2, 4) < 0)) return period;
  return t.length === 6 ? `${MONTHS[month - 1]} ${t.slice(2)}` : MONTHS[month - 1];
}

/** Source form codes as a taxpayer knows the returns (ims-formats §3.5); unknown codes as downloaded. */
const SOURCE_FORMS: Readonly<Record<string, string>> = { R1: "GSTR-1/IFF", R1A: "GSTR-1A", R5: "GSTR-5" };

export function sourceFormLabel(code: string): string {
  return (Object.hasOwn(SOURCE_FORMS, code) ? SOURCE_FORMS[code] : SOURCE_FORMS[code.trim().toUpperCase()]) ?? code;
}

/** A portal flag: Yes, No, or empty when the portal did not say. */
export function yesNo(flag: boolean | undefined): string {
  return flag === undefined ? "" : flag ? "Yes" : "No";
}

/** The supplier's filing status: Filed / Not Filed when understood, else the portal's own words. */
export function filingStatusLabel(filed: boolean | undefined, asDownloaded: string): string {
  return filed === undefined ? asDownloaded : filed ? "Filed" : "Not Filed";
}

/** India Standard Time: UTC+5:30, no daylight saving. */
const IST_OFFSET_MS = 330 * 60_000;

/** "2026-04-14T05:00:00.000Z" → "14-04-2026 10:30 IST"; an unreadable time as given. */
export function istTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + IST_OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} IST`;
}

/** "2026-04-14T20:00:00.000Z" → "15-04-2026" (the date in India). */
export function istDate(iso: string): string {
  return istTime(iso).slice(0, 10);
}
