import { ACTIONS, ITC_CHOICES, TAX_HEADS, actionLabel, isUnreadable, itcChoiceLabel, type ActionCode, type Decision, type DeclaredAmount, type TaxHead, type Unreadable } from "../ims/decision";
import type { ImsRecord } from "../ims/record";
import type { FindingField } from "../ims/rules/finding";
import { SECTIONS, type SectionKey, type SectionSpec } from "../ims/sections";
import { placeOfSupplyLabel } from "../ims/states";
import { COLOURS } from "./colours";
import { excelSerialOf, filingStatusLabel, returnPeriodLabel, sourceFormLabel, yesNo } from "./display";
import type { CellValue, ColumnSpec, SheetSpec } from "./gateway";

/**
 * The layout of a section sheet, derived from the section table: adding a
 * section in src/ims/sections.ts adds its sheet. Header texts are a contract
 * (docs/workbook.md): readers find columns by header, never by position.
 */

export const HEADERS = {
  supplierGstin: "Supplier GSTIN",
  supplierName: "Supplier Name",
  originalNumber: "Original Document No",
  originalDate: "Original Document Date",
  documentNumber: "Document No",
  documentDate: "Document Date",
  invoiceType: "Invoice Type",
  value: "Document Value",
  placeOfSupply: "Place of Supply",
  taxableValue: "Taxable Value",
  igst: "IGST",
  cgst: "CGST",
  sgst: "SGST",
  cess: "Cess",
  action: "Action",
  remarks: "Remarks",
  itc: "ITC Reduction",
  declIgst: "Declared IGST",
  declCgst: "Declared CGST",
  declSgst: "Declared SGST",
  declCess: "Declared Cess",
  sheetErrors: "Sheet Errors",
  portalErrors: "Portal Errors",
  previousAction: "Previous Action",
  sourceForm: "Source Form",
  returnPeriod: "Return Period",
  filingStatus: "Supplier Filing Status",
  pendingBlocked: "Pending Blocked",
  remarksBlocked: "Remarks Blocked",
  itcBlocked: "ITC Reduction Blocked",
  importNotes: "Import Notes",
  recordKey: "Record Key",
  errorCodes: "Error Codes",
  errorCells: "Error Cells",
  matchStatus: "Match Status",
  matchDetails: "Match Details",
  suggestedAction: "Suggested Action",
  suggestedRemarks: "Suggested Remarks",
  reviewNeeded: "Review Needed",
} as const;

export type ColumnId = keyof typeof HEADERS;

/** The declared-amount column of each tax head. */
export const DECLARED_COLUMN: Readonly<Record<TaxHead, ColumnId>> = {
  igst: "declIgst", cgst: "declCgst", sgst: "declSgst", cess: "declCess",
};

/** What one row shows: the record, the decision in the editable cells, and a note from the last import. */
export interface RowContent {
  readonly record: ImsRecord;
  readonly decision: Decision;
  readonly importNote?: string;
}

interface ColumnDefinition extends Omit<ColumnSpec, "header"> {
  readonly id: ColumnId;
  /** Whether the section has this column (e.g. the ITC columns only where the declaration applies). */
  readonly in?: (spec: SectionSpec) => boolean;
  readonly cell: (row: RowContent) => CellValue;
}

const hasOriginal = (s: SectionSpec) => s.isAmendment;
const hasInvoiceType = (s: SectionSpec) => s.hasInvoiceType;
const hasDeclaration = (s: SectionSpec) => s.itcDeclaration;

/** An action as its dropdown label; an unreadable one as the text it was. */
export function actionCellText(action: ActionCode | Unreadable): string {
  return isUnreadable(action) ? action.unreadable : actionLabel(action);
}

/** An ITC-reduction choice as its dropdown label; an unreadable one as the text it was; none as an empty cell. */
export function itcCellText(itc: Decision["itc"]): string | null {
  if (itc === null) return null;
  return isUnreadable(itc) ? itc.unreadable : itcChoiceLabel(itc);
}

/**
 * A declared amount. Unreadable text is not written back into a number column
 * (a string there could turn into a formula or a number); the import report
 * lists it instead (MergeReport.notWritten).
 */
function amountCell(value: DeclaredAmount): number | null {
  return value === null || isUnreadable(value) ? null : value;
}

/** The note on a downloaded date that is not a calendar date (the cell is left empty), if it is one. */
function notCalendarDate(label: string, text: string | undefined): string | undefined {
  return text === undefined || text === "" || excelSerialOf(text) !== null ? undefined : `${label} as downloaded: "${text}" (not a calendar date).`;
}

