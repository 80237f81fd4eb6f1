import { describe, expect, it } from "vitest";
import { decisionKeyIn, normaliseRecord } from "../../src/ims/download/normalise";
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

describe("rebasedRaw", () => {
  it("makes the decision sent the record's downloaded decision, under the download's keys, leaving the object given as it was", () => {
    const raw = { ...NOTE, itc_red_req: "N", remarks: "old" };
    const sent = { action: "A", itcRedReq: "Y", declIgst: 90, declCgst: 0, declSgst: 0, declCess: 0, remarks: "half availed" };
    const rebased = rebasedRaw(raw, sent);
    expect(rebased).toMatchObject({ action: "A", itc_red_req: "Y", declIgst: 90, remarks: "half availed", nt_num: "CN-1", iamt: 180 });
    expect(rebased).not.toHaveProperty("itcRedReq");
    expect(raw).toMatchObject({ action: "N", itc_red_req: "N", remarks: "old" });
    const record = normaliseRecord("b2bcn", rebased, SOURCE);
    expect(record.downloaded).toEqual({ action: "A", remarks: "half availed", itc: "partial", declared: { igst: 90, cgst: 0, sgst: 0, cess: 0 } });
  });

  it("leaves no downloaded amounts behind a declaration sent without them (Full), and keeps what was not sent", () => {
    const raw = { ...NOTE, action: "A", itcRedReq: "Y", declIgst: 90, declCgst: 0, declSgst: 0, declCess: 0, remarks: "kept" };
    const record = normaliseRecord("b2bcn", rebasedRaw(raw, { action: "A", itcRedReq: "Y" }), SOURCE);
    expect(record.downloaded).toMatchObject({ action: "A", itc: "full", remarks: "kept" });
  });

  it("gives the same object when applied twice (marking again changes nothing)", () => {
    const sent = { action: "R", remarks: "not ours" };
    const once = rebasedRaw(NOTE, sent);
    expect(rebasedRaw(once, sent)).toEqual(once);
  });
});
