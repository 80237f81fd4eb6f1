import type { WorkbookGateway } from "../workbook/gateway";
import type { PaneServices } from "./services";
import { createUseCaseRunner, type WorkerPort } from "./worker/runner";
import type { PaneUseCases } from "./worker/use-cases";
import { reconcileServices } from "./reconcile-services";

/** The pane's worker, bundled by Vite as an ES module worker file of this site (CSP worker-src 'self'). */
function startWorker(): WorkerPort {
  return new Worker(new URL("./worker/pane.worker.ts", import.meta.url), { type: "module", name: "ims-offline" }) as unknown as WorkerPort;
}

/** The pane's services: each use case runs in the worker, against this gateway. */
export function createPaneServices(gateway: WorkbookGateway, makeWorker: () => WorkerPort = startWorker): PaneServices {
  const runner = createUseCaseRunner<PaneUseCases>(gateway, makeWorker);
  const now = () => ({ now: new Date() });
  return {
    hostName: gateway.hostName,
    status: () => runner.run("status", undefined, {}),
    openDownloads: (files, options) => runner.run("openDownloads", files, { ...options, ...now() }),
    validate: (options) => runner.run("validate", undefined, { ...options, ...now() }),
    showOnlyRowsWithErrors: () => runner.run("showOnlyRowsWithErrors", undefined, {}),
    clearFilters: () => runner.run("clearFilters", undefined, {}),
    selectFinding: (finding) => runner.run("selectFinding", finding, {}),
    generateUpload: (options) => runner.run("generate", undefined, { ...options, ...now() }),
    sectionSheets: () => runner.run("sectionSheets", undefined, {}),
    openErrorFiles: (files, options) => runner.run("openErrorFiles", files, { ...options, ...now() }),
    lastUploadParts: () => runner.run("lastUploadParts", undefined, {}),
    markUploadProcessed: (parts, options) => runner.run("markUploadProcessed", parts, options),
    summarise: (options) => runner.run("summarise", undefined, options),
    setAction: (request, options) => runner.run("setAction", request, { ...options, ...now() }),
    ...reconcileServices(runner),
  };
}
