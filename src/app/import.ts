import type { InputFile } from "../ims/download/files";
import { readDownloads } from "../ims/download/read";
import type { FileNotice } from "../ims/file-error";
import { chooseRecipient } from "../ims/upload";
import { validateRecipient } from "../ims/rules";
import { SECTIONS, type SectionKey } from "../ims/sections";
import type { WorkbookGateway } from "../workbook/gateway";
import { HOME_SHEET_SPEC, homeRows } from "../workbook/home-sheet";
import { mergeDownload, type MergeReport, type PreviousWorkbook } from "../workbook/merge";
import { sectionLayout, sheetRowsBySection } from "../workbook/section-sheet";
import { STATE_SCHEMA_VERSION, STATE_SHEET, STATUS_ROW, statusRow, type SetAside, type WorkbookMeta } from "../workbook/state";
import type { WorkOptions } from "./contracts";
import { hasImsData, readSheets, readState } from "./read-workbook";
import { writeState } from "./state-write";
import { reconcileAgainAfterImport, type ReconcileAgainOutcome } from "./reconcile";

export interface ImportOptions extends WorkOptions {
  /** The recipient GSTIN as the user entered it (optional: the download may carry it). */
  readonly recipientGstin?: string;
  readonly now: Date;
}

export interface ImportReport {
  /** The GSTIN the upload will be for, if known (entered, or named by the files). */
  readonly recipientGstin?: string;
  /** Records per section sheet. */
  readonly counts: Readonly<Record<SectionKey, number>>;
  readonly total: number;
  readonly files: readonly { readonly name: string; readonly recordCount: number }[];
  readonly setAside: readonly SetAside[];
  readonly notices: readonly FileNotice[];
  /** Present when the workbook already held data: what was kept, reset and flagged, or is gone. */
  readonly merge?: MergeReport;
  /** Present when the workbook had been reconciled: the reconciliation run again on the new data, or why not. */
  readonly reconciliation?: ReconcileAgainOutcome;
}

/** The GSTIN a workbook's data belongs to, as far as it is known. */
function ownerOf(entered: string | undefined, fileRecipients: readonly string[]): string | undefined {
  return chooseRecipient(entered, fileRecipients)?.trim().toUpperCase();
}

/**
 * Imports one or more portal downloads. Into an empty workbook it writes the
 * Home sheet, all eight section sheets and the hidden state; into a workbook
 * that already has data it merges (docs/workbook.md, "Importing again").
 *
 * Cancelling is possible until writing starts; from then on the writing
 * completes, so the workbook is never left half old, half new. Should Excel
 * close mid-write, the state says "importing" and the workbook asks for the
 * import to be repeated.
 */
export async function importDownloads(gateway: WorkbookGateway, files: readonly InputFile[], options: ImportOptions): Promise<ImportReport> {
  const { now, progress } = options;
  const download = readDownloads(files);
  const fileRecipients = download.recipientGstin ? [download.recipientGstin] : [];
  const notices: FileNotice[] = [...download.notices];
  const enteredNow = options.recipientGstin?.trim() ? options.recipientGstin.trim().toUpperCase() : undefined;
  if (enteredNow) {
    const problems = validateRecipient(enteredNow, fileRecipients).filter((f) => f.severity === "error");
    if (problems.length > 0) throw new Error(problems.map((f) => f.message).join(" "));
  }

  let previous: PreviousWorkbook | undefined;
  let enteredBefore: string | undefined;
  const hadData = await hasImsData(gateway);
  if (hadData) {
    const state = await readState(gateway, options);
    const owner = ownerOf(state.enteredRecipient, state.meta.fileRecipients);
    const incoming = ownerOf(enteredNow, fileRecipients);
    if (owner && incoming && owner !== incoming) {
      throw new Error(`This workbook holds the IMS data of ${owner}, but these files are for ${incoming}. Import them into a new workbook: one workbook per GSTIN.`);
    }
    enteredBefore = state.enteredRecipient;
    if (state.status === "complete") {
      const data = await readSheets(gateway, state, options);
      previous = {
        records: data.records,
        decisions: new Map(data.entries.map((e) => [e.record.key, e.decision])),
        importedAt: data.state.meta.importedAt,
      };
    } else {
      notices.push({
        severity: "warning",
        file: download.files.map((f) => f.name).join(", "),
        message: "The previous import into this workbook did not finish, so decisions in it could not be carried over; the sheets now show this download.",
      });
    }
  }

  const { rows, report } = mergeDownload(previous, download.records);
  const importedAt = now.toISOString();
  const meta: WorkbookMeta = {
    schemaVersion: STATE_SCHEMA_VERSION,
    fileRecipients,
    importedAt,
    files: download.files.map((f) => ({ name: f.name, importedAt, envelope: f.envelope, recordCount: f.recordCount, metadata: f.metadata })),
    setAside: [
      ...download.importOfGoods.map((s): SetAside => ({ kind: "import-of-goods", section: s.section, file: s.file, count: s.records.length })),
      ...download.unsupported.map((s): SetAside => ({ kind: "unsupported", section: s.section, file: s.file, count: s.records.length })),
    ],
  };
  const enteredRecipient = enteredNow ?? enteredBefore;
  const sheetRows = sheetRowsBySection(rows);
  const counts = Object.fromEntries(SECTIONS.map((s) => [s.key, sheetRows.get(s.key)!.length])) as Record<SectionKey, number>;

  options.signal?.throwIfAborted();
  // From here on, no cancellation (see above). The old state is marked first, so
  // an interrupted write is detected; the new state, written last, completes it.
  const writing = { progress };
  if (hadData) await gateway.writeCells(STATE_SHEET, STATUS_ROW, 0, [statusRow("importing")]);
  const recipientGstin = ownerOf(enteredRecipient, fileRecipients);
  const home = homeRows({
    recipient: recipientGstin ? { gstin: recipientGstin, from: enteredRecipient ? "entered" : "download" } : undefined,
    meta,
    counts,
    ...(previous ? { merge: report } : {}),
  });
  await gateway.writeSheets([
    { spec: HOME_SHEET_SPEC, rows: home },
    ...SECTIONS.map((section) => ({ spec: sectionLayout(section.key).sheet, rows: sheetRows.get(section.key)! })),
  ], writing);
  await writeState(gateway, { enteredRecipient, meta }, rows.map((r) => r.record), writing);
  // The rewritten sheets lost their reconciliation columns: fill them again from the Purchase Register.
  const reconciliation = hadData ? await reconcileAgainAfterImport(gateway, { ...writing, now }) : undefined;

  return {
    ...(recipientGstin ? { recipientGstin } : {}),
    counts,
    total: rows.length,
    files: download.files.map((f) => ({ name: f.name, recordCount: f.recordCount })),
    setAside: meta.setAside,
    notices,
    ...(previous ? { merge: report } : {}),
    ...(reconciliation ? { reconciliation } : {}),
  };
}
