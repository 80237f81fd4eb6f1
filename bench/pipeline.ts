import { applyErrorFile } from "../src/app/error-file";
import { importDownloads } from "../src/app/import";
import { validateWorkbook } from "../src/app/validate";
import { downloadBytes, generateDecisions, generateDownload, generateErrorFile, generateRegister } from "../src/dev/generate";
import { inMemoryGateway } from "../src/hosts/fake-excel/preview";
import { changeSet, type DecidedRecord } from "../src/ims/changes";
import type { Decision } from "../src/ims/decision";
import { readDownloads } from "../src/ims/download/read";
import { matchErrors, readErrorFiles } from "../src/ims/error-file";
import { parseCsv } from "../src/ims/reconcile/csv";
import { reconcile } from "../src/ims/reconcile/match";
import { locateHeader, readRegister } from "../src/ims/reconcile/register";
import { suggestAll } from "../src/ims/reconcile/suggest";
import { checkAll, type Finding } from "../src/ims/rules";
import { SECTIONS } from "../src/ims/sections";
import { buildUpload, type CheckedItems, type UploadResult } from "../src/ims/upload";
import type { ImsRecord } from "../src/ims/record";
import type { Download } from "../src/ims/download/read";
import type { CellValue } from "../src/workbook/gateway";
import { homeRows } from "../src/workbook/home-sheet";
import { sheetErrorMarks, portalErrorText } from "../src/workbook/marks";
import { mergeDownload } from "../src/workbook/merge";
import { mapColumns, readDecision } from "../src/workbook/read-back";
import { sectionLayout } from "../src/workbook/section-sheet";
import {
  HEAD_COLUMNS, HEAD_ROWS, STATE_SCHEMA_VERSION, STATE_SHEET_SPEC, parseState, readStateHead, restoreRecord, stateRows, storedRecordOf, type WorkbookMeta,
} from "../src/workbook/state";
import { measure, type Measurement } from "./measure";

/**
 * The benchmark of one size: a generated download of `records` records taken
 * through every step a taxpayer's month involves, each measured on its own.
 * The steps call the same functions the use cases in src/app call, in the same
 * order, without a spreadsheet; the gateway figures then run the use cases
 * themselves on the strict in-memory Excel.
 */

export const NOW = new Date("2026-04-15T05:00:00Z");
/** Share of records the user acts on. Large taxpayers accept most invoices in bulk and act on the rest one by one. */
export const DECIDED_SHARE = 0.3;
/** Share of uploaded records the portal refuses in the error-file step. */
export const REFUSED_SHARE = 0.02;

export type StepName =
  | "floor: JSON.parse + JSON.stringify"
  | "parse + schema check"
  | "layout of rows"
  | "read back"
  | "read back, workbook reopened"
  | "validation"
  | "change set"
  | "upload build"
  | "error-file apply"
  | "reconciliation";

/** The steps from the file to the upload: the pipeline the 3× target is about. */
export const CORE_STEPS: readonly StepName[] = ["parse + schema check", "layout of rows", "read back", "validation", "change set", "upload build"];

export interface GatewayFigures {
  readonly ms: number;
  readonly syncs: number;
  readonly failedSyncs: number;
  readonly largestRequestBytes: number;
  readonly largestResponseBytes: number;
  readonly totalRequestBytes: number;
}

export interface SizeResult {
  readonly records: number;
  readonly fileBytes: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly steps: Readonly<Partial<Record<StepName, Measurement>>>;
  readonly uploadFiles: number;
  readonly uploadedRecords: number;
  readonly portalErrors: number;
  readonly registerRows: number;
  /** UTF-8 bytes of the JSON of the cells an import writes: all section sheets, and the hidden state. */
  readonly importCellBytes: { readonly sections: number; readonly state: number };
  readonly excel?: { readonly import: GatewayFigures; readonly validate: GatewayFigures; readonly errorFile: GatewayFigures };
  /** Highest resident memory of the process that measured this size, in bytes. */
  readonly maxRssBytes: number;
  readonly generateMs: number;
}

const log = (text: string) => process.stderr.write(`  ${text}\n`);

