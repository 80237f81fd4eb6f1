import { describe, it, expect, afterEach } from "vitest";
import type { WorkOptions } from "../../src/app/contracts";
import type { CellValue, SheetSpec, SheetWrite, WorkbookGateway } from "../../src/workbook/gateway";
import { createUseCaseRunner, type WorkerPort } from "../../src/taskpane/worker/runner";
import { serveUseCases } from "../../src/taskpane/worker/serve";
import type { FromWorker, Port, ToWorker } from "../../src/taskpane/worker/protocol";

/**
 * The pane's worker protocol, with a MessageChannel standing for the Worker:
 * messages are structured-cloned exactly as between a page and its worker.
 */

/** A gateway that records calls and can be told to hang on a read. */
class RecordingGateway implements WorkbookGateway {
  readonly hostName = "Test workbook";
  readonly calls: string[] = [];
  readonly cells: CellValue[][] = [];
  hangReads = false;
  async sheetNames() { this.calls.push("sheetNames"); return ["B2B"]; }
  async writeSheet(spec: SheetSpec, rows: readonly (readonly CellValue[])[], options?: WorkOptions) {
    this.calls.push(`writeSheet ${spec.name}`);
    for (let i = 0; i < rows.length; i++) options?.progress?.({ done: i + 1, total: rows.length, label: "Writing" });
  }
  async writeSheets(sheets: readonly SheetWrite[], options?: WorkOptions) {
    for (const { spec, rows } of sheets) await this.writeSheet(spec, rows, options);
  }
  async readSheet(name: string) {
    this.calls.push(`readSheet ${name}`);
    if (this.hangReads) await new Promise(() => undefined);
    return { header: ["Action"], rows: [["Accept"]] as CellValue[][] };
  }
  async readCells(sheet: string) { this.calls.push(`readCells ${sheet}`); return [["Accept"]] as CellValue[][]; }
  async writeCells(sheet: string, firstRow: number, firstColumn: number, values: readonly (readonly CellValue[])[]) {
    this.calls.push(`writeCells ${sheet} ${firstRow} ${firstColumn}`);
    this.cells.push(...values.map((r) => [...r]));
  }
  async clearFilters() { this.calls.push("clearFilters"); }
  async filterNonEmpty() { this.calls.push("filterNonEmpty"); }
  async select() { this.calls.push("select"); }
  async selectedRows() { return { sheet: "B2B", rows: [0] }; }
  async visibleRows() { return [0]; }
}

const table = {
  /** Reads, writes with progress, reports its own progress, answers with plain data. */
  roundTrip: async (gateway: WorkbookGateway, input: { rows: number }, options: WorkOptions & { now: Date }) => {
    const names = await gateway.sheetNames();
    const labels: string[] = [];
    await gateway.writeSheet({ name: "B2B", columns: [], visibility: "visible", grid: true }, Array.from({ length: input.rows }, () => ["x"]), {
      progress: (p) => { labels.push(`${p.done}/${p.total}`); options.progress?.({ ...p, label: "Writing B2B" }); },
    });
    return { names, labels, host: gateway.hostName, year: options.now.getUTCFullYear() };
  },
  failing: async () => {
    const e = new Error("ims_download.json: ends unexpectedly: the file looks cut short.");
    e.name = "ImsFileError";
    throw e;
  },
  /** Waits on a read before writing anything. */
  readThenWrite: async (gateway: WorkbookGateway, _input: undefined, options: WorkOptions) => {
    await gateway.readSheet("B2B", options);
    await gateway.writeCells("B2B", 0, 0, [["Reject"]]);
    return "written";
  },
  /** Writes, then waits on a read, then checks for cancellation as the import does. */
  writeThenCheck: async (gateway: WorkbookGateway, _input: undefined, options: WorkOptions) => {
    await gateway.writeCells("B2B", 0, 0, [["Reject"]]);
    await gateway.readSheet("B2B", options);
    options.signal?.throwIfAborted();
    return "finished";
  },
};

const channels: MessageChannel[] = [];
afterEach(() => { for (const c of channels.splice(0)) { c.port1.close(); c.port2.close(); } });

