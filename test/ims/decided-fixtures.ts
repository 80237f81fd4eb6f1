import { readFileSync } from "node:fs";
import type { DecidedRecord } from "../../src/ims/changes";
import { NO_DECLARED_AMOUNTS, type Decision } from "../../src/ims/decision";
import { readDownloads, type Download } from "../../src/ims/download/read";
import type { ImsRecord } from "../../src/ims/record";
import type { SectionKey } from "../../src/ims/sections";

/** Test support: the sample download with the decisions the samples README describes. */

export const SAMPLE_RECIPIENT = "27AAGCK4821M1Z8";

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
}

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
}

export function loadDownload(name: string): Download {
  return readDownloads([{ name, bytes: fixtureBytes(name) }]);
}

export function findRecord(records: readonly ImsRecord[], section: SectionKey, documentNumber: string): ImsRecord {
  const found = records.filter((r) => r.section === section && r.documentNumber === documentNumber);
  if (found.length !== 1) throw new Error(`Expected one ${section} ${documentNumber}, found ${found.length}`);
  return found[0];
}

/** The record with its downloaded decision, untouched. */
export function unchanged(record: ImsRecord): DecidedRecord {
  return { record, decision: record.downloaded };
}

export function decide(record: ImsRecord, change: Partial<Decision>): DecidedRecord {
  return { record, decision: { ...record.downloaded, ...change } };
}

/**
 * The samples README's scenario: records 1, 2, 3, 5, 6, 8, 9, 10 and 11 decided
 * as in ims_upload.json, records 4, 7 and 12 left alone.
 */
export function sampleDecisions(records: readonly ImsRecord[]): DecidedRecord[] {
  const decisions = new Map<ImsRecord, Partial<Decision>>([
    [findRecord(records, "b2b", "NF/2526/1187"), { action: "A" }],
    [findRecord(records, "b2b", "RT-00931"), { action: "P", remarks: "Awaiting goods receipt; supplier return not yet filed" }],
    [findRecord(records, "b2b", "2025260000000417"), { action: "R", remarks: "Consignment returned undelivered; please amend or issue credit note" }],
    [findRecord(records, "b2ba", "VL/2526/0710"), { action: "A", itc: "full" }],
    [findRecord(records, "b2bdn", "DN-26-0009"), { action: "R", remarks: "Freight debit not agreed as per PO terms" }],
    [findRecord(records, "b2bcn", "TTM/CN/0042"), {
      action: "A",
      itc: "partial",
      declared: { ...NO_DECLARED_AMOUNTS, igst: 900, cgst: 0, sgst: 0, cess: 0 },
      remarks: "Only Rs 900 of ITC was availed on the original invoice",
    }],
    [findRecord(records, "b2bcn", "RT-CN-0007"), { action: "A", itc: "none", remarks: "ITC on the original invoice was never availed" }],
    [findRecord(records, "b2bcna", "NF/CN/0019"), { action: "A", itc: "full" }],
    [findRecord(records, "ecom", "EW-MH-26-552310"), { action: "A" }],
  ]);
  return records.map((record) => {
    const change = decisions.get(record);
    return change ? decide(record, change) : unchanged(record);
  });
}