export async function runSize(records: number, options: { excel: boolean }): Promise<SizeResult> {
  const runs = records <= 10_000 ? 5 : records <= 100_000 ? 2 : 1;
  const started = performance.now();
  // Each step holds only what the product holds at that point, so the garbage collector has the same live heap to walk.
  const { bytes, recipientGstin, counts } = (() => {
    const generated = generateDownload({ records, seed: 42 });
    return { bytes: downloadBytes(generated.root), recipientGstin: generated.recipientGstin, counts: generated.counts };
  })();
  const file = { name: "ims_download.json", bytes };
  const generateMs = performance.now() - started;
  log(`${records} records: ${(bytes.length / 1e6).toFixed(1)} MB generated in ${(generateMs / 1000).toFixed(1)} s`);
  const steps: Partial<Record<StepName, Measurement>> = {};
  const step = async <T>(name: StepName, work: () => T | Promise<T>, times = runs): Promise<T> => {
    const { result, measurement } = await measure(times, work);
    steps[name] = measurement;
    log(`${name}: ${measurement.ms.toFixed(0)} ms`);
    return result;
  };

  // The floor: what the engine's own JSON code needs for this file, the least any reader could do.
  let text: string | undefined = new TextDecoder().decode(bytes);
  await step("floor: JSON.parse + JSON.stringify", () => JSON.stringify(JSON.parse(text!)).length, Math.max(runs, 3));
  text = undefined;

  let download: Download | undefined = await step("parse + schema check", () => readDownloads([file]));

  // What importDownloads computes before it writes: the rows of every sheet, the Home sheet and the hidden state.
  let decidedByKey: Map<string, Decision> | undefined = ((records: readonly ImsRecord[]) => {
    const decisions = generateDecisions(records, { share: DECIDED_SHARE, seed: 7 });
    return new Map(records.map((r, i) => [r.key, decisions[i]]));
  })(download.records);
  const meta: WorkbookMeta = {
    schemaVersion: STATE_SCHEMA_VERSION, fileRecipients: [], importedAt: NOW.toISOString(),
    files: download.files.map((f) => ({ name: f.name, importedAt: NOW.toISOString(), envelope: f.envelope, recordCount: f.recordCount, metadata: f.metadata })),
    setAside: [],
  };
  // The import keeps the records it wrote under the state's stamp (rememberState): Validate and Generate use them again.
  let remembered: { stamp: string; byKey: ReadonlyMap<string, ImsRecord> } | undefined;
  // One stamp for every run of the step, so the rows kept (those of the first run) carry the stamp remembered.
  const stamp = crypto.randomUUID();
  let layout: { sheets: Map<string, CellValue[][]>; state: CellValue[][] } | undefined = await step("layout of rows", () => {
    const { rows } = mergeDownload(undefined, download!.records);
    const sheets = new Map<string, CellValue[][]>();
    for (const section of SECTIONS) {
      const l = sectionLayout(section.key);
      // The rows as the user leaves them: with the decisions entered (the same cells an import writes).
      sheets.set(section.sheetName, rows.filter((r) => r.record.section === section.key).map((r) => l.row({ record: r.record, decision: decidedByKey!.get(r.record.key)! })));
    }
    homeRows({ meta, counts: Object.fromEntries(SECTIONS.map((s) => [s.key, sheets.get(s.sheetName)!.length])) });
    const state = stateRows({ status: "complete", stamp, meta, records: rows.map((r) => storedRecordOf(r.record)) });
    remembered = { stamp, byKey: new Map(rows.map((r) => [r.record.key, r.record])) };
    return { sheets, state };
  });
  // The import is done: its download and rows are gone; later use cases read the workbook back.
  download = undefined;
  decidedByKey = undefined;

  const utf8 = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;
  const importCellBytes = { sections: [...layout.sheets.values()].reduce((n, rows) => n + utf8(rows), 0), state: utf8(layout.state) };

  /** What readSheets does once it has the records: decisions from the cells, matched by the Record Key. */
  const decisionsOf = (byKey: ReadonlyMap<string, ImsRecord>): DecidedRecord[] => {
    const out: DecidedRecord[] = [];
    for (const section of SECTIONS) {
      const l = sectionLayout(section.key);
      const columns = mapColumns(l, l.sheet.columns.map((c) => c.header));
      const keyAt = l.column("recordKey");
      for (const row of layout!.sheets.get(section.sheetName)!) out.push({ record: byKey.get(row[keyAt] as string)!, decision: readDecision(columns, row) });
    }
    return out;
  };

  // What every use case does first (readWorkbook) while the hidden state keeps the stamp of the import: its first rows, then the decisions.
  let items: DecidedRecord[] | undefined = await step("read back", () => {
    const head = readStateHead(layout!.state.slice(0, HEAD_ROWS).map((row) => row.slice(0, HEAD_COLUMNS)));
    if (head?.stamp !== remembered!.stamp) throw new Error("the hidden state should keep the import's stamp");
    return decisionsOf(remembered!.byKey);
  });
  // The same in a workbook opened afresh (the pane reopened): every record rebuilt from the hidden state. Not part of the core pipeline.
  await step("read back, workbook reopened", () => {
    const records = parseState(STATE_SHEET_SPEC.columns.map((c) => c.header), layout!.state).records.map(restoreRecord);
    return decisionsOf(new Map(records.map((r) => [r.key, r])));
  });
  layout = undefined;
  remembered = undefined;
  let workbookRecords: ImsRecord[] | undefined = items.map((i) => i.record);

  // As validateData does: the findings are kept for the upload build, which does not check again.
  let checked: CheckedItems | undefined = await step("validation", () => {
    let errors = 0;
    const byRecord = new Map<ImsRecord, readonly Finding[]>();
    const { perRecord, workbook } = checkAll({ recipientGstin, fileRecipients: [], downloadedAt: NOW, now: NOW, records: items! });
    items!.forEach(({ record }, i) => {
      const findings = perRecord[i];
      sheetErrorMarks(findings, false);
      if (findings.length > 0) byRecord.set(record, findings);
      errors += findings.filter((f) => f.severity === "error").length;
    });
    if (errors > 0 || workbook.findings.some((f) => f.severity === "error")) throw new Error(`the generated decisions should be valid; ${errors} error(s)`);
    return { byRecord, workbook: workbook.findings };
  });

  await step("change set", () => changeSet(items!).changed.length);

  const built = await step("upload build", () =>
    buildUpload({ recipientGstin, fileRecipients: [], downloadedAt: NOW, items: items!, now: NOW, checked }));
  checked = undefined;
  if (built.kind !== "files") throw new Error(`the upload should have been built, not ${built.kind}`);
  let upload: Extract<UploadResult, { kind: "files" }> | undefined = built;

  const errorFile = generateErrorFile(built.files.map((f) => f.text), { share: REFUSED_SHARE, seed: 9, shape: "B" });
  const errorBytes = downloadBytes(errorFile.root);
  const lastUploadKeys = new Set(built.uploaded.map((u) => u.record.key));
  await step("error-file apply", () => {
    const report = readErrorFiles([{ name: "error.json", bytes: errorBytes }]);
    const { matched, unmatched } = matchErrors(report, workbookRecords!, { lastUploadKeys });
    if (unmatched.length > 0) throw new Error(`${unmatched.length} portal error(s) matched no record`);
    return matched.map((m) => portalErrorText([{ code: m.error.code, message: m.error.message, guidance: m.error.guidance }]));
  });

  const register = generateRegister(workbookRecords!, { seed: 11 });
  const registerRows = register.csv.split("\r\n").length - 5;
  await step("reconciliation", () => {
    const rows = parseCsv(register.csv, "purchase-register.csv");
    const mapping = locateHeader(rows);
    if (!mapping) throw new Error("the register's header row was not found");
    const reading = readRegister(rows, mapping, "purchase-register.csv");
    return suggestAll(reconcile(workbookRecords!, reading.entries)).length;
  });
  const uploaded = { files: upload.files.length, records: upload.uploaded.length };
  items = undefined;
  workbookRecords = undefined;
  upload = undefined;

  const excel = options.excel ? await gatewayFigures(file, recipientGstin, errorBytes) : undefined;
  return {
    records, fileBytes: bytes.length, counts, steps, uploadFiles: uploaded.files, uploadedRecords: uploaded.records,
    portalErrors: errorFile.errors, registerRows, importCellBytes, ...(excel ? { excel } : {}),
    maxRssBytes: process.resourceUsage().maxRSS * 1024, generateMs,
  };
}

