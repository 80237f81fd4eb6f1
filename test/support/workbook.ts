import { readFileSync } from "node:fs";
import { expect } from "vitest";
import type { InputFile } from "../../src/ims/download/files";
import type { UploadResult } from "../../src/ims/upload";
import type { CellValue } from "../../src/workbook/gateway";
import { MemoryGateway } from "./memory-gateway";

/** Test support for workbook and app tests: fixture files, and a user at the keyboard. */

export const SAMPLE_RECIPIENT = "27AAGCK4821M1Z8";
export const DOWNLOAD_SAMPLES = ["ims_download_offline.json", "ims_download_api.json", "gstn_sandbox_api.json"] as const;
export const NOW = new Date("2026-04-15T05:00:00Z");

export function fixture(name: string): InputFile {
  return { name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))) };
}

/** A download file made in the test from a JSON value. */
export function jsonFile(name: string, value: unknown): InputFile {
  return { name, bytes: new TextEncoder().encode(JSON.stringify(value)) };
}

export function fixtureJson(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8")) as Record<string, unknown>;
}

/** The data row showing a document, found the way a user would: by its number in the Document No column. */
export function rowOf(gateway: MemoryGateway, sheet: string, documentNumber: string): number {
  for (let row = 0; ; row++) {
    const value = gateway.cell(sheet, row, "Document No");
    if (value === documentNumber) return row;
    if (value === null && gateway.cell(sheet, row, "Record Key") === null) throw new Error(`${documentNumber} is not on ${sheet}`);
  }
}

/** The user fills in cells of a document's row, by header. */
export function enter(gateway: MemoryGateway, sheet: string, documentNumber: string, cells: Record<string, CellValue>): void {
  const row = rowOf(gateway, sheet, documentNumber);
  for (const [header, value] of Object.entries(cells)) gateway.type(sheet, row, header, value);
}

/** The samples README's scenario, entered as a user would (ims_upload.json is its result). */
export function enterSampleDecisions(gateway: MemoryGateway): void {
  enter(gateway, "B2B", "NF/2526/1187", { Action: "Accept" });
  enter(gateway, "B2B", "RT-00931", { Action: "Pending", Remarks: "Awaiting goods receipt; supplier return not yet filed" });
  enter(gateway, "B2B", "2025260000000417", { Action: "Reject", Remarks: "Consignment returned undelivered; please amend or issue credit note" });
  enter(gateway, "B2BA", "VL/2526/0710", { Action: "Accept", "ITC Reduction": "Full" });
  enter(gateway, "B2B-DN", "DN-26-0009", { Action: "Reject", Remarks: "Freight debit not agreed as per PO terms" });
  enter(gateway, "B2B-CN", "TTM/CN/0042", {
    Action: "Accept", "ITC Reduction": "Partial", "Declared IGST": 900, "Declared CGST": 0, "Declared SGST": 0, "Declared Cess": 0,
    Remarks: "Only Rs 900 of ITC was availed on the original invoice",
  });
  enter(gateway, "B2B-CN", "RT-CN-0007", { Action: "Accept", "ITC Reduction": "No Reduction", Remarks: "ITC on the original invoice was never availed" });
  enter(gateway, "B2B-CNA", "NF/CN/0019", { Action: "Accept", "ITC Reduction": "Full" });
  enter(gateway, "ECO", "EW-MH-26-552310", { Action: "Accept" });
}

/**
 * A second upload from the same download, made to be compared with the first:
 * it must warn that it sends the first one's records again (CHG-06), and is
 * returned without that warning.
 */
export function apartFromSendingAgain(result: UploadResult): UploadResult {
  if (result.kind === "refused") return result;
  expect(result.notices.map((n) => n.code)).toContain("CHG-06");
  return { ...result, notices: result.notices.filter((n) => n.code !== "CHG-06") };
}
