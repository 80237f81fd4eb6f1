import { summariseWorkbook } from "../../app/summary";
import { actionLabel } from "../../ims/decision";
import { sectionSpec } from "../../ims/sections";
import type { ActionBucket, Breakdown, ItcEffect, Summary, TaxAmounts, Totals } from "../../ims/summary";
import type { ParsedArgs } from "../args";
import { onWorkbook, openWorkbook } from "../files";
import { EXIT, type CliIo } from "../io";

/** ₹ amounts as a taxpayer writes them: Indian digit grouping, two decimals. */
export function rupees(amount: number): string {
  return amount.toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function tax(t: TaxAmounts): number {
  return t.igst + t.cgst + t.sgst + t.cess;
}

function bucketLabel(bucket: ActionBucket): string {
  return bucket === "unreadable" ? "Not readable" : actionLabel(bucket);
}

/** Wide enough for the longest section label ("Amended e-commerce operator documents"). */
const LABEL_WIDTH = 38;

function row(label: string, totals: Totals): string {
  return `  ${label.padEnd(LABEL_WIDTH)} ${String(totals.count).padStart(7)} ${rupees(totals.taxableValue).padStart(17)} ${rupees(tax(totals)).padStart(15)}`;
}

function table(title: string, breakdown: Breakdown): string[] {
  return [
    title,
    `  ${"".padEnd(LABEL_WIDTH)} ${"Records".padStart(7)} ${"Taxable value".padStart(17)} ${"Tax".padStart(15)}`,
    ...breakdown.byAction.map((a) => row(bucketLabel(a.action), a.totals)),
    row("Total", breakdown.total),
  ];
}

function itcLines(effect: ItcEffect): string[] {
  const line = (label: string, totals: Totals) =>
    `  ${label.padEnd(LABEL_WIDTH)} ${String(totals.count).padStart(7)} document${totals.count === 1 ? ", " : "s,"} tax ${rupees(tax(totals))}`;
  const { reductions } = effect;
  return [
    "What the decisions mean for ITC (tax on the documents):",
    line("Accepted", effect.accepted),
    line("Rejected", effect.rejected),
    line("Pending", effect.pending),
    line("No Action (deemed accepted)", effect.deemedAccepted),
    `  ${"ITC reduction declared".padEnd(LABEL_WIDTH)} full on ${reductions.full.count}, partial on ${reductions.partial.count}, none on ${reductions.none.count}: ` +
      `IGST ${rupees(reductions.total.igst)}, CGST ${rupees(reductions.total.cgst)}, SGST ${rupees(reductions.total.sgst)}, Cess ${rupees(reductions.total.cess)}`,
  ];
}

export function describeSummary(path: string, summary: Summary): string[] {
  const sections = summary.after.bySection.map((s) => {
    const actions = s.byAction.map((a) => `${bucketLabel(a.action)} ${a.totals.count}`).join(", ");
    return `  ${sectionSpec(s.section).label.padEnd(LABEL_WIDTH)} ${String(s.totals.count).padStart(7)}  ${actions}`;
  });
  return [
    `Summary of ${path}: ${summary.before.total.count} records; ${summary.changed} changed (the upload carries them).`,
    "",
    // The baseline is the download, or the decisions of an upload marked processed since.
    ...table("On the portal, as far as this workbook knows:", summary.before),
    "",
    ...table("After your decisions:", summary.after),
    "",
    "By section, after your decisions:",
    ...sections,
    "",
    ...itcLines(summary.itcAfter),
  ];
}

export async function runSummary(args: ParsedArgs, io: CliIo): Promise<number> {
  const path = args.positionals[0];
  const book = await openWorkbook(path);
  const summary = await onWorkbook(path, () => summariseWorkbook(book));
  io.out(args.values.json === true ? JSON.stringify(summary, null, 2) : describeSummary(path, summary).join("\n"));
  return EXIT.ok;
}
