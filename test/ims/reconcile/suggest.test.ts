import { describe, it, expect } from "vitest";
import { normaliseRecord } from "../../../src/ims/download/normalise";
import { checkDecision, type Finding } from "../../../src/ims/rules";
import { isSectionKey } from "../../../src/ims/sections";
import { parseCsv } from "../../../src/ims/reconcile/csv";
import { reconcile, type Difference, type ProbableReason } from "../../../src/ims/reconcile/match";
import { locateHeader, readRegister } from "../../../src/ims/reconcile/register";
import { suggest, suggestAll, type MatchOutcome } from "../../../src/ims/reconcile/suggest";
import { fixtureJson, fixtureText, imsRecord } from "./support";

const exact: MatchOutcome = { status: "exact", reasons: [], differences: [] };
const missing: MatchOutcome = { status: "missing-in-books", reasons: [], differences: [] };
const probable = (...codes: ProbableReason["code"][]): MatchOutcome => ({
  status: "probable", differences: [], reasons: codes.map((code) => ({ code, message: `reason ${code}` })),
});
const igstDifference: Difference = { field: "igst", ims: 1800, books: 1700, difference: 100, message: "IGST: ₹1,800 in IMS, ₹1,700 in the books (₹100 more in IMS)" };
const mismatch = (...differences: Difference[]): MatchOutcome => ({ status: "mismatch", reasons: [], differences });

const errors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "error");

describe("suggest", () => {
  it("Exact → Accept, with nothing to review and no remark", () => {
    const s = suggest(imsRecord({}), exact);
    expect(s).toMatchObject({ action: "A", needsReview: false, flagged: false, reason: "Matches the books exactly. Suggested: Accept." });
    expect(s.remarks).toBeUndefined();
    expect(s.itc).toBeUndefined();
    expect(s.decision).toMatchObject({ action: "A", itc: null, remarks: "" });
  });

  it("Accept in a section that takes the ITC declaration carries Full, the portal's default, and so validates", () => {
    const record = imsRecord({}, "b2bcn");
    const s = suggest(record, exact);
    expect(s).toMatchObject({ action: "A", itc: "full", decision: { itc: "full" } });
    expect(errors(s.findings)).toEqual([]);
    // Without the choice the same Accept is an error (ITC-04): the suggestion is not passing by accident.
    expect(errors(checkDecision(record, { ...s.decision, itc: null })).map((f) => f.code)).toEqual(["ITC-04"]);
  });

  it("Accept carries no ITC choice where the portal blocks the declaration", () => {
    const s = suggest(imsRecord({ isItcRedReqBlocked: "Y" }, "ecoma"), exact);
    expect(s.action).toBe("A");
    expect(s.itc).toBeUndefined();
    expect(s.decision.itc).toBeNull();
  });

  it("keeps an ITC declaration already made on an accepted record", () => {
    const record = imsRecord({ action: "A", itcRedReq: "N", remarks: "ITC never availed" }, "b2bcn");
    const s = suggest(record, exact);
    expect(s).toMatchObject({ action: "A", itc: "none", decision: { itc: "none", remarks: "ITC never availed" } });
    expect(errors(s.findings)).toEqual([]);
  });

  it("Probable → Accept; a judgement call (near number, other GSTIN, note type) is marked for review", () => {
    expect(suggest(imsRecord({}), probable("number-format", "amount", "date"))).toMatchObject({ action: "A", needsReview: false });
    for (const code of ["near-number", "other-gstin", "note-type"] as const) {
      const s = suggest(imsRecord({}), probable("date", code));
      expect(s).toMatchObject({ action: "A", needsReview: true, flagged: false });
      expect(s.reason).toBe(`Matches the books, but reason date; reason ${code}. Suggested: Accept, after you confirm it is the same document.`);
    }
  });

  it("Mismatch → Pending, with a remark for the supplier naming the difference in plain ASCII", () => {
    const s = suggest(imsRecord({ number: "MC/118", date: "10-03-2026" }), mismatch(igstDifference));
    expect(s).toMatchObject({ action: "P", needsReview: false });
    expect(s.remarks).toBe("MC/118 dated 10-03-2026 differs from our books: IGST Rs 1,800 vs Rs 1,700 in our books. Please check and amend.");
    expect(s.decision.remarks).toBe(s.remarks);
    expect(s.findings.map((f) => f.code)).not.toContain("RMK-09");
  });

  it("keeps a long mismatch remark within the portal's 250 characters", () => {
    const many: Difference[] = (["taxableValue", "igst", "cgst", "sgst", "cess"] as const).map((field) => ({
      field, ims: 12345678.9, books: 12345600.1, difference: 78.8, message: field,
    }));
    const s = suggest(imsRecord({ number: "A-VERY-LONG-DOC-NO-1" }), mismatch(
      ...many, { field: "documentDate", ims: "05-03-2026", books: "05-12-2025", difference: 90, message: "date" },
    ));
    expect(s.remarks!.length).toBeLessThanOrEqual(250);
    expect(s.remarks).toMatch(/^A-VERY-LONG-DOC-NO-1 dated 05-03-2026 differs from our books: taxable value Rs 1,23,45,678.90 vs Rs 1,23,45,600.10 in our books; .*Please check and amend\.$/);
    expect(errors(s.findings)).toEqual([]);
  });

  it("Missing in books → Pending, asking the supplier for a copy", () => {
    const s = suggest(imsRecord({ number: "X-9", date: "01-03-2026" }), missing);
    expect(s).toMatchObject({ action: "P", needsReview: false });
    expect(s.remarks).toBe("X-9 dated 01-03-2026 is not in our books. Please send a copy or confirm it was issued to us.");
  });

  it("Supplier not filed → Pending, whatever the match, asking them to file", () => {
    const s = suggest(imsRecord({ srcfilstatus: "Not Filed", number: "RT-00931", date: "21-03-2026" }), exact);
    expect(s.action).toBe("P");
    expect(s.reason).toMatch(/^The supplier has saved but not filed this document/);
    expect(s.remarks).toBe("Please file your GSTR-1/IFF reporting RT-00931 dated 21-03-2026. We will accept it once filed.");
  });

  it("where Pending is blocked, flags the record for review and keeps the downloaded decision", () => {
    const record = imsRecord({ ispendactblocked: "Y", action: "N" }, "b2bcna");
    const s = suggest(record, missing);
    expect(s).toMatchObject({ action: "N", needsReview: true, flagged: true });
    expect(s.remarks).toBeUndefined();
    expect(s.decision).toEqual(record.downloaded);
    expect(s.reason).toBe("Not found in the purchase register. Pending is not allowed for this record, so nothing is suggested: decide between Accept and Reject.");
    // The Pending it did not suggest would have been an error (ACT-01).
    expect(errors(checkDecision(record, { ...record.downloaded, action: "P" })).map((f) => f.code)).toContain("ACT-01");
  });

  it("proposes no remark where the portal blocks remarks, keeping the downloaded one", () => {
    const record = imsRecord({ isRemarksBlocked: "Y", remarks: "old" });
    const s = suggest(record, missing);
    expect(s.action).toBe("P");
    expect(s.remarks).toBeUndefined();
    expect(s.decision.remarks).toBe("old");
    expect(errors(s.findings)).toEqual([]);
  });

  it("flags for review, instead of suggesting, a decision the rules refuse", () => {
    // The downloaded status is unreadable, so no upload of this record can be valid (FMT-07).
    const record = imsRecord({ action: "Z" });
    const s = suggest(record, exact);
    expect(s).toMatchObject({ needsReview: true, flagged: true, action: "N" });
    expect(s.decision).toBe(record.downloaded);
    expect(s.reason).toMatch(/^Matches the books exactly\. Accept would fit, but the rules refuse it: /);
  });
});

