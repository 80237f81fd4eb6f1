import type { SheetFinding, WorkOptions } from "../../app/contracts";
import { hasImsData } from "../../app/read-workbook";
import {
  applySuggestions, lastReconcileRun, preparePurchaseRegister, previewRegister, reconcileWorkbook, undoApplySuggestions,
  type ApplyResult, type LastRun, type MappingChoice, type ReconcileAgainOutcome, type SuggestionCounts, type UndoResult,
} from "../../app/reconcile";
import type { ColumnMap, ColumnMapping, MatchStatus, RegisterField } from "../../ims/reconcile";
import type { WorkbookGateway } from "../../workbook/gateway";
import { PURCHASE_REGISTER_SHEET } from "../../workbook/reconcile-sheets";
import { sectionLayouts } from "../../workbook/section-sheet";
import type { Notice } from "../services";

/**
 * The pane's Reconcile step, run in the worker like the other use cases
 * (use-cases.ts) and answering with plain data sized for the pane: counts and
 * the first problems, never the full match result.
 */

/** Register problems listed in the pane; all of them are counted. */
const PROBLEMS_SHOWN = 100;

/** The mapping as the pane shows it: one dropdown per field over the header row's columns. */
export interface MappingView {
  /** 0-based: worksheet row headerRow + 1 of the Purchase Register sheet. */
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly columns: ColumnMap;
  readonly missing: readonly RegisterField[];
}

export type RegisterState =
  | { readonly kind: "no-sheet" }
  | { readonly kind: "empty" }
  | { readonly kind: "found"; readonly mapping: MappingView; readonly dataRows: number; readonly confirmed: boolean };

export interface ReconcileSetup {
  /** Whether IMS data has been imported (nothing to reconcile otherwise). */
  readonly hasImsData: boolean;
  readonly sheet: string;
  readonly register: RegisterState;
  readonly lastRun?: LastRun;
  /** Section sheets present, for "the rows the filter shows on a sheet". */
  readonly sheets: readonly string[];
}

export interface ReconcileRequest {
  readonly tolerance: number;
  /** Only when the user changed a column; otherwise the confirmed or detected mapping is used. */
  readonly mapping?: MappingChoice;
}

export type PaneReconcileOutcome =
  | { readonly kind: "no-register"; readonly created: boolean; readonly message: string }
  | { readonly kind: "needs-mapping"; readonly mapping: MappingView; readonly message: string }
  | {
    readonly kind: "reconciled";
    readonly mapping: MappingView;
    readonly counts: Readonly<Record<MatchStatus | "missing-in-ims", number>>;
    readonly suggestions: SuggestionCounts;
    readonly problemCount: number;
    /** The first problems, each on its row of the Purchase Register sheet. */
    readonly problems: readonly SheetFinding[];
  };

export type ApplyTarget =
  | { readonly kind: "all" }
  | { readonly kind: "selected" }
  | { readonly kind: "visible"; readonly sheet: string };

export interface ApplyRequest {
  readonly target: ApplyTarget;
  readonly includeReview: boolean;
}

/** An apply as the pane shows it: the rows left alone counted by reason rather than listed one by one. */
export type PaneApplyOutcome = Omit<ApplyResult, "skipped"> & {
  readonly skipped: readonly { readonly reason: string; readonly rows: number }[];
};

export type PaneUndoOutcome = UndoResult;

/** What the Reconcile panel can ask for (the pane's services include these). */
export interface ReconcileServices {
  reconcileSetup(): Promise<ReconcileSetup>;
  /** Adds the empty Purchase Register sheet and shows it. */
  createRegisterSheet(): Promise<void>;
  reconcile(request: ReconcileRequest, options: WorkOptions): Promise<PaneReconcileOutcome>;
  applySuggestions(request: ApplyRequest, options: WorkOptions): Promise<PaneApplyOutcome>;
  undoSuggestions(options: WorkOptions): Promise<PaneUndoOutcome>;
}

function mappingView(m: ColumnMapping): MappingView {
  return { headerRow: m.headerRow, headers: m.headers, columns: m.columns, missing: m.missing };
}

