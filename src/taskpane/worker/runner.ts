import type { WorkOptions } from "../../app/contracts";
import type { WorkbookGateway } from "../../workbook/gateway";
import { errorData, rebuildError, type FromWorker, type OptionsMarker, type Port, type ToWorker } from "./protocol";
import type { UseCaseTable } from "./serve";

/** Gateway calls that only read the workbook; any other call may change it. */
export const GATEWAY_READS: ReadonlySet<string> = new Set(["sheetNames", "readSheet", "readCells", "selectedRows", "visibleRows"]);

export type WorkerPort = Port<FromWorker, ToWorker> & {
  terminate(): void;
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
  addEventListener(type: "message", listener: (event: MessageEvent<FromWorker>) => void): void;
};

/** The input and the options (without progress and signal) a use case of the table takes. */
type InputOf<F> = F extends (gateway: WorkbookGateway, input: infer I, options: infer _O) => Promise<unknown> ? I : never;
type OptionsOf<F> = F extends (gateway: WorkbookGateway, input: infer _I, options: infer O) => Promise<unknown> ? Omit<O, "progress" | "signal"> : never;
type ResultOf<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

export interface UseCaseRunner<T extends UseCaseTable> {
  run<K extends keyof T & string>(useCase: K, input: InputOf<T[K]>, options: OptionsOf<T[K]> & WorkOptions): Promise<ResultOf<T[K]>>;
  dispose(): void;
}

function cancelled(): Error {
  return new DOMException("The work was cancelled.", "AbortError");
}

interface Run {
  readonly options: WorkOptions;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  /** Whether the use case has asked to change the workbook yet. */
  wrote: boolean;
}

/**
 * Runs use cases in the pane's worker, serving their gateway calls with the
 * real gateway here on the main thread.
 *
 * Cancel: while a use case has changed nothing in the workbook, the worker is
 * stopped at once (even in the middle of parsing a large file) and the next
 * run starts a fresh one; once it has written, it is asked to stop and stops
 * where the use case allows, so the workbook is never left half written.
 */
export function createUseCaseRunner<T extends UseCaseTable>(gateway: WorkbookGateway, makeWorker: () => WorkerPort): UseCaseRunner<T> {
  let worker: WorkerPort | undefined;
  let nextId = 1;
  const runs = new Map<number, Run>();

  function stopWorker(reason: Error): void {
    worker?.terminate();
    worker = undefined;
    for (const run of runs.values()) run.reject(reason);
    runs.clear();
  }

  async function serveGatewayCall(w: WorkerPort, message: Extract<FromWorker, { type: "gateway" }>, run: Run): Promise<void> {
    if (!GATEWAY_READS.has(message.method)) run.wrote = true;
    const args = message.args.map((arg) => {
      const marker = arg as OptionsMarker;
      if (typeof arg !== "object" || arg === null || marker.workOptions !== true) return arg;
      const options: WorkOptions = {
        ...marker.fields,
        ...(marker.hasProgress ? { progress: (p) => w.postMessage({ type: "gateway-progress", call: message.call, progress: { ...p } }) } : {}),
        ...(marker.hasSignal && run.options.signal ? { signal: run.options.signal } : {}),
      };
      return options;
    });
    try {
      const method = (gateway as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[message.method];
      if (typeof method !== "function") throw new Error(`The workbook gateway has no "${message.method}".`);
      const value = await method.apply(gateway, args);
      w.postMessage({ type: "gateway-result", call: message.call, ok: true, value });
    } catch (e) {
      w.postMessage({ type: "gateway-result", call: message.call, ok: false, error: errorData(e) });
    }
  }

  function current(): WorkerPort {
    if (worker) return worker;
    const w = makeWorker();
    w.addEventListener("message", (event) => {
      const message = event.data;
      const run = runs.get(message.id);
      if (!run) return;
      switch (message.type) {
        case "gateway":
          void serveGatewayCall(w, message, run);
          break;
        case "progress":
          run.options.progress?.(message.progress);
          break;
        case "done":
          runs.delete(message.id);
          if (message.ok) run.resolve(message.value);
          else run.reject(rebuildError(message.error));
          break;
      }
    });
    w.addEventListener("error", (event) => {
      event.preventDefault?.();
      stopWorker(new Error(`The pane's background worker stopped (${event.message || "it could not start"}). Try again; if it happens again, reload the pane.`));
    });
    worker = w;
    return w;
  }

  return {
    run(useCase, input, options) {
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(cancelled());
      return new Promise((resolve, reject) => {
        const id = nextId++;
        const { progress: _p, signal: _s, ...fields } = options as WorkOptions & Record<string, unknown>;
        const run: Run = { options, resolve: resolve as (v: unknown) => void, reject, wrote: false };
        runs.set(id, run);
        const w = current();
        signal?.addEventListener("abort", () => {
          if (!runs.has(id)) return;
          if (!run.wrote) stopWorker(cancelled());
          else w.postMessage({ type: "abort", id });
        }, { once: true });
        w.postMessage({
          type: "run", id, useCase, input, hostName: gateway.hostName,
          options: { workOptions: true, hasProgress: options.progress !== undefined, hasSignal: signal !== undefined, fields },
        });
      });
    },
    dispose: () => stopWorker(cancelled()),
  };
}
