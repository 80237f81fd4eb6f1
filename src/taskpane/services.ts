import type { SheetFinding, WorkOptions } from "../app/contracts";
import type { ProcessedResult } from "../app/processed";
import type { InputFile } from "../ims/download/files";
import type { ActionCode } from "../ims/decision";
import type { Summary } from "../ims/summary";
import type { UploadFile, UploadNotice } from "../ims/upload";
import type { UploadPart } from "../workbook/last-upload";
import type { ReconcileServices } from "./worker/reconcile-use-cases";

/**
 * What the pane's buttons can do: the use cases of src/app, run in the pane's
 * worker against this workbook's gateway. Components receive this and nothing
 * else, so they never touch Office.js or the workbook directly.
 */
export interface PaneServices extends ReconcileServices {
  /** "Excel" or "Excel (browser preview)". */
  readonly hostName: string;

  /** What the workbook holds now (on opening the pane, and after each import). */
  status(): Promise<WorkbookStatus>;
  openDownloads(files: InputFile[], options: WorkOptions & RecipientOption): Promise<ImportOutcome>;
  validate(options: WorkOptions & RecipientOption): Promise<ValidationOutcome>;
  showOnlyRowsWithErrors(): Promise<number>;
  clearFilters(): Promise<void>;
  selectFinding(finding: SheetFinding): Promise<void>;
  /** Generates the upload; a recipient GSTIN entered in the pane is kept in the workbook. */
  generateUpload(options: WorkOptions & RecipientOption): Promise<PaneUpload>;
  openErrorFiles(files: InputFile[], options: WorkOptions): Promise<ErrorFileOutcome>;
  /** The files of the last upload, part 1 first, and whether each is marked processed; none when there is no upload. */
  lastUploadParts(): Promise<UploadPart[]>;
  /** Takes the files of the last upload given by number ("all": every one not yet marked) as processed by the portal: their records without portal errors stand as sent. */
  markUploadProcessed(parts: readonly number[] | "all", options: WorkOptions): Promise<ProcessedOutcome>;
  summarise(options: WorkOptions): Promise<Summary>;
  setAction(request: BulkRequest, options: WorkOptions): Promise<BulkOutcome>;
  /** Section sheets present in the workbook, for the bulk "rows the filter shows" choice. */
  sectionSheets(): Promise<string[]>;
}

/** How many records of the upload now stand as sent, kept their starting point, or had no row; which files were marked. */
export type ProcessedOutcome = ProcessedResult;
export type { UploadPart };

export interface RecipientOption {
  /** The recipient GSTIN the user entered in the pane, when the download does not carry one. */
  readonly recipientGstin?: string;
}

export interface WorkbookStatus {
  readonly records: number;
  /** From the download, or as entered earlier; undefined when neither. */
  readonly recipientGstin: string | undefined;
  readonly recipientSource: "download" | "entered" | undefined;
}

export interface Notice {
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
}

export interface ImportOutcome {
  readonly records: number;
  readonly sheets: readonly { sheet: string; rows: number }[];
  /** The reader's notices and what the merge with earlier data kept, reset or lost. */
  readonly notices: readonly Notice[];
  /** True when neither the download nor the workbook names the recipient GSTIN. */
  readonly needsRecipientGstin: boolean;
}

export interface ValidationOutcome {
  /** Every finding placed on its cell; whole-workbook ones sit on the Home sheet. */
  readonly findings: readonly SheetFinding[];
  readonly errors: number;
  readonly warnings: number;
}

/** The upload result, without the record lists the pane does not show. */
export type PaneUpload =
  | { readonly kind: "refused"; readonly reasons: readonly string[] }
  | { readonly kind: "nothing-changed"; readonly message: string; readonly notices: readonly UploadNotice[] }
  | { readonly kind: "files"; readonly files: readonly UploadFile[]; readonly notices: readonly UploadNotice[] };

export interface ErrorFileOutcome {
  /** Rows marked in the sheets. */
  readonly marked: readonly SheetFinding[];
  /** Errors that match no row, with the portal's message and what to do. */
  readonly unmatched: readonly { readonly description: string; readonly message: string; readonly guidance: string }[];
  /** The whole upload was refused (no row marked). */
  readonly requestFailures: readonly { readonly message: string; readonly guidance: string }[];
  /** Each error code met, with what it means and what to do. */
  readonly codes: readonly { readonly code: string; readonly meaning: string; readonly guidance: string }[];
  readonly notices: readonly Notice[];
}

export type BulkTarget = { readonly kind: "selected" } | { readonly kind: "visible"; readonly sheet: string };

export interface BulkRequest {
  readonly target: BulkTarget;
  readonly action: ActionCode;
  /** Undefined leaves each row's remarks as they are. */
  readonly remarks: string | undefined;
}

export interface BulkOutcome {
  readonly sheet: string;
  readonly rows: number;
  /** Rows left alone, with the reason (worksheet row numbers). */
  readonly skipped: readonly { readonly row: number; readonly reason: string }[];
  /** What validation says about the edited rows. */
  readonly findings: readonly SheetFinding[];
}
