import { normaliseRecord } from "../ims/download/normalise";
import type { ImsRecord } from "../ims/record";
import { isSectionKey, type SectionKey } from "../ims/sections";
import type { CellValue, SheetSpec } from "./gateway";

/**
 * The workbook's own memory: a veryHidden sheet holding the downloaded original
 * of every record (what the upload echoes and the change set compares against)
 * and what was imported when. It travels inside the .xlsx file, so a workbook
 * saved, closed and reopened elsewhere (Excel on the web included) still
 * validates and generates the same upload. Records are always rebuilt from
 * here, never from the visible cells.
 *
 * Layout, one entry per row (docs/workbook.md):
 *   row 0   status     complete | importing   (an import not finished is detected)
 *   row 1   recipient  <GSTIN>                (as the user entered it; blank = use the download's)
 *   rows    meta       workbook               JSON of WorkbookMeta, in parts
 *   rows    record     <record key>           JSON.stringify(raw), in parts; section, file, position on part 1
 */

export const STATE_SHEET = "_IMS_State";
/** Raise when the layout of this sheet or of the section sheets changes incompatibly. */
export const STATE_SCHEMA_VERSION = 1;
/** Excel's limit is 32,767 characters per cell; parts stay well under it. */
export const PART_LENGTH = 30_000;

const COLUMN_HEADERS = ["Entry", "Key", "Part", "Data", "Section", "File", "Position"] as const;

export const STATE_SHEET_SPEC: SheetSpec = {
  name: STATE_SHEET,
  // Everything is text: a key or a JSON part must never be read as a number, date or formula.
  columns: COLUMN_HEADERS.map((header) => ({ header, kind: "text", width: header === "Data" ? 80 : 16, editable: false })),
  visibility: "veryHidden",
  grid: false,
};

export type ImportStatus = "complete" | "importing";

export interface ImportedFile {
  readonly name: string;
  /** ISO 8601 time of the import that brought the file in. */
  readonly importedAt: string;
  readonly envelope: string;
  readonly recordCount: number;
  /** Root keys of the file besides the sections (period, version, timestamp ...). */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Sections read but not shown as sheets: import of goods (read-only) and sections this version does not know. */
export interface SetAside {
  readonly kind: "import-of-goods" | "unsupported";
  readonly section: string;
  readonly file: string;
  readonly count: number;
}

export interface WorkbookMeta {
  readonly schemaVersion: number;
  /** The recipient GSTINs the imported files name (root `gstin`/`rtin`), for FMT-01/FMT-02. */
  readonly fileRecipients: readonly string[];
  /** ISO 8601 time of the last import. */
  readonly importedAt: string;
  readonly files: readonly ImportedFile[];
  readonly setAside: readonly SetAside[];
}

export interface StoredRecord {
  readonly key: string;
  readonly section: SectionKey;
  readonly file: string;
  readonly position: number;
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface WorkbookState {
  readonly status: ImportStatus;
  /** The recipient GSTIN as the user entered it, if any. */
  readonly enteredRecipient?: string;
  readonly meta: WorkbookMeta;
  readonly records: readonly StoredRecord[];
}

/** Worksheet data rows of the two single-cell entries, so they can be updated without rewriting the sheet. */
export const STATUS_ROW = 0;
export const RECIPIENT_ROW = 1;

function parts(text: string): string[] {
  if (text.length === 0) return [""];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += PART_LENGTH) out.push(text.slice(i, i + PART_LENGTH));
  return out;
}

export function recipientRow(entered: string | undefined): CellValue[] {
  return ["recipient", entered ?? "", "", "", "", "", ""];
}

export function statusRow(status: ImportStatus): CellValue[] {
  return ["status", status, "", "", "", "", ""];
}

/** The rows of the state sheet. */
export function stateRows(state: WorkbookState): CellValue[][] {
  const rows: CellValue[][] = [statusRow(state.status), recipientRow(state.enteredRecipient)];
  parts(JSON.stringify(state.meta)).forEach((part, i) => rows.push(["meta", "workbook", String(i + 1), part, "", "", ""]));
  for (const r of state.records) {
    parts(JSON.stringify(r.raw)).forEach((part, i) =>
      rows.push(i === 0
        ? ["record", r.key, "1", part, r.section, r.file, String(r.position)]
        : ["record", r.key, String(i + 1), part, "", "", ""]),
    );
  }
  return rows;
}

/** The state of a workbook whose hidden sheet cannot be read: the message says what to do. */
export class WorkbookStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookStateError";
  }
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : String(v));

