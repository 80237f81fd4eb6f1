import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/ims/decision";
import { normaliseRecord } from "../../src/ims/download/normalise";
import type { ImsRecord } from "../../src/ims/record";
import { mergeDownload, userChanged } from "../../src/workbook/merge";

function record(raw: Record<string, unknown>, section: "b2b" | "b2bcn" = "b2b"): ImsRecord {
  const base = section === "b2b"
    ? { stin: "27AAJFN3309H1ZA", tradenm: "NAVKAR", inum: "INV-1", inv_typ: "R", idt: "05-03-2026" }
    : { stin: "27AAJFN3309H1ZA", tradenm: "NAVKAR", nt_num: "CN-1", inv_typ: "R", nt_dt: "05-03-2026", itcRedReqBlocked: "N" };
  return normaliseRecord(section, { ...base, val: 1180, pos: "27", txval: 1000, iamt: 0, camt: 90, samt: 90, cess: 0, action: "N", hash: "a".repeat(64), ...raw }, { file: "old.json", position: 1 });
}

const previousAt = "2026-04-01T05:00:00.000Z";
const decide = (r: ImsRecord, d: Partial<Decision>): Decision => ({ ...r.downloaded, ...d });

describe("merging a newer download into decisions already made", () => {
  it("keeps a decision on a record whose content did not change", () => {
    const old = record({});
    const fresh = record({ ispendactblocked: "Y" }); // portal flags change without any supplier edit
    const decision = decide(old, { action: "R", remarks: "wrong rate" });
    const { rows, report } = mergeDownload({ records: [old], decisions: new Map([[old.key, decision]]), importedAt: previousAt }, [fresh]);
    expect(rows).toEqual([{ record: fresh, decision }]);
    expect(report.kept).toEqual([{ record: expect.objectContaining({ key: old.key, sheet: "B2B", documentNumber: "INV-1" }), decision: "Reject, remarks \"wrong rate\"" }]);
    expect(report).toMatchObject({ added: 0, unchanged: 0, resetAndFlagged: [], vanished: [] });
  });

  it("takes the new download's status for a record the user had not touched (acted on elsewhere)", () => {
    const old = record({});
    const fresh = record({ action: "A" });
    const { rows, report } = mergeDownload({ records: [old], decisions: new Map([[old.key, old.downloaded]]), importedAt: previousAt }, [fresh]);
    expect(rows[0].decision.action).toBe("A");
    expect(report.unchanged).toBe(1);
    expect(report.kept).toEqual([]);
  });

  it("resets a record the supplier changed, flags it, and lists the decision dropped", () => {
    const old = record({});
    const changedHash = record({ hash: "b".repeat(64), txval: 900 });
    const decision = decide(old, { action: "A" });
    const { rows, report } = mergeDownload({ records: [old], decisions: new Map([[old.key, decision]]), importedAt: previousAt }, [changedHash]);
    expect(rows[0].decision).toEqual(changedHash.downloaded);
    expect(rows[0].importNote).toMatch(/^Changed by the supplier since the import of 01-04-2026\. Your decision \(Accept\) was reset/);
    expect(report.resetAndFlagged).toEqual([{ record: expect.objectContaining({ key: old.key }), discarded: "Accept" }]);
  });

  it("sees a supplier's change in the echoed values even without a hash", () => {
    const old = record({ hash: undefined });
    const fresh = record({ hash: undefined, val: 2360 });
    const { rows, report } = mergeDownload({ records: [old], decisions: new Map(), importedAt: previousAt }, [fresh]);
    expect(report.resetAndFlagged).toEqual([{ record: expect.objectContaining({ key: old.key }) }]);
    expect(rows[0].importNote).toBe("Changed by the supplier since the import of 01-04-2026: review this document.");
  });

  it("lists records gone from the download, with the decision entered on them", () => {
    const decided = record({});
    const untouched = record({ inum: "INV-2" });
    const newcomer = record({ inum: "INV-3" });
    const decision = decide(decided, { action: "P", remarks: "awaiting goods" });
    const { rows, report } = mergeDownload({
      records: [decided, untouched],
      decisions: new Map([[decided.key, decision], [untouched.key, untouched.downloaded]]),
      importedAt: previousAt,
    }, [newcomer]);
    expect(rows.map((r) => r.record.key)).toEqual([newcomer.key]);
    expect(report.added).toBe(1);
    expect(report.vanished).toEqual([
      { record: expect.objectContaining({ key: decided.key }), decision: "Pending, remarks \"awaiting goods\"" },
      { record: expect.objectContaining({ key: untouched.key }) },
    ]);
  });

  it("carries over a partial declaration, and lists amounts typed as text that a number cell cannot take back", () => {
    const old = record({}, "b2bcn");
    const decision = decide(old, { action: "A", itc: "partial", declared: { igst: 0, cgst: 50, sgst: { unreadable: "fifty" }, cess: null }, remarks: "part" });
    const { rows, report } = mergeDownload({ records: [old], decisions: new Map([[old.key, decision]]), importedAt: previousAt }, [record({}, "b2bcn")]);
    expect(rows[0].decision).toEqual(decision);
    expect(report.kept[0].decision).toBe("Accept, ITC reduction partial, declared IGST 0, CGST 50, SGST \"fifty\", remarks \"part\"");
    expect(report.notWritten).toEqual([{ record: expect.objectContaining({ key: old.key }), column: "Declared SGST", text: "fifty" }]);
  });

  it("counts a remark with only an extra space as something the user entered", () => {
    const r = record({ action: "P", remarks: "hold" });
    expect(userChanged(r, r.downloaded)).toBe(false);
    expect(userChanged(r, decide(r, { remarks: "hold " }))).toBe(true);
    expect(userChanged(r, decide(r, { action: { unreadable: "Maybe" } }))).toBe(true);
  });

  it("without earlier data, every record is new and shows its download", () => {
    const r = record({});
    const { rows, report } = mergeDownload(undefined, [r]);
    expect(rows).toEqual([{ record: r, decision: r.downloaded }]);
    expect(report.added).toBe(1);
  });
});

describe("dates in import notes", () => {
  it("are India's date of the previous import, not UTC's", () => {
    const old = record({});
    const fresh = record({ hash: "c".repeat(64) });
    // 20:00 UTC on 31 March is 01:30 on 1 April in India.
    const { rows } = mergeDownload({ records: [old], decisions: new Map(), importedAt: "2026-03-31T20:00:00.000Z" }, [fresh]);
    expect(rows[0].importNote).toContain("since the import of 01-04-2026");
  });
});
