import { normaliseRecord } from "../ims/download/normalise";
import type { ImsRecord } from "../ims/record";
import { isSectionKey, type SectionKey } from "../ims/sections";
import { z } from "../zod-setup";
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
 *   row 0   status     complete | importing   (an import not finished is detected); Data: the stamp
 *   row 1   recipient  <GSTIN>                (as the user entered it; blank = use the download's)
 *   rows    meta       workbook               JSON of WorkbookMeta, in parts
 *   rows    shape      <shape number>         JSON {section, file, keys}, in parts
 *   rows    record     <shape number>         JSON array of the record's values in the order of its shape's keys, in parts; position on part 1
 *
 * The key names are stored once per shape instead of on every record: they were
 * almost half of this sheet, the largest thing an import writes (docs/performance.md).
 * The record key is not stored either: it is rebuilt from the values.
 *
 * The stamp is a random identifier written with every complete state and
 * cleared when an import starts rewriting it. Equal stamps mean equal records,
 * so a use case that has rebuilt the records of a stamp can use them again
 * after reading just the first two rows (src/app/read-workbook.ts).
 */

export const STATE_SHEET = "_IMS_State";
/**
 * Raise when the layout of this sheet or of the section sheets changes incompatibly.
 * 2: records stored as value arrays under shared key lists (layout 1 stored each record's JSON object).
 */
export const STATE_SCHEMA_VERSION = 2;
/** Excel's limit is 32,767 characters per cell; parts stay well under it. */
export const PART_LENGTH = 30_000;

const COLUMN_HEADERS = ["Entry", "Key", "Part", "Data", "Position"] as const;
/** Where the layout version is found, in every layout so far: the meta entries' Entry and Data columns. */
const ENTRY_COLUMN = 0;
const DATA_COLUMN = 3;

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

/** What the state keeps of a record: its section, where it came from and the downloaded object. An ImsRecord is one. */
export interface StoredRecord {
  readonly section: SectionKey;
  readonly source: { readonly file: string; readonly position: number };
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface WorkbookState {
  readonly status: ImportStatus;
  /** Identifies the stored records (see above); absent while an import is writing, and in workbooks made before stamps. */
  readonly stamp?: string;
  /** The recipient GSTIN as the user entered it, if any. */
  readonly enteredRecipient?: string;
  readonly meta: WorkbookMeta;
  readonly records: readonly StoredRecord[];
}

/** Worksheet data rows of the two single-cell entries, so they can be updated without rewriting the sheet. */
export const STATUS_ROW = 0;
export const RECIPIENT_ROW = 1;
/** The rows and columns readStateHead needs: the status and recipient entries. */
export const HEAD_ROWS = 2;
export const HEAD_COLUMNS = 4;

/** What records of one section and one file with the same keys in the same order share. */
interface Shape {
  readonly section: SectionKey;
  readonly file: string;
  readonly keys: readonly string[];
}

/** The import details and shapes as stored, checked when read back: the sheet travels in files anyone can edit. */
const META_SCHEMA = z.object({
  schemaVersion: z.number(),
  fileRecipients: z.array(z.string()),
  importedAt: z.string(),
  files: z.array(z.object({ name: z.string(), importedAt: z.string(), envelope: z.string(), recordCount: z.number(), metadata: z.record(z.string(), z.unknown()) })),
  setAside: z.array(z.object({ kind: z.enum(["import-of-goods", "unsupported"]), section: z.string(), file: z.string(), count: z.number() })),
});

const SHAPE_SCHEMA = z.object({ section: z.string(), file: z.string(), keys: z.array(z.string()) });

function parts(text: string): string[] {
  if (text.length === 0) return [""];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += PART_LENGTH) out.push(text.slice(i, i + PART_LENGTH));
  return out;
}

export function recipientRow(entered: string | undefined): CellValue[] {
  return ["recipient", entered ?? "", "", "", ""];
}

export function statusRow(status: ImportStatus, stamp?: string): CellValue[] {
  return ["status", status, "", stamp ?? "", ""];
}

/** The rows of the state sheet. */
export function stateRows(state: WorkbookState): CellValue[][] {
  const rows: CellValue[][] = [statusRow(state.status, state.stamp), recipientRow(state.enteredRecipient)];
  const pushParts = (entry: string, key: string, json: string, position: string) => {
    if (json.length <= PART_LENGTH) rows.push([entry, key, "1", json, position]);
    else parts(json).forEach((part, i) => rows.push([entry, key, String(i + 1), part, i === 0 ? position : ""]));
  };
  pushParts("meta", "workbook", JSON.stringify(state.meta), "");

  // A shape's number is its order of first use. Records of one section and file
  // nearly always share one shape, so each record's keys are compared with the
  // shapes seen for its section and file, key by key, without listing them.
  const shapes: (Shape & { n: string })[] = [];
  const seen = new Map<string, Map<string, (Shape & { n: string })[]>>();
  const shapeNumbers = state.records.map((r) => {
    let inSection = seen.get(r.section);
    if (!inSection) seen.set(r.section, (inSection = new Map()));
    let candidates = inSection.get(r.source.file);
    if (!candidates) inSection.set(r.source.file, (candidates = []));
    let shape = candidates.find((c) => hasKeys(r.raw, c.keys));
    if (!shape) {
      shape = { section: r.section, file: r.source.file, keys: Object.keys(r.raw), n: String(shapes.length + 1) };
      candidates.push(shape);
      shapes.push(shape);
    }
    return shape.n;
  });
  for (const { section, file, keys, n } of shapes) pushParts("shape", n, JSON.stringify({ section, file, keys } satisfies Shape), "");
  state.records.forEach((r, i) => pushParts("record", shapeNumbers[i], JSON.stringify(Object.values(r.raw)), String(r.source.position)));
  return rows;
}

/** Whether an object has exactly these own keys, in this order. */
function hasKeys(raw: Readonly<Record<string, unknown>>, keys: readonly string[]): boolean {
  let i = 0;
  // for…in visits a parsed object's own keys in Object.keys order (its prototype adds none) without listing them.
  for (const key in raw) if (key !== keys[i++]) return false;
  return i === keys.length;
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

/**
 * The import details, read before anything else so that a workbook of another
 * layout is refused for what it is rather than misread or called damaged.
 */
function readMeta(rows: readonly (readonly CellValue[])[]): WorkbookMeta {
  const json = rows.filter((row) => text(row[ENTRY_COLUMN]) === "meta").map((row) => text(row[DATA_COLUMN])).join("");
  let meta: unknown;
  try {
    meta = JSON.parse(json);
  } catch {
    throw damaged("the import details are not valid JSON");
  }
  const version = (meta as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version !== "number") throw damaged("no schema version");
  if (version > STATE_SCHEMA_VERSION) {
    throw new WorkbookStateError(
      `This workbook was made by a newer version of IMS Offline for Excel (layout ${version}; this version reads up to ${STATE_SCHEMA_VERSION}). Update the add-in.`,
    );
  }
  if (version < STATE_SCHEMA_VERSION) {
    throw new WorkbookStateError(
      `This workbook was made by an earlier test version of IMS Offline for Excel (layout ${version}; this version reads layout ${STATE_SCHEMA_VERSION} only). `
      + "Import the portal download again into a new workbook; decisions can be copied over from this one.",
    );
  }
  const parsed = META_SCHEMA.safeParse(meta);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw damaged(`the import details have ${issue.path.length > 0 ? `a wrong "${issue.path.join(".")}"` : "the wrong form"}`);
  }
  return parsed.data;
}

function parseJson(json: string, what: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    throw damaged(`${what} is not valid JSON`);
  }
}

