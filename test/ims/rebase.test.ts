import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTIONS, type Decision } from "../../src/ims/decision";
import { decisionAsDownloaded, decisionKeyIn, normaliseRecord, readDecisionAsDownloaded } from "../../src/ims/download/normalise";
import { rebasedRaw } from "../../src/ims/rebase";

const SOURCE = { file: "ims.json", position: 1 };
const NOTE = { stin: "27AAJFN3309H1ZA", nt_num: "CN-1", nt_dt: "01-04-2026", val: 1180, txval: 1000, iamt: 180, action: "N" };

describe("decisionKeyIn", () => {
  it("finds a decision key under the download's spelling or letter case, and gives the upload's own otherwise", () => {
    expect(decisionKeyIn({ itc_red_req: "Y" }, "itcRedReq")).toBe("itc_red_req");
    expect(decisionKeyIn({ DECL_IGST: 1 }, "declIgst")).toBe("DECL_IGST");
    expect(decisionKeyIn({ Action: "A" }, "action")).toBe("Action");
    expect(decisionKeyIn({}, "remarks")).toBe("remarks");
  });
});

const amount = fc.option(fc.integer({ min: 0, max: 10_000_00 }).map((paise) => paise / 100), { nil: null });
const readableDecision: fc.Arbitrary<Decision> = fc.record({
  action: fc.constantFrom(...ACTIONS.map((a) => a.code)),
  remarks: fc.oneof(fc.constant(""), fc.string({ maxLength: 30 })),
  itc: fc.constantFrom(null, "full" as const, "partial" as const, "none" as const),
  igst: amount, cgst: amount, sgst: amount, cess: amount,
}).filter((d) => d.itc !== "partial" || [d.igst, d.cgst, d.sgst, d.cess].some((a) => a !== null))
  .map(({ igst, cgst, sgst, cess, ...d }) => ({
    ...d,
    declared: d.itc === "partial" ? { igst, cgst, sgst, cess } : { igst: null, cgst: null, sgst: null, cess: null },
  }));

describe("rebasedRaw", () => {
  it("makes a record read back with the decision uploaded as its downloaded one, whatever the download held", () => {
    const downloaded = fc.record({
      action: fc.constantFrom("A", "R", "P", "N"),
      remarks: fc.string({ maxLength: 10 }),
      itc_red_req: fc.constantFrom("Y", "N"),
      decl_igst: amount,
    }, { requiredKeys: ["action"] });
    fc.assert(fc.property(downloaded, readableDecision, (held, decision) => {
      const raw = { ...NOTE, ...held };
      const record = normaliseRecord("b2bcn", rebasedRaw(raw, decisionAsDownloaded(decision)!), SOURCE);
      expect(record.downloaded).toEqual(decision);
    }));
  });

  it("writes under the download's keys, adds none for what the decision lacks, and leaves the object given as it was", () => {
    const raw = { ...NOTE, itc_red_req: "Y", decl_igst: 90, remarks: "old" };
    const rebased = rebasedRaw(raw, decisionAsDownloaded({ action: "R", remarks: "not ours", itc: null, declared: { igst: null, cgst: null, sgst: null, cess: null } })!);
    expect(rebased).toEqual({ ...NOTE, action: "R", itc_red_req: null, decl_igst: null, remarks: "not ours" });
    expect(raw).toMatchObject({ action: "N", itc_red_req: "Y", decl_igst: 90, remarks: "old" });
  });
});

describe("decisionAsDownloaded", () => {
  it("writes nothing for a decision with a part it cannot read, as a download's own may have", () => {
    const none = { igst: null, cgst: null, sgst: null, cess: null };
    const bad = { unreadable: "abc" };
    expect(decisionAsDownloaded({ action: bad, remarks: "", itc: null, declared: none })).toBeUndefined();
    expect(decisionAsDownloaded({ action: "A", remarks: "", itc: bad, declared: none })).toBeUndefined();
    expect(decisionAsDownloaded({ action: "A", remarks: "", itc: "partial", declared: { ...none, igst: 10, cess: bad } })).toBeUndefined();
    // An amount is written only for a Partial reduction, so an unreadable one under another choice does not matter.
    expect(decisionAsDownloaded({ action: "A", remarks: "", itc: "full", declared: { ...none, cess: bad } })).toMatchObject({ itcRedReq: "Y", declCess: null });
  });
});

describe("readDecisionAsDownloaded", () => {
  it("reads back every decision as decisionAsDownloaded writes it, through its JSON text", () => {
    fc.assert(fc.property(readableDecision, (decision) => {
      const written = decisionAsDownloaded(decision);
      expect(readDecisionAsDownloaded(JSON.parse(JSON.stringify(written)))).toEqual(written);
    }));
  });

  it("refuses anything else: other keys (a record's identity among them), unreadable values, missing keys, other types", () => {
    const written = decisionAsDownloaded({ action: "A", remarks: "", itc: "none", declared: { igst: null, cgst: null, sgst: null, cess: null } });
    for (const kept of [
      { ...written, inum: "HACK-1" },
      { ...written, action: "Q" },
      { ...written, action: { x: 1 } },
      { ...written, itcRedReq: "maybe" },
      { ...written, declIgst: "abc" },
      { action: "A" },
      [written],
      "A",
      null,
    ]) {
      expect(readDecisionAsDownloaded(kept), JSON.stringify(kept)).toBeUndefined();
    }
  });
});
