import { Suspense, lazy, useCallback, useEffect, useState } from "react";
import {
  Body1, Caption1, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Button, Tab, TabList, Title3, makeStyles, tokens,
} from "@fluentui/react-components";
import type { PaneServices, WorkbookStatus } from "./services";
import type { SaveMethod } from "./save/save-file";
import { useLongTask } from "./hooks/useLongTask";
import { ProgressCard } from "./components/ProgressCard";
import { WorkPanel } from "./components/WorkPanel";
import { SummaryTab } from "./components/SummaryTab";
import { BulkPanel } from "./components/BulkPanel";

// Loaded the first time its tab is opened, so the pane opens on a smaller bundle.
const ReconcilePanel = lazy(() => import("./components/ReconcilePanel").then((m) => ({ default: m.ReconcilePanel })));

const useStyles = makeStyles({
  pane: {
    display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM, minWidth: 0, boxSizing: "border-box",
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
});

type TabName = "work" | "reconcile" | "summary" | "bulk";

export interface PaneProps {
  readonly services: PaneServices;
  readonly saveMethod: SaveMethod;
}

/** The task pane: the four steps of the job, the summary and bulk editing, one piece of work at a time. */
export function Pane({ services, saveMethod }: PaneProps) {
  const styles = useStyles();
  const task = useLongTask();
  const [tab, setTab] = useState<TabName>("work");
  const [status, setStatus] = useState<WorkbookStatus>();
  const [reconcileOpened, setReconcileOpened] = useState(false);

  const refreshStatus = useCallback(() => {
    services.status().then(setStatus, () => setStatus(undefined));
  }, [services]);
  useEffect(refreshStatus, [refreshStatus]);

  const busy = task.running !== undefined;
  return (
    <main className={styles.pane}>
      <header className={styles.header}>
        <Title3 as="h1">IMS Offline</Title3>
        <Caption1>
          {services.hostName}
          {status && status.records > 0 ? ` · ${status.records} documents` : ""}
          {status?.recipientGstin ? ` · GSTIN ${status.recipientGstin}` : ""}
        </Caption1>
      </header>

      {task.running && <ProgressCard title={task.running} progress={task.progress} onCancel={task.cancel} />}
      {task.outcome?.kind === "failed" && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{task.outcome.title} failed</MessageBarTitle>
            {task.outcome.message}
          </MessageBarBody>
          <MessageBarActions><Button onClick={task.dismiss}>Dismiss</Button></MessageBarActions>
        </MessageBar>
      )}
      {task.outcome?.kind === "cancelled" && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Cancelled</MessageBarTitle>
            {task.outcome.title} was cancelled. The workbook is as it was before.
          </MessageBarBody>
          <MessageBarActions><Button onClick={task.dismiss}>Dismiss</Button></MessageBarActions>
        </MessageBar>
      )}

      <TabList size="small" selectedValue={tab} onTabSelect={(_, d) => {
        setTab(d.value as TabName);
        if (d.value === "reconcile") setReconcileOpened(true);
      }} aria-label="Pane sections">
        <Tab value="work">Steps</Tab>
        <Tab value="reconcile">Reconcile</Tab>
        <Tab value="summary">Summary</Tab>
        <Tab value="bulk">Bulk edit</Tab>
      </TabList>

      {/* Panels stay mounted so each keeps its last result while another is shown. */}
      <div role="tabpanel" aria-label="Steps" hidden={tab !== "work"}>
        <WorkPanel services={services} task={task} busy={busy} status={status} onWorkbookChanged={refreshStatus} saveMethod={saveMethod} />
      </div>
      <div role="tabpanel" aria-label="Reconcile" hidden={tab !== "reconcile"}>
        {reconcileOpened && (
          <Suspense fallback={<Caption1>Loading…</Caption1>}>
            <ReconcilePanel services={services} task={task} busy={busy} visible={tab === "reconcile"} />
          </Suspense>
        )}
      </div>
      <div role="tabpanel" aria-label="Summary" hidden={tab !== "summary"}>
        <SummaryTab services={services} task={task} busy={busy} visible={tab === "summary"} />
      </div>
      <div role="tabpanel" aria-label="Bulk edit" hidden={tab !== "bulk"}>
        <BulkPanel services={services} task={task} busy={busy} visible={tab === "bulk"} />
      </div>
      <Body1 as="p">
        <Caption1>Your invoice data stays on this computer: the pane sends nothing over the network.</Caption1>
      </Body1>
    </main>
  );
}
