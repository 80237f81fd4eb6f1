import { parseJsonFile, unpackFiles, type InputFile } from "./download/files";
import { pick } from "./download/normalise";
import { ImsFileError, type FileNotice } from "./file-error";
import { isPlainObject } from "./json";
import { portalErrorBudget, type CountBudget } from "./limits";
import { guidanceFor, requestFailureGuidance } from "./portal-codes";
import type { ImsRecord } from "./record";
import { isSectionKey, sectionByErrorAlias, type SectionKey, type SectionSpec } from "./sections";

/**
 * The portal's error file for an upload that ended "Processed with Error"
 * (ims-formats §5). Its structure is undocumented, so both known shapes are read,
 * bare or in a `data` wrapper, as JSON or zipped:
 *   A. `{"imsDetailsErr": {section: [record + error_cd + error_msg]}}`
 *   B. the REQSTS response `{"status_cd", "error_report": {alias: [{stin, error_cd, error_msg, inv: [{inum, rtnprd}]}]}}`
 * Every error read is either matched to a record or reported as unmatched; none is dropped.
 */

/** One portal error about one document. */
export interface PortalError {
  /** The error file (or `archive.zip/entry.json`) it came from. */
  readonly file: string;
  /** The section the alias names, or undefined for an alias this version does not know. */
  readonly section?: SectionKey;
  /** The section name exactly as the file gave it (`cn`, `b2bcn` …). */
  readonly alias: string;
  readonly supplierGstin: string;
  /** "" when the portal named no document. */
  readonly documentNumber: string;
  /** Only the full-record shape (A) carries the date. */
  readonly documentDate?: string;
  /** "" when the file gave none. */
  readonly returnPeriod: string;
  readonly code?: string;
  /** The portal's message, verbatim. */
  readonly message: string;
  /** What to do about it (ims-rules §8). */
  readonly guidance: string;
}

/** The portal refused the whole upload (`status_cd` ER): no record is marked. */
export interface RequestFailure {
  readonly file: string;
  readonly status?: string;
  readonly code?: string;
  readonly message: string;
  readonly guidance: string;
}

/** The REQSTS status line, where the file carries one. Counts are strings on the wire. */
export interface ProcessingStatus {
  readonly file: string;
  /** P, PE, ER or IP. */
  readonly status: string;
  readonly processed?: string;
  readonly failed?: string;
}

export interface PortalErrorReport {
  readonly errors: readonly PortalError[];
  readonly requestFailures: readonly RequestFailure[];
  readonly statuses: readonly ProcessingStatus[];
  readonly notices: readonly FileNotice[];
}

const NO_MESSAGE = "(the portal gave no message)";

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  // JSON text for an object: String() throws on one whose own `toString` is not a function ({"toString": 1}).
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

function optionalText(value: unknown): string | undefined {
  const t = text(value).trim();
  return t === "" ? undefined : t;
}

function hasErrorFields(entry: unknown): boolean {
  return isPlainObject(entry) && ("error_cd" in entry || "error_msg" in entry);
}

/**
 * A root whose keys are section aliases holding error groups: a bare
 * `error_report` (defensive, ims-formats §5.5 step 2). Every entry must carry an
 * error code or message, so an API-style download (sections of plain records) is
 * not mistaken for one.
 */
function isBareErrorReport(root: Record<string, unknown>): boolean {
  const lists = Object.values(root);
  return Object.keys(root).some((k) => sectionByErrorAlias(k))
    && lists.every(Array.isArray)
    && lists.some((list) => (list as unknown[]).length > 0)
    && lists.every((list) => (list as unknown[]).every(hasErrorFields));
}

/** A REQSTS-style response: its report or status, or (defensive) a request-level error code alone. */
function isStatusResponse(obj: Record<string, unknown>): boolean {
  return "error_report" in obj || "status_cd" in obj || optionalText(obj.err_cd) !== undefined;
}

function looksLikeErrorPayload(obj: Record<string, unknown>): boolean {
  return "imsDetailsErr" in obj || isStatusResponse(obj) || isBareErrorReport(obj);
}

