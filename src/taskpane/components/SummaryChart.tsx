import { makeStyles, tokens } from "@fluentui/react-components";
import type { ItcEffect, Totals } from "../../ims/summary";
import { formatRupees } from "../../ims/rules/format";

export interface SummaryChartProps {
  readonly before: ItcEffect;
  readonly after: ItcEffect;
}

const ROWS: readonly { key: keyof Omit<ItcEffect, "reductions">; label: string }[] = [
  { key: "accepted", label: "Accepted" },
  { key: "rejected", label: "Rejected" },
  { key: "pending", label: "Pending" },
  { key: "deemedAccepted", label: "No Action" },
];

const useStyles = makeStyles({
  chart: { width: "100%", height: "auto", display: "block" },
  label: { fill: tokens.colorNeutralForeground1, fontSize: "11px" },
  value: { fill: tokens.colorNeutralForeground2, fontSize: "10px" },
  before: { fill: tokens.colorNeutralStroke1 },
  after: { fill: tokens.colorBrandBackground },
  legend: { display: "flex", gap: tokens.spacingHorizontalM, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  swatch: { display: "inline-block", width: "10px", height: "10px", marginRight: "4px", verticalAlign: "middle" },
  swatchBefore: { backgroundColor: tokens.colorNeutralStroke1 },
  swatchAfter: { backgroundColor: tokens.colorBrandBackground },
});

const taxOf = (t: Totals) => t.igst + t.cgst + t.sgst + t.cess;

/**
 * The suppliers' tax by what happens to it, as on the portal (downloaded, or as
 * an upload marked processed left it) and after the user's decisions: one pair
 * of bars per action. Plain SVG, themed with Fluent tokens;
 * the same numbers are in the table beside it and in the image's description.
 */
export function SummaryChart({ before, after }: SummaryChartProps) {
  const styles = useStyles();
  const rows = ROWS.map((r) => ({ ...r, before: taxOf(before[r.key]), after: taxOf(after[r.key]) }));
  const max = Math.max(1, ...rows.flatMap((r) => [r.before, r.after]));
  const width = 300;
  const labelWidth = 70;
  const barArea = width - labelWidth - 80;
  const rowHeight = 34;
  const description = rows.map((r) => `${r.label}: ${formatRupees(r.before)} before, ${formatRupees(r.after)} after`).join("; ");
  return (
    <figure style={{ margin: 0 }}>
      <svg className={styles.chart} viewBox={`0 0 ${width} ${rows.length * rowHeight + 4}`} role="img" aria-label={`Tax by action. ${description}.`}>
        {rows.map((r, i) => {
          const y = i * rowHeight + 4;
          const w = (v: number) => (v / max) * barArea;
          return (
            <g key={r.key}>
              <text className={styles.label} x={0} y={y + 17}>{r.label}</text>
              <rect className={styles.before} x={labelWidth} y={y} width={w(r.before)} height={12} rx={2} />
              <text className={styles.value} x={labelWidth + w(r.before) + 4} y={y + 10}>{formatRupees(r.before)}</text>
              <rect className={styles.after} x={labelWidth} y={y + 14} width={w(r.after)} height={12} rx={2} />
              <text className={styles.value} x={labelWidth + w(r.after) + 4} y={y + 24}>{formatRupees(r.after)}</text>
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.legend}>
        <span><span className={`${styles.swatch} ${styles.swatchBefore}`} />On the portal</span>
        <span><span className={`${styles.swatch} ${styles.swatchAfter}`} />With your decisions</span>
      </figcaption>
    </figure>
  );
}