function toShape(value: unknown, n: string): Shape {
  const parsed = SHAPE_SCHEMA.safeParse(value);
  if (!parsed.success) throw damaged(`shape ${n} is not a section, file and key list`);
  const { section, file, keys } = parsed.data;
  if (!isSectionKey(section)) throw damaged(`shape ${n} has unknown section "${section}"`);
  return { section, file, keys };
}

/** Parses the state sheet's rows back; throws WorkbookStateError naming what is wrong. */
export function parseState(header: readonly string[], rows: readonly (readonly CellValue[])[]): WorkbookState {
  const meta = readMeta(rows);
  if (COLUMN_HEADERS.some((h, i) => text(header[i]) !== h)) throw damaged("unexpected header row");
  let status: ImportStatus | undefined;
  let stamp: string | undefined;
  let enteredRecipient: string | undefined;
  const shapes = new Map<string, Shape>();
  const records: StoredRecord[] = [];
  // The entry being read, whose parts may continue on the following rows.
  let current: { entry: "shape" | "record"; key: string; position: string; parts: string[] } | undefined;
  const flush = () => {
    if (!current) return;
    const { entry, key, position } = current;
    const json = current.parts.join("");
    current = undefined;
    if (entry === "shape") {
      if (shapes.has(key)) throw damaged(`shape ${key} appears twice`);
      shapes.set(key, toShape(parseJson(json, `shape ${key}`), key));
      return;
    }
    const shape = shapes.get(key);
    if (!shape) throw damaged(`a record at position ${position} names shape ${key}, which is not stored before it`);
    // A record's place in its section of the download, 1-based: messages name records by it.
    if (!/^[1-9][0-9]{0,8}$/.test(position)) throw damaged(`a ${shape.section} record of ${shape.file} has the position "${position}", not a whole number from 1`);
    const label = `${shape.section} record ${position} of ${shape.file}`;
    const values = parseJson(json, label);
    if (!Array.isArray(values) || values.length !== shape.keys.length) throw damaged(`${label} does not hold one value per key of its shape`);
    // fromEntries adds "__proto__" as the key the download has (assigning it would set the prototype),
    // and keeps a record of many keys a fast object (assigned one by one under computed keys, it is not).
    const raw: Record<string, unknown> = Object.fromEntries(shape.keys.map((key, i) => [key, values[i]]));
    records.push({ section: shape.section, source: { file: shape.file, position: Number(position) }, raw });
  };

  for (const row of rows) {
    const [entry, key, part, data, position] = COLUMN_HEADERS.map((_, i) => text(row[i]));
    switch (entry) {
      case "status":
        if (key !== "complete" && key !== "importing") throw damaged(`unknown status "${key}"`);
        status = key;
        stamp = data === "" ? undefined : data;
        break;
      case "recipient":
        enteredRecipient = key === "" ? undefined : key;
        break;
      case "meta":
        break;
      case "shape":
      case "record":
        if (part === "1") {
          flush();
          current = { entry, key, position, parts: [data] };
        } else {
          if (!current || current.entry !== entry || current.key !== key || Number(part) !== current.parts.length + 1) {
            throw damaged(`${entry} ${key} has a part out of order`);
          }
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
  return { status, ...(stamp ? { stamp } : {}), enteredRecipient, meta, records };
}

/** What the first HEAD_ROWS rows say, undefined where they are not the status and recipient entries. */
export function readStateHead(rows: readonly (readonly CellValue[])[]): { status: ImportStatus; stamp?: string; enteredRecipient?: string } | undefined {
  const [status, recipient] = rows;
  if (text(status?.[ENTRY_COLUMN]) !== "status" || text(recipient?.[ENTRY_COLUMN]) !== "recipient") return undefined;
  const value = text(status[1]);
  if (value !== "complete" && value !== "importing") return undefined;
  const stamp = text(status[DATA_COLUMN]);
  const entered = text(recipient[1]);
  return { status: value, ...(stamp ? { stamp } : {}), ...(entered ? { enteredRecipient: entered } : {}) };
}

/** The stored record as an ImsRecord, normalised again from its downloaded original. */
function restoreRecord(stored: StoredRecord): ImsRecord {
  try {
    return normaliseRecord(stored.section, stored.raw, stored.source);
  } catch (e) {
    throw damaged(`${stored.section} record ${stored.source.position} of ${stored.source.file}: ${(e as Error).message}`);
  }
}

/**
 * Every stored record restored, in order. A record stored twice (a row of the
 * sheet copied) is damage: read, it would leave one of the two without a row
 * on its section sheet, and the user would be told the row had been deleted.
 */
export function restoreRecords(stored: readonly StoredRecord[]): ImsRecord[] {
  const keys = new Set<string>();
  return stored.map((s) => {
    const record = restoreRecord(s);
    if (keys.has(record.key)) {
      throw damaged(`${s.section} record ${s.source.position} of ${s.source.file}, document ${record.documentNumber} of ${record.supplierGstin}, is stored twice`);
    }
    keys.add(record.key);
    return record;
  });
}

