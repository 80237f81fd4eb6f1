import { utf8Length } from "../../ims/utf8";
import { FakeExcelError, notModelled } from "./errors";
import type { WorkbookModel } from "./workbook";

/**
 * The request/response machinery of Office.js, modelled strictly: setters and
 * method calls only queue operations; `load()` queues a read; `context.sync()`
 * measures the batch, refuses it over the payload limit, runs it in order, and
 * only then makes the loaded properties readable. Reading a property that was
 * not loaded and synced throws PropertyNotLoaded, as Office.js does.
 */

export type Platform = "web" | "PC" | "Mac";

/** What an operation does, so tests can count formatting calls apart from value writes. */
export type OperationKind = "values" | "format" | "read" | "sheet" | "other";

export interface SyncRecord {
  /** UTF-8 bytes of the JSON of the queued operations: what the request carries. */
  readonly requestBytes: number;
  /** UTF-8 bytes of the JSON of the loaded results. */
  readonly responseBytes: number;
  readonly operations: readonly { readonly name: string; readonly kind: OperationKind }[];
  /** The error code when Excel refused or failed the batch. */
  readonly failed?: string;
}

/** State shared by every Excel.run of one fake: the workbook, the platform's limits and the record of syncs. */
export interface FakeHostState {
  readonly platform: Platform;
  readonly apiVersion: string;
  readonly payloadLimitBytes: number;
  model: WorkbookModel;
  readonly syncs: SyncRecord[];
}

/** A result of a load, made visible on the proxies only when the whole batch succeeded. */
export interface Loaded {
  readonly response: unknown;
  commit(): void;
}

interface Operation {
  readonly name: string;
  readonly kind: OperationKind;
  /** What Office would send for this operation; its JSON size counts towards the payload. */
  readonly wire: unknown;
  run(): Loaded | void;
}

function versionAtLeast(have: string, need: string): boolean {
  const [a = 0, b = 0] = have.split(".").map(Number);
  const [c = 0, d = 0] = need.split(".").map(Number);
  return a > c || (a === c && b >= d);
}

export function supportsExcelApi(state: Pick<FakeHostState, "apiVersion">, set: string, version: string): boolean {
  return set === "ExcelApi" && versionAtLeast(state.apiVersion, version);
}

/** One request context's queue of operations. */
export class Batch {
  private queue: Operation[] = [];
  private finished = false;

  constructor(readonly host: FakeHostState) {}

  get model(): WorkbookModel {
    return this.host.model;
  }

  get pending(): number {
    return this.queue.length;
  }

  enqueue(operation: Operation): void {
    if (this.finished) {
      throw new FakeExcelError("InvalidObjectPath", `${operation.name}: this object belongs to an Excel.run that has finished; objects cannot be used outside their Excel.run.`);
    }
    this.queue.push(operation);
  }

  /** Called when an operation runs: refuses an API above the fake's requirement-set version, as Excel does. */
  requireApi(version: string, what: string): void {
    if (!supportsExcelApi(this.host, "ExcelApi", version)) {
      throw new FakeExcelError("ApiNotFound", `${what} needs ExcelApi ${version}; this Excel supports ExcelApi ${this.host.apiVersion}.`);
    }
  }

  async sync(): Promise<void> {
    const operations = this.queue;
    this.queue = [];
    // A sync is a round trip to Excel, never synchronous.
    await Promise.resolve();
    if (this.finished) throw new FakeExcelError("InvalidObjectPath", "context.sync() was called after its Excel.run finished.");
    const names = operations.map((op) => ({ name: op.name, kind: op.kind }));
    const requestBytes = utf8Length(JSON.stringify(operations.map((op) => op.wire)));
    const record = (responseBytes: number, failed?: string) =>
      this.host.syncs.push({ requestBytes, responseBytes, operations: names, ...(failed ? { failed } : {}) });
    // Only Excel on the web documents the 5 MB request limit; the desktop hosts document none.
    if (this.host.platform === "web" && requestBytes > this.host.payloadLimitBytes) {
      record(0, "RequestPayloadSizeLimitExceeded");
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `The request payload size (${requestBytes} bytes) has exceeded the limit of ${this.host.payloadLimitBytes} bytes.`);
    }
    const loaded: Loaded[] = [];
    try {
      for (const op of operations) {
        const result = op.run();
        if (result) loaded.push(result);
      }
    } catch (error) {
      // Operations before the failing one stay done: Excel does not roll a batch back.
      record(0, (error as { code?: string }).code ?? "GeneralException");
      throw error;
    }
    const responseBytes = utf8Length(JSON.stringify(loaded.map((l) => l.response)));
    if (this.host.platform === "web" && responseBytes > this.host.payloadLimitBytes) {
      record(responseBytes, "ResponsePayloadSizeLimitExceeded");
      throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `The response payload size (${responseBytes} bytes) has exceeded the limit of ${this.host.payloadLimitBytes} bytes.`);
    }
    for (const l of loaded) l.commit();
    record(responseBytes);
  }

  finish(): void {
    this.finished = true;
  }
}

/**
 * The object a client holds for something that exists only once an operation
 * has run (a sheet found by name, a range by indexes): set when that operation
 * runs; `null` for a missing `...OrNullObject`.
 */
export class Pin<T> {
  private state: { readonly value: T | null } | undefined;

  set(value: T | null): void {
    this.state = { value };
  }

