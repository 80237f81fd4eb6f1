#!/usr/bin/env node
// The package's command. It runs the TypeScript sources through tsx (a runtime
// dependency), so a clone works right after `npm ci`, with no build step.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { getHeapStatistics } from "node:v8";
import { MIB, largerHeap, ranOutOfMemory } from "./heap.js";

/** Set in the command run as a child, so that it does the work instead of starting another. */
const RELAUNCHED = "IMS_OFFLINE_RELAUNCHED";
/** Exit status when the work could not be done (src/cli/io.ts, docs/cli.md). */
const FAILED = 3;

if (!process.env[RELAUNCHED]) {
  // The work runs in a child: with a larger heap where the machine has the memory
  // (bin/heap.js), and so that running out of it ends with a message, not V8's dump alone.
  const heapLimit = getHeapStatistics().heap_size_limit;
  const megabytes = largerHeap({ totalMemory: totalmem(), heapLimit, execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS });
  const heapFlags = megabytes === undefined ? [] : [`--max-old-space-size=${megabytes}`];
  const child = spawn(process.execPath, [...process.execArgv, ...heapFlags, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, [RELAUNCHED]: "1" },
  });
  // Ctrl+C reaches the command itself (it shares the terminal); this process waits to report how it ended.
  const ignore = () => {};
  const forward = () => child.kill("SIGTERM");
  process.on("SIGINT", ignore);
  process.on("SIGTERM", forward);
  const [code, signal] = await once(child, "exit");
  if (ranOutOfMemory(code, signal)) {
    const gigabytes = ((megabytes ?? heapLimit / MIB) / 1024).toFixed(1);
    process.stderr.write(
      `ims-offline: ran out of memory (it may use ${gigabytes} GB on this machine). The command line holds the whole workbook in memory: ` +
        "about 2.2 GB for 1,00,000 records and 6 GB for 2,50,000. Import fewer download files into each workbook, or use the add-in in Excel.\n",
    );
    process.exitCode = FAILED;
  } else if (signal) {
    // Ended by a signal: so is this process, as a shell expects (exit status 128 + the signal's number).
    process.off("SIGINT", ignore);
    process.off("SIGTERM", forward);
    process.kill(process.pid, signal);
  } else {
    process.exitCode = code;
  }
} else {
  // `ims-offline summary book.xlsx | head` closes stdout early: the reader has what it wanted.
  process.stdout.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });

  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("../src/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2));
}