/** Import, Validate and the error file through the office gateway on the strict fake of Excel on the web (5 MB per request). */
async function gatewayFigures(file: { name: string; bytes: Uint8Array }, recipientGstin: string, errorBytes: Uint8Array) {
  const gateway = inMemoryGateway({ platform: "web" });
  const figures = async (label: string, work: () => Promise<unknown>): Promise<GatewayFigures> => {
    gateway.excel.resetSyncs();
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    const syncs = gateway.excel.syncs;
    const result = {
      ms,
      syncs: syncs.length,
      failedSyncs: syncs.filter((s) => s.failed).length,
      largestRequestBytes: Math.max(0, ...syncs.map((s) => s.requestBytes)),
      largestResponseBytes: Math.max(0, ...syncs.map((s) => s.responseBytes)),
      totalRequestBytes: syncs.reduce((n, s) => n + s.requestBytes, 0),
    };
    log(`Excel ${label}: ${(ms / 1000).toFixed(1)} s, ${result.syncs} syncs, largest request ${(result.largestRequestBytes / 1e6).toFixed(2)} MB`);
    return result;
  };
  const importing = await figures("import", () => importDownloads(gateway, [file], { now: NOW, recipientGstin }));
  const validating = await figures("validate", () => validateWorkbook(gateway, { now: NOW }));
  const errorFile = await figures("error file", () => applyErrorFile(gateway, [{ name: "error.json", bytes: errorBytes }]));
  return { import: importing, validate: validating, errorFile };
}
