import { changeSet, declarationToSend, type DecidedRecord } from "./changes";
import { TAX_HEADS, isUnreadable, toPaise, type ActionCode, type Decision, type TaxHead } from "./decision";
import { DECISION_KEYS_SPELLED, DECLARED_KEY, keyHolding } from "./download/normalise";
import type { ImsRecord } from "./record";
import { checkDecision, checkWorkbook, remarksToSend, type ExportFinding, type Finding } from "./rules";
import { utf8Length } from "./utf8";
import { SECTIONS, echoPlan, sectionSpec, type EchoKey, type SectionKey } from "./sections";
import { validateUpload } from "../generated/schemas.js";

/**
 * The upload file the portal takes at IMS Dashboard → Offline → Upload JSON
 * (ims-formats §4): `{rtin, reqtyp: "SAVE", invdata: {section: [records]}}`,
 * holding only the changed records. Identifying and amount fields are echoed
 * from the stored downloaded record, never from the workbook's cells.
 */

/** Split above these (ims-formats §4.5: Vayana's 4 MB request limit; EY's 5,000 records per save). */
export const DEFAULT_MAX_BYTES = 4_000_000;
export const DEFAULT_MAX_RECORDS = 5_000;

export interface UploadInput {
  /** As the user entered it; when blank, the GSTIN the downloads carry is used (see chooseRecipient). */
  readonly recipientGstin: string | undefined;
  /** Every recipient GSTIN the loaded downloads name (root `gstin`/`rtin`), for FMT-01/FMT-02. */
  readonly fileRecipients?: readonly string[];
  /** When the newest loaded download was taken (ACT-09). */
  readonly downloadedAt?: Date;
  /** Every record of the workbook with its current decision; unchanged ones are left out of the file. */
  readonly items: readonly DecidedRecord[];
  readonly maxBytes?: number;
  readonly maxRecords?: number;
  /** For the file name and the export checks. */
  readonly now: Date;
  /**
   * The rules' findings on these same items, when the caller has just computed
   * them (generateUpload validates the workbook first), so they are not computed
   * twice; without it, buildUpload checks the items itself.
   */
  readonly checked?: CheckedItems;
}

/**
 * checkDecision's findings by record (the same objects as the items', in the
 * items' order; a record not in the map has none), checkWorkbook's, and the
 * items the upload carries (changeSet's `changed`, in the items' order).
 */
export interface CheckedItems {
  readonly byRecord: ReadonlyMap<ImsRecord, readonly Finding[]>;
  readonly workbook: readonly ExportFinding[];
  readonly uploaded: readonly DecidedRecord[];
}

export interface UploadFile {
  /** `IMS_Upload_<rtin>_<yyyymmdd-hhmm>[_partN-of-M].json`, time in IST. */
  readonly name: string;
  /** UTF-8 JSON text without a BOM. */
  readonly text: string;
  readonly recordCount: number;
}

export interface UploadNotice {
  /** The rule (ims-rules) or writer notice (docs/upload-and-errors.md, UPL-…) it comes from. */
  readonly code: string;
  readonly severity: "warning" | "info";
  readonly message: string;
  /** The records it concerns (`ImsRecord.key`), if any. */
  readonly recordKeys: readonly string[];
}

/** Records written, per section and action. */
export type UploadCounts = Partial<Record<SectionKey, Partial<Record<ActionCode, number>>>>;

export interface RecordProblem {
  readonly record: ImsRecord;
  readonly finding: Finding;
}

export type UploadResult =
  | {
      readonly kind: "refused";
      /** Every reason, in plain words, naming the record where there is one. */
      readonly reasons: readonly string[];
      readonly recordErrors: readonly RecordProblem[];
      readonly exportErrors: readonly ExportFinding[];
    }
  | { readonly kind: "nothing-changed"; readonly message: string; readonly notices: readonly UploadNotice[] }
  | {
      readonly kind: "files";
      readonly files: readonly UploadFile[];
      readonly counts: UploadCounts;
      /** The records written, in file order; their keys tell a later error file where to look first. */
      readonly uploaded: readonly DecidedRecord[];
      readonly notices: readonly UploadNotice[];
    };

