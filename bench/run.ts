import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { CORE_STEPS, DECIDED_SHARE, FLOOR, REFUSED_SHARE, TEXT_FLOOR, runSize, type SizeResult, type StepName } from "./pipeline";

/**
 * `npm run bench` — the performance figures of docs/performance.md.
 *
 *   npm run bench                          10,000, 100,000 and 250,000 records
 *   npm run bench -- --sizes 10000         a subset
 *   npm run bench -- --no-excel            without the in-memory Excel (faster)
 *   npm run bench -- --no-xlsx             without the command line's .xlsx files (much faster at 250,000)
 *
 * Each size runs in a fresh child process (so its memory figures are its own),
 * prints a table and is written with the machine's description to
 * bench/results/bench-<time>.json.
 */

const DEFAULT_SIZES = [10_000, 100_000, 250_000];
/** The gateway figures the issue sets as targets (at 100,000 records). */
const TARGETS = { coreRatio: 3, importSyncs: 25, requestBytes: 4 * 1024 * 1024 };

interface Args {
  sizes: number[];
  excel: boolean;
  xlsx: boolean;
  child?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { sizes: DEFAULT_SIZES, excel: true, xlsx: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--sizes") args.sizes = (argv[++i] ?? "").split(",").map((s) => Number(s.replace(/[_,]/g, "")));
    else if (a.startsWith("--sizes=")) args.sizes = a.slice(8).split(",").map(Number);
    else if (a === "--no-excel") args.excel = false;
    else if (a === "--no-xlsx") args.xlsx = false;
    else if (a === "--child") args.child = Number(argv[++i]);
    else throw new Error(`Unknown option ${a}. Use --sizes 10000,100000, --no-excel and --no-xlsx.`);
  }
  if (args.sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes takes whole numbers of records, e.g. --sizes 10000,100000");
  return args;
}

const RESULT_MARK = "BENCH-RESULT ";

/** One size in a child process with the same node flags (--expose-gc, --import tsx). */
function runChild(records: number, options: { excel: boolean; xlsx: boolean }): Promise<SizeResult> {
  return new Promise((resolve, reject) => {
    const flags = [...(options.excel ? [] : ["--no-excel"]), ...(options.xlsx ? [] : ["--no-xlsx"])];
    const args = [...process.execArgv, "--max-old-space-size=12288", fileURLToPath(import.meta.url), "--child", String(records), ...flags];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_MARK));
      if (code !== 0 || !line) reject(new Error(`the benchmark of ${records} records failed (exit code ${code})`));
      else resolve(JSON.parse(line.slice(RESULT_MARK.length)) as SizeResult);
    });
  });
}

