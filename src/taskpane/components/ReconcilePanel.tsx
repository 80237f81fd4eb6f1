import { useCallback, useEffect, useState } from "react";
import {
  Body1, Button, Caption1, Checkbox, Field, Input, Link, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens,
} from "@fluentui/react-components";
import type { SheetFinding } from "../../app/contracts";
import type { ColumnMap, RegisterField } from "../../ims/reconcile/register";
import type { TabPanelProps } from "./tab-panel";
import type {
  ApplyTarget, MappingView, PaneApplyOutcome, PaneReconcileOutcome, PaneUndoOutcome, ReconcileServices, ReconcileSetup,
} from "../worker/reconcile-use-cases";
import { FindingsList } from "./FindingsList";
import { RowsField } from "./RowsField";

const APPLY_ROWS: readonly ApplyTarget["kind"][] = ["all", "selected", "visible"];
import { ReconcileMapping } from "./ReconcileMapping";
import { ReconcileResult } from "./ReconcileResult";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  step: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS, alignItems: "center" },
  tolerance: { maxWidth: "10em" },
});

export type ReconcilePanelProps = TabPanelProps<ReconcileServices & { selectFinding(finding: SheetFinding): Promise<void> }>;

/** A tolerance as typed: ₹0 or more, digits with at most 2 decimals. */
function readTolerance(text: string): number | undefined {
  const t = text.trim().replace(/^₹\s*/, "");
  return /^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : undefined;
}

/**
 * The Reconcile step: the purchase register pasted into its sheet, the columns
 * detected for the user to confirm or correct, the amount tolerance, the
 * counts per status, and the suggestions applied (to every row, the selected
 * rows, or the rows a filter shows) and undone on request.
 */