type Payload =
  | { shape: "A"; sections: Record<string, unknown> }
  | { shape: "B"; response: Record<string, unknown> };

function locatePayload(file: string, root: unknown): Payload {
  if (!isPlainObject(root)) {
    throw new ImsFileError(file, "is not a portal error file: it holds a JSON " + (Array.isArray(root) ? "list" : typeof root) + ", not an object.");
  }
  const payload = isPlainObject(root.data) && looksLikeErrorPayload(root.data) ? root.data : root;
  if ("imsDetailsErr" in payload) {
    if (!isPlainObject(payload.imsDetailsErr)) throw new ImsFileError(file, "`imsDetailsErr` must be an object holding the sections with errors.");
    return { shape: "A", sections: payload.imsDetailsErr };
  }
  if (isStatusResponse(payload)) return { shape: "B", response: payload };
  if (isBareErrorReport(payload)) return { shape: "B", response: { error_report: payload } };
  const inner = isPlainObject(payload.data) ? payload.data : payload;
  if ("imsDetails" in inner || Object.keys(inner).some(isSectionKey)) {
    throw new ImsFileError(file, "is an IMS download, not an error file. Load it as a download; the error file is the one the dashboard offers for an upload that shows \"Processed with Error\".");
  }
  if ("invdata" in payload || "reqtyp" in payload) {
    throw new ImsFileError(file, "is an upload file made for the portal, not the portal's error file. Choose the error file the IMS dashboard offers for the upload that shows \"Processed with Error\".");
  }
  throw new ImsFileError(file, "is not a portal error file: it has neither `imsDetailsErr` nor `error_report`. Choose the error file the IMS dashboard offers for the upload that shows \"Processed with Error\".");
}

function sectionList(file: string, alias: string, value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new ImsFileError(file, `section \`${alias}\` is not a list.`);
  return value;
}

function entryObject(file: string, alias: string, position: number, value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) throw new ImsFileError(file, `${alias} entry ${position} is not a JSON object.`);
  return value;
}

/** The document number and date keys to look under: the section's own first, then the other spelling. */
function documentKeys(spec: SectionSpec | undefined): { number: string[]; date: string[] } {
  if (spec?.numberKey === "nt_num") return { number: ["nt_num", "inum"], date: ["nt_dt", "idt"] };
  return { number: ["inum", "nt_num"], date: ["idt", "nt_dt"] };
}

function errorItem(
  base: { file: string; alias: string; spec: SectionSpec | undefined },
  fields: { stin: unknown; number: unknown; date?: unknown; period: unknown; code: unknown; message: unknown },
): PortalError {
  const code = optionalText(fields.code);
  const message = text(fields.message).trim() || NO_MESSAGE;
  const date = optionalText(fields.date);
  return {
    file: base.file,
    section: base.spec?.key,
    alias: base.alias,
    supplierGstin: text(fields.stin),
    documentNumber: text(fields.number),
    ...(date !== undefined ? { documentDate: text(fields.date) } : {}),
    returnPeriod: text(fields.period),
    ...(code !== undefined ? { code } : {}),
    message,
    guidance: guidanceFor(code, message),
  };
}

interface FileResult {
  errors: PortalError[];
  requestFailures: RequestFailure[];
  statuses: ProcessingStatus[];
  notices: FileNotice[];
}

