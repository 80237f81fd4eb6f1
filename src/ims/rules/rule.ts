import type { ExportContext, RecipientInput, RecordContext } from "./context";
import type { Finding, FindingField, Severity } from "./finding";

/**
 * The shape of one validation rule. Every rule is data: its code, severities,
 * fields, message template and source live in one table entry, next to the
 * small predicate that decides whether it applies. docs/rules.md is checked
 * against these entries, so the documentation cannot drift from the code.
 */

export type Confidence = "certain" | "likely" | "guess";

/**
 * Which records a per-record rule looks at. Untouched records are not judged
 * as new decisions (docs/rules.md, "Unchanged records").
 * - every record: also records the user did not touch;
 * - records not uploaded: unchanged, or edited only in a way that sends nothing;
 * - edited records: anything differs from the download;
 * - uploaded records: the record goes into the upload file (CHG-01);
 * - new actions: uploaded, and the action differs from the download.
 */
export type RecordScope = "every record" | "records not uploaded" | "edited records" | "uploaded records" | "new actions";

/** What the public table says about a rule (the rows of docs/rules.md). */
export interface RuleInfo {
  /** Stable code, as in the spec (ims-rules.md) where it has one. */
  readonly code: string;
  /** The severities a finding of this rule can have; the first is the usual one. */
  readonly severities: readonly Severity[];
  /** Human wording when the severity depends on the record, e.g. "Error in b2bcn; warning elsewhere". */
  readonly severityText: string;
  /** The cells a finding can point at; the first is the usual one. */
  readonly fields: readonly FindingField[];
  /** Which records, or which function, the rule is applied by. */
  readonly appliesTo: string;
  readonly condition: string;
  /** Message template; `{name}` placeholders are filled per finding. */
  readonly message: string;
  /** Alternative templates for special cases (named). */
  readonly variants: Readonly<Record<string, string>>;
  /** The spec's Source column, then the spec rule, e.g. "FAQ-OCT25; ims-rules ACT-01". */
  readonly source: string;
  readonly confidence: Confidence;
}

/** One occurrence of a rule: the values for its template, and overrides of its defaults. */
export interface Hit {
  readonly params?: Readonly<Record<string, string>>;
  readonly field?: FindingField;
  readonly severity?: Severity;
  readonly variant?: string;
  /** Whole-export findings: the records concerned (by record key), for the export summary. */
  readonly recordKeys?: readonly string[];
}

/** A whole-export finding, optionally naming the records it concerns. */
export interface ExportFinding extends Finding {
  readonly recordKeys?: readonly string[];
}

/** What a predicate returns: nothing, one occurrence (true = no placeholders), or several. */
export type CheckResult = boolean | undefined | Hit | readonly Hit[];

/** A rule as written in the tables: the public facts plus the predicate(s). */
export interface RuleDefinition {
  readonly code: string;
  readonly severities: readonly [Severity, ...Severity[]];
  readonly severityText?: string;
  readonly fields: readonly [FindingField, ...FindingField[]];
  readonly condition: string;
  readonly message: string;
  readonly variants?: Readonly<Record<string, string>>;
  /** The spec's Source column. */
  readonly basis: string;
  /** The spec rule it implements, when not the same code (a rule added here). */
  readonly specRule?: string;
  readonly confidence: Confidence;
  /** Per-record check, run by checkDecision on the records in `scope`. */
  readonly perRecord?: { readonly scope: RecordScope; readonly check: (ctx: RecordContext) => CheckResult };
  /** Recipient GSTIN check, run by validateRecipient (and so by checkWorkbook). */
  readonly perRecipient?: (input: RecipientInput) => CheckResult;
  /** Whole-export check, run once by checkWorkbook. */
  readonly perExport?: (ctx: ExportContext) => CheckResult;
  /** For rules raised by a dedicated function instead (named in docs). */
  readonly raisedBy?: string;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The public view of a definition. */
export function ruleInfo(def: RuleDefinition): RuleInfo {
  const appliesTo = [
    def.perRecord ? `checkDecision: ${def.perRecord.scope}` : undefined,
    def.perRecipient ? "validateRecipient" : undefined,
    def.perRecipient || def.perExport ? "checkWorkbook: once per export" : undefined,
    def.raisedBy,
  ].filter((s): s is string => s !== undefined);
  return {
    code: def.code,
    severities: def.severities,
    severityText: def.severityText ?? capitalise(def.severities[0]),
    fields: def.fields,
    appliesTo: appliesTo.join("; "),
    condition: def.condition,
    message: def.message,
    variants: def.variants ?? {},
    source: `${def.basis}; ims-rules ${def.specRule ?? def.code}`,
    confidence: def.confidence,
  };
}

/** The hits a check result stands for. */
export function hitsOf(result: CheckResult): readonly Hit[] {
  if (result === undefined || result === false) return [];
  if (result === true) return [{}];
  return Array.isArray(result) ? (result as readonly Hit[]) : [result as Hit];
}

/**
 * Fills `{name}` placeholders. A missing value is a programming error (every
 * rule is exercised by the tests), so it throws rather than show "{name}".
 */
export function fillTemplate(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Rule message placeholder {${name}} has no value`);
    return value;
  });
}

/** The finding one hit of a rule produces; severity and field must be ones the rule declares. */
export function findingOf(rule: RuleInfo, hit: Hit): ExportFinding {
  const severity = hit.severity ?? rule.severities[0];
  const field = hit.field ?? rule.fields[0];
  if (!rule.severities.includes(severity)) throw new Error(`${rule.code} cannot have severity ${severity}`);
  if (!rule.fields.includes(field)) throw new Error(`${rule.code} cannot point at ${field}`);
  let template = rule.message;
  if (hit.variant !== undefined) {
    const variant = rule.variants[hit.variant];
    if (variant === undefined) throw new Error(`${rule.code} has no message variant "${hit.variant}"`);
    template = variant;
  }
  const finding: Finding = { code: rule.code, severity, field, message: fillTemplate(template, hit.params ?? {}), source: rule.source };
  return hit.recordKeys ? { ...finding, recordKeys: hit.recordKeys } : finding;
}
