import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { largerHeap, ranOutOfMemory } from "../../bin/heap.js";
import { downloadBytes, generateDownload } from "../../src/dev/generate";
import { runCliWith } from "./support";

const GIB = 1024 ** 3;
const NODE_DEFAULT = 4144 * 1024 ** 2;

describe("the command line's heap (bin/heap.js)", () => {
  it("asks for three quarters of the machine's memory when that is more than Node's default", () => {
    expect(largerHeap({ totalMemory: 24 * GIB, heapLimit: NODE_DEFAULT, execArgv: [], nodeOptions: undefined })).toBe(18 * 1024);
    expect(largerHeap({ totalMemory: 8 * GIB, heapLimit: NODE_DEFAULT, execArgv: [], nodeOptions: "" })).toBe(6 * 1024);
  });

  it("keeps Node's heap on a machine with less memory, and the size a user chose", () => {
    expect(largerHeap({ totalMemory: 4 * GIB, heapLimit: NODE_DEFAULT, execArgv: [], nodeOptions: undefined })).toBeUndefined();
    expect(largerHeap({ totalMemory: 24 * GIB, heapLimit: NODE_DEFAULT, execArgv: ["--max-old-space-size=2048"], nodeOptions: undefined })).toBeUndefined();
    expect(largerHeap({ totalMemory: 24 * GIB, heapLimit: NODE_DEFAULT, execArgv: [], nodeOptions: "--enable-source-maps --max_old_space_size=3000" })).toBeUndefined();
  });

  it("knows an abort, as V8 ends a process out of heap, from other endings", () => {
    expect(ranOutOfMemory(null, "SIGABRT")).toBe(true);
    expect(ranOutOfMemory(134, null)).toBe(true);
    expect(ranOutOfMemory(3, null)).toBe(false);
    expect(ranOutOfMemory(null, "SIGINT")).toBe(false);
  });

  it("ends a command that runs out of memory with a message and exit code 3, writing no workbook", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ims-heap-"));
    try {
      await writeFile(join(dir, "big.json"), downloadBytes(generateDownload({ records: 5_000, seed: 3 }).root));
      // A heap far too small for 5,000 records, as a user's NODE_OPTIONS could set it.
      const run = await runCliWith({ NODE_OPTIONS: "--max-old-space-size=48" }, dir, "import", "big.json", "--out", "book.xlsx");
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/ims-offline: ran out of memory \(it may use 0\.\d GB on this machine\)\. .*Import fewer download files into each workbook/);
      expect(await readdir(dir)).toEqual(["big.json"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