/** Shape A: whole records, each with `error_cd` / `error_msg`. Records with neither were processed and are not errors. */
function readShapeA(file: string, sections: Record<string, unknown>, budget: CountBudget): FileResult {
  const errors: PortalError[] = [];
  let withoutError = 0;
  for (const [alias, value] of Object.entries(sections)) {
    const spec = sectionByErrorAlias(alias);
    const keys = documentKeys(spec);
    const list = sectionList(file, alias, value);
    budget.take(file, list.length);
    list.forEach((entry, i) => {
      const r = entryObject(file, alias, i + 1, entry);
      const code = pick(r, "error_cd", "err_cd");
      const message = pick(r, "error_msg", "err_msg");
      if (optionalText(code) === undefined && optionalText(message) === undefined) {
        withoutError++;
        return;
      }
      errors.push(errorItem({ file, alias, spec }, {
        stin: pick(r, "stin"),
        number: pick(r, ...keys.number),
        date: pick(r, ...keys.date),
        period: pick(r, "rtnprd", "sRtnPrd"),
        code,
        message,
      }));
    });
  }
  const notices: FileNotice[] = withoutError > 0
    ? [{ severity: "info", file, message: `${withoutError} record(s) in the error file carry no error; they were processed and are not marked.` }]
    : [];
  return { errors, requestFailures: [], statuses: [], notices };
}

/** Shape B: the REQSTS response, errors grouped by section alias and supplier, documents listed in `inv`. */
function readShapeB(file: string, response: Record<string, unknown>, budget: CountBudget): FileResult {
  const result: FileResult = { errors: [], requestFailures: [], statuses: [], notices: [] };
  const status = optionalText(response.status_cd)?.toUpperCase();
  if (status !== undefined) {
    result.statuses.push({
      file,
      status,
      ...(optionalText(response.proc_cnt) !== undefined ? { processed: text(response.proc_cnt) } : {}),
      ...(optionalText(response.err_cnt) !== undefined ? { failed: text(response.err_cnt) } : {}),
    });
  }
  const requestCode = optionalText(response.err_cd);
  const report = response.error_report;
  if (status === "ER" || (requestCode !== undefined && (report === undefined || report === null))) {
    result.requestFailures.push({
      file,
      ...(status !== undefined ? { status } : {}),
      ...(requestCode !== undefined ? { code: requestCode } : {}),
      message: text(response.err_msg).trim() || NO_MESSAGE,
      guidance: requestFailureGuidance(requestCode),
    });
    return result;
  }
  if (status === "IP") {
    result.notices.push({ severity: "warning", file, message: "The portal is still processing this upload (status IP, In Progress). Wait, then load the result again." });
  }
  if (report === undefined || report === null) return result;
  if (!isPlainObject(report)) throw new ImsFileError(file, "`error_report` must be an object of sections.");

  for (const [alias, value] of Object.entries(report)) {
    const spec = sectionByErrorAlias(alias);
    const keys = documentKeys(spec);
    sectionList(file, alias, value).forEach((entry, i) => {
      const group = entryObject(file, alias, i + 1, entry);
      const base = { file, alias, spec };
      const shared = { stin: pick(group, "stin"), code: pick(group, "error_cd", "err_cd"), message: pick(group, "error_msg", "err_msg") };
      const documents = sectionList(file, `${alias} entry ${i + 1}: inv`, pick(group, "inv"));
      budget.take(file, Math.max(1, documents.length));
      if (documents.length === 0) {
        // The portal named a supplier but no document: keep the error, it will show as unmatched.
        result.errors.push(errorItem(base, { ...shared, number: "", period: "" }));
        return;
      }
      documents.forEach((doc, j) => {
        const d = entryObject(file, `${alias} entry ${i + 1} document`, j + 1, doc);
        result.errors.push(errorItem(base, {
          ...shared,
          // `inum` holds the note number for notes too (ims-formats §5.3).
          number: pick(d, "inum", ...keys.number),
          date: pick(d, ...keys.date),
          period: pick(d, "rtnprd", "sRtnPrd"),
        }));
      });
    });
  }
  return result;
}

/**
 * Reads one or more error files (JSON, or zips of JSON). Refuses, naming the
 * file, anything that is not an error file; an unknown section alias is kept as
 * an error that will show as unmatched.
 */
export function readErrorFiles(inputs: readonly InputFile[]): PortalErrorReport {
  // The error limit (limits.ts) is checked before the errors are built.
  const budget = portalErrorBudget();
  const results = unpackFiles(inputs).map((f) => {
    const payload = locatePayload(f.name, parseJsonFile(f));
    return payload.shape === "A" ? readShapeA(f.name, payload.sections, budget) : readShapeB(f.name, payload.response, budget);
  });
  return {
    errors: results.flatMap((r) => r.errors),
    requestFailures: results.flatMap((r) => r.requestFailures),
    statuses: results.flatMap((r) => r.statuses),
    notices: results.flatMap((r) => r.notices),
  };
}

