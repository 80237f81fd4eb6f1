import { describe, expect, it } from "vitest";
import type { ImsRecord } from "../../src/ims/record";
import {
  checkRedownload,
  checkWorkbook,
  RULES,
  rowWithoutRecordFinding,
  validateRecipient,
  type WorkbookInput,
} from "../../src/ims/rules";
import { allRecords, decide, findingsWith, OFFLINE, RECIPIENT, recordOf, type DecisionChange } from "./rules-support";

/** Whole-export rules, and the two rules raised by their own functions (FMT-05, CHG-07). */

const NOW = new Date("2026-04-10T06:30:00Z"); // 10 Apr 2026, 12:00 IST: before the 14th
const records = allRecords(OFFLINE, "ims_download_offline.json");

function entries(changes: readonly [ImsRecord, DecisionChange][] = []) {
  const byKey = new Map(changes.map(([r, c]) => [r.key, decide(r, c)]));
  return records.map((record) => ({ record, decision: byKey.get(record.key) ?? record.downloaded }));
}

function workbook(input: Partial<WorkbookInput> = {}) {
  return checkWorkbook({ recipientGstin: RECIPIENT, fileRecipients: [RECIPIENT], now: NOW, downloadedAt: NOW, records: entries(), ...input });
}

const byKey = (documentNumber: string) => records.find((r) => r.documentNumber === documentNumber)!;

describe("recipient GSTIN (validateRecipient, and so checkWorkbook)", () => {
  it("FMT-01: missing recipient GSTIN is an error on the recipient field", () => {
    const [f] = validateRecipient(undefined, []);
    expect(f).toMatchObject({ code: "FMT-01", severity: "error", field: "recipientGstin" });
    expect(validateRecipient("  ", [])[0].code).toBe("FMT-01");
  });

  it("FMT-01: a wrong check character is named", () => {
    const [f] = validateRecipient("27AAGCK4821M1Z9", []);
    expect(f.code).toBe("FMT-01");
    expect(f.message).toContain('the last character should be "8"');
  });

  it("FMT-01 passes a valid GSTIN, in any case and with spaces", () => {
    expect(validateRecipient(RECIPIENT, [RECIPIENT])).toEqual([]);
    expect(validateRecipient(` ${RECIPIENT.toLowerCase()} `, [RECIPIENT])).toEqual([]);
  });

  it("FMT-02: a download of another GSTIN", () => {
    const [f] = validateRecipient(RECIPIENT, ["29AABFR7623Q1ZI"]);
    expect(f).toMatchObject({ code: "FMT-02", severity: "error", field: "recipientGstin" });
    expect(f.message).toBe(
      "This workbook holds data of 29AABFR7623Q1ZI but the upload is for 27AAGCK4821M1Z8. One upload file per GSTIN: enter the GSTIN the data belongs to, or load only that GSTIN's downloads.",
    );
  });

  it("FMT-02: two downloads of different GSTINs, even before a recipient is entered", () => {
    const findings = validateRecipient(undefined, [RECIPIENT, "29AABFR7623Q1ZI", RECIPIENT]);
    expect(findings.map((f) => f.code)).toEqual(["FMT-01", "FMT-02"]);
    expect(findings[1].message).toContain(`(${RECIPIENT} and 29AABFR7623Q1ZI)`);
  });

  it("FMT-02 passes downloads that name no GSTIN or the same one", () => {
    expect(validateRecipient(RECIPIENT, [])).toEqual([]);
    expect(validateRecipient(RECIPIENT, [RECIPIENT, RECIPIENT.toLowerCase()])).toEqual([]);
  });

  it("checkWorkbook includes the recipient findings", () => {
    expect(workbook({ recipientGstin: undefined }).findings.map((f) => f.code)).toContain("FMT-01");
  });
});