export function ReconcilePanel({ services, task, busy, visible }: ReconcilePanelProps) {
  const styles = useStyles();
  const [setup, setSetup] = useState<ReconcileSetup>();
  const [mapping, setMapping] = useState<MappingView>();
  const [columns, setColumns] = useState<ColumnMap>({});
  const [changed, setChanged] = useState(false);
  const [tolerance, setTolerance] = useState("1");
  const [outcome, setOutcome] = useState<PaneReconcileOutcome>();
  const [target, setTarget] = useState<ApplyTarget["kind"]>("all");
  const [sheet, setSheet] = useState<string>();
  const [includeReview, setIncludeReview] = useState(false);
  const [applied, setApplied] = useState<PaneApplyOutcome>();
  const [undone, setUndone] = useState<PaneUndoOutcome>();

  const showMapping = (m: MappingView | undefined) => {
    setMapping(m);
    setColumns(m?.columns ?? {});
    setChanged(false);
  };

  const refresh = useCallback(async () => {
    const result = await task.run("Reading the purchase register", () => services.reconcileSetup());
    if (!result) return;
    setSetup(result);
    showMapping(result.register.kind === "found" ? result.register.mapping : undefined);
    if (result.lastRun) setTolerance(String(result.lastRun.tolerance));
    setSheet((s) => (s && result.sheets.includes(s) ? s : result.sheets[0]));
  }, [services, task]);

  useEffect(() => {
    if (visible) void refresh();
    // Read each time the panel is shown (not on every render); the Refresh button reads again.
  }, [visible]);

  const createSheet = async () => {
    await task.run("Adding the Purchase Register sheet", () => services.createRegisterSheet());
    await refresh();
  };

  const chooseColumn = (field: RegisterField, column: number | undefined) => {
    setColumns((c) => {
      const next: Partial<Record<RegisterField, number>> = { ...c };
      if (column === undefined) delete next[field];
      else next[field] = column;
      return next;
    });
    setChanged(true);
  };

  const amount = readTolerance(tolerance);
  const run = async () => {
    if (amount === undefined) return;
    const request = {
      tolerance: amount,
      ...(changed && mapping ? { mapping: { headerRow: mapping.headerRow, columns, headers: mapping.headers } } : {}),
    };
    const result = await task.run("Reconciling with the purchase register", (o) => services.reconcile(request, o));
    if (!result) return;
    setOutcome(result);
    setApplied(undefined);
    setUndone(undefined);
    if (result.kind !== "no-register") showMapping(result.mapping);
    const next = await services.reconcileSetup().catch(() => undefined);
    if (next) setSetup(next);
  };

  const apply = async () => {
    const request = {
      target: target === "visible" ? { kind: "visible" as const, sheet: sheet ?? "" } : { kind: target },
      includeReview,
    };
    const result = await task.run("Applying the suggestions", (o) => services.applySuggestions(request, o));
    if (result) { setApplied(result); setUndone(undefined); }
  };

  const undo = async () => {
    const result = await task.run("Undoing the last apply", (o) => services.undoSuggestions(o));
    if (result) { setUndone(result); setApplied(undefined); }
  };

  const select = (f: SheetFinding) => void task.run("Selecting the cell", () => services.selectFinding(f));
  const undoSteps = undone?.undoSteps ?? applied?.undoSteps ?? setup?.lastRun?.undoSteps ?? 0;
  const reconciled = outcome?.kind === "reconciled" || (setup?.lastRun !== undefined && !setup.lastRun.stale);
  const register = setup?.register;

  return (
    <div className={styles.panel}>
      <section className={styles.step} aria-labelledby="reconcile-register">
        <Subtitle2 as="h2" id="reconcile-register">Purchase register</Subtitle2>
        {!setup && <Caption1>Reading the workbook…</Caption1>}
        {setup && !setup.hasImsData && <Body1>Open the IMS download first (Steps, 1): the register is matched against its documents.</Body1>}
        {register?.kind === "no-sheet" && (
          <>
            <Body1>Your books go on a sheet named {setup?.sheet}: paste your purchase register there, header row included (an export from Tally, Zoho Books or your ERP).</Body1>
            <div className={styles.buttons}><Button disabled={busy} onClick={() => void createSheet()}>Add the {setup?.sheet} sheet</Button></div>
          </>
        )}
        {register?.kind === "empty" && (
          <Body1>The {setup?.sheet} sheet is empty. Paste your purchase register into it from cell A1 or A2, header row included, then Refresh.</Body1>
        )}
        {register?.kind === "found" && mapping && (
          <>
            <Body1>
              {setup?.sheet}: header on row {mapping.headerRow + 1}, {register.dataRows} {register.dataRows === 1 ? "row" : "rows"} below it.
              {register.confirmed && !changed ? " The columns are the ones you confirmed." : " Check the columns found:"}
            </Body1>
            <ReconcileMapping headers={mapping.headers} columns={columns} disabled={busy} onChange={chooseColumn} />
          </>
        )}
        <div className={styles.buttons}><Button size="small" disabled={busy} onClick={() => void refresh()}>Refresh</Button></div>
      </section>

      <section className={styles.step} aria-labelledby="reconcile-run">
        <Subtitle2 as="h2" id="reconcile-run">Match with IMS</Subtitle2>
        <Field
          label="Amount tolerance (₹)"
          hint="The largest difference per amount still counted as a match."
          validationState={amount === undefined ? "error" : "none"}
          validationMessage={amount === undefined ? "Enter an amount of ₹0 or more, with at most 2 decimals." : undefined}
        >
          <Input className={styles.tolerance} inputMode="decimal" value={tolerance} onChange={(_, d) => setTolerance(d.value)} />
        </Field>
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={busy || amount === undefined || !setup?.hasImsData} onClick={() => void run()}>Reconcile</Button>
        </div>
        <Caption1>Writes Match Status, Match Details and the Suggested columns beside each document, and lists your books’ rows IMS does not have on the Missing in IMS sheet. Your Action cells are not changed.</Caption1>
        {outcome && outcome.kind !== "reconciled" && (
          <MessageBar intent="warning" layout="multiline"><MessageBarBody>{outcome.message}</MessageBarBody></MessageBar>
        )}
        {outcome?.kind === "reconciled" && (
          <>
            <ReconcileResult counts={outcome.counts} suggestions={outcome.suggestions} />
            {outcome.problemCount > 0 && (
              <>
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>{outcome.problemCount} register {outcome.problemCount === 1 ? "entry" : "entries"} could not be read</MessageBarTitle>
                    Those rows were left out of the matching. Correct them on the {setup?.sheet} sheet and reconcile again.
                  </MessageBarBody>
                </MessageBar>
                <FindingsList findings={outcome.problems} onSelect={select} />
              </>
            )}
          </>
        )}
        {!outcome && setup?.lastRun?.stale && (
          <MessageBar intent="info"><MessageBarBody>The IMS data was imported again since the last reconciliation: reconcile again before applying suggestions.</MessageBarBody></MessageBar>
        )}
      </section>

      <section className={styles.step} aria-labelledby="reconcile-apply">
        <Subtitle2 as="h2" id="reconcile-apply">Apply suggestions</Subtitle2>
        <Caption1>Copies the suggested action (and remark, and ITC reduction) into the decision cells. The rows are validated like any edit, and Undo puts back what they held.</Caption1>
        <RowsField choices={APPLY_ROWS} target={target} onTarget={setTarget} sheets={setup?.sheets ?? []} sheet={sheet} onSheet={setSheet} />
        <Checkbox checked={includeReview} onChange={(_, d) => setIncludeReview(d.checked === true)}
          label="Include the suggestions marked Review Needed (I have checked them)" />
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={busy || !reconciled || (target === "visible" && !sheet)} onClick={() => void apply()}>Apply suggestions</Button>
          <Button disabled={busy || undoSteps === 0} onClick={() => void undo()}>Undo last apply</Button>
        </div>
        {applied && <AppliedReport outcome={applied} onSelect={select} />}
        {undone && (
          <>
            <MessageBar intent={undone.leftAlone.length > 0 ? "warning" : "success"} layout="multiline">
              <MessageBarBody>
                Restored {undone.restored} {undone.restored === 1 ? "row" : "rows"}.
                {undone.leftAlone.length > 0 && ` ${undone.leftAlone.length} changed since the apply and were left as they are:`}
              </MessageBarBody>
            </MessageBar>
            {undone.leftAlone.length > 0 && (
              <ul>
                {undone.leftAlone.map((n, i) => (
                  <li key={i}>
                    {n.row !== undefined
                      ? <Link as="button" onClick={() => select({ sheet: n.sheet, row: n.row!, column: "Action", code: "", severity: "info", message: "" })}>{n.sheet} row {n.row}</Link>
                      : n.sheet}
                    : {n.reason}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </div>
  );
}

function AppliedReport({ outcome, onSelect }: { outcome: PaneApplyOutcome; onSelect: (f: SheetFinding) => void }) {
  const errors = outcome.findings.some((f) => f.severity === "error");
  return (
    <>
      <MessageBar intent={errors ? "warning" : "success"} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>Applied to {outcome.applied} {outcome.applied === 1 ? "row" : "rows"}</MessageBarTitle>
          {outcome.alreadyApplied > 0 && `${outcome.alreadyApplied} already held the suggestion. `}
          {outcome.replacedYourEntries > 0 && `${outcome.replacedYourEntries} replaced a decision you had entered (Undo brings it back). `}
          {outcome.findings.length > 0 ? "Validation found problems on some rows:" : "Validation found no problem."}
        </MessageBarBody>
      </MessageBar>
      {outcome.skipped.length > 0 && (
        <ul aria-label="Rows left alone">
          {outcome.skipped.map((s) => <li key={s.reason}>{s.rows.toLocaleString("en-IN")} {s.rows === 1 ? "row" : "rows"}: {s.reason}</li>)}
        </ul>
      )}
      {outcome.findings.length > 0 && <FindingsList findings={outcome.findings} onSelect={onSelect} />}
    </>
  );
}
