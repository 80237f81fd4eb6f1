import { GCProfiler, getHeapStatistics } from "node:v8";

/**
 * Time and memory of one step, run several times. Memory is the JavaScript heap, measured from a
 * collected baseline: `peak` is the most the heap held above that baseline at
 * any moment of the step (sampled by the garbage collector just before each
 * collection, and at the end), `retained` what is still held after a full
 * collection once the step is done (its result). Run node with --expose-gc.
 */

export interface Measurement {
  /** Milliseconds: the fastest run. Other programs only ever add time, so the fastest run is the truest. */
  readonly ms: number;
  readonly medianMs: number;
  readonly runs: number;
  /** Bytes of heap above the baseline at the step's high point (first run). */
  readonly peakBytes: number;
  /** Bytes of heap above the baseline still held after the step (first run). */
  readonly retainedBytes: number;
  /** Milliseconds the garbage collector took during the first run: most of it copies what the step keeps. */
  readonly gcMs: number;
}

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("Run the benchmark with node --expose-gc (npm run bench does).");
  gc();
  gc();
};

const usedHeap = (): number => getHeapStatistics().used_heap_size;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs `step` `runs` times and returns the result of the last run. Memory is
 * read on the first run, whose result is kept alive across the retained-memory
 * reading, as the pipeline keeps it. Only one run's result is held at a time:
 * the product holds one, and a result kept from an earlier run would give the
 * garbage collector more to walk than the product gives it.
 */
export async function measure<T>(runs: number, step: () => T | Promise<T>): Promise<{ result: T; measurement: Measurement }> {
  collect();
  const baseline = usedHeap();
  const profiler = new GCProfiler();
  profiler.start();
  let started = performance.now();
  let result: T | undefined = await step();
  const times = [performance.now() - started];
  const atEnd = usedHeap();
  const gcs = profiler.stop()?.statistics ?? [];
  const peak = Math.max(atEnd, ...gcs.map((s) => s.beforeGC.heapStatistics.usedHeapSize));
  const gcMs = gcs.reduce((ms, s) => ms + s.cost / 1000, 0);
  collect();
  const retained = usedHeap() - baseline;
  for (let i = 1; i < runs; i++) {
    result = undefined;
    collect();
    started = performance.now();
    result = await step();
    times.push(performance.now() - started);
  }
  return {
    result: result as T,
    measurement: { ms: Math.min(...times), medianMs: median(times), runs, peakBytes: Math.max(0, peak - baseline), retainedBytes: Math.max(0, retained), gcMs },
  };
}
