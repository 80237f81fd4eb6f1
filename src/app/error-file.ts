import type { InputFile } from "../ims/download/files";
import { matchErrors, readErrorFiles, type MatchQuality, type PortalError, type ProcessingStatus, type RequestFailure } from "../ims/error-file";
import { decisionAsDownloaded } from "../ims/download/normalise";
import type { FileNotice } from "../ims/file-error";
import type { ImsRecord } from "../ims/record";
import { rebasedRecord } from "../ims/rebase";
import type { WorkbookGateway } from "../workbook/gateway";
import { LAST_UPLOAD_SHEET_SPEC, lastUploadRows, type LastUpload } from "../workbook/last-upload";
import { portalErrorText, withPortalCode } from "../workbook/marks";
import { HEADERS, worksheetRow } from "../workbook/section-sheet";
import type { WorkOptions } from "./contracts";
import { readWorkbook, type WorkbookData } from "./read-workbook";
import { columnValues, writeColumns } from "./sheet-writes";
import { writeStartingPoints } from "./state-write";

export interface PlacedPortalError {
  readonly sheet: string;
  /** Worksheet row number. */
  readonly row: number;
  readonly column: string;
  readonly code?: string;
  readonly message: string;
  readonly guidance: string;
  readonly quality: MatchQuality;
}

export interface ErrorFileResult {
  readonly matched: readonly PlacedPortalError[];
  /** Errors that match no row: shown to the user, never dropped (ims-formats §5.5). */
  readonly unmatched: readonly PortalError[];
  /** The portal refused a whole upload: no row is marked for it. */
  readonly requestFailures: readonly RequestFailure[];
  readonly statuses: readonly ProcessingStatus[];
  readonly notices: readonly FileNotice[];
  /** Records the portal refused that had been marked processed before this file was opened: put back to their earlier starting point. */
  readonly restored: number;
}

/** What putting refused records back means for the user, for the pane and the command line alike. */
export function describeRestored(restored: number): string {
  const one = restored === 1;
  return `${restored.toLocaleString("en-IN")} ${one ? "document" : "documents"} the portal refused had been marked processed before this error file was opened. `
    + `${one ? "It is" : "They are"} back to the starting point ${one ? "it" : "they"} had before that upload, so the next upload sends ${one ? "it" : "them"} again: correct ${one ? "it" : "them"} first.`;
}

const QUALITY_NOTE: Readonly<Record<MatchQuality, string | undefined>> = {
  exact: undefined,
  approximate: "matched ignoring case and spaces in the document number",
  ambiguous: "the portal's details fit several rows; check which one it means",
};

/**
 * Loads the portal's error file(s): every error is matched to its row (the
 * records of the last generated upload first) and shown in Portal Errors. What
 * an earlier error file of the same upload showed stays (each part of a split
 * upload has its own); an older upload's errors go. Errors that match no row are
 * returned, never dropped. The records of the last upload it names are
 * flagged refused there, and one of a part already marked processed is put
 * back to the starting point it had before the upload (ims-rules §6: only what
 * the portal accepted is rebased).
 */
export async function applyErrorFile(gateway: WorkbookGateway, files: readonly InputFile[], options?: WorkOptions): Promise<ErrorFileResult> {
  const report = readErrorFiles(files);
  const data = await readWorkbook(gateway, options);
  const lastUploadKeys = data.lastUpload ? new Set(data.lastUpload.records.map((r) => r.key)) : undefined;
  const { matched, unmatched } = matchErrors(report, data.records, { lastUploadKeys });

  const placed: PlacedPortalError[] = [];
  const withoutRow: PortalError[] = [];
  const byRow = new Map<string, Map<number, { code?: string; message: string; guidance: string; note?: string }[]>>();
  for (const m of matched) {
    const entry = data.byKey.get(m.record.key);
    if (!entry) {
      withoutRow.push(m.error);
      continue;
    }
    const { sheet, dataRow } = entry.row;
    const rows = byRow.get(sheet) ?? new Map();
    byRow.set(sheet, rows);
    const note = QUALITY_NOTE[m.quality];
    rows.set(dataRow, [...(rows.get(dataRow) ?? []), { code: m.error.code, message: m.error.message, guidance: m.error.guidance, ...(note ? { note } : {}) }]);
    placed.push({
      sheet, row: worksheetRow(dataRow), column: HEADERS.portalErrors,
      ...(m.error.code ? { code: m.error.code } : {}), message: m.error.message, guidance: m.error.guidance, quality: m.quality,
    });
  }

  // The errors of an upload add up, file by file (a split upload's parts each have their own); an older upload's go.
  const refusedBefore = new Set((data.lastUpload?.records ?? []).filter((r) => r.refused === true).map((r) => r.key));
  for (const [name, sheet] of data.sheets) {
    const count = sheet.rows.length;
    if (count === 0) continue;
    const errors = byRow.get(name) ?? new Map();
    const codes = columnValues(sheet, "errorCodes", 0, count);
    const shown = columnValues(sheet, "portalErrors", 0, count);
    const texts = Array.from({ length: count }, (_, i) => {
      const named = errors.get(i);
      if (named) return portalErrorText(named);
      return refusedBefore.has(sheet.entryAt[i]?.record.key ?? "") && typeof shown[i] === "string" ? (shown[i] as string) : null;
    });
    await writeColumns(gateway, sheet, 0, {
      portalErrors: texts,
      errorCodes: codes.map((c, i) => withPortalCode(typeof c === "string" ? c : null, texts[i] !== null)),
    });
  }

  const refused = matched.map((m) => m.record);
  await flagRefused(gateway, data.lastUpload, refused);
  const restored = refusedAfterMarking(data, refused);
  await writeStartingPoints(gateway, data, restored, options);

  return {
    matched: placed,
    unmatched: [...unmatched, ...withoutRow],
    requestFailures: report.requestFailures,
    statuses: report.statuses,
    notices: report.notices,
    restored: restored.size,
  };
}

/** Flags the records of the last upload the error file names as refused: marking that upload leaves them as they were. */
async function flagRefused(gateway: WorkbookGateway, upload: LastUpload | undefined, refused: readonly ImsRecord[]): Promise<void> {
  const named = new Set(refused.map((r) => r.key));
  if (!upload?.records.some((r) => named.has(r.key) && r.refused !== true)) return;
  const records = upload.records.map((r) => (named.has(r.key) ? { ...r, refused: true } : r));
  await gateway.writeSheet(LAST_UPLOAD_SHEET_SPEC, lastUploadRows({ ...upload, records }));
}

/**
 * The refused records that marking moved: in a part of the last upload marked
 * processed, with the decision sent still as their starting point. Each is
 * read again with the starting point it had before that upload.
 */
function refusedAfterMarking(data: WorkbookData, refused: readonly ImsRecord[]): Map<string, ImsRecord> {
  const restored = new Map<string, ImsRecord>();
  const uploaded = new Map((data.lastUpload?.records ?? []).map((r) => [r.key, r]));
  for (const record of refused) {
    const sent = uploaded.get(record.key);
    if (!sent?.processed || !sent.decision || !sent.startingPoint || restored.has(record.key)) continue;
    const entry = data.byKey.get(record.key);
    const downloaded = entry && decisionAsDownloaded(entry.record.downloaded);
    // Written the same way, so the same decision gives the same text.
    if (!entry || !downloaded || JSON.stringify(downloaded) !== JSON.stringify(sent.decision)) continue;
    restored.set(record.key, rebasedRecord(entry.record, sent.startingPoint));
  }
  return restored;
}
