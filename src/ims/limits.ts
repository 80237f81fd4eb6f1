import { ImsFileError } from "./file-error";

/**
 * The largest inputs the product accepts. Beyond them a reader stops with a
 * message naming the file and the limit, before the input can exhaust the
 * memory of the task pane (a browser web view, whose JavaScript heap is a few GB)
 * or of the command line. The figures and how they were measured are in
 * docs/performance.md: 250,000 records were read, shown, validated and
 * uploaded on a 2-core machine; these limits leave headroom above that.
 */

const MB = 1024 * 1024;

export const LIMITS = {
  /**
   * JSON read in one go: every file picked together, zips counted by the size
   * of the JSON inside them. 300,000 records take about 120 MB (180 MB indented);
   * a JavaScript string cannot exceed 512 MB, so no limit could go much higher.
   */
  inputBytes: 256 * MB,
  /** IMS records in the downloads read together: one workbook's worth (250,000 measured, 20 % headroom). */
  records: 300_000,
  /** Documents named by the portal's error files read together: an error names a record, so no more than there can be records. */
  portalErrors: 300_000,
  /** Data rows of a purchase register: the books may hold purchases IMS never shows, so more than the records. */
  registerRows: 500_000,
  /**
   * Levels of nesting in a JSON file. The portal's files nest four or five
   * levels; thousands of levels would overflow the stack of every later step
   * that walks a value (comparing duplicates, storing the record in the workbook).
   */
  nesting: 64,
} as const;

/**
 * "256 MB", "1.5 MB": sizes as a file manager shows them. Rounded up, so a
 * file just over a limit never reads as equal to it.
 */
export function formatSize(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.ceil(mb) : Math.ceil(mb * 10) / 10} MB`;
}

const count = (n: number): string => n.toLocaleString("en-IN");

/**
 * Counts the bytes of the files read together and refuses the file that takes
 * the total over the limit, before its text is decoded.
 */
export class InputSizeBudget {
  private used = 0;

  constructor(private readonly limit: number = LIMITS.inputBytes) {}

  take(file: string, bytes: number): void {
    this.used += bytes;
    if (this.used <= this.limit) return;
    const alone = bytes === this.used;
    throw new ImsFileError(
      file,
      alone
        ? `is ${formatSize(bytes)}; the most this version reads is ${formatSize(this.limit)}. Check that it is the file downloaded from the portal.`
        : `takes the files read together to ${formatSize(this.used)}; the most this version reads at once is ${formatSize(this.limit)}. Read fewer files at a time.`,
    );
  }
}

/**
 * Counts records (or errors, or register rows) as a reader meets them, and
 * refuses before it builds them when the count passes the limit.
 */
export class CountBudget {
  private used = 0;

  constructor(
    private readonly limit: number,
    /** What is counted, in the plural: "IMS records". */
    private readonly what: string,
    /** What the user can do about it. */
    private readonly advice: string,
  ) {}

  take(file: string, n: number): void {
    this.used += n;
    if (this.used <= this.limit) return;
    throw new ImsFileError(
      file,
      `holds more than ${count(this.limit)} ${this.what}${n === this.used ? "" : " together with the files read before it"}, the most this version reads at once. ${this.advice}`,
    );
  }
}

export function downloadRecordBudget(limit: number = LIMITS.records): CountBudget {
  return new CountBudget(limit, "IMS records", "Load fewer files at a time, each set into its own workbook.");
}

export function portalErrorBudget(limit: number = LIMITS.portalErrors): CountBudget {
  return new CountBudget(limit, "portal errors", "This is not an error file of an upload made by this product; choose the error file of one upload.");
}

export function registerRowBudget(limit: number = LIMITS.registerRows): CountBudget {
  return new CountBudget(limit, "rows", "Export the purchase register for a shorter period (for example one quarter) and reconcile each part.");
}

function pushIfNested(child: unknown, depth: number, values: object[], depths: number[]): void {
  if (typeof child === "object" && child !== null) {
    values.push(child);
    depths.push(depth);
  }
}

/**
 * Whether a parsed JSON value nests deeper than `max` levels (a scalar is
 * level 0). Iterative, so the check itself cannot overflow the stack.
 */
export function nestedDeeperThan(root: unknown, max: number = LIMITS.nesting): boolean {
  if (typeof root !== "object" || root === null) return false;
  const values: object[] = [root];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop()!;
    const depth = depths.pop()! + 1;
    if (depth > max) return true;
    // Indexes and for…in rather than Object.values: no list is built for each of a file's objects.
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) pushIfNested(value[i], depth, values, depths);
    } else {
      for (const key in value) pushIfNested((value as Record<string, unknown>)[key], depth, values, depths);
    }
  }
  return false;
}
