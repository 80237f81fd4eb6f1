import type { ProgressReport } from "../app/contracts";

/**
 * Where a command writes: stdout for results (reports, JSON), stderr for
 * progress and the one-line error. Injected so tests can run commands in process.
 */
export interface CliIo {
  /** A line (or lines) of the result. */
  out(text: string): void;
  /** A line on stderr. */
  err(text: string): void;
  /** Draws over the current stderr line; present only when stderr is a terminal. */
  readonly redraw?: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  ...(process.stderr.isTTY ? { redraw: (text: string) => void process.stderr.write(`\r\x1b[2K${text}`) } : {}),
};

/** Exit codes (docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** The workbook has errors (validate, export). */
  workbookErrors: 1,
  /** The command line is wrong: unknown command or option, missing argument. */
  usage: 2,
  /** The work could not be done: a file is missing, unreadable or not what it should be. */
  failed: 3,
} as const;

/** A mistake in the command line; the message says what to type instead. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * Progress of long work on one terminal line, erased by `end`; nothing at all
 * when stderr is a file or a pipe, so scripts get clean logs.
 */
export function progressLine(io: CliIo): { report: ProgressReport; end: () => void } {
  const { redraw } = io;
  let drawn = false;
  return {
    report: ({ done, total, label }) => {
      if (!redraw) return;
      redraw(`${label}: ${done.toLocaleString("en-IN")} of ${total.toLocaleString("en-IN")}`);
      drawn = true;
    },
    end: () => {
      if (redraw && drawn) redraw("");
      drawn = false;
    },
  };
}
