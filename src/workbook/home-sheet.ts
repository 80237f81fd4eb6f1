import { ACTIONS, ITC_CHOICES } from "../ims/decision";
import { SECTIONS, type SectionKey } from "../ims/sections";
import { COLOURS } from "./colours";
import type { CellValue, SheetSpec } from "./gateway";
import type { MergeReport } from "./merge";
import { HEADERS } from "./section-sheet";
import type { WorkbookMeta } from "./state";
import { istTime } from "./display";

/**
 * The Home sheet: whose data this is, what was imported when, how many records
 * each sheet holds, what the last import changed, and a legend. It is rewritten
 * by every import; the add-in never reads it back (the hidden state is the
 * source), except that the recipient GSTIN row is updated when the user enters one.
 */

export const HOME_SHEET = "Home";

export const HOME_HEADERS = ["Item", "Value", "Records", "Details"] as const;

export const HOME_SHEET_SPEC: SheetSpec = {
  name: HOME_SHEET,
  // All text: file names, GSTINs and notes must never become numbers, dates or formulas.
  columns: [
    { header: HOME_HEADERS[0], kind: "text", width: 34, editable: false },
    { header: HOME_HEADERS[1], kind: "text", width: 44, editable: false },
    { header: HOME_HEADERS[2], kind: "text", width: 10, editable: false },
    { header: HOME_HEADERS[3], kind: "text", width: 90, editable: false },
  ],
  visibility: "visible",
  grid: false,
  tabColor: COLOURS.homeTab,
};

/** Data row of the recipient GSTIN (worksheet row 2), so it can be updated alone. */
export const HOME_RECIPIENT_ROW = 0;

export interface HomeContent {
  /** The GSTIN the upload will be for, and where it comes from. */
  readonly recipient?: { readonly gstin: string; readonly from: "entered" | "download" };
  readonly meta: WorkbookMeta;
  readonly counts: Readonly<Partial<Record<SectionKey, number>>>;
  /** The merge of the last import, when it went into a workbook that already had data. */
  readonly merge?: MergeReport;
}

export function recipientCells(recipient: HomeContent["recipient"]): CellValue[] {
  if (!recipient) return ["Recipient GSTIN", "", "", "Not known yet: enter it when generating the upload."];
  return ["Recipient GSTIN", recipient.gstin, "", recipient.from === "download" ? "From the downloaded file." : "As entered."];
}

const blank = (): CellValue[] => ["", "", "", ""];

export function homeRows(content: HomeContent): CellValue[][] {
  const { meta, merge } = content;
  const rows: CellValue[][] = [recipientCells(content.recipient)];
  rows.push(["Last import", istTime(meta.importedAt), "", ""]);
  rows.push(blank());

  rows.push(["Files imported", "File", "Records", "Imported"]);
  for (const f of meta.files) rows.push(["", f.name, String(f.recordCount), `${istTime(f.importedAt)} (${f.envelope} format)`]);
  rows.push(blank());

  rows.push(["Sheets", "Holds", "Records", ""]);
  for (const s of SECTIONS) rows.push([s.sheetName, s.label, String(content.counts[s.key] ?? 0), ""]);
  for (const a of meta.setAside) {
    rows.push([
      a.kind === "import-of-goods" ? "Import of goods (not a sheet)" : "Not supported (not a sheet)",
      a.section,
      String(a.count),
      a.kind === "import-of-goods"
        ? `From ${a.file}. Bills of entry are read-only in this version: act on them on the portal.`
        : `From ${a.file}. This version does not support the section; its records are not shown or uploaded.`,
    ]);
  }
  rows.push(blank());

  if (merge) {
    rows.push(["Last import merged with earlier data", "", "", ""]);
    rows.push(["", "New records", String(merge.added), ""]);
    rows.push(["", "Unchanged records", String(merge.unchanged), "Untouched by you: they show the new download's status."]);
    rows.push(["", "Your decisions kept", String(merge.kept.length), "The supplier did not change these documents."]);
    rows.push(["", "Changed by the supplier", String(merge.resetAndFlagged.length), `Reset to the new download and marked in the ${HEADERS.importNotes} column: review them.`]);
    for (const r of merge.resetAndFlagged.filter((x) => x.discarded)) {
      rows.push(["", `${r.record.sheet} ${r.record.documentNumber}`, "", `${r.record.supplierGstin} ${r.record.supplierName}: your decision was ${r.discarded}`]);
    }
    rows.push(["", "No longer in the download", String(merge.vanished.length), "Removed from the sheets (for example after GSTR-3B was filed)."]);
    for (const v of merge.vanished.filter((x) => x.decision)) {
      rows.push(["", `${v.record.sheet} ${v.record.documentNumber}`, "", `${v.record.supplierGstin} ${v.record.supplierName}, dated ${v.record.documentDate}: your decision was ${v.decision}`]);
    }
    for (const n of merge.notWritten) {
      rows.push(["", `${n.record.sheet} ${n.record.documentNumber}`, "", `${n.column} held "${n.text}", which is not an amount; it was not carried over.`]);
    }
    rows.push(blank());
  }

  rows.push(["Legend", "", "", ""]);
  rows.push(["Actions", ACTIONS.map((a) => a.label).join(", "), "", "Choose one per row in the Action column. No Action is deemed accepted when GSTR-2B is generated."]);
  rows.push(["ITC Reduction", ITC_CHOICES.map((c) => c.label).join(", "), "", "Only when accepting credit notes and amendments where the portal asks for it; Partial needs the declared amounts and a remark."]);
  rows.push(["Editable columns", "White", "", `${HEADERS.action}, ${HEADERS.remarks}, ${HEADERS.itc} and the Declared amounts. Everything else is the portal's data and is locked.`]);
  rows.push(["Read-only columns", "Shaded", "", "Copies of the download, for reading only. The upload always uses the stored download, whatever these cells say."]);
  rows.push(["Rows with sheet errors", "Light red row, darker red cell", "", `${HEADERS.sheetErrors} says what to fix. Validate again after fixing.`]);
  rows.push(["Rows the portal rejected", "Light orange row", "", `${HEADERS.portalErrors} shows the portal's message from its error file.`]);
  return rows;
}
