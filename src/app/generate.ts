import { validateRecipient } from "../ims/rules";
import { decisionAsDownloaded } from "../ims/download/normalise";
import { buildUpload, chooseRecipient, type UploadResult } from "../ims/upload";
import type { WorkbookGateway } from "../workbook/gateway";
import { HOME_RECIPIENT_ROW, HOME_SHEET, recipientCells } from "../workbook/home-sheet";
import { LAST_UPLOAD_SHEET_SPEC, lastUploadRows } from "../workbook/last-upload";
import { RECIPIENT_ROW, STATE_SHEET, recipientRow } from "../workbook/state";
import type { WorkOptions } from "./contracts";
import { readWorkbook, type WorkbookData } from "./read-workbook";
import { validateData } from "./validate";
import { clearSectionFilters } from "./filters";

export interface GenerateOptions extends WorkOptions {
  /** The recipient GSTIN as entered now; kept in the workbook when valid and agreeing with the download. Blank = the one already known. */
  readonly recipientGstin?: string;
  readonly maxBytes?: number;
  readonly maxRecords?: number;
  readonly now: Date;
}

/** Keeps a newly entered recipient GSTIN in the hidden state and on the Home sheet. */
async function rememberRecipient(gateway: WorkbookGateway, data: WorkbookData, entered: string): Promise<WorkbookData> {
  const gstin = entered.trim().toUpperCase();
  if (gstin === data.state.enteredRecipient) return data;
  await gateway.writeCells(STATE_SHEET, RECIPIENT_ROW, 0, [recipientRow(gstin)]);
  if ((await gateway.sheetNames()).includes(HOME_SHEET)) {
    await gateway.writeCells(HOME_SHEET, HOME_RECIPIENT_ROW, 0, [recipientCells({ gstin, from: "entered" })]);
  }
  return { ...data, state: { ...data.state, enteredRecipient: gstin } };
}

/**
 * Generate: validates the whole workbook first (marking the rows), refuses
 * with every reason while an error stands, and otherwise builds the upload
 * from the stored downloads and the decisions in the sheets. The records it
 * carries are remembered, so the portal's error file is matched against them.
 */
export async function generateUpload(gateway: WorkbookGateway, options: GenerateOptions): Promise<UploadResult> {
  await clearSectionFilters(gateway);
  let data = await readWorkbook(gateway, options);
  const entered = options.recipientGstin?.trim();
  // Kept only when it passes FMT-01 and FMT-02; otherwise the refusal below says why.
  if (entered && !validateRecipient(entered, data.state.meta.fileRecipients).some((f) => f.severity === "error")) {
    data = await rememberRecipient(gateway, data, entered);
  }

  const enteredNow = entered || data.state.enteredRecipient;
  const validation = await validateData(gateway, data, { ...options, recipientGstin: enteredNow });
  if (validation.errors.length > 0) {
    return {
      kind: "refused",
      reasons: validation.errors.map((f) => `${f.sheet} row ${f.row}${f.column ? `, ${f.column}` : ""}: ${f.message} (${f.code})`),
      recordErrors: validation.recordErrors,
      exportErrors: validation.exportErrors,
    };
  }

  const result = buildUpload({
    recipientGstin: chooseRecipient(enteredNow, data.state.meta.fileRecipients),
    fileRecipients: data.state.meta.fileRecipients,
    downloadedAt: new Date(data.state.meta.importedAt),
    items: data.entries,
    maxBytes: options.maxBytes,
    maxRecords: options.maxRecords,
    now: options.now,
    checked: validation.checked,
  });
  if (result.kind === "files") {
    const fileOf = new Map<string, string>();
    let at = 0;
    for (const file of result.files) for (let i = 0; i < file.recordCount; i++) fileOf.set(result.uploaded[at++].record.key, file.name);
    await gateway.writeSheet(LAST_UPLOAD_SHEET_SPEC, lastUploadRows({
      generatedAt: options.now.toISOString(),
      records: result.uploaded.map(({ record, decision }) => ({
        key: record.key,
        file: fileOf.get(record.key) ?? "",
        decision: decisionAsDownloaded(decision),
        // None when the download's own decision holds an unreadable amount: such a record cannot be put back after an error file.
        startingPoint: decisionAsDownloaded(record.downloaded),
      })),
    }));
  }
  return result;
}
