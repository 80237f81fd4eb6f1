import { downloadBytes, generateDownload } from "../src/dev/generate";
import { normaliseRecord } from "../src/ims/download/normalise";
import { SECTIONS } from "../src/ims/sections";
const root = (() => JSON.parse(new TextDecoder().decode(downloadBytes(generateDownload({ records: 100000, seed: 42 }).root))))();
const sections = root.imsDetails ?? root.data ?? root;
for (let rep = 0; rep < 5; rep++) {
  (globalThis as any).gc();
  const a = performance.now(); let n = 0;
  for (const s of SECTIONS) { const list = sections[s.key] ?? []; for (let i = 0; i < list.length; i++) { normaliseRecord(s.key, list[i], { file: "x", position: i + 1 }); n++; } }
  console.log("normalise", Math.round(performance.now() - a), n);
}
console.log(JSON.stringify(sections.b2b[0]));
