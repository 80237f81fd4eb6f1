import { readFileSync } from "node:fs";
import { NO_DECLARED_AMOUNTS, type Decision, type DeclaredAmount, type TaxHead } from "../../src/ims/decision";
import { normaliseRecord } from "../../src/ims/download/normalise";
import type { ImsRecord } from "../../src/ims/record";
import type { RuleInfo } from "../../src/ims/rules";
import type { Finding } from "../../src/ims/rules/finding";
import type { SectionKey } from "../../src/ims/sections";

/** Shared helpers for the rules tests: fixture records with small modifications, and the docs table row. */

function readJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;
}

export const OFFLINE = readJson("ims_download_offline.json").imsDetails as Record<string, Record<string, unknown>[]>;
export const API = readJson("ims_download_api.json") as Record<string, Record<string, unknown>[]>;
export const SANDBOX = readJson("gstn_sandbox_api.json") as Record<string, Record<string, unknown>[]>;

export const RECIPIENT = "27AAGCK4821M1Z8";

function documentNumberOf(raw: Record<string, unknown>): string {
  return String(raw.inum ?? raw.nt_num);
}

/** A copy of one fixture object, found by section and document number. */
export function rawOf(section: SectionKey, documentNumber: string, source = OFFLINE): Record<string, unknown> {
  const found = (source[section] ?? []).find((r) => documentNumberOf(r) === documentNumber);
  if (!found) throw new Error(`No ${section} ${documentNumber} in the fixture`);
  return structuredClone(found);
}

/**
 * A record built by normaliseRecord from a fixture object, with keys overridden
 * (`undefined` removes the key).
 */
export function recordOf(section: SectionKey, documentNumber: string, changes: Record<string, unknown> = {}): ImsRecord {
  const raw = rawOf(section, documentNumber);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete raw[key];
    else raw[key] = value;
  }
  return normaliseRecord(section, raw, { file: "ims_download_offline.json", position: 1 });
}

/** Every record of a fixture source, normalised. */
export function allRecords(source: Record<string, Record<string, unknown>[]>, file: string): ImsRecord[] {
  return Object.entries(source).flatMap(([section, list]) =>
    (list ?? []).map((raw, i) => normaliseRecord(section as SectionKey, raw, { file, position: i + 1 })),
  );
}

export interface DecisionChange extends Partial<Omit<Decision, "declared">> {
  readonly declared?: Partial<Record<TaxHead, DeclaredAmount>>;
}

/** The record's downloaded decision with some cells changed, as the user would in the workbook. */
export function decide(record: ImsRecord, change: DecisionChange = {}): Decision {
  const base = record.downloaded;
  return {
    action: change.action ?? base.action,
    remarks: change.remarks ?? base.remarks,
    itc: change.itc === undefined ? base.itc : change.itc,
    declared: { ...NO_DECLARED_AMOUNTS, ...base.declared, ...change.declared },
  };
}

export function partial(igst: DeclaredAmount, cgst: DeclaredAmount, sgst: DeclaredAmount, cess: DeclaredAmount): DecisionChange {
  return { action: "A", itc: "partial", declared: { igst, cgst, sgst, cess } };
}

export function codesOf(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

export function findingsWith(findings: readonly Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** One row of the rule table in docs/rules.md, rendered from RULES (the docs test compares these exactly). */
export function ruleTableRow(rule: RuleInfo): string {
  const messages = [rule.message, ...Object.entries(rule.variants).map(([name, text]) => `(${name}) ${text}`)].join("<br>");
  return `| ${[
    rule.code,
    rule.severityText,
    rule.condition,
    messages,
    rule.fields.join(", "),
    rule.appliesTo,
    rule.source,
    rule.confidence,
  ].map(cell).join(" | ")} |`;
}

export const RULE_TABLE_HEADER = [
  "| Code | Severity | Condition | Message | Field | Applies to | Source | Confidence |",
  "|---|---|---|---|---|---|---|---|",
];
