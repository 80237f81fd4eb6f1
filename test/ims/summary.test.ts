import { describe, expect, it } from "vitest";
import { normaliseRecord } from "../../src/ims/download/normalise";
import { summarise, type Totals } from "../../src/ims/summary";
import { decide, findRecord, loadDownload, sampleDecisions, unchanged } from "./decided-fixtures";

const { records } = loadDownload("ims_download_offline.json");

function totals(count: number, taxableValue: number, igst = 0, cgst = 0, sgst = 0, cess = 0): Totals {
  return { count, taxableValue, igst, cgst, sgst, cess };
}

// Expected figures are worked out by hand from the twelve sample records (test/fixtures/ims_download_offline.json).
describe("summarise the sample scenario", () => {
  const summary = summarise(sampleDecisions(records));

  it("counts the download's own actions before any decision", () => {
    expect(summary.before.byAction).toEqual([
      // P: 2025260000000417, RT-CN-0007, NF/CN/0019
      { action: "P", totals: totals(3, 49000, 6120, 1350, 1350) },
      { action: "N", totals: totals(9, 235000, 29160, 6375, 6375) },
    ]);
    expect(summary.before.total).toEqual(totals(12, 284000, 35280, 7725, 7725));
  });

  it("counts the decisions after, by action", () => {
    expect(summary.after.byAction).toEqual([
      { action: "A", totals: totals(6, 101000, 2520, 7700, 7700) },
      { action: "R", totals: totals(2, 35000, 6300) },
      { action: "P", totals: totals(1, 120000, 21600) },
      { action: "N", totals: totals(3, 28000, 4860, 25, 25) },
    ]);
    expect(summary.after.total).toEqual(summary.before.total);
  });

  it("breaks each section down by action, sections in table order", () => {
    expect(summary.after.bySection.map((s) => s.section)).toEqual(["b2b", "b2ba", "b2bdn", "b2bdna", "b2bcn", "b2bcna", "ecom", "ecoma"]);
    const b2b = summary.after.bySection[0];
    expect(b2b.totals).toEqual(totals(4, 225000, 31500, 4500, 4500));
    expect(b2b.byAction).toEqual([
      { action: "A", totals: totals(1, 50000, 0, 4500, 4500) },
      { action: "R", totals: totals(1, 30000, 5400) },
      { action: "P", totals: totals(1, 120000, 21600) },
      { action: "N", totals: totals(1, 25000, 4500) },
    ]);
  });

  it("gives the ITC effect: accepted, rejected, pending, deemed accepted and the declared reductions", () => {
    const itc = summary.itcAfter;
    expect(itc.accepted).toEqual(totals(6, 101000, 2520, 7700, 7700));
    expect(itc.rejected).toEqual(totals(2, 35000, 6300));
    expect(itc.pending).toEqual(totals(1, 120000, 21600));
    expect(itc.deemedAccepted).toEqual(totals(3, 28000, 4860, 25, 25));
    expect(itc.reductions).toEqual({
      // VL/2526/0710 (CGST = SGST = 1,800) and NF/CN/0019 (1,350 each)
      full: { count: 2, amounts: { igst: 0, cgst: 3150, sgst: 3150, cess: 0 } },
      // TTM/CN/0042: IGST 900 declared
      partial: { count: 1, amounts: { igst: 900, cgst: 0, sgst: 0, cess: 0 } },
      // RT-CN-0007
      none: { count: 1 },
      total: { igst: 900, cgst: 3150, sgst: 3150, cess: 0 },
    });
    expect(summary.itcBefore.reductions.total).toEqual({ igst: 0, cgst: 0, sgst: 0, cess: 0 });
  });

  it("counts the records the upload would carry", () => {
    expect(summary.changed).toBe(9);
    expect(summarise(records.map(unchanged)).changed).toBe(0);
  });
});

describe("summarise edge cases", () => {
  it("adds amounts in paise, without floating-point noise", () => {
    const base = findRecord(records, "b2b", "MC/118").raw;
    const a = normaliseRecord("b2b", { ...base, inum: "X1", txval: 0.1, iamt: 0.1 }, { file: "t.json", position: 1 });
    const b = normaliseRecord("b2b", { ...base, inum: "X2", txval: 0.2, iamt: 0.2 }, { file: "t.json", position: 2 });
    const summary = summarise([unchanged(a), unchanged(b)]);
    expect(summary.before.total.taxableValue).toBe(0.3);
    expect(summary.before.total.igst).toBe(0.3);
  });

  it("keeps an unreadable action in its own bucket so that counts add up, and out of the ITC effect", () => {
    const record = findRecord(records, "b2b", "MC/118");
    const summary = summarise([decide(record, { action: { unreadable: "Acept" } })]);
    expect(summary.after.byAction).toEqual([{ action: "unreadable", totals: totals(1, 25000, 4500) }]);
    expect(summary.itcAfter.accepted.count + summary.itcAfter.deemedAccepted.count).toBe(0);
  });

  it("counts no reduction on a record whose declaration the portal blocks", () => {
    const blocked = findRecord(records, "ecoma", "EW-MH-26-511087");
    const summary = summarise([decide(blocked, { action: "A", itc: "full" })]);
    expect(summary.itcAfter.reductions.full.count).toBe(0);
    expect(summary.itcAfter.accepted.count).toBe(1);
  });

  it("summarises nothing as zeros", () => {
    const summary = summarise([]);
    expect(summary.after).toEqual({ bySection: [], byAction: [], total: totals(0, 0) });
    expect(summary.itcAfter.accepted).toEqual(totals(0, 0));
  });
});
