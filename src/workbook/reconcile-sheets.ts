import { actionLabel, itcChoiceLabel } from "../ims/decision";
import type { MatchStatus, RecordMatch, RegisterMiss, Suggestion } from "../ims/reconcile";
import { placeOfSupplyLabel } from "../ims/states";
import { excelSerialOf } from "./display";
import type { CellValue, ColumnSpec, SheetSpec } from "./gateway";
import type { ColumnId } from "./section-sheet";

/**
 * The workbook side of reconciling with the purchase register (docs/reconcile.md,
 * "In the product"): the sheet the user pastes their books into, the listing of
 * books rows IMS does not have, and the texts of the reconciliation columns of
 * the section sheets.
 */

export const PURCHASE_REGISTER_SHEET = "Purchase Register";

/** What the empty Purchase Register sheet says in cell A1; pasting over it is expected. */
export const PURCHASE_REGISTER_GUIDANCE =
  "Paste your purchase register here, with its header row, from cell A1 (over this note) or from A2. "
  + "Columns are recognised by their headers: Supplier GSTIN, Invoice No., Invoice Date, Taxable Value, IGST, CGST, SGST, Cess. "
  + "Title rows above the header (as Tally exports them) are fine.";

/** Columns formatted as text, so typed dates and numbers stay as typed (read day first), never reinterpreted by Excel's locale. */
const REGISTER_TEXT_COLUMNS = 30;

/**
 * The user's sheet: created empty with the guidance in A1, never protected,
 * never rewritten once it exists. The reader finds the header row itself
 * (locateHeader), so it does not matter where the paste starts.
 */
export const PURCHASE_REGISTER_SPEC: SheetSpec = {
  name: PURCHASE_REGISTER_SHEET,
  columns: Array.from({ length: REGISTER_TEXT_COLUMNS }, (_, i): ColumnSpec => ({
    header: i === 0 ? PURCHASE_REGISTER_GUIDANCE : "",
    kind: "text",
    width: 16,
    editable: true,
  })),
  visibility: "visible",
  grid: false,
  tabColor: "#7A4EAB",
};

export const MISSING_IN_IMS_SHEET = "Missing in IMS";

const MISSING_COLUMNS: readonly ColumnSpec[] = [
  { header: "Supplier GSTIN", kind: "text", width: 17, editable: false },
  { header: "Supplier Name", kind: "text", width: 30, editable: false },
  { header: "Document Type", kind: "text", width: 14, editable: false },
  { header: "Document No", kind: "text", width: 18, editable: false },
  { header: "Document Date", kind: "date", width: 12, editable: false },
  { header: "Taxable Value", kind: "amount", width: 15, editable: false },
  { header: "IGST", kind: "amount", width: 13, editable: false },
  { header: "CGST", kind: "amount", width: 13, editable: false },
  { header: "SGST", kind: "amount", width: 13, editable: false },
  { header: "Cess", kind: "amount", width: 11, editable: false },
  { header: "Place of Supply", kind: "text", width: 18, editable: false },
  { header: "Register Row", kind: "integer", width: 10, editable: false },
  { header: "Details", kind: "text", width: 70, editable: false },
];

/** Rows of the books that no IMS record matched: rewritten by every reconciliation. */
export const MISSING_IN_IMS_SPEC: SheetSpec = {
  name: MISSING_IN_IMS_SHEET,
  columns: MISSING_COLUMNS,
  visibility: "visible",
  grid: true,
  tabColor: "#7A4EAB",
};

const KIND_LABEL = { invoice: "Invoice", "credit-note": "Credit Note", "debit-note": "Debit Note" } as const;

/** A register amount: absent column = empty cell (not compared), otherwise the amount as booked. */
const amount = (value: number | undefined): number | null => (value === undefined ? null : value);

/** One row of the Missing in IMS sheet, in MISSING_COLUMNS order. */
export function missingInImsRow(miss: RegisterMiss): CellValue[] {
  const e = miss.entry;
  return [
    e.supplierGstin,
    e.supplierName,
    e.documentType === "" ? KIND_LABEL[e.kind] : e.documentType,
    e.documentNumber,
    excelSerialOf(e.documentDate),
    amount(e.taxableValue), amount(e.igst), amount(e.cgst), amount(e.sgst), amount(e.cess),
    e.placeOfSupply === "" ? "" : placeOfSupplyLabel(e.placeOfSupply),
    e.row,
    miss.summary,
  ];
}

export const MATCH_STATUS_LABELS: Readonly<Record<MatchStatus | "missing-in-ims", string>> = {
  exact: "Exact",
  probable: "Probable",
  mismatch: "Mismatch",
  "missing-in-books": "Missing in books",
  "missing-in-ims": "Missing in IMS",
};

/** The reconciliation columns of a section sheet. */
export type MatchColumnId = Extract<ColumnId, "matchStatus" | "matchDetails" | "suggestedAction" | "suggestedRemarks" | "reviewNeeded">;
export const MATCH_COLUMNS: readonly MatchColumnId[] = ["matchStatus", "matchDetails", "suggestedAction", "suggestedRemarks", "reviewNeeded"];

/** The suggestion as the Suggested Action cell shows it: "Accept (ITC reduction: Full)"; empty when nothing is suggested. */
export function suggestedActionText(suggestion: Suggestion): string {
  if (suggestion.flagged) return "";
  return suggestion.itc ? `${actionLabel(suggestion.action)} (ITC reduction: ${itcChoiceLabel(suggestion.itc)})` : actionLabel(suggestion.action);
}

/** What a row's reconciliation cells say about its match and its suggestion. */
export function matchCells(match: RecordMatch, suggestion: Suggestion): Record<MatchColumnId, CellValue> {
  const notes = [match.summary];
  if (match.sameDocumentInIms.length > 0) {
    notes.push(`IMS holds this document ${match.sameDocumentInIms.length + 1} times: check for a duplicate.`);
  }
  if (match.status !== "missing-in-books" && match.sameDocumentInBooks.length > 0) {
    notes.push(`The books also hold it on row${match.sameDocumentInBooks.length === 1 ? "" : "s"} ${match.sameDocumentInBooks.join(", ")}: booked twice?`);
  }
  // The reason says why a suggestion needs a look (or why there is none); for the rest the status says it.
  if (suggestion.needsReview) notes.push(`Review: ${suggestion.reason}`);
  return {
    matchStatus: MATCH_STATUS_LABELS[match.status],
    matchDetails: notes.join(" "),
    suggestedAction: suggestedActionText(suggestion),
    suggestedRemarks: suggestion.flagged ? "" : suggestion.remarks ?? "",
    reviewNeeded: suggestion.needsReview ? "Yes" : "",
  };
}
