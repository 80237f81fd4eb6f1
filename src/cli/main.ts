import { readFileSync } from "node:fs";
import { helpText, parseCommandLine, type ParsedArgs } from "./args";
import { EXIT, UsageError, processIo, type CliIo } from "./io";
import { SPECS, type CommandName } from "./specs";

/**
 * `ims-offline`: the IMS workbook from the command line, through the same use
 * cases (src/app) and the same layout as the Excel add-in, with the .xlsx host.
 */

type Run = (args: ParsedArgs, io: CliIo) => Promise<number>;

/** Each command is loaded only when it runs, so help and mistakes answer at once. */
const COMMANDS: Record<CommandName, () => Promise<Run>> = {
  import: async () => (await import("./commands/import")).runImport,
  validate: async () => (await import("./commands/validate")).runValidate,
  export: async () => (await import("./commands/export")).runExport,
  "apply-errors": async () => (await import("./commands/apply-errors")).runApplyErrors,
  "mark-processed": async () => (await import("./commands/mark-processed")).runMarkProcessed,
  summary: async () => (await import("./commands/summary")).runSummary,
  reconcile: async () => (await import("./commands/reconcile")).runReconcile,
  demo: async () => (await import("./commands/demo")).runDemo,
};

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

function overview(): string {
  const width = Math.max(...Object.keys(SPECS).map((n) => n.length));
  return [
    "ims-offline: act on your GST IMS records in an Excel workbook, without the add-in.",
    "",
    "Usage: ims-offline <command> [arguments] [options]",
    "",
    "Commands:",
    ...Object.values(SPECS).map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
    "",
    "The usual month: import the download, fill in Action (and Remarks, ITC Reduction) in Excel,",
    "validate, export, upload the JSON on the portal; apply-errors if the portal reports any, then mark-processed.",
    "",
    "New here? Run: ims-offline demo",
    "Help on a command: ims-offline <command> --help",
  ].join("\n");
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** One line, whatever the error: the message, never a stack (IMS_OFFLINE_DEBUG=1 adds it). */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, " ").trim();
}

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.out(overview());
    return EXIT.usage;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    io.out(overview());
    return EXIT.ok;
  }
  if (first === "--version" || first === "-v") {
    io.out(version());
    return EXIT.ok;
  }
  if (!isCommand(first)) {
    io.err(`ims-offline: unknown command "${first}". Commands: ${Object.keys(SPECS).join(", ")}. See ims-offline --help.`);
    return EXIT.usage;
  }
  const spec = SPECS[first];
  try {
    const args = parseCommandLine(spec, rest);
    if (args.help) {
      io.out(helpText(spec));
      return EXIT.ok;
    }
    const run = await COMMANDS[first]();
    return await run(args, io);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.err(`ims-offline ${first}: ${oneLine(message)}`);
    if (process.env.IMS_OFFLINE_DEBUG && error instanceof Error && error.stack) {
      io.err(error.stack);
      // What the message leaves out, such as ExcelJS's own words about a damaged file.
      if (error.cause instanceof Error && error.cause.stack) io.err(`Caused by: ${error.cause.stack}`);
    }
    return error instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
}
