import { downloadBytes, generateDownload, type DownloadOptions } from "../../src/dev/generate";
import { actionLabel, itcChoiceLabel, TAX_HEADS, type Decision } from "../../src/ims/decision";
import type { InputFile } from "../../src/ims/download/files";
import { readDownloads } from "../../src/ims/download/read";
import type { ImsRecord } from "../../src/ims/record";
import { sectionSpec } from "../../src/ims/sections";
import { inMemoryGateway, type InMemoryGateway } from "../../src/hosts/fake-excel/preview";
import { DECLARED_COLUMN, HEADERS } from "../../src/workbook/section-sheet";

/**
 * A taxpayer at the keyboard of the in-memory Excel (the real office gateway on
 * the strict fake): finds a document's row by its hidden Record Key and types
 * into the editable cells, as a person would.
 */

export const NOW = new Date("2026-04-15T05:00:00Z");

export interface Generated {
  readonly recipientGstin: string;
  readonly root: Record<string, unknown>;
  readonly file: InputFile;
  readonly records: readonly ImsRecord[];
}

export function download(options: DownloadOptions, name = "ims.json"): Generated {
  const { root, recipientGstin } = generateDownload(options);
  return fromRoot(root, recipientGstin, name);
}

export function fromRoot(root: Record<string, unknown>, recipientGstin: string, name = "ims.json"): Generated {
  const file = { name, bytes: downloadBytes(root) };
  return { recipientGstin, root, file, records: readDownloads([file]).records };
}

export function newWorkbook(): InMemoryGateway {
  return inMemoryGateway({ platform: "web" });
}

/** Where a record's row is, and the column of each header, on its section sheet. */
async function locate(gateway: InMemoryGateway, record: ImsRecord): Promise<{ sheet: string; row: number; column: (header: string) => number }> {
  const sheet = sectionSpec(record.section).sheetName;
  const { header, rows } = await gateway.readSheet(sheet);
  const column = (h: string) => {
    const i = header.indexOf(h);
    if (i < 0) throw new Error(`${sheet} has no column "${h}"`);
    return i;
  };
  const keyColumn = column(HEADERS.recordKey);
  const dataRow = rows.findIndex((row) => row[keyColumn] === record.key);
  if (dataRow < 0) throw new Error(`${record.key} has no row on ${sheet}`);
  return { sheet, row: dataRow, column };
}

/** Types a decision into the record's row: action, remarks and, where the sheet has them, the ITC columns (emptied when not used). */
export async function enterDecision(gateway: InMemoryGateway, record: ImsRecord, decision: Decision): Promise<void> {
  const { sheet, row, column } = await locate(gateway, record);
  const type = (header: string, value: string | number) => gateway.excel.user.type(sheet, row + 1, column(header), value);
  if (typeof decision.action !== "string") throw new Error("only readable decisions are typed");
  type(HEADERS.action, actionLabel(decision.action));
  type(HEADERS.remarks, decision.remarks);
  if (!sectionSpec(record.section).itcDeclaration) return;
  type(HEADERS.itc, decision.itc === null || typeof decision.itc !== "string" ? "" : itcChoiceLabel(decision.itc));
  for (const head of TAX_HEADS) {
    const amount = decision.declared[head];
    type(HEADERS[DECLARED_COLUMN[head]], typeof amount === "number" ? amount : "");
  }
}

/** What a cell of the record's row shows. */
export async function cellOf(gateway: InMemoryGateway, record: ImsRecord, header: string): Promise<string | number | boolean | null> {
  const { sheet, row, column } = await locate(gateway, record);
  return (await gateway.readSheet(sheet)).rows[row][column(header)];
}

/** The documents an upload file carries, by record key, with what it says about each. */
export function uploadedRecords(texts: readonly string[]): Map<string, Record<string, unknown>[]> {
  const found = new Map<string, Record<string, unknown>[]>();
  for (const text of texts) {
    const upload = JSON.parse(text) as { invdata: Record<string, Record<string, unknown>[]> };
    for (const [section, list] of Object.entries(upload.invdata)) {
      const spec = sectionSpec(section as never);
      for (const r of list) {
        const key = `${section}|${String(r.stin)}|${String(r[spec.numberKey])}|${String(r[spec.dateKey])}`;
        found.set(key, [...(found.get(key) ?? []), r]);
      }
    }
  }
  return found;
}