/** CHG-05. */
export const NOTHING_TO_UPLOAD = "Nothing to upload: no action, remark or ITC declaration was changed.";

/** "B2B-CN TTM/CN/0042 of 33AADCT1180B1ZY". */
export function describeRecord(record: ImsRecord): string {
  return `${sectionSpec(record.section).sheetName} ${record.documentNumber} of ${record.supplierGstin}`;
}

// ---------------------------------------------------------------------------
// One record

/** Keys the writer knows and deliberately leaves out (ims-formats §4.2 "Never written"), or writes itself. */
const KNOWN_NOT_ECHOED = [
  "hash", "tradenm", "trdnm", "lglnm", "srcfilstatus",
  "ispendactblocked", "ispendactnallwd", "isRemarksBlocked", "isItcRedReqBlocked", "itcRedReqBlocked",
  "ItcAvailabilityCheck", "error_cd", "error_msg", ...DECISION_KEYS_SPELLED,
];

interface WrittenRecord {
  readonly item: DecidedRecord;
  readonly json: Record<string, unknown>;
  readonly aliasesUsed: readonly string[];
  readonly unrecognised: readonly string[];
}

/** A decision refused by the rules never gets here; meeting one anyway is a programming error. */
function readableAction(value: Decision["action"], what: string, record: ImsRecord): ActionCode {
  if (isUnreadable(value)) throw new Error(`Bug: the upload writer met an unreadable ${what} on ${describeRecord(record)}; the rules should have refused it.`);
  return value;
}

/** A declared amount as written: rupees with at most 2 decimals; blank = 0 (all four heads are sent). */
function declaredForWire(decision: Decision, head: TaxHead, record: ImsRecord): number {
  const value = decision.declared[head];
  if (value === null) return 0;
  if (isUnreadable(value)) throw new Error(`Bug: the upload writer met an unreadable declared ${head} on ${describeRecord(record)}; the rules should have refused it.`);
  return toPaise(value) / 100;
}

interface WriterPlan {
  readonly keys: readonly EchoKey[];
  readonly known: ReadonlySet<string>;
  /** Every echo key, then `prev_status` and `action`, in the order written, all null. */
  readonly template: Readonly<Record<string, unknown>>;
}

/**
 * Per section: the keys echoed with their spellings, every key the writer
 * knows, as spelled and in lower case (a key in another letter case is known
 * too), and the record written as a template. Worked out once, not per record.
 */
const WRITER_PLANS: ReadonlyMap<SectionKey, WriterPlan> = new Map(
  SECTIONS.map((spec) => {
    const keys = echoPlan(spec);
    const spelled = [...keys.flatMap((k) => k.spellings), ...KNOWN_NOT_ECHOED];
    const template = Object.fromEntries([...keys.map((k) => k.key), "prev_status", "action"].map((k) => [k, null]));
    return [spec.key, { keys, known: new Set([...spelled, ...spelled.map((k) => k.toLowerCase())]), template }];
  }),
);

const NONE: readonly string[] = Object.freeze([]);

/** Whether the record holds every echo key as spelled, as the portal's records do. */
function holdsAsSpelled(raw: Readonly<Record<string, unknown>>, keys: readonly EchoKey[]): boolean {
  for (const { key } of keys) if (!Object.hasOwn(raw, key)) return false;
  return true;
}

/**
 * The echoed keys of a record, then `prev_status` and `action` (null, for the
 * writer to fill). A record holding every echo key as spelled gets a copy of
 * its section's template with the values filled in, which keeps it a fast
 * object: one given more than a few keys one by one under computed names is a
 * slow one, which the JSON text and the schema check then read slowly. The
 * others are put together key by key, in the same order.
 */
