import { importDownloads, type ImportReport } from "../../app/import";
import { XlsxWorkbook } from "../../hosts/xlsx/xlsx-gateway";
import { SECTIONS } from "../../ims/sections";
import type { RecordRef } from "../../workbook/merge";
import { stringOption, type ParsedArgs } from "../args";
import { exists, openWorkbook, readInputFiles, requireFolderOf } from "../files";
import { EXIT, progressLine, type CliIo } from "../io";

/** Imports into the workbook at --out (created, or merged into when it exists) and saves it whole. */
export async function runImport(args: ParsedArgs, io: CliIo): Promise<number> {
  const out = stringOption(args, "out") as string;
  await requireFolderOf(out);
  const files = await readInputFiles(args.positionals);
  const book = (await exists(out)) ? await openWorkbook(out) : XlsxWorkbook.create(out);
  const progress = progressLine(io);
  let report: ImportReport;
  try {
    report = await importDownloads(book, files, { now: new Date(), recipientGstin: stringOption(args, "gstin"), progress: progress.report });
    await book.save(out);
  } finally {
    progress.end();
  }
  io.out(describeImport(out, report).join("\n"));
  io.out(`\nNext: fill in the Action column in Excel, then run: ims-offline validate ${out}`);
  return EXIT.ok;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-IN")} ${n === 1 ? one : many}`;
}

function recordName(r: RecordRef): string {
  return `${r.sheet} ${r.documentNumber} of ${r.documentDate} (${r.supplierGstin})`;
}

/** The import report as lines a taxpayer reads. */
export function describeImport(out: string, report: ImportReport): string[] {
  const lines = [`${report.merge ? "Merged" : "Imported"} ${plural(report.total, "record")} from ${plural(report.files.length, "file")} into ${out}.`];
  for (const section of SECTIONS) {
    const count = report.counts[section.key];
    if (count > 0) lines.push(`  ${section.sheetName.padEnd(8)} ${String(count).padStart(6)}  ${section.label}`);
  }
  lines.push(report.recipientGstin
    ? `Recipient GSTIN: ${report.recipientGstin}`
    : "Recipient GSTIN: not known yet. Give it with --gstin, or export will ask for it.");
  for (const s of report.setAside) {
    lines.push(s.kind === "import-of-goods"
      ? `Kept aside (read-only in this version): ${plural(s.count, "import-of-goods record")} in ${s.section} of ${s.file}.`
      : `Kept aside (section not supported): ${plural(s.count, "record")} in "${s.section}" of ${s.file}.`);
  }
  for (const notice of report.notices) lines.push(`${notice.severity === "warning" ? "Warning" : "Note"}: ${notice.file}: ${notice.message}`);
  const merge = report.merge;
  if (merge) {
    lines.push(`New records: ${merge.added}. Unchanged: ${merge.unchanged}. Decisions kept: ${merge.kept.length}.`);
    for (const r of merge.resetAndFlagged) {
      lines.push(`Changed by the supplier, reset and flagged: ${recordName(r.record)}${r.discarded ? `; your decision was ${r.discarded}` : ""}.`);
    }
    for (const r of merge.vanished) {
      lines.push(`No longer in the download: ${recordName(r.record)}${r.decision ? `; your decision was ${r.decision}` : ""}.`);
    }
    for (const r of merge.notWritten) {
      lines.push(`Not written back (text in a number column): ${recordName(r.record)}, ${r.column}: "${r.text}".`);
    }
  }
  return lines;
}
