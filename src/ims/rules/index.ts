/**
 * The portal-equivalent validation rules (ims-rules.md §2–§7, docs/rules.md).
 */
export type { Finding, FindingField, Severity } from "./finding";
export type { RuleInfo, RecordScope, Confidence, ExportFinding } from "./rule";
export { RULES, ruleByCode } from "./table";
export {
  checkDecision,
  checkAll,
  checkWorkbook,
  validateRecipient,
  rowWithoutRecordFinding,
  checkRedownload,
  DEFAULT_STALE_AFTER_DAYS,
  type WorkbookInput,
  type WorkbookCheck,
} from "./checks";
export type { EarlierExport, NoActionSummary } from "./context";
export { decisionChanges, isUploaded, remarksAllowed, remarksToSend, type DecisionChanges } from "./context";
export { normaliseRemarks, REMARKS_MAX_LENGTH } from "./remarks";
export { defaultItcChoiceOnAccept, itcDeclarationRequired, itcDeclarationOpen } from "./itc";
export { formatRupees, formatIstDate } from "./format";