describe("suggestions for the sample download against the Tally register", () => {
  const json = fixtureJson("ims_download_offline.json") as { imsDetails: Record<string, unknown[]> };
  const records = Object.entries(json.imsDetails).flatMap(([section, list]) =>
    isSectionKey(section) ? list.map((raw, i) => normaliseRecord(section, raw, { file: "ims_download_offline.json", position: i + 1 })) : []);
  const rows = parseCsv(fixtureText("register-tally.csv"));
  const result = reconcile(records, readRegister(rows, locateHeader(rows)!, "register-tally.csv").entries);
  const suggestions = suggestAll(result);

  it("follows the issue's table record by record", () => {
    expect(result.records.map((m, i) => [m.record.documentNumber, m.status, suggestions[i].action, suggestions[i].itc ?? null, suggestions[i].needsReview])).toEqual([
      ["NF/2526/1187", "probable", "A", null, false],
      ["RT-00931", "probable", "P", null, false], // supplier not filed
      ["2025260000000417", "missing-in-books", "P", null, false],
      ["MC/118", "mismatch", "P", null, false],
      ["VL/2526/0710", "exact", "A", "full", false],
      ["DN-26-0009", "exact", "A", null, false],
      ["DN-26-0004", "probable", "A", "full", true],
      ["TTM/CN/0042", "exact", "A", "full", false],
      ["RT-CN-0007", "probable", "A", "full", true],
      ["NF/CN/0019", "probable", "A", "full", true],
      ["EW-MH-26-552310", "exact", "A", null, false],
      ["EW-MH-26-511087", "probable", "A", null, false], // ITC declaration blocked
    ]);
  });

  it("never suggests a decision with an error finding, and reports the same findings the rules give", () => {
    suggestions.forEach((s, i) => {
      const findings = checkDecision(result.records[i].record, s.decision);
      expect(errors(findings)).toEqual([]);
      expect(s.findings).toEqual(findings);
    });
  });
});
