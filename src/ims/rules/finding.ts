/**
 * A problem (or a note) the rules found on one record. Error blocks generation;
 * warning and info inform (ims-rules "Severity").
 */
export type Severity = "error" | "warning" | "info";

/** The part of a decision (or of the record) a finding points at; the workbook maps it to a column. */
export type FindingField =
  | "action"
  | "remarks"
  | "itc"
  | "declIgst"
  | "declCgst"
  | "declSgst"
  | "declCess"
  | "record"
  /** Whole-export findings: the recipient GSTIN the upload is for (FMT-01, FMT-02). */
  | "recipientGstin"
  /** Whole-export findings that belong to no single cell (export summary). */
  | "export";

export interface Finding {
  /** Stable rule code from docs/rules.md, e.g. "ACT-01". */
  readonly code: string;
  readonly severity: Severity;
  readonly field: FindingField;
  /** Plain words: what is wrong and how to fix it. */
  readonly message: string;
  /** Where the rule comes from (GSTN advisory, FAQ, or the spec section). */
  readonly source: string;
}
