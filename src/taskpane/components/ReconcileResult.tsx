import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles } from "@fluentui/react-components";
import type { SuggestionCounts } from "../../app/reconcile";
import type { MatchStatus } from "../../ims/reconcile";
import { MATCH_STATUS_LABELS } from "../../workbook/reconcile-sheets";

const useStyles = makeStyles({
  count: { textAlign: "end", width: "5em" },
});

/** What each status means for the user, in the pane's words (docs/reconcile.md has the rules). */
const MEANING: Readonly<Record<MatchStatus | "missing-in-ims", string>> = {
  exact: "Same number, date and amounts as your books",
  probable: "Matched; a difference was forgiven (see Match Details)",
  mismatch: "Matched, but an amount, the date or the place of supply differs",
  "missing-in-books": "In IMS, not found in your books",
  "missing-in-ims": "In your books, not in IMS: listed on the Missing in IMS sheet",
};

const STATUSES = Object.keys(MEANING) as (MatchStatus | "missing-in-ims")[];

export interface ReconcileResultProps {
  readonly counts: Readonly<Record<MatchStatus | "missing-in-ims", number>>;
  readonly suggestions: SuggestionCounts;
}

/** The counts per status, and how many suggestions are ready, need a look, or could not be made. */
export function ReconcileResult({ counts, suggestions }: ReconcileResultProps) {
  const styles = useStyles();
  return (
    <>
      <Table size="extra-small" aria-label="Documents per status">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell className={styles.count}>Documents</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {STATUSES.map((s) => (
            <TableRow key={s}>
              <TableCell title={MEANING[s]}>
                <strong>{MATCH_STATUS_LABELS[s]}</strong>: {MEANING[s]}
              </TableCell>
              <TableCell className={styles.count}>{counts[s]}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Table size="extra-small" aria-label="Suggestions">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Suggestions</TableHeaderCell>
            <TableHeaderCell className={styles.count}>Documents</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          <TableRow><TableCell>Ready to apply</TableCell><TableCell className={styles.count}>{suggestions.ready}</TableCell></TableRow>
          <TableRow><TableCell>To apply after a look (Review Needed)</TableCell><TableCell className={styles.count}>{suggestions.needsReview}</TableCell></TableRow>
          <TableRow><TableCell>Nothing suggested: your decision</TableCell><TableCell className={styles.count}>{suggestions.flagged}</TableCell></TableRow>
        </TableBody>
      </Table>
    </>
  );
}
