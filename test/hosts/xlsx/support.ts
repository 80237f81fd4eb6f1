import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { SheetSpec } from "../../../src/workbook/gateway";

/** A small section-like sheet exercising every column kind, a dropdown, a hidden column and both highlights. */
export const SPEC: SheetSpec = {
  name: "B2B",
  visibility: "visible",
  grid: true,
  tabColor: "#1F6FB2",
  columns: [
    { header: "Supplier GSTIN", kind: "text", width: 17, editable: false },
    { header: "Document Date", kind: "date", width: 12, editable: false },
    { header: "Taxable Value", kind: "amount", width: 15, editable: false },
    { header: "Action", kind: "text", width: 12, editable: true, list: ["Accept", "Reject", "Pending", "No Action"] },
    { header: "Remarks", kind: "text", width: 30, editable: true },
    { header: "Count", kind: "integer", width: 8, editable: false },
    { header: "Error Cells", kind: "text", width: 12, editable: false, hidden: true },
    { header: "Portal Errors", kind: "text", width: 30, editable: false },
  ],
  highlights: [
    { column: 6, fill: "#FDE2E1", cellColumns: [3, 4], cellFill: "#F4A6A3" },
    { column: 7, fill: "#FFE7C2" },
  ],
};

export const STATE_SPEC: SheetSpec = {
  name: "_state",
  visibility: "veryHidden",
  grid: false,
  columns: [
    { header: "Key", kind: "text", width: 20, editable: false },
    { header: "Raw", kind: "text", width: 80, editable: false },
  ],
};

/** The text of one part of an .xlsx (a zip of XML files). */
export function xlsxPart(bytes: Uint8Array, path: string): string {
  const part = unzipSync(bytes)[path];
  if (!part) throw new Error(`The workbook has no part ${path}.`);
  return strFromU8(part);
}

/** The path in the zip of a sheet's XML part, found through the workbook's relationships. */
function sheetPath(bytes: Uint8Array, sheetName: string): string {
  const workbook = xlsxPart(bytes, "xl/workbook.xml");
  const sheet = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="(rId\\d+)"`).exec(workbook);
  if (!sheet) throw new Error(`No sheet ${sheetName} in workbook.xml`);
  const rels = xlsxPart(bytes, "xl/_rels/workbook.xml.rels");
  const target = new RegExp(`<Relationship [^>]*Id="${sheet[1]}"[^>]*Target="([^"]+)"`).exec(rels)
    ?? new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${sheet[1]}"`).exec(rels);
  if (!target) throw new Error(`No relationship ${sheet[1]}`);
  return target[1].startsWith("/") ? target[1].slice(1) : `xl/${target[1]}`;
}

/** The XML part of a sheet. */
export function sheetXml(bytes: Uint8Array, sheetName: string): string {
  return xlsxPart(bytes, sheetPath(bytes, sheetName));
}

/** The workbook with one part's XML edited, as a damaged or hand-made file would hold it. */
export function withPart(bytes: Uint8Array, path: string, edit: (xml: string) => string): Uint8Array {
  const parts = unzipSync(bytes);
  return zipSync({ ...parts, [path]: strToU8(edit(strFromU8(parts[path]))) });
}

/** The workbook with a sheet's XML edited. */
export function withSheetXml(bytes: Uint8Array, sheetName: string, edit: (xml: string) => string): Uint8Array {
  return withPart(bytes, sheetPath(bytes, sheetName), edit);
}
