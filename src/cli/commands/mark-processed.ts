import { markUploadProcessed, NothingToMarkError, type ProcessedResult } from "../../app/processed";
import { positiveIntegerListOption, type ParsedArgs } from "../args";
import { onWorkbook, openWorkbook } from "../files";
import { EXIT, type CliIo } from "../io";

const records = (n: number) => `${n.toLocaleString("en-IN")} record${n === 1 ? "" : "s"}`;

export function describeProcessed(path: string, result: ProcessedResult): string[] {
  const one = (n: number, singular: string, plural: string) => (n === 1 ? singular : plural);
  const { rebased, withPortalErrors, withoutRow } = result;
  const lines = [`${records(rebased)} of the last upload now ${one(rebased, "stands", "stand")} as sent in ${path}: the next export leaves ${one(rebased, "it", "them")} out unless you change ${one(rebased, "it", "them")} again.`];
  if (withPortalErrors > 0) {
    lines.push(`${records(withPortalErrors)} with portal errors ${one(withPortalErrors, "keeps its", "keep their")} starting point: correct ${one(withPortalErrors, "it", "them")}, then export again.`);
  }
  if (withoutRow > 0) lines.push(`${records(withoutRow)} of the upload no longer ${one(withoutRow, "has a row in the workbook and was", "have a row in the workbook and were")} left as ${one(withoutRow, "it was", "they were")}.`);
  if (result.parts > 1) {
    lines.push(`Marked part${result.marked.length === 1 ? "" : "s"} ${result.marked.join(", ")} of the ${result.parts} the upload was split into.`);
    if (result.stillToMark.length > 0) lines.push(`Still to mark once the portal has processed them: part${result.stillToMark.length === 1 ? "" : "s"} ${result.stillToMark.join(", ")} (--parts ${result.stillToMark.join(",")}).`);
  }
  return lines;
}

export async function runMarkProcessed(args: ParsedArgs, io: CliIo): Promise<number> {
  const [path] = args.positionals;
  const parts = positiveIntegerListOption(args, "parts") ?? "all";
  const book = await openWorkbook(path);
  const outcome = await onWorkbook(path, async () => {
    try {
      return await markUploadProcessed(book, parts);
    } catch (error) {
      if (error instanceof NothingToMarkError) return error;
      throw error;
    }
  });
  if (outcome instanceof NothingToMarkError) {
    io.err(`ims-offline: ${outcome.message}`);
    return EXIT.workbookErrors;
  }
  await onWorkbook(path, () => book.save(path));
  io.out(args.values.json === true ? JSON.stringify(outcome, null, 2) : describeProcessed(path, outcome).join("\n"));
  return EXIT.ok;
}
