import { basename, dirname, extname, join } from "node:path";
import { generateUpload } from "../../app/generate";
import { writeFilesAtomically } from "../../hosts/xlsx/atomic-write";
import type { UploadFile } from "../../ims/upload";
import { positiveIntegerOption, stringOption, type ParsedArgs } from "../args";
import { onWorkbook, openWorkbook, requireFolderOf } from "../files";
import { EXIT, progressLine, type CliIo } from "../io";

/**
 * Where each upload file goes: the --out path itself for one file;
 * <name>-part1.json, <name>-part2.json ... beside it when the upload is split.
 */
export function uploadPaths(out: string, count: number): string[] {
  if (count === 1) return [out];
  const extension = extname(out);
  const stem = join(dirname(out), basename(out, extension));
  return Array.from({ length: count }, (_, i) => `${stem}-part${i + 1}${extension || ".json"}`);
}

function plural(n: number, one: string): string {
  return `${n.toLocaleString("en-IN")} ${one}${n === 1 ? "" : "s"}`;
}

export async function runExport(args: ParsedArgs, io: CliIo): Promise<number> {
  const path = args.positionals[0];
  const out = stringOption(args, "out") as string;
  const maxBytes = positiveIntegerOption(args, "max-bytes");
  await requireFolderOf(out);
  const book = await openWorkbook(path);

  const progress = progressLine(io);
  const gstin = stringOption(args, "gstin");
  const result = await onWorkbook(path, () => generateUpload(book, {
    now: new Date(),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(gstin !== undefined ? { recipientGstin: gstin } : {}),
    progress: progress.report,
  })).finally(progress.end);

  if (result.kind === "refused") {
    // Nothing is written, neither the upload nor the workbook: `validate` marks the rows.
    const { reasons } = result;
    io.out([
      `${path}: no upload written. Fix first:`,
      ...reasons.map((r) => `  ${r}`),
      "",
      `ims-offline validate ${path} marks the rows with errors in the workbook.`,
    ].join("\n"));
    io.err(`ims-offline export: nothing was written: ${reasons.length === 1 ? reasons[0] : `${reasons.length} errors stand (listed above).`}`);
    return EXIT.workbookErrors;
  }
  if (result.kind === "nothing-changed") {
    io.out(`${result.message} No file was written.`);
    return EXIT.ok;
  }

  const paths = uploadPaths(out, result.files.length);
  await writeFilesAtomically(result.files.map((file: UploadFile, i) => ({ path: paths[i], bytes: file.text })));
  // The workbook remembers what was uploaded, so the portal's error file is matched to it later.
  await book.save(path);

  const lines = [`Wrote ${plural(result.uploaded.length, "record")} to upload:`];
  result.files.forEach((file, i) => lines.push(`  ${paths[i]}  (${plural(file.recordCount, "record")})`));
  // Warnings all; notes only where they sum up (a note per record repeats what validate lists).
  for (const notice of result.notices) {
    if (notice.severity === "warning") lines.push(`Warning: ${notice.message} (${notice.code})`);
    else if (notice.recordKeys.length !== 1) lines.push(`Note: ${notice.message} (${notice.code})`);
  }
  lines.push(
    "",
    result.files.length > 1
      ? "Upload each file on the portal: IMS Dashboard > Offline > Upload, one after the other."
      : "Upload it on the portal: IMS Dashboard > Offline > Upload.",
    `If the portal reports errors, download its error file and run: ims-offline apply-errors <error-file.json> ${path}`,
  );
  io.out(lines.join("\n"));
  return EXIT.ok;
}
