/**
 * Reconciliation of IMS records with the purchase register (issue #7, docs/reconcile.md):
 * read the register, match, suggest. Pure functions over arrays; the workbook,
 * task pane and command line call these.
 */
export { parseCsv } from "./csv";
export {
  AMOUNT_FIELDS, REGISTER_FIELDS, buildMapping, detectColumns, fieldLabel, locateHeader, normaliseHeader,
  readDocumentKind, readRegister,
  type AmountField, type ColumnMap, type ColumnMapping, type RegisterEntry, type RegisterField, type RegisterProblem,
  type RegisterReading,
} from "./register";
export { NUMBER_STEPS, describeSteps, normaliseDocumentNumber, stepLabel, stepsNeeded, type NumberStep } from "./normalise";
export {
  DEFAULT_RECONCILE_OPTIONS, reconcile,
  type CompareField, type Difference, type MatchPass, type MatchStatus, type ProbableReason, type ReconcileOptions,
  type ReconcileResult, type RecordMatch, type RegisterMiss,
} from "./match";
export { suggest, suggestAll, type MatchOutcome, type Suggestion } from "./suggest";
