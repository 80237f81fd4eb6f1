import {
  Body1, Link, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, makeStyles, tokens,
} from "@fluentui/react-components";
import type { SheetFinding } from "../../app/contracts";
import type { ErrorFileOutcome } from "../services";

const useStyles = makeStyles({
  report: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export interface ErrorFileReportProps {
  readonly outcome: ErrorFileOutcome;
  readonly onSelect: (finding: SheetFinding) => void;
}

/** The portal's error file, read back: rows marked, errors that match no row, and what each code means. */
export function ErrorFileReport({ outcome, onSelect }: ErrorFileReportProps) {
  const styles = useStyles();
  const { marked, unmatched, requestFailures, codes, notices } = outcome;
  return (
    <div className={styles.report}>
      {requestFailures.map((f, i) => (
        <MessageBar key={i} intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>The portal refused the whole upload</MessageBarTitle>
            {f.message} {f.guidance}
          </MessageBarBody>
        </MessageBar>
      ))}
      {requestFailures.length === 0 && (
        <MessageBar intent={marked.length > 0 || unmatched.length > 0 ? "warning" : "success"}>
          <MessageBarBody>
            {marked.length} {marked.length === 1 ? "row" : "rows"} marked in the sheets
            {unmatched.length > 0 ? `; ${unmatched.length} ${unmatched.length === 1 ? "error matches" : "errors match"} no row` : ""}.
          </MessageBarBody>
        </MessageBar>
      )}
      {marked.length > 0 && (
        <ul className={styles.list} aria-label="Rows the portal rejected">
          {marked.map((f, i) => (
            <li key={i}>
              <Link as="button" onClick={() => onSelect(f)}>{f.sheet}, row {f.row}</Link>: {f.code} {f.message}
            </li>
          ))}
        </ul>
      )}
      {unmatched.length > 0 && (
        <>
          <Subtitle2 as="h3">Errors that match no row</Subtitle2>
          <ul className={styles.list}>
            {unmatched.map((u, i) => <li key={i}><strong>{u.description}</strong>: {u.message} {u.guidance}</li>)}
          </ul>
        </>
      )}
      {codes.length > 0 && (
        <>
          <Subtitle2 as="h3">What the error codes mean</Subtitle2>
          <dl>
            {codes.map((c) => (
              <div key={c.code}>
                <dt><strong>{c.code}</strong></dt>
                <dd><Body1>{c.meaning} {c.guidance}</Body1></dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {notices.map((n, i) => (
        <MessageBar key={i} intent={n.severity} layout="multiline"><MessageBarBody>{n.message}</MessageBarBody></MessageBar>
      ))}
    </div>
  );
}
