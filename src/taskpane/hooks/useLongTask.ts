import { useCallback, useRef, useState } from "react";
import type { WorkOptions } from "../../app/contracts";

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly label: string;
}

/** What the last piece of work ended with, for the pane's message bar. */
export type Outcome =
  | { readonly kind: "cancelled"; readonly title: string }
  | { readonly kind: "failed"; readonly title: string; readonly message: string };

export interface LongTask {
  /** The title of the work under way ("Opening the downloads"), or undefined when idle. */
  readonly running: string | undefined;
  readonly progress: Progress | undefined;
  readonly outcome: Outcome | undefined;
  /**
   * Runs one piece of work at a time with progress and a Cancel signal. Resolves
   * with the work's result, or undefined when it failed or was cancelled (the
   * outcome then says which, in words the user can act on).
   */
  run<T>(title: string, work: (options: Required<Pick<WorkOptions, "progress" | "signal">>) => Promise<T>): Promise<T | undefined>;
  cancel(): void;
  dismiss(): void;
}

function isAbort(e: unknown): boolean {
  return e instanceof DOMException ? e.name === "AbortError" : e instanceof Error && e.name === "AbortError";
}

/** One long-running piece of work at a time, with progress, Cancel and a failure message. */
export function useLongTask(): LongTask {
  const [running, setRunning] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const [outcome, setOutcome] = useState<Outcome>();
  const controller = useRef<AbortController | undefined>(undefined);

  const run = useCallback(async <T,>(title: string, work: (options: Required<Pick<WorkOptions, "progress" | "signal">>) => Promise<T>) => {
    if (controller.current) return undefined; // one at a time: the buttons are disabled meanwhile
    const abort = new AbortController();
    controller.current = abort;
    setRunning(title);
    setProgress(undefined);
    setOutcome(undefined);
    try {
      return await work({ progress: (p) => setProgress({ ...p }), signal: abort.signal });
    } catch (e) {
      if (abort.signal.aborted || isAbort(e)) setOutcome({ kind: "cancelled", title });
      else setOutcome({ kind: "failed", title, message: e instanceof Error ? e.message : String(e) });
      return undefined;
    } finally {
      controller.current = undefined;
      setRunning(undefined);
      setProgress(undefined);
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  const dismiss = useCallback(() => setOutcome(undefined), []);
  return { running, progress, outcome, run, cancel, dismiss };
}