/** A worker stand-in: the table is served on one end of a channel, the runner talks to the other. */
function startWorker(): { makeWorker: () => WorkerPort; terminated: () => number } {
  let terminated = 0;
  const makeWorker = (): WorkerPort => {
    const channel = new MessageChannel();
    channels.push(channel);
    serveUseCases(table, channel.port2 as unknown as Port<ToWorker, FromWorker>);
    channel.port2.start();
    channel.port1.start();
    const port = channel.port1;
    return {
      postMessage: (m: ToWorker) => port.postMessage(m),
      addEventListener: (type: string, listener: (e: never) => void) => { if (type === "message") port.addEventListener("message", listener as never); },
      terminate: () => { terminated++; channel.port1.close(); channel.port2.close(); },
    } as WorkerPort;
  };
  return { makeWorker, terminated: () => terminated };
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && e.name === "AbortError";
}

describe("pane worker runner", () => {
  it("runs a use case in the worker with the main thread's gateway, relaying both kinds of progress", async () => {
    const gateway = new RecordingGateway();
    const runner = createUseCaseRunner<typeof table>(gateway, startWorker().makeWorker);
    const progress: string[] = [];
    const result = await runner.run("roundTrip", { rows: 3 }, { now: new Date("2026-04-14T05:00:00Z"), progress: (p) => progress.push(`${p.label} ${p.done}/${p.total}`) });
    expect(result).toEqual({ names: ["B2B"], labels: ["1/3", "2/3", "3/3"], host: "Test workbook", year: 2026 });
    expect(gateway.calls).toEqual(["sheetNames", "writeSheet B2B"]);
    expect(progress).toEqual(["Writing B2B 1/3", "Writing B2B 2/3", "Writing B2B 3/3"]);
  });

  it("keeps an error's name and message across the boundary", async () => {
    const runner = createUseCaseRunner<typeof table>(new RecordingGateway(), startWorker().makeWorker);
    await expect(runner.run("failing", undefined, {})).rejects.toMatchObject({
      name: "ImsFileError",
      message: "ims_download.json: ends unexpectedly: the file looks cut short.",
    });
  });

  it("stops the worker at once when cancelled before anything was written, and starts a fresh one next time", async () => {
    const gateway = new RecordingGateway();
    gateway.hangReads = true;
    const worker = startWorker();
    const runner = createUseCaseRunner<typeof table>(gateway, worker.makeWorker);
    const abort = new AbortController();
    const running = runner.run("readThenWrite", undefined, { signal: abort.signal });
    await new Promise((r) => setTimeout(r, 20));
    abort.abort();
    const error = await running.catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(worker.terminated()).toBe(1);
    expect(gateway.cells).toEqual([]);

    gateway.hangReads = false;
    await expect(runner.run("readThenWrite", undefined, {})).resolves.toBe("written");
    expect(gateway.cells).toEqual([["Reject"]]);
  });

  it("once the workbook was written, asks the use case to stop instead of killing it mid-way", async () => {
    const gateway = new RecordingGateway();
    const worker = startWorker();
    const runner = createUseCaseRunner<typeof table>(gateway, worker.makeWorker);
    const abort = new AbortController();
    gateway.hangReads = false;
    // Cancel while the read after the write is under way.
    const original = gateway.readSheet.bind(gateway);
    gateway.readSheet = async (name: string) => { abort.abort(); await new Promise((r) => setTimeout(r, 20)); return original(name); };
    const error = await runner.run("writeThenCheck", undefined, { signal: abort.signal }).catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
    expect(worker.terminated()).toBe(0);
    expect(gateway.calls[0]).toBe("writeCells B2B 0 0");
  });

  it("refuses to start when already cancelled", async () => {
    const worker = startWorker();
    const runner = createUseCaseRunner<typeof table>(new RecordingGateway(), worker.makeWorker);
    const abort = new AbortController();
    abort.abort();
    expect(isAbort(await runner.run("failing", undefined, { signal: abort.signal }).catch((e: unknown) => e))).toBe(true);
  });
});
