import { rememberState } from "../src/app/read-workbook";
import { downloadBytes, generateDecisions, generateDownload } from "../src/dev/generate";
import { readDownloads } from "../src/ims/download/read";
import { SECTIONS } from "../src/ims/sections";
import { mergeDownload } from "../src/workbook/merge";
import { sectionLayout } from "../src/workbook/section-sheet";
import { STATE_SCHEMA_VERSION, stateRows, storedRecordOf } from "../src/workbook/state";
const bytes = (() => downloadBytes(generateDownload({ records: 100000, seed: 42 }).root))();
const download = readDownloads([{ name: "x", bytes }]);
const decisions = generateDecisions(download.records, { share: 0.3, seed: 7 });
const decided = new Map(download.records.map((r, i) => [r.key, decisions[i]]));
const meta = { schemaVersion: STATE_SCHEMA_VERSION, fileRecipients: [], importedAt: "x", files: [], setAside: [] } as any;
for (let rep = 0; rep < 3; rep++) {
  (globalThis as any).gc();
  const t: Record<string, number> = {}; let a = performance.now();
  const lap = (n: string) => { const b = performance.now(); t[n] = Math.round(b - a); a = b; };
  const { rows } = mergeDownload(undefined, download.records); lap("merge");
  const sheets = new Map<string, any[][]>();
  for (const section of SECTIONS) { const l = sectionLayout(section.key); sheets.set(section.sheetName, rows.filter((r) => r.record.section === section.key).map((r) => l.row({ record: r.record, decision: decided.get(r.record.key)! }))); }
  lap("sections");
  const records = rows.map((r) => storedRecordOf(r.record)); lap("stored");
  const state = stateRows({ status: "complete", meta, records } as any); lap("state");
  rememberState({ status: "complete", stamp: "s", meta, records } as any, rows.map((r) => r.record)); lap("remember");
  console.log(JSON.stringify(t), state.length, sheets.size);
}