/** The merge's note, plus the downloaded text of any date that is not a real date (its cell stays empty). */
function importNotes(row: RowContent): string | null {
  const { record } = row;
  const date = notCalendarDate("Document date", record.documentDate);
  const original = notCalendarDate("Original document date", record.originalDate);
  if (!row.importNote && date === undefined && original === undefined) return null;
  return [row.importNote, date, original].filter((n) => n !== undefined && n !== "").join(" ");
}

const ACTION_LIST = ACTIONS.map((a) => a.label);
const ITC_LIST = ITC_CHOICES.map((c) => c.label);

/** Every column a section sheet can have, in sheet order. */
const COLUMNS: readonly ColumnDefinition[] = [
  { id: "supplierGstin", kind: "text", width: 17, editable: false, cell: (r) => r.record.supplierGstin },
  { id: "supplierName", kind: "text", width: 30, editable: false, cell: (r) => r.record.supplierName },
  { id: "originalNumber", kind: "text", width: 18, editable: false, in: hasOriginal, cell: (r) => r.record.originalNumber ?? "" },
  { id: "originalDate", kind: "date", width: 12, editable: false, in: hasOriginal, cell: (r) => excelSerialOf(r.record.originalDate ?? "") },
  { id: "documentNumber", kind: "text", width: 18, editable: false, cell: (r) => r.record.documentNumber },
  { id: "documentDate", kind: "date", width: 12, editable: false, cell: (r) => excelSerialOf(r.record.documentDate) },
  { id: "invoiceType", kind: "text", width: 9, editable: false, in: hasInvoiceType, cell: (r) => r.record.invoiceType ?? "" },
  { id: "value", kind: "amount", width: 15, editable: false, cell: (r) => r.record.value },
  { id: "placeOfSupply", kind: "text", width: 18, editable: false, cell: (r) => placeOfSupplyLabel(r.record.placeOfSupply) },
  { id: "taxableValue", kind: "amount", width: 15, editable: false, cell: (r) => r.record.taxableValue },
  { id: "igst", kind: "amount", width: 13, editable: false, cell: (r) => r.record.igst },
  { id: "cgst", kind: "amount", width: 13, editable: false, cell: (r) => r.record.cgst },
  { id: "sgst", kind: "amount", width: 13, editable: false, cell: (r) => r.record.sgst },
  { id: "cess", kind: "amount", width: 11, editable: false, cell: (r) => r.record.cess },
  { id: "action", kind: "text", width: 12, editable: true, list: ACTION_LIST, cell: (r) => actionCellText(r.decision.action) },
  { id: "remarks", kind: "text", width: 36, editable: true, cell: (r) => r.decision.remarks },
  { id: "itc", kind: "text", width: 14, editable: true, list: ITC_LIST, in: hasDeclaration, cell: (r) => itcCellText(r.decision.itc) },
  ...TAX_HEADS.map((head): ColumnDefinition => ({
    id: DECLARED_COLUMN[head], kind: "amount", width: 14, editable: true, in: hasDeclaration, cell: (r) => amountCell(r.decision.declared[head]),
  })),
  // Errors are empty after an import: Validate and the portal's error file fill them.
  { id: "sheetErrors", kind: "text", width: 40, editable: false, cell: () => null },
  { id: "portalErrors", kind: "text", width: 40, editable: false, cell: () => null },
  {
    id: "previousAction", kind: "text", width: 12, editable: false,
    cell: (r) => actionCellText(r.record.downloaded.action),
  },
  { id: "sourceForm", kind: "text", width: 11, editable: false, cell: (r) => sourceFormLabel(r.record.sourceForm) },
  { id: "returnPeriod", kind: "text", width: 10, editable: false, cell: (r) => returnPeriodLabel(r.record.returnPeriod) },
  { id: "filingStatus", kind: "text", width: 12, editable: false, cell: (r) => filingStatusLabel(r.record.supplierFiled, r.record.filingStatusText) },
  { id: "pendingBlocked", kind: "text", width: 9, editable: false, cell: (r) => yesNo(r.record.pendingBlocked) },
  { id: "remarksBlocked", kind: "text", width: 9, editable: false, cell: (r) => yesNo(r.record.remarksBlocked) },
  { id: "itcBlocked", kind: "text", width: 11, editable: false, in: hasDeclaration, cell: (r) => yesNo(r.record.itcDeclarationBlocked) },
  { id: "importNotes", kind: "text", width: 40, editable: false, cell: importNotes },
  { id: "recordKey", kind: "text", width: 20, editable: false, hidden: true, cell: (r) => r.record.key },
  { id: "errorCodes", kind: "text", width: 12, editable: false, hidden: true, cell: () => null },
  { id: "errorCells", kind: "text", width: 12, editable: false, hidden: true, cell: () => null },
  // Reconciliation with the purchase register fills these (src/app/reconcile.ts); an import leaves them empty.
  { id: "matchStatus", kind: "text", width: 16, editable: false, cell: () => null },
  { id: "matchDetails", kind: "text", width: 60, editable: false, cell: () => null },
  { id: "suggestedAction", kind: "text", width: 22, editable: false, cell: () => null },
  { id: "suggestedRemarks", kind: "text", width: 40, editable: false, cell: () => null },
  { id: "reviewNeeded", kind: "text", width: 9, editable: false, cell: () => null },
];

