import type { CellValue, SheetSpec } from "./gateway";

/**
 * Which records the last generated upload carried, kept in the workbook (a
 * veryHidden sheet) so that the portal's error file, loaded days later in
 * another session, is matched against that upload first (ims-formats §5.5).
 */

export const LAST_UPLOAD_SHEET = "_IMS_LastUpload";

const HEADERS = ["Record Key", "File", "Generated At"] as const;

export const LAST_UPLOAD_SHEET_SPEC: SheetSpec = {
  name: LAST_UPLOAD_SHEET,
  columns: HEADERS.map((header) => ({ header, kind: "text", width: header === "Record Key" ? 60 : 30, editable: false })),
  visibility: "veryHidden",
  grid: false,
};

export interface LastUpload {
  readonly generatedAt: string;
  readonly records: readonly { readonly key: string; readonly file: string }[];
}

export function lastUploadRows(upload: LastUpload): CellValue[][] {
  return upload.records.map((r) => [r.key, r.file, upload.generatedAt]);
}

export function parseLastUpload(rows: readonly (readonly CellValue[])[]): LastUpload | undefined {
  const records = rows
    .filter((r) => typeof r[0] === "string" && r[0] !== "")
    .map((r) => ({ key: String(r[0]), file: String(r[1] ?? "") }));
  if (records.length === 0) return undefined;
  return { generatedAt: String(rows[0][2] ?? ""), records };
}