function echoed(raw: Readonly<Record<string, unknown>>, plan: WriterPlan): { json: Record<string, unknown>; aliasesUsed?: string[] } {
  if (holdsAsSpelled(raw, plan.keys)) {
    const json: Record<string, unknown> = { ...plan.template };
    for (const { key } of plan.keys) json[key] = raw[key];
    return { json };
  }
  const entries: [string, unknown][] = [];
  let aliasesUsed: string[] | undefined;
  for (const { key, spellings } of plan.keys) {
    // A `null` is present, and echoed as `null`: the writer never adds or drops what the portal sent.
    const source = keyHolding(raw, spellings);
    if (source === undefined) continue;
    entries.push([key, raw[source]]);
    if (source !== key) (aliasesUsed ??= []).push(`${source} → ${key}`);
  }
  entries.push(["prev_status", null], ["action", null]);
  return { json: Object.fromEntries(entries), aliasesUsed };
}

function writeRecord(item: DecidedRecord): WrittenRecord {
  const { record, decision } = item;
  const raw = record.raw;
  const plan = WRITER_PLANS.get(record.section)!;
  const { json, aliasesUsed } = echoed(raw, plan);
  const action = readableAction(decision.action, "action", record);
  json.prev_status = readableAction(record.downloaded.action, "downloaded action", record);
  json.action = action;
  const declaration = declarationToSend(record, decision);
  if (declaration !== null) {
    json.itcRedReq = declaration === "none" ? "N" : "Y";
    if (declaration === "partial") {
      for (const head of TAX_HEADS) json[DECLARED_KEY[head]] = declaredForWire(decision, head, record);
    }
  }
  const remarks = remarksToSend(record, decision);
  if (remarks !== undefined) json.remarks = remarks;

  // Echo keys (and their spellings) the writer looked for are known, even when empty or superseded.
  // Most records have neither aliases nor unknown keys: no list is made for them.
  let unrecognised: string[] | undefined;
  for (const k in raw) if (!plan.known.has(k) && !plan.known.has(k.toLowerCase())) (unrecognised ??= []).push(k);
  return { item, json, aliasesUsed: aliasesUsed ?? NONE, unrecognised: unrecognised ?? NONE };
}

// ---------------------------------------------------------------------------
// Files

/**
 * The file text: one record per line, so that a file is compact yet readable
 * and diffs cleanly, and so that its size can be known before it is written.
 */
function header(rtin: string): string {
  return `{"rtin":${JSON.stringify(rtin)},"reqtyp":"SAVE","invdata":{`;
}
const FOOTER = "}}\n";

function sectionText(section: SectionKey, lines: readonly string[]): string {
  return `\n${JSON.stringify(section)}:[\n${lines.join(",\n")}\n]`;
}

function fileText(rtin: string, sections: ReadonlyMap<SectionKey, readonly string[]>): string {
  return header(rtin) + [...sections].map(([s, lines]) => sectionText(s, lines)).join(",") + FOOTER;
}

/** A size limit too small for a single record: a refusal for the user, not a bug. */
class UploadTooSmallError extends Error {}

interface Part {
  /** Section → serialised records, in the section table's order. */
  sections: Map<SectionKey, string[]>;
  records: WrittenRecord[];
  bytes: number;
}

/** Bytes a record's line adds to a part: after ",\n" in a section already there, else with its section's opening (after a comma, unless first). */
function growthOf(part: Part, section: SectionKey, lineBytes: number): number {
  return part.sections.has(section) ? lineBytes + 2 : utf8Length(sectionText(section, [])) + lineBytes + (part.sections.size > 0 ? 1 : 0);
}

/**
 * Packs records (sorted by section) into files no larger than the limits, never
 * splitting a record. Sizes are counted as the text is laid out in `fileText`
 * (the tests measure the files written, byte by byte).
 */
