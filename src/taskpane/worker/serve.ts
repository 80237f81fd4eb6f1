import type { WorkOptions } from "../../app/contracts";
import type { WorkbookGateway } from "../../workbook/gateway";
import { encodeArgument, errorData, isOptionsMarker, type FromWorker, type Port, type ProgressData, type ToWorker } from "./protocol";

/** A use case as the worker runs it: the workbook, one plain input, and the options. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type UseCase = (gateway: WorkbookGateway, input: any, options: any) => Promise<unknown>;
export type UseCaseTable = Readonly<Record<string, UseCase>>;

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
  progress?: (p: ProgressData) => void;
}

/**
 * Runs the use cases of `table` for the main thread, each against a stand-in
 * gateway that forwards every call to the main thread's real one.
 */
export function serveUseCases(table: UseCaseTable, port: Port<ToWorker, FromWorker>): void {
  const running = new Map<number, AbortController>();
  const calls = new Map<number, PendingCall>();
  let nextCall = 1;

  function remoteGateway(id: number, hostName: string): WorkbookGateway {
    return new Proxy({ hostName } as WorkbookGateway, {
      get(target, method) {
        if (method === "hostName") return target.hostName;
        if (typeof method !== "string" || method === "then") return undefined;
        return (...args: unknown[]) => new Promise((resolve, reject) => {
          const call = nextCall++;
          const options = args.find((a): a is WorkOptions => isOptionsMarker(encodeArgument(a)));
          calls.set(call, { resolve, reject, ...(options?.progress ? { progress: options.progress } : {}) });
          port.postMessage({ type: "gateway", id, call, method, args: args.map(encodeArgument) });
        });
      },
    });
  }

  async function run(message: Extract<ToWorker, { type: "run" }>): Promise<void> {
    const { id, useCase, input, options, hostName } = message;
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const fn = Object.prototype.hasOwnProperty.call(table, useCase) ? table[useCase] : undefined;
      if (!fn) throw new Error(`The pane's worker has no use case "${useCase}".`);
      const workOptions: WorkOptions = {
        ...options.fields,
        progress: (progress) => port.postMessage({ type: "progress", id, progress: { ...progress } }),
        signal: controller.signal,
      };
      const value = await fn(remoteGateway(id, hostName), input, workOptions);
      port.postMessage({ type: "done", id, ok: true, value });
    } catch (e) {
      port.postMessage({ type: "done", id, ok: false, error: errorData(e) });
    } finally {
      running.delete(id);
    }
  }

  port.addEventListener("message", (event) => {
    const message = event.data;
    switch (message.type) {
      case "run":
        void run(message);
        break;
      case "abort":
        running.get(message.id)?.abort(new DOMException("The work was cancelled.", "AbortError"));
        break;
      case "gateway-progress":
        calls.get(message.call)?.progress?.(message.progress);
        break;
      case "gateway-result": {
        const pending = calls.get(message.call);
        calls.delete(message.call);
        if (!pending) break;
        if (message.ok) pending.resolve(message.value);
        else {
          const error = new Error(message.error.message);
          error.name = message.error.name;
          pending.reject(error);
        }
        break;
      }
    }
  });
}