function damaged(detail: string): WorkbookStateError {
  return new WorkbookStateError(
    `The add-in's hidden data in this workbook is damaged (${detail}). `
    + "Import the portal download again into a new workbook; decisions can be copied over from this one.",
  );
}

/** Parses the state sheet's rows back; throws WorkbookStateError naming what is wrong. */
export function parseState(header: readonly string[], rows: readonly (readonly CellValue[])[]): WorkbookState {
  if (COLUMN_HEADERS.some((h, i) => text(header[i]) !== h)) throw damaged("unexpected header row");
  let status: ImportStatus | undefined;
  let enteredRecipient: string | undefined;
  const metaParts: string[] = [];
  const records: StoredRecord[] = [];
  let current: { key: string; section: SectionKey; file: string; position: number; parts: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    let raw: unknown;
    try {
      raw = JSON.parse(current.parts.join(""));
    } catch {
      throw damaged(`record ${current.key} is not valid JSON`);
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw damaged(`record ${current.key} is not a JSON object`);
    records.push({ key: current.key, section: current.section, file: current.file, position: current.position, raw: raw as Record<string, unknown> });
    current = undefined;
  };

  for (const row of rows) {
    const [entry, key, part, data, section, file, position] = COLUMN_HEADERS.map((_, i) => text(row[i]));
    switch (entry) {
      case "status":
        if (key !== "complete" && key !== "importing") throw damaged(`unknown status "${key}"`);
        status = key;
        break;
      case "recipient":
        enteredRecipient = key === "" ? undefined : key;
        break;
      case "meta":
        metaParts.push(data);
        break;
      case "record":
        if (part === "1") {
          flush();
          if (!isSectionKey(section)) throw damaged(`record ${key} has unknown section "${section}"`);
          current = { key, section, file, position: Number(position), parts: [data] };
        } else {
          if (!current || current.key !== key || Number(part) !== current.parts.length + 1) throw damaged(`record ${key} has a part out of order`);
          current.parts.push(data);
        }
        break;
      case "":
        break;
      default:
        throw damaged(`unknown entry "${entry}"`);
    }
  }
  flush();
  if (!status) throw damaged("no status entry");
  let meta: WorkbookMeta;
  try {
    meta = JSON.parse(metaParts.join("")) as WorkbookMeta;
  } catch {
    throw damaged("the import details are not valid JSON");
  }
  if (typeof meta.schemaVersion !== "number") throw damaged("no schema version");
  if (meta.schemaVersion > STATE_SCHEMA_VERSION) {
    throw new WorkbookStateError(
      `This workbook was made by a newer version of IMS Offline for Excel (layout ${meta.schemaVersion}; this version reads up to ${STATE_SCHEMA_VERSION}). Update the add-in.`,
    );
  }
  return { status, enteredRecipient, meta, records };
}

/** The stored record as an ImsRecord, normalised again from its downloaded original. */
export function restoreRecord(stored: StoredRecord): ImsRecord {
  let record: ImsRecord;
  try {
    record = normaliseRecord(stored.section, stored.raw, { file: stored.file, position: stored.position });
  } catch (e) {
    throw damaged(`record ${stored.key}: ${(e as Error).message}`);
  }
  if (record.key !== stored.key) throw damaged(`record ${stored.key} does not match its stored download`);
  return record;
}

export function storedRecordOf(record: ImsRecord): StoredRecord {
  return { key: record.key, section: record.section, file: record.source.file, position: record.source.position, raw: record.raw };
}
