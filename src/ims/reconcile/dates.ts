/**
 * Calendar days as integers (days since 1 January 1970, UTC), so date windows
 * and financial years are plain arithmetic, free of time zones.
 */

const MS_PER_DAY = 86_400_000;

/** The day number of a calendar date, or undefined when the date does not exist (31-02, month 13). */
export function dayOf(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return ms / MS_PER_DAY;
}

/** Reads the portal's `dd-mm-yyyy`. */
export function parsePortalDate(text: string): number | undefined {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(text.trim());
  return m ? dayOf(Number(m[3]), Number(m[2]), Number(m[1])) : undefined;
}

/**
 * Year, month, day of a day number, by arithmetic alone (H. Hinnant's
 * civil-from-days): matching computes this for every row, and Date objects
 * would make the garbage collector the slowest part of a large reconciliation.
 */
export function ymdOf(day: number): { year: number; month: number; day: number } {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

/** `dd-mm-yyyy`, the portal's format, so both sides of a match read alike. */
export function formatDay(day: number): string {
  const d = ymdOf(day);
  return `${String(d.day).padStart(2, "0")}-${String(d.month).padStart(2, "0")}-${d.year}`;
}

export function calendarYearOf(day: number): number {
  return ymdOf(day).year;
}

/** The year an Indian financial year (April to March) starts in: 2025 for 10-01-2026. */
export function financialYearOf(day: number): number {
  const d = ymdOf(day);
  return d.month >= 4 ? d.year : d.year - 1;
}
