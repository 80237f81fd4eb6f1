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

/** `dd-mm-yyyy`, the portal's format, so both sides of a match read alike. */
export function formatDay(day: number): string {
  const d = new Date(day * MS_PER_DAY);
  const dd = String(d.getUTCDate()).padStart(2, "0");
  const mm = String(d.getUTCMonth() + 1).padStart(2, "0");
  return `${dd}-${mm}-${d.getUTCFullYear()}`;
}

export function calendarYearOf(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** The year an Indian financial year (April to March) starts in: 2025 for 10-01-2026. */
export function financialYearOf(day: number): number {
  const d = new Date(day * MS_PER_DAY);
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}