function pack(rtin: string, written: readonly WrittenRecord[], maxBytes: number, maxRecords: number): Part[] {
  const emptyBytes = utf8Length(fileText(rtin, new Map()));
  const parts: Part[] = [];
  let part: Part = { sections: new Map(), records: [], bytes: emptyBytes };
  for (const w of written) {
    const line = JSON.stringify(w.json);
    const lineBytes = utf8Length(line);
    const section = w.item.record.section;
    if (part.records.length > 0 && (part.records.length >= maxRecords || part.bytes + growthOf(part, section, lineBytes) > maxBytes)) {
      parts.push(part);
      part = { sections: new Map(), records: [], bytes: emptyBytes };
    }
    const bytes = part.bytes + growthOf(part, section, lineBytes);
    if (bytes > maxBytes) {
      throw new UploadTooSmallError(`${describeRecord(w.item.record)} alone makes a file of ${bytes} bytes, more than the limit of ${maxBytes} bytes.`);
    }
    // Records come sorted by section, so a new section is always the last one.
    const lines = part.sections.get(section);
    if (lines) lines.push(line);
    else part.sections.set(section, [line]);
    part.records.push(w);
    part.bytes = bytes;
  }
  parts.push(part);
  return parts;
}

/** `20260415-0930`, in Indian Standard Time whatever the machine's zone (GST deadlines are IST). */
function istStamp(now: Date): string {
  const ist = new Date(now.getTime() + 5.5 * 60 * 60 * 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${ist.getUTCFullYear()}${two(ist.getUTCMonth() + 1)}${two(ist.getUTCDate())}-${two(ist.getUTCHours())}${two(ist.getUTCMinutes())}`;
}

function fileName(rtin: string, now: Date, index: number, total: number): string {
  return `IMS_Upload_${rtin}_${istStamp(now)}${total > 1 ? `_part${index + 1}-of-${total}` : ""}.json`;
}

/**
 * The strict schema must accept every file; if it does not, the writer is wrong,
 * and nothing is handed out. It checks the records as written: the file's text
 * is their JSON, one line each, in this same structure.
 */
function selfCheck(rtin: string, name: string, part: Part): void {
  const invdata: Record<string, unknown[]> = {};
  for (const w of part.records) (invdata[w.item.record.section] ??= []).push(w.json);
  if (!validateUpload({ rtin, reqtyp: "SAVE", invdata })) {
    const detail = (validateUpload.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`.trim()).join("; ");
    throw new Error(`Bug: the upload file ${name} fails the upload schema (${detail}). Nothing was written; please report this.`);
  }
}

// ---------------------------------------------------------------------------
// The whole export

/**
 * The GSTIN the upload is for: the one entered, or else the one the downloads
 * carry when they all name the same one. Whether it is valid, and whether it
 * agrees with the downloads, is for the rules (FMT-01, FMT-02).
 */
export function chooseRecipient(entered: string | undefined, fileRecipients: readonly string[] = []): string | undefined {
  if (entered !== undefined && entered.trim() !== "") return entered;
  const named = [...new Set(fileRecipients.map((g) => g.trim().toUpperCase()).filter((g) => g !== ""))];
  return named.length === 1 ? named[0] : undefined;
}

function count(records: readonly WrittenRecord[]): UploadCounts {
  const counts: Record<string, Record<string, number>> = {};
  for (const { item, json } of records) {
    const bySection = (counts[item.record.section] ??= {});
    const action = json.action as ActionCode;
    bySection[action] = (bySection[action] ?? 0) + 1;
  }
  return counts as UploadCounts;
}

function writerNotices(written: readonly WrittenRecord[]): UploadNotice[] {
  const notices: UploadNotice[] = [];
  // A missing echo key is the rules' FMT-06 warning; the writer adds what only it knows.
  for (const w of written) {
    if (w.aliasesUsed.length > 0) {
      notices.push({
        code: "UPL-01",
        severity: "warning",
        message: `${describeRecord(w.item.record)}: the download spelled some keys differently; they were written the upload's way (${w.aliasesUsed.join(", ")}).`,
        recordKeys: [w.item.record.key],
      });
    }
  }
  const unrecognised = new Map<string, string[]>();
  for (const w of written) for (const k of w.unrecognised) unrecognised.set(k, [...(unrecognised.get(k) ?? []), w.item.record.key]);
  for (const [key, keys] of unrecognised) {
    notices.push({
      code: "UPL-02",
      severity: "info",
      message: `The download has a key this version does not know, \`${key}\`, on ${keys.length} uploaded record(s). It was not copied into the upload.`,
      recordKeys: keys,
    });
  }
  return notices;
}

