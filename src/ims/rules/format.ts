import { toPaise } from "../decision";
import type { ImsRecord } from "../record";

/**
 * How amounts, dates and names appear inside rule messages. Indian taxpayers
 * read lakh/crore grouping (₹1,41,600), and GST dates are Indian Standard Time.
 */

/** ₹ with Indian digit grouping; paise shown only when there are any: ₹1,41,600 and ₹1,000.10. */
export function formatRupees(amount: number): string {
  const paise = toPaise(amount);
  const sign = paise < 0 ? "-" : "";
  const abs = Math.abs(paise);
  const fraction = abs % 100;
  return `${sign}₹${groupIndian(String(Math.floor(abs / 100)))}${fraction ? `.${String(fraction).padStart(2, "0")}` : ""}`;
}

/** "141600" → "1,41,600": the last three digits form one group; every group before it has two. */
function groupIndian(digits: string): string {
  const last3 = digits.slice(-3);
  const rest = digits.slice(0, -3).replace(/\B(?=(\d{2})+$)/g, ",");
  return rest ? `${rest},${last3}` : last3;
}

const IST_OFFSET_MS = 5.5 * 60 * 60 * 1000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The calendar day in India (IST, UTC+5:30, no daylight saving), whatever the machine's time zone. */
export function istDay(moment: Date): { day: number; month: number; year: number } {
  const shifted = new Date(moment.getTime() + IST_OFFSET_MS);
  return { day: shifted.getUTCDate(), month: shifted.getUTCMonth() + 1, year: shifted.getUTCFullYear() };
}

/** "12 Apr 2026" (IST): unambiguous for both dd-mm and mm-dd readers. */
export function formatIstDate(moment: Date): string {
  const { day, month, year } = istDay(moment);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "1 record", "3 records", "2,12,412 records". */
export function countOf(n: number, noun: string): string {
  return `${groupIndian(String(n))} ${noun}${n === 1 ? "" : "s"}`;
}

/** "NAVKAR FASTENERS (27AAJFN3309H1ZA)", or the GSTIN alone when the download has no name. */
export function supplierLabel(record: ImsRecord): string {
  const name = record.supplierName.trim();
  return name ? `${name} (${record.supplierGstin})` : record.supplierGstin;
}

/** "A and B", "A, B and C". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