export interface SectionLayout {
  readonly section: SectionSpec;
  readonly sheet: SheetSpec;
  /** The column ids in sheet order. */
  readonly ids: readonly ColumnId[];
  /** The 0-based column of an id, or -1 when the section has no such column. */
  column(id: ColumnId): number;
  /** The cells of one data row. */
  row(content: RowContent): CellValue[];
}

function buildLayout(section: SectionSpec): SectionLayout {
  const defs = COLUMNS.filter((c) => c.in === undefined || c.in(section));
  const ids = defs.map((d) => d.id);
  const column = (id: ColumnId) => ids.indexOf(id);
  const columns: ColumnSpec[] = defs.map(({ id, kind, width, editable, list, hidden }) => ({
    header: HEADERS[id],
    kind,
    width,
    editable,
    ...(list ? { list } : {}),
    ...(hidden ? { hidden } : {}),
  }));
  const cellColumns = defs.filter((d) => d.editable).map((d) => column(d.id));
  const sheet: SheetSpec = {
    name: section.sheetName,
    columns,
    visibility: "visible",
    grid: true,
    tabColor: COLOURS.sectionTab,
    highlights: [
      // A sheet error marks the row and the cells it points at (Error Cells holds "|Action|Remarks|").
      { column: column("errorCells"), fill: COLOURS.errorRow, cellColumns, cellFill: COLOURS.errorCell },
      { column: column("portalErrors"), fill: COLOURS.portalErrorRow },
    ],
  };
  const cells = defs.map((d) => d.cell);
  const row = (content: RowContent): CellValue[] => {
    const values: CellValue[] = new Array(cells.length);
    for (let i = 0; i < cells.length; i++) values[i] = cells[i](content);
    return values;
  };
  return { section, sheet, ids, column, row };
}

const LAYOUTS = new Map<SectionKey, SectionLayout>(SECTIONS.map((s) => [s.key, buildLayout(s)]));

export function sectionLayout(key: SectionKey): SectionLayout {
  return LAYOUTS.get(key)!;
}

/** The cells of every row, by section, in the order given: one pass over the rows rather than one per section. */
export function sheetRowsBySection(rows: readonly RowContent[]): ReadonlyMap<SectionKey, CellValue[][]> {
  const bySection = new Map<SectionKey, CellValue[][]>(SECTIONS.map((s) => [s.key, []]));
  for (const row of rows) bySection.get(row.record.section)!.push(sectionLayout(row.record.section).row(row));
  return bySection;
}

/** All section layouts, in the section table's order. */
export function sectionLayouts(): SectionLayout[] {
  return SECTIONS.map((s) => sectionLayout(s.key));
}

export function layoutBySheetName(name: string): SectionLayout | undefined {
  return sectionLayouts().find((l) => l.sheet.name === name);
}

/** The header of the column a rule finding points at ("record" findings point at the document number). */
type CellField = Exclude<FindingField, "recipientGstin" | "export">;

const FIELD_HEADERS: Readonly<Record<CellField, string>> = {
  action: HEADERS.action,
  remarks: HEADERS.remarks,
  itc: HEADERS.itc,
  declIgst: HEADERS.declIgst,
  declCgst: HEADERS.declCgst,
  declSgst: HEADERS.declSgst,
  declCess: HEADERS.declCess,
  record: HEADERS.documentNumber,
};

/**
 * The header of the section-sheet column a finding points at ("record" findings
 * point at the document number); undefined for whole-export findings.
 */
export function headerOfField(field: FindingField): string | undefined {
  return field in FIELD_HEADERS ? FIELD_HEADERS[field as CellField] : undefined;
}

/** Worksheet row number of a data row (data row 0 sits under the header, on row 2). */
export function worksheetRow(dataRow: number): number {
  return dataRow + 2;
}
