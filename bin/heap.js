// How much memory the command line asks Node for. The .xlsx host (ExcelJS)
// holds the whole workbook in memory, every cell an object: about 2.2 GB of
// heap at 1,00,000 records and 6 GB at 2,50,000 (docs/cli.md). Node's default
// heap (about 4 GB) runs out before the largest downloads the product reads,
// so bin/ims-offline.js runs the command in a child process with a larger one.

export const MIB = 1024 * 1024;
/** The share of the machine's memory the command may use. */
const SHARE = 0.75;

/**
 * The heap, in MiB, to run the command with (`--max-old-space-size`), or
 * undefined to keep Node's: when the user chose a heap size (on the command
 * line or in NODE_OPTIONS), or when the default is already as large.
 * @param {{ totalMemory: number, heapLimit: number, execArgv: readonly string[], nodeOptions: string | undefined }} machine
 * @returns {number | undefined}
 */
export function largerHeap({ totalMemory, heapLimit, execArgv, nodeOptions }) {
  const chosen = [...execArgv, ...(nodeOptions ?? "").split(/\s+/)].some((arg) => /^--max[-_]old[-_]space[-_]size\b/.test(arg));
  if (chosen) return undefined;
  const megabytes = Math.floor((totalMemory * SHARE) / MIB);
  return megabytes * MIB > heapLimit ? megabytes : undefined;
}

/**
 * Whether a child ended as V8 ends a process out of heap: it aborts
 * (SIGABRT, or exit status 134 where a shell reports the signal).
 * @param {number | null} code
 * @param {NodeJS.Signals | null} signal
 */
export function ranOutOfMemory(code, signal) {
  return signal === "SIGABRT" || code === 134;
}
