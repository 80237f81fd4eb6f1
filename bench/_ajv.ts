import { downloadBytes, generateDownload } from "../src/dev/generate";
import { validateDownload } from "../src/generated/schemas.js";
const g = generateDownload({ records: 100000, seed: 42 });
const v = JSON.parse(new TextDecoder().decode(downloadBytes(g.root)));
const ts: number[] = [];
for (let i = 0; i < 5; i++) { (globalThis as any).gc(); const h = process.memoryUsage().heapUsed; const a = performance.now(); const ok = validateDownload(v); ts.push(Math.round(performance.now() - a)); if (!ok) throw new Error("invalid"); }
console.log("ajv", ts.join(" "));
