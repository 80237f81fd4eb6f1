import { useEffect, useState } from "react";
import {
  Button, Caption1, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, makeStyles, tokens,
} from "@fluentui/react-components";
import { ACTIONS, type ActionCode } from "../../ims/decision";
import type { BulkOutcome } from "../services";
import type { TabPanelProps } from "./tab-panel";
import { FindingsList } from "./FindingsList";
import { RowsField } from "./RowsField";

const BULK_ROWS = ["selected", "visible"] as const;

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export type BulkPanelProps = TabPanelProps;

/**
 * Sets the action (and optionally the remarks) on many rows at once: the rows
 * selected in Excel, or every row the current filter shows on a sheet. The
 * edited rows are validated like any other edit.
 */
export function BulkPanel({ services, task, busy, visible }: BulkPanelProps) {
  const styles = useStyles();
  const [action, setAction] = useState<ActionCode>();
  const [remarks, setRemarks] = useState("");
  const [target, setTarget] = useState<"selected" | "visible">("selected");
  const [sheets, setSheets] = useState<string[]>([]);
  const [sheet, setSheet] = useState<string>();
  const [outcome, setOutcome] = useState<BulkOutcome>();

  useEffect(() => {
    if (!visible) return;
    services.sectionSheets().then((names) => {
      setSheets(names);
      setSheet((s) => (s && names.includes(s) ? s : names[0]));
    }, () => setSheets([]));
  }, [services, visible]);

  const apply = async () => {
    if (!action) return;
    const request = {
      target: target === "selected" ? { kind: "selected" as const } : { kind: "visible" as const, sheet: sheet ?? "" },
      action,
      remarks: remarks.trim() === "" ? undefined : remarks,
    };
    const result = await task.run("Setting the action", (o) => services.setAction(request, o));
    if (result) setOutcome(result);
  };

  const ready = action !== undefined && (target === "selected" || sheet !== undefined);
  return (
    <form className={styles.form} onSubmit={(e) => { e.preventDefault(); void apply(); }}>
      <Field label="Action" required>
        <Dropdown placeholder="Choose an action" value={action ? ACTIONS.find((a) => a.code === action)!.label : ""}
          selectedOptions={action ? [action] : []} onOptionSelect={(_, d) => setAction(d.optionValue as ActionCode)}>
          {ACTIONS.map((a) => <Option key={a.code} value={a.code}>{a.label}</Option>)}
        </Dropdown>
      </Field>
      <Field label="Remarks" hint="Leave empty to keep each row’s remarks. Remarks go with Reject and Pending (and Accept with a partial or no ITC reduction).">
        <Input value={remarks} maxLength={250} onChange={(_, d) => setRemarks(d.value)} />
      </Field>
      <RowsField choices={BULK_ROWS} target={target} onTarget={setTarget} sheets={sheets} sheet={sheet} onSheet={setSheet} />
      <div><Button type="submit" appearance="primary" disabled={busy || !ready}>Apply to rows</Button></div>
      {outcome && (
        <>
          <MessageBar intent={outcome.findings.some((f) => f.severity === "error") ? "warning" : "success"}>
            <MessageBarBody>
              Set on {outcome.rows.toLocaleString("en-IN")} {outcome.rows === 1 ? "row" : "rows"} of {outcome.sheet}.
              {outcome.findings.length > 0 ? " Validation found problems on some of them:" : " Validation found no problem."}
            </MessageBarBody>
          </MessageBar>
          {outcome.skipped.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                Left alone: {outcome.skipped.map((r) => `row ${r.row} (${r.reason})`).join("; ")}
              </MessageBarBody>
            </MessageBar>
          )}
                    {outcome.findings.length > 0 && <FindingsList findings={outcome.findings} onSelect={(f) => void task.run("Selecting the cell", () => services.selectFinding(f))} />}
        </>
      )}
      <Caption1>Excel’s undo does not reverse changes made by an add-in: check the rows before applying.</Caption1>
    </form>
  );
}
