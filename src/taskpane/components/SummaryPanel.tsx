import {
  Body1, Caption1, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens,
} from "@fluentui/react-components";
import type { ActionBucket, Breakdown, Summary, Totals } from "../../ims/summary";
import { sectionSpec } from "../../ims/sections";
import { formatRupees } from "../../ims/rules/format";
import { SummaryChart } from "./SummaryChart";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums" },
  name: { whiteSpace: "nowrap" },
});

const ACTION_LABELS: Readonly<Record<ActionBucket, string>> = {
  A: "Accept", R: "Reject", P: "Pending", N: "No Action", unreadable: "Not readable",
};
const BUCKETS: readonly ActionBucket[] = ["A", "R", "P", "N", "unreadable"];

const count = new Intl.NumberFormat("en-IN");
const taxOf = (t: Totals) => t.igst + t.cgst + t.sgst + t.cess;
const countIn = (b: Breakdown, action: ActionBucket) => b.byAction.find((a) => a.action === action)?.totals;

/** Counts and tax by action, before and after the user's decisions; by section; the ITC effect. */
export function SummaryPanel({ summary }: { readonly summary: Summary }) {
  const styles = useStyles();
  const buckets = BUCKETS.filter((b) => countIn(summary.before, b) || countIn(summary.after, b));
  const { reductions } = summary.itcAfter;
  return (
    <div className={styles.panel}>
      <Body1>
        {count.format(summary.after.total.count)} documents, {formatRupees(taxOf(summary.after.total))} tax.{" "}
        {summary.changed === 0 ? "No decision changed yet." : `${count.format(summary.changed)} changed: these go into the upload file.`}
      </Body1>

      <Subtitle2 as="h3">Tax by action</Subtitle2>
      <SummaryChart before={summary.itcBefore} after={summary.itcAfter} />

      <Table size="small" aria-label="Documents by action, before (on the portal: as downloaded, or as an upload marked processed left them) and now (with your decisions)">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Before</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Now</TableHeaderCell>
            <TableHeaderCell className={styles.number}>Tax now</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {buckets.map((b) => {
            const now = countIn(summary.after, b);
            return (
              <TableRow key={b}>
                <TableCell>{ACTION_LABELS[b]}</TableCell>
                <TableCell className={styles.number}>{count.format(countIn(summary.before, b)?.count ?? 0)}</TableCell>
                <TableCell className={styles.number}>{count.format(now?.count ?? 0)}</TableCell>
                <TableCell className={styles.number}>{formatRupees(now ? taxOf(now) : 0)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <Subtitle2 as="h3">By section, with your decisions</Subtitle2>
      <Table size="small" aria-label="Documents by section and action, with your decisions">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Section</TableHeaderCell>
            {(["A", "R", "P", "N"] as const).map((a) => <TableHeaderCell key={a} className={styles.number}>{ACTION_LABELS[a]}</TableHeaderCell>)}
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.after.bySection.map((s) => (
            <TableRow key={s.section}>
              <TableCell className={styles.name}>{sectionSpec(s.section).sheetName}</TableCell>
              {(["A", "R", "P", "N"] as const).map((a) => (
                <TableCell key={a} className={styles.number}>{count.format(s.byAction.find((x) => x.action === a)?.totals.count ?? 0)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Subtitle2 as="h3">ITC reduction you declare</Subtitle2>
      <Body1>
        Full reduction: {count.format(reductions.full.count)} ({formatRupees(taxOfAmounts(reductions.full.amounts))}).
        Partial: {count.format(reductions.partial.count)} ({formatRupees(taxOfAmounts(reductions.partial.amounts))}).
        No reduction: {count.format(reductions.none.count)}.
      </Body1>
      <Caption1>
        Amounts are the tax the suppliers reported. No Action is deemed accepted when GSTR-2B is generated.
      </Caption1>
    </div>
  );
}

function taxOfAmounts(a: { igst: number; cgst: number; sgst: number; cess: number }): number {
  return a.igst + a.cgst + a.sgst + a.cess;
}
