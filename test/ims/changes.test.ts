import { describe, expect, it } from "vitest";
import { changeSet, declarationToSend, isChanged } from "../../src/ims/changes";
import { NO_DECLARED_AMOUNTS } from "../../src/ims/decision";
import { normaliseRecord } from "../../src/ims/download/normalise";
import { decide, findRecord, loadDownload, sampleDecisions, unchanged } from "./decided-fixtures";

const { records } = loadDownload("ims_download_offline.json");
const invoice = findRecord(records, "b2b", "NF/2526/1187"); // N
const pendingInvoice = findRecord(records, "b2b", "2025260000000417"); // P, remark "Goods not yet received"
const creditNote = findRecord(records, "b2bcn", "TTM/CN/0042"); // N, declaration open
const blockedEcoma = findRecord(records, "ecoma", "EW-MH-26-511087"); // ITC declaration blocked

/** A credit note downloaded as accepted with a partial reduction of IGST 900. */
const acceptedPartly = normaliseRecord("b2bcn", {
  ...creditNote.raw, action: "A", itcRedReq: "Y", declIgst: 900, declCgst: 0, declSgst: 0, declCess: 0, remarks: "Only part availed",
}, { file: "test.json", position: 1 });

describe("isChanged (CHG-01)", () => {
  it("does not count a record left as downloaded", () => {
    for (const record of records) expect(isChanged(record, record.downloaded)).toBe(false);
  });

  it("counts a new action", () => {
    expect(isChanged(invoice, { ...invoice.downloaded, action: "A" })).toBe(true);
  });

  it("does not count an action changed and changed back (CHG-04)", () => {
    const there = { ...pendingInvoice.downloaded, action: "R" as const };
    const back = { ...there, action: "P" as const };
    expect(isChanged(pendingInvoice, there)).toBe(true);
    expect(isChanged(pendingInvoice, back)).toBe(false);
  });

  it("counts a remark-only edit where the action carries remarks (CHG-02)", () => {
    expect(isChanged(pendingInvoice, { ...pendingInvoice.downloaded, remarks: "Goods received damaged" })).toBe(true);
  });

  it("does not count a remark that differs only by line breaks, tabs or outer spaces (RMK-07)", () => {
    expect(isChanged(pendingInvoice, { ...pendingInvoice.downloaded, remarks: "  Goods not\r\nyet\treceived " })).toBe(false);
  });

  it("does not count a remark edit that the action cannot carry (CHG-03)", () => {
    expect(isChanged(invoice, { ...invoice.downloaded, remarks: "Checked against the books" })).toBe(false);
    const accepted = { ...invoice.downloaded, action: "A" as const };
    expect(isChanged(invoice, accepted)).toBe(true);
  });

  it("counts a changed ITC choice or amount, compared in paise", () => {
    expect(isChanged(acceptedPartly, acceptedPartly.downloaded)).toBe(false);
    expect(isChanged(acceptedPartly, { ...acceptedPartly.downloaded, itc: "full" })).toBe(true);
    const declared = acceptedPartly.downloaded.declared;
    expect(isChanged(acceptedPartly, { ...acceptedPartly.downloaded, declared: { ...declared, igst: 900.5 } })).toBe(true);
    // Float noise below a paisa is no change.
    expect(isChanged(acceptedPartly, { ...acceptedPartly.downloaded, declared: { ...declared, igst: 899.999999 } })).toBe(false);
  });
});

describe("declarationToSend", () => {
  it("sends the choice only with Accept in a section that takes it, on a record not blocked", () => {
    const full = { ...creditNote.downloaded, action: "A" as const, itc: "full" as const };
    expect(declarationToSend(creditNote, full)).toBe("full");
    expect(declarationToSend(creditNote, { ...full, action: "R" })).toBeNull();
    expect(declarationToSend(invoice, { ...invoice.downloaded, action: "A", itc: "full" })).toBeNull();
    expect(declarationToSend(blockedEcoma, { ...blockedEcoma.downloaded, action: "A", itc: "none" })).toBeNull();
  });

  it("sends nothing for an unreadable choice", () => {
    expect(declarationToSend(creditNote, { ...creditNote.downloaded, action: "A", itc: { unreadable: "Half" } })).toBeNull();
  });
});

describe("changeSet", () => {
  it("holds exactly the sample's nine decided records, in the order given", () => {
    const items = sampleDecisions(records);
    const { changed, notSendable } = changeSet(items);
    expect(changed.map((c) => `${c.record.section} ${c.record.documentNumber}`)).toEqual([
      "b2b NF/2526/1187", "b2b RT-00931", "b2b 2025260000000417", "b2ba VL/2526/0710", "b2bdn DN-26-0009",
      "b2bcn TTM/CN/0042", "b2bcn RT-CN-0007", "b2bcna NF/CN/0019", "ecom EW-MH-26-552310",
    ]);
    expect(notSendable).toEqual([]);
  });

  it("is empty when nothing was decided", () => {
    expect(changeSet(records.map(unchanged))).toEqual({ changed: [], notSendable: [] });
  });

  it("lists a remark edit the action cannot carry as not sendable, not as changed", () => {
    const item = decide(invoice, { remarks: "Checked" });
    const result = changeSet([item, unchanged(creditNote)]);
    expect(result.changed).toEqual([]);
    expect(result.notSendable).toEqual([item]);
  });

  it("counts a partial reduction declared afresh on an accepted note", () => {
    const item = decide(creditNote, { action: "A", itc: "partial", declared: { ...NO_DECLARED_AMOUNTS, igst: 900 } });
    expect(changeSet([item]).changed).toEqual([item]);
  });
});
