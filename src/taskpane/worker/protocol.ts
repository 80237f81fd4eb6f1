/**
 * Messages between the task pane (main thread) and its worker.
 *
 * The worker runs whole use cases of src/app: parsing, rules and upload
 * building happen there, so Excel never waits on the pane. The workbook,
 * though, is only reachable from the main thread (Office.js lives there), so
 * the worker's gateway is a stand-in that sends each gateway call to the main
 * thread and waits for the answer. Functions and abort signals cannot cross
 * the boundary: the options object of a call travels as a marker, and each
 * side rebuilds the progress callback and the signal on its own side.
 */

export interface ErrorData {
  readonly name: string;
  readonly message: string;
}

export interface ProgressData {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** Stands for a WorkOptions argument: the plain fields as they are, and which functions it had. */
export interface OptionsMarker {
  readonly workOptions: true;
  readonly hasProgress: boolean;
  readonly hasSignal: boolean;
  readonly fields: Readonly<Record<string, unknown>>;
}

export type ToWorker =
  | { readonly type: "run"; readonly id: number; readonly useCase: string; readonly input: unknown; readonly options: OptionsMarker; readonly hostName: string }
  | { readonly type: "abort"; readonly id: number }
  | { readonly type: "gateway-result"; readonly call: number; readonly ok: true; readonly value: unknown }
  | { readonly type: "gateway-result"; readonly call: number; readonly ok: false; readonly error: ErrorData }
  | { readonly type: "gateway-progress"; readonly call: number; readonly progress: ProgressData };

export type FromWorker =
  | { readonly type: "gateway"; readonly id: number; readonly call: number; readonly method: string; readonly args: readonly unknown[] }
  | { readonly type: "progress"; readonly id: number; readonly progress: ProgressData }
  | { readonly type: "done"; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: "done"; readonly id: number; readonly ok: false; readonly error: ErrorData };

/** The two ends: a Worker on the main thread, the worker's global scope inside it, or a MessagePort in tests. */
export interface Port<In, Out> {
  postMessage(message: Out): void;
  addEventListener(type: "message", listener: (event: MessageEvent<In>) => void): void;
}

export function isOptionsMarker(value: unknown): value is OptionsMarker {
  return typeof value === "object" && value !== null && (value as OptionsMarker).workOptions === true;
}

/** A WorkOptions-like object (it has a progress function or an abort signal) becomes a marker; anything else is sent as is. */
export function encodeArgument(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const { progress, signal, ...fields } = value as Record<string, unknown>;
  if (typeof progress !== "function" && !(typeof signal === "object" && signal !== null && "aborted" in signal)) return value;
  return { workOptions: true, hasProgress: typeof progress === "function", hasSignal: signal !== undefined, fields } satisfies OptionsMarker;
}

export function errorData(e: unknown): ErrorData {
  return e instanceof Error || e instanceof DOMException ? { name: e.name, message: e.message } : { name: "Error", message: String(e) };
}

/** An error from the other side, rebuilt with its name (AbortError stays recognisable). */
export function rebuildError(data: ErrorData): Error {
  const error = new Error(data.message);
  error.name = data.name;
  return error;
}
