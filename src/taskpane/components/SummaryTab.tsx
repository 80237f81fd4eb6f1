import { useEffect, useState } from "react";
import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";
import type { Summary } from "../../ims/summary";
import type { TabPanelProps } from "./tab-panel";
import { SummaryPanel } from "./SummaryPanel";

const useStyles = makeStyles({
  tab: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export type SummaryTabProps = TabPanelProps;

/** Counts and amounts, as downloaded and with the user's decisions; read from the workbook on demand. */
export function SummaryTab({ services, task, busy, visible }: SummaryTabProps) {
  const styles = useStyles();
  const [summary, setSummary] = useState<Summary>();
  const [asked, setAsked] = useState(false);

  const refresh = async () => {
    setAsked(true);
    const result = await task.run("Summarising the workbook", (o) => services.summarise(o));
    if (result) setSummary(result);
  };

  // The first time the tab is shown, summarise without a click.
  useEffect(() => {
    if (visible && !asked && !busy) void refresh();
  });

  return (
    <div className={styles.tab}>
      <div><Button disabled={busy} onClick={() => void refresh()}>Refresh summary</Button></div>
      {summary ? <SummaryPanel summary={summary} /> : <Caption1>No summary yet.</Caption1>}
    </div>
  );
}
