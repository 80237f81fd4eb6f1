import { parseArgs } from "node:util";
import { UsageError } from "./io";

/** One option of a command, as its help shows it. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** The value's placeholder in help, e.g. "<book.xlsx>". */
  readonly value?: string;
  readonly description: string;
  /** A required option (an output path, for instance): the command refuses to start without it. */
  readonly required?: boolean;
  /** For a file path: the extension it must have (".xlsx": Excel opens workbooks by their extension). */
  readonly extension?: string;
  /** What the file is, for the message when the extension is wrong ("an Excel workbook"). */
  readonly fileKind?: string;
}

/** What a command accepts and how its help reads. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  /** Positional arguments in help order, e.g. ["<book.xlsx>"]; a trailing "..." allows more than one. */
  readonly positionals: readonly string[];
  /** How many positionals are required; the rest are optional. */
  readonly required: number;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Paragraphs after the usage line: what the command does, exit codes. */
  readonly details: readonly string[];
  readonly examples: readonly string[];
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly help: boolean;
}

const HELP: OptionSpec = { type: "boolean", description: "Show this help." };

export function parseCommandLine(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const options = Object.fromEntries(Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => [name, { type: o.type }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${describeParseError(error as Error & { code?: string }, argv)} See ims-offline ${spec.name} --help.`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const help = values.help === true;
  if (!help) {
    const variadic = spec.positionals.some((p) => p.endsWith("..."));
    const given = parsed.positionals.length;
    if (given < spec.required) {
      throw new UsageError(`${spec.positionals[given]} is missing. Usage: ${usageLine(spec)}`);
    }
    if (!variadic && given > spec.positionals.length) {
      throw new UsageError(`unexpected argument "${parsed.positionals[spec.positionals.length]}". Usage: ${usageLine(spec)}`);
    }
    for (const [name, option] of Object.entries(spec.options)) {
      const value = values[name];
      if (option.required && value === undefined) {
        throw new UsageError(`--${name}${option.value ? ` ${option.value}` : ""} is required. Usage: ${usageLine(spec)}`);
      }
      if (option.extension && typeof value === "string" && !value.toLowerCase().endsWith(option.extension)) {
        throw new UsageError(`--${name} must be a ${option.extension} file (${option.fileKind ?? "the file kind expected"}), not "${value}".`);
      }
    }
  }
  return { positionals: parsed.positionals, values, help };
}

function describeParseError(error: Error & { code?: string }, argv: readonly string[]): string {
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'([^']+)'/.exec(error.message)?.[1] ?? argv.find((a) => a.startsWith("-")) ?? "";
    return `unknown option ${option}.`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const option = /'(--?[\w-]+)/.exec(error.message)?.[1] ?? "an option";
    if (/does not take an argument/.test(error.message)) return `${option} takes no value.`;
    return `${option} needs a value (a value starting with "-" is written ${option}=-value).`;
  }
  return error.message.split("\n")[0];
}

export function usageLine(spec: CommandSpec): string {
  const positionals = spec.positionals.map((p, i) => (i < spec.required ? p : `[${p}]`));
  const options = Object.entries(spec.options).map(([name, o]) => {
    const text = `--${name}${o.value ? ` ${o.value}` : ""}`;
    return o.required ? text : `[${text}]`;
  });
  return ["ims-offline", spec.name, ...positionals, ...options].join(" ");
}

export function helpText(spec: CommandSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, o]) => [`--${name}${o.value ? ` ${o.value}` : ""}`, o.description]);
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    `${spec.summary}`,
    "",
    `Usage: ${usageLine(spec)}`,
    "",
    ...spec.details.flatMap((d) => [...wrap(d, 88), ""]),
    "Options:",
    ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`),
    "",
    "Examples:",
    ...spec.examples.map((e) => `  ${e}`),
  ].join("\n");
}

/** Splits a paragraph into lines of at most `width` characters, at spaces. */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A string option's value, or undefined when it was not given. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === "string" ? value : undefined;
}

/** A whole number option (bytes, for instance), refusing anything else with a clear message. */
export function positiveIntegerOption(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text.replace(/_/g, ""));
  if (!/^\d[\d_]*$/.test(text) || !Number.isSafeInteger(value) || value <= 0) {
    throw new UsageError(`--${name} must be a whole number greater than 0, not "${text}".`);
  }
  return value;
}

/** A comma-separated list of whole numbers greater than 0 ("1,2,5"), in the order given. */
export function positiveIntegerListOption(args: ParsedArgs, name: string): number[] | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const items = text.split(",").map((t) => t.trim());
  if (items.some((t) => !/^\d+$/.test(t) || !(Number(t) > 0) || !Number.isSafeInteger(Number(t)))) {
    throw new UsageError(`--${name} takes whole numbers greater than 0, separated by commas (for example --${name} 1,2), not "${text}".`);
  }
  return items.map(Number);
}

/** A decimal number option ≥ 0 (a tolerance in rupees, for instance). */
export function nonNegativeNumberOption(args: ParsedArgs, name: string): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${name} must be a number of 0 or more, not "${text}".`);
  }
  return value;
}