  get isNull(): boolean {
    return this.state !== undefined && this.state.value === null;
  }

  get(what: string): T {
    if (!this.state) throw new FakeExcelError("InvalidObjectPath", `${what} does not exist: the operation that should have made it failed or never ran.`);
    if (this.state.value === null) throw new FakeExcelError("InvalidOperation", `${what} is a null object; check isNullObject before using it.`);
    return this.state.value;
  }
}

/** "a, b/c" → [["a"], ["b", "c"]]. */
function loadPaths(spec: string | readonly string[] | undefined): string[][] {
  if (spec === undefined) return [];
  if (typeof spec !== "string" && !Array.isArray(spec)) throw notModelled("load() with an options object; pass property names");
  const names: readonly string[] = typeof spec === "string" ? spec.split(",") : spec;
  return names.map((name) => name.trim()).filter(Boolean).map((name) => name.split("/").map((part) => part.trim()));
}

/** A proxy object of the Excel object model. */
export abstract class FakeObject {
  private readonly known = new Map<string, unknown>();

  constructor(
    protected readonly batch: Batch,
    /** How Office would address this object in a request; part of the payload. */
    readonly path: string,
  ) {}

  protected abstract readonly typeName: string;

  /** Scalar properties a load can ask for, read from the workbook when the load runs. */
  protected loadable(): Readonly<Record<string, () => unknown>> {
    return {};
  }

  /** Objects a load path can go through: "protection" in "protection/protected". */
  protected navigation(_name: string): FakeObject | undefined {
    return undefined;
  }

  /** For the result of an ...OrNullObject method: true once it turned out not to exist. */
  protected isMissing(): boolean {
    return false;
  }

  load(spec?: string | string[]): this {
    const paths = loadPaths(spec);
    this.batch.enqueue({
      name: `${this.typeName}.load`,
      kind: "read",
      wire: { o: this.path, load: paths.map((p) => p.join("/")) },
      run: () => this.loadNow(paths),
    });
    return this;
  }

  /** Evaluates a load when its operation runs. */
  loadNow(paths: readonly (readonly string[])[]): Loaded {
    if (this.isMissing()) return { response: { isNullObject: true }, commit: () => this.known.set("isNullObject", true) };
    const scalars = this.loadable();
    const wanted = paths.length > 0 ? paths : Object.keys(scalars).map((name) => [name]);
    const values = new Map<string, unknown>();
    const throughChild = new Map<string, string[][]>();
    for (const [head, ...rest] of wanted) {
      if (head === "isNullObject" && rest.length === 0) continue;
      if (rest.length === 0 && head in scalars) {
        values.set(head, scalars[head]());
        continue;
      }
      if (!this.navigation(head)) throw new FakeExcelError("InvalidArgument", `${this.typeName} has no property "${head}" that the fake can load.`);
      if (rest.length === 0) throw notModelled(`loading ${this.typeName}.${head} as a whole; load its properties by path ("${head}/...")`);
      throughChild.set(head, [...(throughChild.get(head) ?? []), rest]);
    }
    const children = [...throughChild].map(([head, rest]) => [head, this.navigation(head)!.loadNow(rest)] as const);
    return {
      response: { ...Object.fromEntries(values), ...Object.fromEntries(children.map(([head, l]) => [head, l.response])) },
      commit: () => {
        values.forEach((value, name) => this.known.set(name, value));
        this.known.set("isNullObject", false);
        children.forEach(([, l]) => l.commit());
      },
    };
  }

  /** A property as Office.js gives it: only after load and sync, or after the add-in set it. */
  protected read<T>(name: string): T {
    if (!this.known.has(name)) {
      throw new FakeExcelError("PropertyNotLoaded", `The property '${name}' of ${this.typeName} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    }
    return this.known.get(name) as T;
  }

  /** A setter: the proxy remembers the value at once; the change happens in Excel at the next sync. */
  protected assign(name: string, value: unknown, kind: OperationKind, run: () => void): void {
    this.known.set(name, value);
    this.batch.enqueue({ name: `${this.typeName}.${name}`, kind, wire: { o: this.path, set: name, v: value }, run });
  }

  protected call(name: string, kind: OperationKind, args: readonly unknown[], run: () => void): void {
    this.batch.enqueue({ name: `${this.typeName}.${name}`, kind, wire: { o: this.path, m: name, a: args }, run });
  }
}

/** A collection proxy: `items` is readable after a load ("items/name" or "name") and a sync. */
export abstract class FakeCollection<T extends FakeObject> extends FakeObject {
  private loadedItems: T[] | undefined;

  /** Proxies for the members as they are when the load runs. */
  protected abstract currentItems(): T[];

  get items(): T[] {
    if (!this.loadedItems) {
      throw new FakeExcelError("PropertyNotLoaded", `The property 'items' of ${this.typeName} is not available. Call load() and context.sync() first.`);
    }
    return this.loadedItems;
  }

  override loadNow(paths: readonly (readonly string[])[]): Loaded {
    const items = this.currentItems();
    const itemPaths = paths.map((p) => (p[0] === "items" ? p.slice(1) : p)).filter((p) => p.length > 0);
    const loaded = items.map((item) => item.loadNow(itemPaths));
    return {
      response: { items: loaded.map((l) => l.response) },
      commit: () => {
        this.loadedItems = items;
        loaded.forEach((l) => l.commit());
      },
    };
  }
}
