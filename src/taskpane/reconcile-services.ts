import type { UseCaseRunner } from "./worker/runner";
import type { RECONCILE_USE_CASES, ReconcileServices } from "./worker/reconcile-use-cases";

/**
 * The Reconcile step's services over the pane's use-case runner (the worker's
 * table includes RECONCILE_USE_CASES). Type imports only: the use cases
 * themselves stay in the worker's bundle.
 */
export function reconcileServices(runner: Pick<UseCaseRunner<typeof RECONCILE_USE_CASES>, "run">): ReconcileServices {
  const now = () => ({ now: new Date() });
  return {
    reconcileSetup: () => runner.run("reconcileSetup", undefined, {}),
    createRegisterSheet: () => runner.run("createRegisterSheet", undefined, {}),
    reconcile: (request, options) => runner.run("reconcile", request, { ...options, ...now() }),
    applySuggestions: (request, options) => runner.run("applySuggestions", request, options),
    undoSuggestions: (options) => runner.run("undoSuggestions", undefined, options),
  };
}
