/**
 * What the faces (task pane, command line) can ask of the product. Each use case
 * takes a workbook gateway and reports progress; none of them knows which
 * spreadsheet host it runs on.
 */

/** Progress of long work: `done` of `total` units (records or rows), with a short label. */
export type ProgressReport = (progress: { done: number; total: number; label: string }) => void;

export interface WorkOptions {
  readonly progress?: ProgressReport;
  /** Cancels between blocks; the workbook is left as it was before the cancelled step began, or consistent. */
  readonly signal?: AbortSignal;
}

/** One finding placed in the workbook: the worksheet row number and the header text of its column. */
export interface SheetFinding {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly code: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
}