/**
 * Builds the upload: refuses while any error stands or the recipient GSTIN is
 * missing or invalid; says so plainly when nothing changed; otherwise writes the
 * changed records into one or more files within the limits, each a complete,
 * schema-checked upload.
 */
export function buildUpload(input: UploadInput): UploadResult {
  const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRecords = input.maxRecords ?? DEFAULT_MAX_RECORDS;
  if (!(maxRecords >= 1) || !(maxBytes >= 1)) throw new Error(`Bug: upload limits must be positive (got ${maxBytes} bytes, ${maxRecords} records).`);

  const recipientGstin = chooseRecipient(input.recipientGstin, input.fileRecipients);
  const workbookFindings = input.checked?.workbook ?? checkWorkbook({
    recipientGstin,
    fileRecipients: input.fileRecipients ?? [],
    downloadedAt: input.downloadedAt,
    now: input.now,
    records: input.items,
  }).findings;
  const exportErrors = workbookFindings.filter((f) => f.severity === "error");
  const recordErrors: RecordProblem[] = [];
  const warnings: UploadNotice[] = workbookFindings
    .filter((f) => f.severity !== "error")
    .map((f) => ({ code: f.code, severity: f.severity as "warning" | "info", message: f.message, recordKeys: f.recordKeys ?? [] }));
  // The records with findings: those given (most records have none), or each item checked here.
  const withFindings = input.checked?.byRecord ?? input.items.map(({ record, decision }) => [record, checkDecision(record, decision)] as const);
  for (const [record, findings] of withFindings) {
    for (const finding of findings) {
      if (finding.severity === "error") recordErrors.push({ record, finding });
      else warnings.push({ code: finding.code, severity: finding.severity, message: `${describeRecord(record)}: ${finding.message}`, recordKeys: [record.key] });
    }
  }
  if (exportErrors.length > 0 || recordErrors.length > 0) {
    const reasons = [
      ...exportErrors.map((f) => `${f.message} (${f.code})`),
      ...recordErrors.map(({ record, finding }) => `${describeRecord(record)}: ${finding.message} (${finding.code})`),
    ];
    return { kind: "refused", reasons, recordErrors, exportErrors };
  }

  // Records edited without effect on the upload are explained by the rules' CHG-03 warning, among `warnings`.
  const changed = input.checked?.uploaded ?? changeSet(input.items).changed;
  if (changed.length === 0) return { kind: "nothing-changed", message: NOTHING_TO_UPLOAD, notices: warnings };

  const rtin = recipientGstin!.trim().toUpperCase();
  // Section order, then the order the records were given in: one list per section, joined.
  const bySection = new Map<SectionKey, WrittenRecord[]>(SECTIONS.map((s) => [s.key, []]));
  for (const item of changed) bySection.get(item.record.section)!.push(writeRecord(item));
  const written = [...bySection.values()].flat();
  let parts: Part[];
  try {
    parts = pack(rtin, written, maxBytes, maxRecords);
  } catch (e) {
    if (e instanceof UploadTooSmallError) {
      return { kind: "refused", reasons: [`The file size limit is too small: ${e.message}`], recordErrors: [], exportErrors: [] };
    }
    throw e;
  }

  const files = parts.map((part, i): UploadFile => {
    const name = fileName(rtin, input.now, i, parts.length);
    selfCheck(rtin, name, part);
    return { name, text: fileText(rtin, part.sections), recordCount: part.records.length };
  });

  const notices = [...warnings, ...writerNotices(written)];
  if (files.length > 1) {
    notices.push({
      code: "CHG-08",
      severity: "info",
      message: `The upload was split into ${files.length} files. Upload them one at a time and wait for 'Processed' before the next.`,
      recordKeys: [],
    });
  }
  return { kind: "files", files, counts: count(written), uploaded: parts.flatMap((p) => p.records.map((w) => w.item)), notices };
}
