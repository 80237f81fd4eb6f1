import type { SheetFinding, WorkOptions } from "../../app/contracts";
import { importDownloads } from "../../app/import";
import { hasImsData, readState } from "../../app/read-workbook";
import { validateWorkbook } from "../../app/validate";
import { generateUpload } from "../../app/generate";
import { clearSectionFilters, showOnlyRowsWithErrors } from "../../app/filters";
import { applyErrorFile, describeRestored } from "../../app/error-file";
import { lastUploadParts, markUploadProcessed } from "../../app/processed";
import { setActionForRows } from "../../app/bulk";
import { goToFinding } from "../../app/navigate";
import { summariseWorkbook } from "../../app/summary";
import { RECONCILE_USE_CASES, reconcileAgainNotice } from "./reconcile-use-cases";
import { knownPortalCode } from "../../ims/portal-codes";
import type { InputFile } from "../../ims/download/files";
import { chooseRecipient, type UploadNotice } from "../../ims/upload";
import { sectionSpec, SECTIONS } from "../../ims/sections";
import type { WorkbookGateway } from "../../workbook/gateway";
import { sectionLayouts } from "../../workbook/section-sheet";
import type { MergeReport } from "../../workbook/merge";
import type { BulkOutcome, BulkRequest, ErrorFileOutcome, ImportOutcome, Notice, PaneUpload, ValidationOutcome, WorkbookStatus } from "../services";

/**
 * The use cases the pane runs in its worker, each shaped as
 * (gateway, input, options) and answering with plain data sized for the pane
 * (no record lists the pane does not show). The gateway here forwards to the
 * main thread's; everything else (parsing, rules, building the upload) runs in
 * the worker.
 */

interface Clock { readonly now: Date }
interface Recipient { readonly recipientGstin?: string }

async function status(gateway: WorkbookGateway): Promise<WorkbookStatus> {
  if (!(await hasImsData(gateway))) return { records: 0, recipientGstin: undefined, recipientSource: undefined };
  const state = await readState(gateway);
  const gstin = chooseRecipient(state.enteredRecipient, state.meta.fileRecipients);
  return {
    records: state.records.length,
    recipientGstin: gstin?.trim().toUpperCase(),
    recipientSource: gstin === undefined ? undefined : state.enteredRecipient ? "entered" : "download",
  };
}

async function openDownloads(gateway: WorkbookGateway, files: InputFile[], options: WorkOptions & Clock & Recipient): Promise<ImportOutcome> {
  // Reading gives no count to show; say what is being read until the writing reports its rows.
  const megabytes = files.reduce((n, f) => n + f.bytes.length, 0) / 1_000_000;
  const what = files.length === 1 ? files[0].name : `${files.length} files`;
  options.progress?.({ done: 0, total: 0, label: `Reading ${what} (${megabytes < 1 ? "under 1" : megabytes.toFixed(0)} MB)` });
  const report = await importDownloads(gateway, files, options);
  const notices: Notice[] = report.notices.map((n) => ({ severity: n.severity, message: `${n.file}: ${n.message}` }));
  if (report.merge) notices.push(...mergeLines(report.merge));
  if (report.reconciliation) notices.push(reconcileAgainNotice(report.reconciliation));
  return {
    records: report.total,
    sheets: SECTIONS.filter((s) => report.counts[s.key] > 0).map((s) => ({ sheet: sectionSpec(s.key).sheetName, rows: report.counts[s.key] })),
    notices,
    needsRecipientGstin: report.recipientGstin === undefined,
  };
}

/** The merge with the workbook's earlier data, in plain lines (the Home sheet has the details). */
function mergeLines(merge: MergeReport): Notice[] {
  const notices: Notice[] = [{
    severity: "info",
    message: `Merged with the data already in this workbook: ${merge.added} new, ${merge.unchanged} unchanged, ${merge.kept.length} of your decisions kept.`,
  }];
  if (merge.resetAndFlagged.length > 0) {
    notices.push({ severity: "warning", message: `${merge.resetAndFlagged.length} documents were changed by the supplier: they are reset to the new download and flagged for review (see the Home sheet).` });
  }
  if (merge.vanished.length > 0) {
    notices.push({ severity: "warning", message: `${merge.vanished.length} documents are no longer in the download (listed on the Home sheet).` });
  }
  for (const n of merge.notWritten) {
    notices.push({ severity: "warning", message: `${n.record.sheet} ${n.record.documentNumber}: "${n.text}" in ${n.column} is not a number and was not written back; enter it again.` });
  }
  return notices;
}

async function validate(gateway: WorkbookGateway, _input: undefined, options: WorkOptions & Clock & Recipient): Promise<ValidationOutcome> {
  // The GSTIN entered in the pane (options.recipientGstin) is checked instead of the stored one.
  const result = await validateWorkbook(gateway, options);
  const findings = [...result.errors, ...result.warnings, ...result.infos];
  return { findings, errors: result.errors.length, warnings: result.warnings.length };
}

async function generate(gateway: WorkbookGateway, _input: undefined, options: WorkOptions & Clock & Recipient): Promise<PaneUpload> {
  const result = await generateUpload(gateway, options);
  switch (result.kind) {
    case "refused": return { kind: "refused", reasons: shownReasons(result.reasons) };
    case "nothing-changed": return { kind: "nothing-changed", message: result.message, notices: shownNotices(result.notices) };
    case "files": return { kind: "files", files: result.files, notices: shownNotices(result.notices) };
  }
}

