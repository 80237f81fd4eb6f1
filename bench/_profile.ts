import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { downloadBytes, generateDecisions, generateDownload } from "../src/dev/generate";
import { readDownloads } from "../src/ims/download/read";
import { mergeDownload } from "../src/workbook/merge";
import { sectionLayout } from "../src/workbook/section-sheet";
import { SECTIONS } from "../src/ims/sections";
import { STATE_SCHEMA_VERSION, STATE_SHEET_SPEC, parseState, restoreRecord, stateRows, storedRecordOf } from "../src/workbook/state";
import { mapColumns, readDecision } from "../src/workbook/read-back";
import { checkDecision, checkWorkbook } from "../src/ims/rules";
import { sheetErrorMarks } from "../src/workbook/marks";
import { changeSet } from "../src/ims/changes";
import { buildUpload } from "../src/ims/upload";
const NOW = new Date("2026-04-15T05:00:00Z");
const g = generateDownload({ records: 100000, seed: 42 });
const bytes = downloadBytes(g.root);
const file = { name: "x.json", bytes };
const which = process.argv[2] ?? "all";
const s = new Session(); s.connect();
await s.post("Profiler.enable"); 
const t: Record<string, number> = {};
const profiles: Record<string, any> = {};
const time = <T>(n: string, f: () => T): T => { (globalThis as any).gc?.(); if (n === which) { s.post("Profiler.start"); } const a = performance.now(); const r = f(); t[n] = Math.round(performance.now() - a); if (n === which) { s.post("Profiler.stop").then(({ profile }) => writeFileSync(`/tmp/prof/${n}.cpuprofile`, JSON.stringify(profile))); } return r; };
time("floor", () => JSON.stringify(JSON.parse(new TextDecoder().decode(bytes))).length);
const download = time("parse", () => readDownloads([file]));
const decisions = generateDecisions(download.records, { share: 0.3, seed: 7 });
const decided = new Map(download.records.map((r, i) => [r.key, decisions[i]]));
const meta = { schemaVersion: STATE_SCHEMA_VERSION, fileRecipients: [], importedAt: NOW.toISOString(), files: download.files.map((f) => ({ name: f.name, importedAt: NOW.toISOString(), envelope: f.envelope, recordCount: f.recordCount, metadata: f.metadata })), setAside: [] } as any;
const layout = time("layout", () => {
  const { rows } = mergeDownload(undefined, download.records);
  const sheets = new Map<string, any[][]>();
  for (const section of SECTIONS) { const l = sectionLayout(section.key); sheets.set(section.sheetName, rows.filter((r) => r.record.section === section.key).map((r) => l.row({ record: r.record, decision: decided.get(r.record.key)! }))); }
  const state = stateRows({ status: "complete", meta, records: rows.map((r) => storedRecordOf(r.record)) });
  return { sheets, state };
});
const items = time("readback", () => {
  const state = parseState(STATE_SHEET_SPEC.columns.map((c) => c.header), layout.state);
  const byKey = new Map(state.records.map((s) => { const r = restoreRecord(s); return [r.key, r]; }));
  const out: any[] = [];
  for (const section of SECTIONS) { const l = sectionLayout(section.key); const columns = mapColumns(l, l.sheet.columns.map((c) => c.header)); const keyAt = l.column("recordKey");
    for (const row of layout.sheets.get(section.sheetName)!) out.push({ record: byKey.get(row[keyAt] as string)!, decision: readDecision(columns, row) }); }
  return out;
});
const checked = time("validate", () => { const byRecord = new Map(); for (const { record, decision } of items) { const f = checkDecision(record, decision); sheetErrorMarks(f, false); if (f.length) byRecord.set(record, f); }
  const whole = checkWorkbook({ recipientGstin: g.recipientGstin, fileRecipients: [], downloadedAt: NOW, now: NOW, records: items }); return { byRecord, workbook: whole.findings }; });
time("changes", () => changeSet(items).changed.length);
time("upload", () => buildUpload({ recipientGstin: g.recipientGstin, fileRecipients: [], downloadedAt: NOW, items, now: NOW, checked }));
await new Promise((r) => setTimeout(r, 500));
console.log(t);