describe("export-wide rules", () => {
  it("ACT-09: a download more than 3 days old", () => {
    const old = workbook({ downloadedAt: new Date("2026-04-06T06:00:00Z") });
    const [f] = findingsWith(old.findings, "ACT-09");
    expect(f).toMatchObject({ severity: "info", field: "export" });
    expect(f.message).toContain("downloaded on 6 Apr 2026, 4 days ago");
    expect(findingsWith(workbook({ downloadedAt: new Date("2026-04-07T07:00:00Z") }).findings, "ACT-09")).toEqual([]);
  });

  it("ACT-09: the threshold is configurable", () => {
    const input = { downloadedAt: new Date("2026-04-08T06:00:00Z") };
    expect(findingsWith(workbook({ ...input, staleAfterDays: 1 }).findings, "ACT-09")).toHaveLength(1);
    expect(findingsWith(workbook(input).findings, "ACT-09")).toEqual([]);
  });

  it("RMK-11: once, when the export sends a new remark", () => {
    const rejected = workbook({ records: entries([[byKey("MC/118"), { action: "R", remarks: "Not ours" }], [byKey("RT-00931"), { action: "P", remarks: "Await filing" }]]) });
    expect(findingsWith(rejected.findings, "RMK-11")).toHaveLength(1);
    const plain = workbook({ records: entries([[byKey("MC/118"), { action: "R" }]]) });
    expect(findingsWith(plain.findings, "RMK-11")).toEqual([]);
  });

  it("WRN-03: once per export, with the count and the records", () => {
    const two = workbook({ records: entries([[byKey("MC/118"), { action: "R" }], [byKey("DN-26-0009"), { action: "R" }]]) });
    const found = findingsWith(two.findings, "WRN-03");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "warning", field: "export", recordKeys: [byKey("MC/118").key, byKey("DN-26-0009").key] });
    expect(found[0].message).toMatch(/^You are rejecting 2 documents\./);
    expect(findingsWith(workbook().findings, "WRN-03")).toEqual([]);
  });

  it("WRN-03 ignores a record that was already rejected in the download", () => {
    const alreadyRejected = recordOf("b2b", "MC/118", { action: "R" });
    const result = checkWorkbook({
      recipientGstin: RECIPIENT, fileRecipients: [], now: NOW,
      records: [{ record: alreadyRejected, decision: decide(alreadyRejected, { remarks: "Wrong GSTIN" }) }],
    });
    expect(findingsWith(result.findings, "WRN-03")).toEqual([]);
  });

  it("WRN-04: the count and total tax of records left at No Action", () => {
    const result = workbook({ records: entries([[byKey("NF/2526/1187"), { action: "A" }]]) });
    // No Action in the download: 9 records; one accepted leaves 8. Their tax, in rupees:
    const expectedTax = records.filter((r) => r.downloaded.action === "N" && r.documentNumber !== "NF/2526/1187")
      .reduce((sum, r) => sum + r.igst + r.cgst + r.sgst + r.cess, 0);
    expect(result.noAction).toEqual({ count: 8, totalTax: expectedTax });
    const [f] = findingsWith(result.findings, "WRN-04");
    expect(f).toMatchObject({ severity: "info", field: "export" });
    expect(f.message).toBe("8 records (₹32,910 tax) have No Action. They will be deemed accepted when GSTR-2B is generated on the 14th.");
  });

  it("WRN-04: the summary counts records set back to No Action too, and nothing when none", () => {
    const back = entries([[byKey("2025260000000417"), { action: "N", remarks: "" }]]);
    expect(workbook({ records: back }).noAction.count).toBe(10);
    const none = records.map((record) => ({ record, decision: decide(record, { action: "A" }) }));
    expect(workbook({ records: none }).noAction).toEqual({ count: 0, totalTax: 0 });
    expect(findingsWith(workbook({ records: none }).findings, "WRN-04")).toEqual([]);
  });

  it("WRN-05: on or after the 14th in India, whatever the machine's time zone", () => {
    expect(findingsWith(workbook({ now: new Date("2026-04-13T18:29:00Z") }).findings, "WRN-05")).toEqual([]); // 13 Apr 23:59 IST
    const [f] = findingsWith(workbook({ now: new Date("2026-04-13T18:31:00Z") }).findings, "WRN-05"); // 14 Apr 00:01 IST
    expect(f).toMatchObject({ severity: "info", field: "export" });
  });

  it("WRN-06: an invoice and a credit note of the same supplier both rejected", () => {
    const invoice = byKey("RT-00931");
    const note = byKey("RT-CN-0007");
    const result = workbook({ records: entries([[invoice, { action: "R", remarks: "x" }], [note, { action: "R", remarks: "y" }]]) });
    const [f] = findingsWith(result.findings, "WRN-06");
    expect(f).toMatchObject({ severity: "info", field: "export", recordKeys: [invoice.key, note.key] });
    expect(f.message).toContain("RIVERLINE TRADERS (29AABFR7623Q1ZI)");
  });

  it("WRN-06 stays quiet for rejections of different suppliers", () => {
    const result = workbook({ records: entries([[byKey("MC/118"), { action: "R" }], [byKey("RT-CN-0007"), { action: "R" }]]) });
    expect(findingsWith(result.findings, "WRN-06")).toEqual([]);
  });

  it("CHG-06: records the last upload from the same download carried, with their count and its date", () => {
    const generatedAt = new Date("2026-04-09T12:00:00Z"); // 9 Apr 2026, 17:30 IST
    const again = byKey("MC/118");
    const changes = entries([[again, { action: "R" }], [byKey("RT-00931"), { action: "R" }]]);
    const [f] = findingsWith(workbook({ records: changes, earlierExport: { generatedAt, keys: new Set([again.key, byKey("DN-26-0009").key]) } }).findings, "CHG-06");
    expect(f).toMatchObject({ severity: "warning", field: "export", recordKeys: [again.key] });
    expect(f.message).toMatch(/^You already exported 1 record of these on 9 Apr 2026, from the same download\. .*IMSSAV0010/);
  });

  it("CHG-06 stays quiet without an earlier upload, or when it carried none of these records", () => {
    const changes = entries([[byKey("MC/118"), { action: "R" }]]);
    expect(findingsWith(workbook({ records: changes }).findings, "CHG-06")).toEqual([]);
    // DN-26-0009 was sent before, but is not being sent now.
    const earlierExport = { generatedAt: NOW, keys: new Set([byKey("DN-26-0009").key]) };
    expect(findingsWith(workbook({ records: changes, earlierExport }).findings, "CHG-06")).toEqual([]);
  });

  it("a clean export has only the No Action summary", () => {
    expect(workbook().findings.map((f) => f.code)).toEqual(["WRN-04"]);
  });

  it("findings come out in table order", () => {
    const codes = workbook({ recipientGstin: undefined, now: new Date("2026-04-20T06:00:00Z"), downloadedAt: new Date("2026-04-01T00:00:00Z") })
      .findings.map((f) => f.code);
    const order = RULES.map((r) => r.code);
    expect([...codes].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(codes);
  });
});

