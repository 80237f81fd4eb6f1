import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Caption1, Link, makeStyles, tokens,
} from "@fluentui/react-components";
import type { SheetFinding } from "../../app/contracts";

/** Per rule, only this many rows are listed; the filter shows them all in the sheet. */
const SHOWN_PER_RULE = 50;

const useStyles = makeStyles({
  rule: { marginBlock: tokens.spacingVerticalS },
  ruleTitle: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  headerCounts: { display: "inline-flex", gap: tokens.spacingHorizontalXS, marginInlineStart: tokens.spacingHorizontalS },
});

interface RuleGroup { code: string; severity: SheetFinding["severity"]; findings: SheetFinding[] }
interface SheetGroup { sheet: string; errors: number; warnings: number; notes: number; rules: RuleGroup[] }

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Findings grouped by sheet, then by rule; errors first. */
export function groupFindings(findings: readonly SheetFinding[]): SheetGroup[] {
  const sheets = new Map<string, Map<string, RuleGroup>>();
  for (const f of findings) {
    let rules = sheets.get(f.sheet);
    if (!rules) sheets.set(f.sheet, (rules = new Map()));
    let group = rules.get(f.code);
    if (!group) rules.set(f.code, (group = { code: f.code, severity: f.severity, findings: [] }));
    group.findings.push(f);
  }
  return [...sheets].map(([sheet, rules]) => {
    const list = [...rules.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code));
    const all = list.flatMap((r) => r.findings);
    return {
      sheet,
      errors: all.filter((f) => f.severity === "error").length,
      warnings: all.filter((f) => f.severity === "warning").length,
      notes: all.filter((f) => f.severity === "info").length,
      rules: list,
    };
  });
}

const BADGE = { error: "danger", warning: "warning", info: "informative" } as const;

export interface FindingsListProps {
  readonly findings: readonly SheetFinding[];
  /** Selects the finding's cell in the workbook. */
  readonly onSelect: (finding: SheetFinding) => void;
}

export function FindingsList({ findings, onSelect }: FindingsListProps) {
  const styles = useStyles();
  const groups = groupFindings(findings);
  return (
    <Accordion multiple collapsible defaultOpenItems={groups.filter((g) => g.errors > 0).map((g) => g.sheet)}>
      {groups.map((g) => (
        <AccordionItem key={g.sheet} value={g.sheet}>
          <AccordionHeader size="small">
            {g.sheet}
            <span className={styles.headerCounts}>
              {g.errors > 0 && <Badge color="danger" appearance="tint">{g.errors} {g.errors === 1 ? "error" : "errors"}</Badge>}
              {g.warnings > 0 && <Badge color="warning" appearance="tint">{g.warnings} {g.warnings === 1 ? "warning" : "warnings"}</Badge>}
              {g.notes > 0 && <Badge color="informative" appearance="tint">{g.notes} {g.notes === 1 ? "note" : "notes"}</Badge>}
            </span>
          </AccordionHeader>
          <AccordionPanel>
            {g.rules.map((r) => (
              <div key={r.code} className={styles.rule}>
                <div className={styles.ruleTitle}>
                  <Badge color={BADGE[r.severity]} appearance="filled" size="small">{r.severity}</Badge>
                  {r.code} ({r.findings.length})
                </div>
                <ul className={styles.list} aria-label={`${g.sheet}, ${r.code}`}>
                  {r.findings.slice(0, SHOWN_PER_RULE).map((f, i) => (
                    <li key={`${f.row}-${f.column}-${i}`}>
                      <Link as="button" onClick={() => onSelect(f)}>
                        Row {f.row}, {f.column}
                      </Link>
                      : {f.message}
                    </li>
                  ))}
                </ul>
                {r.findings.length > SHOWN_PER_RULE && (
                  <Caption1>and {r.findings.length - SHOWN_PER_RULE} more: use “Show only rows with errors” to see them all.</Caption1>
                )}
              </div>
            ))}
          </AccordionPanel>
        </AccordionItem>
      ))}
    </Accordion>
  );
}