async function reconcileSetup(gateway: WorkbookGateway): Promise<ReconcileSetup> {
  const names = new Set(await gateway.sheetNames());
  const preview = await previewRegister(gateway);
  const register: RegisterState = preview.kind === "found"
    ? { kind: "found", mapping: mappingView(preview.mapping), dataRows: preview.dataRows, confirmed: preview.confirmed }
    : { kind: preview.kind };
  const imported = await hasImsData(gateway);
  let lastRun: LastRun | undefined;
  try {
    lastRun = imported ? await lastReconcileRun(gateway) : undefined;
  } catch {
    // Damaged reconciliation data: the panel still opens; Reconcile writes it afresh and Apply explains.
  }
  return {
    hasImsData: imported,
    sheet: PURCHASE_REGISTER_SHEET,
    register,
    ...(lastRun ? { lastRun } : {}),
    sheets: sectionLayouts().map((l) => l.sheet.name).filter((n) => names.has(n)),
  };
}

async function createRegisterSheet(gateway: WorkbookGateway): Promise<void> {
  await preparePurchaseRegister(gateway);
  // The cell under the note: pasting there (or over the note in A1) both work.
  await gateway.select(PURCHASE_REGISTER_SHEET, 0, 0);
}

async function reconcile(gateway: WorkbookGateway, request: ReconcileRequest, options: WorkOptions & { readonly now?: Date }): Promise<PaneReconcileOutcome> {
  const outcome = await reconcileWorkbook(gateway, {
    ...options,
    tolerance: request.tolerance,
    ...(request.mapping ? { mapping: request.mapping } : {}),
  });
  switch (outcome.kind) {
    case "no-register": return { kind: "no-register", created: outcome.created, message: outcome.message };
    case "needs-mapping": return { kind: "needs-mapping", mapping: mappingView(outcome.mapping), message: outcome.message };
    case "reconciled": return {
      kind: "reconciled",
      mapping: mappingView(outcome.mapping),
      counts: outcome.counts,
      suggestions: outcome.suggestionCounts,
      problemCount: outcome.problems.length,
      problems: outcome.problems.slice(0, PROBLEMS_SHOWN).map((p) => ({
        sheet: outcome.register, row: p.row, column: p.column ?? "", code: "REGISTER", severity: "warning", message: p.message,
      })),
    };
  }
}

async function applyToTarget(gateway: WorkbookGateway, request: ApplyRequest, options: WorkOptions): Promise<PaneApplyOutcome> {
  const { target, includeReview } = request;
  let scope: { sheet?: string; rows?: number[] } = {};
  if (target.kind === "selected") {
    const selected = await gateway.selectedRows();
    if (selected.rows.length === 0) throw new Error("No rows are selected: select the rows on a section sheet first.");
    scope = selected;
  } else if (target.kind === "visible") {
    const rows = await gateway.visibleRows(target.sheet);
    if (rows.length === 0) throw new Error(`No rows show on ${target.sheet}.`);
    scope = { sheet: target.sheet, rows };
  }
  const result = await applySuggestions(gateway, { ...options, ...scope, includeReview });
  const reasons = new Map<string, number>();
  for (const s of result.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  return {
    applied: result.applied,
    replacedYourEntries: result.replacedYourEntries,
    alreadyApplied: result.alreadyApplied,
    skipped: [...reasons].map(([reason, rows]) => ({ reason, rows })),
    findings: result.findings,
    undoSteps: result.undoSteps,
  };
}

/** What an import into a reconciled workbook did to the reconciliation, for the import's notices. */
export function reconcileAgainNotice(outcome: ReconcileAgainOutcome): Notice {
  switch (outcome.kind) {
    case "reconciled":
      return { severity: "info", message: `Reconciled again with the ${outcome.register} sheet: the Match and Suggested columns describe the new download.` };
    case "no-register":
    case "needs-mapping":
    case "not-rerun":
      return { severity: "warning", message: `${outcome.message} Until then the Match and Suggested columns are empty.` };
  }
}

export const RECONCILE_USE_CASES = {
  reconcileSetup,
  createRegisterSheet,
  reconcile,
  applySuggestions: applyToTarget,
  undoSuggestions: (gateway: WorkbookGateway, _input: undefined, options: WorkOptions): Promise<PaneUndoOutcome> => undoApplySuggestions(gateway, options),
};
