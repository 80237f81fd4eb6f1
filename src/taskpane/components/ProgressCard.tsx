import { Button, Field, ProgressBar, makeStyles, tokens } from "@fluentui/react-components";
import type { Progress } from "../hooks/useLongTask";

const useStyles = makeStyles({
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  row: { display: "flex", justifyContent: "space-between", alignItems: "center", gap: tokens.spacingHorizontalS },
});

const count = new Intl.NumberFormat("en-IN");

export interface ProgressCardProps {
  readonly title: string;
  readonly progress: Progress | undefined;
  readonly onCancel: () => void;
}

/** Long work under way: what it is, how far it got (records or rows), and Cancel. */
export function ProgressCard({ title, progress, onCancel }: ProgressCardProps) {
  const styles = useStyles();
  const determinate = progress !== undefined && progress.total > 0;
  const hint = determinate
    ? `${progress.label}: ${count.format(progress.done)} of ${count.format(progress.total)}`
    : progress?.label ?? "Working…";
  return (
    <section className={styles.card} aria-label="Work in progress" aria-busy="true">
      <Field label={title} validationMessage={hint} validationState="none">
        <ProgressBar
          value={determinate ? Math.min(progress.done / progress.total, 1) : undefined}
          thickness="large"
          aria-label={title}
          aria-valuetext={hint}
        />
      </Field>
      <div className={styles.row}>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </section>
  );
}
