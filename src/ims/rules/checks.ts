import type { Decision } from "../decision";
import type { ImsRecord } from "../record";
import { decisionChanges, ExportTally, inScope, recordContext, type EarlierExport, type ExportContext, type NoActionSummary, type RecipientInput, type RecordContext } from "./context";
import type { Finding } from "./finding";
import { supplierLabel } from "./format";
import { findingOf, hitsOf, type ExportFinding } from "./rule";
import { RULE_DEFINITIONS, ruleByCode } from "./table";

/**
 * The entry points: per record (checkDecision), per export (checkWorkbook,
 * validateRecipient), and the two rules raised outside those (FMT-05, CHG-07).
 */

/**
 * Every finding on one record's decision. Records the user did not change are
 * not judged as new decisions: only rules scoped to "every record" or
 * "records not uploaded" look at them (docs/rules.md, "Unchanged records").
 */
export function checkDecision(record: ImsRecord, decision: Decision): readonly Finding[] {
  return findingsIn(recordContext(record, decision));
}

/** The findings of a record that has none, shared by most records of a month. */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);

function findingsIn(ctx: RecordContext): readonly Finding[] {
  let findings: Finding[] | undefined;
  for (const { rule, scope, check } of ctx.stage === "unchanged" ? PER_UNCHANGED_RECORD : PER_RECORD) {
    if (!inScope(ctx, scope)) continue;
    const result = check(ctx);
    // Most checks on most records find nothing: no list of hits is made for them.
    if (result === undefined || result === false) continue;
    for (const hit of hitsOf(result)) (findings ??= []).push(findingOf(rule, hit));
  }
  return findings ?? NO_FINDINGS;
}

/** The per-record checks in table order, each with its rule looked up once rather than once per record. */
const PER_RECORD = RULE_DEFINITIONS.flatMap((def) => (def.perRecord ? [{ rule: ruleByCode(def.code), ...def.perRecord }] : []));
/** Those whose scope takes in a record the user did not change (inScope decides): most records of a month. */
const PER_UNCHANGED_RECORD = PER_RECORD.filter((c) => c.scope === "every record" || c.scope === "records not uploaded");

/** FMT-01 and FMT-02: the GSTIN the upload is for, against the GSTINs the downloads name. */
export function validateRecipient(recipientGstin: string | undefined, downloadGstins: readonly string[]): ExportFinding[] {
  const input: RecipientInput = { recipientGstin, fileRecipients: downloadGstins };
  const findings: ExportFinding[] = [];
  for (const def of RULE_DEFINITIONS) {
    if (!def.perRecipient) continue;
    const rule = ruleByCode(def.code);
    for (const hit of hitsOf(def.perRecipient(input))) findings.push(findingOf(rule, hit));
  }
  return findings;
}

export interface WorkbookInput {
  readonly recipientGstin?: string;
  /** Every recipient GSTIN the loaded downloads name. */
  readonly fileRecipients: readonly string[];
  /** When the newest loaded download was taken (ACT-09). */
  readonly downloadedAt?: Date;
  /** The export time; injected so results do not depend on the clock. */
  readonly now: Date;
  /** ACT-09 threshold in days (default 3). */
  readonly staleAfterDays?: number;
  /** CHG-06: the last upload generated since the download was loaded, if any. */
  readonly earlierExport?: EarlierExport;
  readonly records: readonly { readonly record: ImsRecord; readonly decision: Decision }[];
}

export interface WorkbookCheck {
  /** Whole-export findings (FMT-01, FMT-02, ACT-09, RMK-11, CHG-06, WRN-03, WRN-04, WRN-05, WRN-06), in table order. */
  readonly findings: ExportFinding[];
  /** WRN-04 for the export summary: records at No Action and their tax. */
  readonly noAction: NoActionSummary;
}

export const DEFAULT_STALE_AFTER_DAYS = 3;

/** The findings that concern the export as a whole; per-record findings come from checkDecision. */
export function checkWorkbook(input: WorkbookInput): WorkbookCheck {
  return workbookCheckOf(input, tallyOf(input.records));
}

function tallyOf(records: WorkbookInput["records"]): ExportTally {
  const tally = new ExportTally();
  for (const { record, decision } of records) tally.add(recordContext(record, decision));
  return tally;
}

/**
 * checkDecision on every record (in the order given) and checkWorkbook, as
 * Validate needs them, and whether the upload carries each record (CHG-01, as
 * isUploaded says), for Generate: each record's context is worked out once for all three.
 */
export function checkAll(input: WorkbookInput): {
  readonly perRecord: readonly (readonly Finding[])[];
  readonly uploaded: readonly boolean[];
  readonly workbook: WorkbookCheck;
} {
  const count = input.records.length;
  const perRecord = new Array<readonly Finding[]>(count);
  const uploaded = new Array<boolean>(count);
  const tally = new ExportTally();
  for (let i = 0; i < count; i++) {
    const { record, decision } = input.records[i];
    const ctx = recordContext(record, decision);
    perRecord[i] = findingsIn(ctx);
    uploaded[i] = ctx.stage === "uploaded";
    tally.add(ctx);
  }
  return { perRecord, uploaded, workbook: workbookCheckOf(input, tally) };
}

function workbookCheckOf(input: WorkbookInput, tally: ExportTally): WorkbookCheck {
  const ctx: ExportContext = {
    recipientGstin: input.recipientGstin,
    fileRecipients: input.fileRecipients,
    downloadedAt: input.downloadedAt,
    now: input.now,
    staleAfterDays: input.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS,
    earlierExport: input.earlierExport,
    changed: tally.changed,
    noAction: tally.noAction,
  };
  const findings: ExportFinding[] = [];
  for (const def of RULE_DEFINITIONS) {
    const rule = ruleByCode(def.code);
    for (const result of [def.perRecipient?.(ctx), def.perExport?.(ctx)]) {
      for (const hit of hitsOf(result)) findings.push(findingOf(rule, hit));
    }
  }
  return { findings, noAction: ctx.noAction };
}

/** FMT-05: a row in the workbook that has no stored download record behind it. */
export function rowWithoutRecordFinding(): Finding {
  return findingOf(ruleByCode("FMT-05"), {});
}

/**
 * CHG-07: a newer download of a record the user has decided on shows a
 * different version stamp (`hash`). Returns nothing when either stamp is
 * missing (no evidence), or when the user has not changed the record.
 */
export function checkRedownload(previous: ImsRecord, current: ImsRecord, decision: Decision): Finding[] {
  if (previous.hash === "" || current.hash === "" || previous.hash === current.hash) return [];
  const changes = decisionChanges(previous, decision);
  if (!changes.action && !changes.remarks && !changes.itc) return [];
  return [findingOf(ruleByCode("CHG-07"), { params: { supplier: supplierLabel(current) } })];
}