describe("rules raised by their own functions", () => {
  it("FMT-05: a row without a download record", () => {
    expect(rowWithoutRecordFinding()).toMatchObject({ code: "FMT-05", severity: "error", field: "record" });
  });

  it("CHG-07: a newer download with another hash of a record the user decided on", () => {
    const before = byKey("NF/2526/1187");
    const after = recordOf("b2b", "NF/2526/1187", { hash: "0".repeat(64), val: 60000 });
    const [f] = checkRedownload(before, after, decide(before, { action: "A" }));
    expect(f).toMatchObject({ code: "CHG-07", severity: "warning", field: "record" });
    expect(f.message).toBe("NAVKAR FASTENERS (27AAJFN3309H1ZA) changed this document after your decision. Review it.");
  });

  it("CHG-07 passes the same hash, an undecided record, or a missing hash", () => {
    const before = byKey("NF/2526/1187");
    const same = recordOf("b2b", "NF/2526/1187");
    expect(checkRedownload(before, same, decide(before, { action: "A" }))).toEqual([]);
    const edited = recordOf("b2b", "NF/2526/1187", { hash: "0".repeat(64) });
    expect(checkRedownload(before, edited, before.downloaded)).toEqual([]);
    const noHash = recordOf("b2b", "NF/2526/1187", { hash: undefined });
    expect(checkRedownload(before, noHash, decide(before, { action: "A" }))).toEqual([]);
  });
});
