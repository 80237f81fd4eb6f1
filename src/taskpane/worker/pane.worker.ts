/// <reference lib="webworker" />
/**
 * The pane's worker: runs the use cases (parsing downloads, the rules, building
 * the upload) off the main thread, so Excel never waits on the pane. Its
 * gateway calls are carried out by the main thread (see runner.ts).
 */
import { serveUseCases } from "./serve";
import { USE_CASES } from "./use-cases";
import type { FromWorker, Port, ToWorker } from "./protocol";

serveUseCases(USE_CASES, self as unknown as Port<ToWorker, FromWorker>);
