import { downloadBytes, generateDownload } from "../src/dev/generate";
import { nestedDeeperThan } from "../src/ims/limits";
import { normaliseRecord } from "../src/ims/download/normalise";
import { checkDownloadStructure } from "../src/ims/download/structure";
import { readDownloads } from "../src/ims/download/read";
const g = generateDownload({ records: 100000, seed: 42 });
const bytes = downloadBytes(g.root);
const t = (l: string, f: () => unknown) => { (globalThis as any).gc(); const a = performance.now(); const r = f(); console.log(l.padEnd(12), Math.round(performance.now() - a)); return r; };
for (let i = 0; i < 2; i++) {
  const text = t("decode", () => new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as string;
  const root = t("parse", () => JSON.parse(text)) as any;
  t("nesting", () => nestedDeeperThan(root));
  t("structure", () => checkDownloadStructure("x", root));
  t("normalise", () => { const out = []; const sec = root.imsDetails ?? root.data ?? root; for (const k of Object.keys(sec)) if (Array.isArray(sec[k]) && k !== "impg" && k!=="impgsez") sec[k].forEach((r: unknown, j: number) => out.push(normaliseRecord(k as any, r, { file: "x", position: j + 1 }))); return out; });
  t("readDownloads", () => readDownloads([{ name: "x.json", bytes }]));
}