/** How sure a match is (ims-formats §5.5): exact; document number equal only ignoring case and spaces; or several records. */
export type MatchQuality = "exact" | "approximate" | "ambiguous";

export interface MatchedError {
  readonly record: ImsRecord;
  readonly error: PortalError;
  readonly quality: MatchQuality;
}

export interface ErrorMatches {
  readonly matched: readonly MatchedError[];
  /** "Errors that match no row": shown, never dropped. */
  readonly unmatched: readonly PortalError[];
}

/** Periods as `MMYYYY`; where either side is only `MM`, the months are compared. A side without a period does not narrow. */
function samePeriod(a: string, b: string): boolean {
  const x = a.trim();
  const y = b.trim();
  if (x === "" || y === "") return true;
  if (x.length === 2 || y.length === 2) return x.slice(0, 2) === y.slice(0, 2);
  return x === y;
}

function loose(value: string): string {
  return value.trim().toUpperCase();
}

/** Records grouped by section and supplier, so matching stays fast on large workbooks. */
type RecordIndex = ReadonlyMap<string, readonly ImsRecord[]>;

function indexKey(section: SectionKey, gstin: string): string {
  return `${section}|${gstin.trim().toUpperCase()}`;
}

function indexRecords(records: readonly ImsRecord[]): RecordIndex {
  const index = new Map<string, ImsRecord[]>();
  for (const r of records) {
    const key = indexKey(r.section, r.supplierGstin);
    const list = index.get(key);
    if (list) list.push(r);
    else index.set(key, [r]);
  }
  return index;
}

function candidatesFor(error: PortalError, index: RecordIndex, exact: boolean): ImsRecord[] {
  if (error.section === undefined || error.documentNumber === "") return [];
  const sameSupplier = index.get(indexKey(error.section, error.supplierGstin)) ?? [];
  return sameSupplier.filter((r) =>
    samePeriod(r.returnPeriod, error.returnPeriod)
    && (exact
      ? r.documentNumber === error.documentNumber && (error.documentDate === undefined || r.documentDate === error.documentDate)
      : loose(r.documentNumber) === loose(error.documentNumber)
        && (error.documentDate === undefined || loose(r.documentDate) === loose(error.documentDate))));
}

/**
 * Attaches each portal error to its record by section, supplier GSTIN, document
 * number and return period (plus the date, when the file gives it). Records of
 * the last generated upload are tried first; exact matches anywhere come before
 * approximate ones.
 */
export function matchErrors(
  report: Pick<PortalErrorReport, "errors">,
  records: readonly ImsRecord[],
  options: { lastUploadKeys?: ReadonlySet<string> } = {},
): ErrorMatches {
  const { lastUploadKeys } = options;
  const all = indexRecords(records);
  const uploaded = indexRecords(lastUploadKeys ? records.filter((r) => lastUploadKeys.has(r.key)) : []);
  const attempts = [
    { index: uploaded, exact: true },
    { index: all, exact: true },
    { index: uploaded, exact: false },
    { index: all, exact: false },
  ];
  const matched: MatchedError[] = [];
  const unmatched: PortalError[] = [];
  for (const error of report.errors) {
    let hits: ImsRecord[] = [];
    let exact = true;
    for (const attempt of attempts) {
      hits = candidatesFor(error, attempt.index, attempt.exact);
      exact = attempt.exact;
      if (hits.length > 0) break;
    }
    if (hits.length === 0) {
      unmatched.push(error);
      continue;
    }
    const quality: MatchQuality = hits.length > 1 ? "ambiguous" : exact ? "exact" : "approximate";
    for (const record of hits) matched.push({ record, error, quality });
  }
  return { matched, unmatched };
}