const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);
const secs = (ms: number) => (ms >= 10_000 ? (ms / 1000).toFixed(1) + " s" : ms.toFixed(0) + " ms");
const pad = (text: string, width: number, right = false) => (right ? text.padStart(width) : text.padEnd(width));

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i], i > 0)).join("  ");
  return [line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function sizeTable(r: SizeResult): string {
  const floor = r.steps[FLOOR]!.ms;
  const rows = (Object.entries(r.steps) as [StepName, NonNullable<SizeResult["steps"][StepName]>][]).map(([name, m]) => [
    name, secs(m.ms), `${(m.ms / floor).toFixed(2)}×`, secs(m.gcMs), mb(m.peakBytes), mb(m.retainedBytes), `${Math.round(m.peakBytes / r.records)}`,
  ]);
  const core = CORE_STEPS.reduce((n, s) => n + (r.steps[s]?.ms ?? 0), 0);
  rows.push(["core pipeline (parse → upload)", secs(core), `${(core / floor).toFixed(2)}×`, "", "", "", ""]);
  return table(["step", "time", "× floor", "GC, 1st run", "peak MB", "kept MB", "peak B/record"], rows);
}

function excelTable(r: SizeResult): string {
  const e = r.excel!;
  const rows = (["import", "validate", "errorFile"] as const).map((k) => [
    k === "errorFile" ? "error file" : k, secs(e[k].ms), String(e[k].syncs), String(e[k].failedSyncs), mb(e[k].largestRequestBytes), mb(e[k].largestResponseBytes), mb(e[k].totalRequestBytes),
  ]);
  return table(["Excel (fake, web limits)", "time", "syncs", "refused", "largest request MB", "largest response MB", "sent MB"], rows);
}

function xlsxTable(r: SizeResult): string {
  const x = r.xlsx!;
  const rows = [["import and save", x.import], ["open, validate and save", x.validate]] as const;
  return table(["command line (.xlsx, ExcelJS)", "time", "peak heap MB", "file MB"], rows.map(([label, f]) => [label, secs(f.ms), mb(f.peakHeapBytes), mb(f.savedBytes)]));
}

/** Whether memory grows linearly: peak bytes per record of the core steps, size against size. */
function linearity(results: readonly SizeResult[]): { records: number; bytesPerRecord: number }[] {
  return results.map((r) => ({
    records: r.records,
    bytesPerRecord: Math.round(Math.max(...CORE_STEPS.map((s) => r.steps[s]?.peakBytes ?? 0)) / r.records),
  }));
}

function machine() {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? "unknown",
    cpus: cpu.length,
    memoryGB: Math.round(totalmem() / 1024 ** 3),
    freeMemoryGB: Math.round(freemem() / 1024 ** 3),
    node: process.version,
    v8: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.child !== undefined) {
    const result = await runSize(args.child, { excel: args.excel, xlsx: args.xlsx });
    process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
    return;
  }
  const before = machine();
  console.log(`IMS Offline benchmark on ${before.cpus} × ${before.cpuModel}, ${before.memoryGB} GB, Node ${before.node}; load average ${before.loadAverage.join(" ")}`);
  if (before.loadAverage[0] > before.cpus * 0.5) console.log("Warning: the machine is busy; times will be slower than on an idle machine.");
  const results: SizeResult[] = [];
  for (const size of args.sizes) {
    console.log(`\n${size.toLocaleString("en-IN")} records`);
    const r = await runChild(size, args);
    results.push(r);
    console.log(`file ${mb(r.fileBytes)} MB; ${r.uploadedRecords} records decided and uploaded in ${r.uploadFiles} file(s); ${r.portalErrors} portal errors; register of ${r.registerRows} rows; process peak ${mb(r.maxRssBytes)} MB resident\n`);
    console.log(sizeTable(r));
    if (r.excel) console.log(`\n${excelTable(r)}`);
    if (r.xlsx) console.log(`\n${xlsxTable(r)}`);
    console.log(`cells an import writes, as JSON: section sheets ${mb(r.importCellBytes.sections)} MB, hidden state ${mb(r.importCellBytes.state)} MB`);
  }
  const lin = linearity(results);
  if (lin.length > 1) console.log(`\nPeak heap per record (largest core step): ${lin.map((l) => `${l.records.toLocaleString("en-IN")}: ${l.bytesPerRecord} B`).join(", ")}`);

  const at100k = results.find((r) => r.records === 100_000);
  if (at100k) {
    const floor = at100k.steps[FLOOR]!.ms;
    const core = CORE_STEPS.reduce((n, s) => n + (at100k.steps[s]?.ms ?? 0), 0);
    console.log(`\nTargets at 100,000 records:`);
    console.log(`  core pipeline ${(core / floor).toFixed(2)}× the floor (target ≤ ${TARGETS.coreRatio}×): ${core / floor <= TARGETS.coreRatio ? "met" : "MISSED"}`);
    console.log(`  (${(core / at100k.steps[TEXT_FLOOR]!.ms).toFixed(2)}× the floor from the decoded text, where the core pipeline pays for decoding and the floor does not)`);
    if (at100k.excel) {
      const imp = at100k.excel.import;
      console.log(`  import ${imp.syncs} syncs (target ≤ ${TARGETS.importSyncs}): ${imp.syncs <= TARGETS.importSyncs ? "met" : "MISSED"}`);
      console.log(`  largest request ${mb(imp.largestRequestBytes)} MB (target ≤ 4 MB): ${imp.largestRequestBytes <= TARGETS.requestBytes ? "met" : "MISSED"}`);
    }
  }

  mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const out = new URL(`./results/bench-${stamp}.json`, import.meta.url);
  writeFileSync(out, JSON.stringify({
    machine: { ...before, loadAverageAfter: loadavg().map((l) => Math.round(l * 100) / 100) },
    settings: { decidedShare: DECIDED_SHARE, refusedShare: REFUSED_SHARE, seed: 42 },
    targets: TARGETS,
    results,
    memoryPerRecord: lin,
  }, null, 2));
  console.log(`\nWritten to ${fileURLToPath(out)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