/** Refusals shown in full, up to this many: the rest are on the rows, where Validate's list leads to them. */
export const REASONS_SHOWN = 20;

export function shownReasons(reasons: readonly string[]): string[] {
  if (reasons.length <= REASONS_SHOWN) return [...reasons];
  const more = reasons.length - REASONS_SHOWN;
  return [...reasons.slice(0, REASONS_SHOWN), `… and ${more.toLocaleString("en-IN")} more. Validate Sheet lists every one and takes you to its cell.`];
}

/**
 * The upload's notices as the pane shows them: one line per rule for the notices
 * on single records, with their count. A month's upload can carry a notice on
 * each of thousands of records (WRN-07 on every Accept with Full reduction,
 * for one), which the pane cannot usefully show one by one; Validate marks each row.
 */
export function shownNotices(notices: readonly UploadNotice[]): UploadNotice[] {
  const perRecord = new Map<string, UploadNotice[]>();
  const shown: UploadNotice[] = [];
  for (const n of notices) {
    if (n.recordKeys.length !== 1) {
      shown.push(n);
      continue;
    }
    const rule = `${n.code} ${n.severity}`;
    const group = perRecord.get(rule);
    if (group) group.push(n);
    else {
      perRecord.set(rule, [n]);
      shown.push(n);
    }
  }
  return shown.map((n) => {
    const group = n.recordKeys.length === 1 ? perRecord.get(`${n.code} ${n.severity}`)! : [n];
    if (group.length === 1) return n;
    return {
      ...n,
      message: `${group.length.toLocaleString("en-IN")} records, for example ${n.message} Validate marks each of them on its row.`,
      recordKeys: group.flatMap((g) => g.recordKeys),
    };
  });
}

async function openErrorFiles(gateway: WorkbookGateway, files: InputFile[], options: WorkOptions): Promise<ErrorFileOutcome> {
  const result = await applyErrorFile(gateway, files, options);
  const codes = new Map<string, { code: string; meaning: string; guidance: string }>();
  for (const e of [...result.matched, ...result.unmatched, ...result.requestFailures]) {
    const known = knownPortalCode(e.code);
    if (e.code && known) codes.set(e.code.trim().toUpperCase(), { code: e.code.trim().toUpperCase(), meaning: known.meaning, guidance: known.guidance });
  }
  return {
    marked: result.matched.map((m) => ({ sheet: m.sheet, row: m.row, column: m.column, code: m.code ?? "", severity: "error", message: m.message })),
    unmatched: result.unmatched.map((e) => ({
      description: [e.alias, e.supplierGstin, e.documentNumber || "(no document number)", e.returnPeriod].filter((x) => x !== "").join(" "),
      message: e.code ? `${e.code}: ${e.message}` : e.message,
      guidance: e.guidance,
    })),
    requestFailures: result.requestFailures.map((f) => ({ message: f.code ? `${f.code}: ${f.message}` : f.message, guidance: f.guidance })),
    codes: [...codes.values()],
    notices: [
      ...result.notices.map((n) => ({ severity: n.severity, message: `${n.file}: ${n.message}` })),
      ...(result.restored > 0 ? [{ severity: "warning" as const, message: describeRestored(result.restored) }] : []),
    ],
  };
}

async function setAction(gateway: WorkbookGateway, request: BulkRequest, options: WorkOptions): Promise<BulkOutcome> {
  const { sheet, rows } = request.target.kind === "selected"
    ? await gateway.selectedRows()
    : { sheet: request.target.sheet, rows: await gateway.visibleRows(request.target.sheet) };
  if (rows.length === 0) throw new Error(request.target.kind === "selected" ? "No rows are selected: select the rows in a section sheet first." : `No rows show on ${sheet}.`);
  const result = await setActionForRows(gateway, sheet, rows, request.action, { ...options, ...(request.remarks !== undefined ? { remarks: request.remarks } : {}) });
  return { sheet, rows: result.updated, skipped: result.skipped, findings: result.findings };
}

async function sectionSheets(gateway: WorkbookGateway): Promise<string[]> {
  const names = new Set(await gateway.sheetNames());
  return sectionLayouts().map((l) => l.sheet.name).filter((n) => names.has(n));
}

export const USE_CASES = {
  status,
  openDownloads,
  validate,
  generate,
  selectFinding: (gateway: WorkbookGateway, finding: SheetFinding) => goToFinding(gateway, finding),
  sectionSheets,
  openErrorFiles,
  lastUploadParts: (gateway: WorkbookGateway) => lastUploadParts(gateway),
  markUploadProcessed: (gateway: WorkbookGateway, parts: readonly number[] | "all", options: WorkOptions) => markUploadProcessed(gateway, parts, options),
  setAction,
  summarise: (gateway: WorkbookGateway, _input: undefined, options: WorkOptions) => summariseWorkbook(gateway, options),
  showOnlyRowsWithErrors: async (gateway: WorkbookGateway) => (await showOnlyRowsWithErrors(gateway)).reduce((n, s) => n + s.rows, 0),
  clearFilters: (gateway: WorkbookGateway) => clearSectionFilters(gateway),
  ...RECONCILE_USE_CASES,
};

export type PaneUseCases = typeof USE_CASES;
