import { describe, expect, it } from "vitest";
import type { Decision } from "../../src/ims/decision";
import type { ImsRecord } from "../../src/ims/record";
import { checkDecision, RULES } from "../../src/ims/rules";
import type { FindingField, Severity } from "../../src/ims/rules/finding";
import { decide, findingsWith, partial, recordOf, type DecisionChange } from "./rules-support";

/**
 * Every per-record rule: one decision that trips it (asserting code, field and
 * severity) and a close neighbour that does not. Records come from the offline
 * download fixture via normaliseRecord, with small modifications.
 */

interface Case {
  readonly code: string;
  readonly why: string;
  readonly trips: readonly [ImsRecord, DecisionChange];
  readonly field: FindingField;
  readonly severity: Severity;
  readonly passes: readonly [ImsRecord, DecisionChange];
}

// Fixture records (see test/fixtures and the samples README for their scenarios).
const navkar = () => recordOf("b2b", "NF/2526/1187"); // intra-state, CGST/SGST 4,500 each, supplier filed
const riverline = () => recordOf("b2b", "RT-00931"); // IGST 21,600, supplier NOT filed
const shreeji = (changes: Record<string, unknown> = {}) => recordOf("b2b", "2025260000000417", changes); // Pending, with a remark
const vega = (changes: Record<string, unknown> = {}) => recordOf("b2ba", "VL/2526/0710", changes); // CGST/SGST 1,800, ITC flag N
const tirupur = (changes: Record<string, unknown> = {}) => recordOf("b2bcn", "TTM/CN/0042", changes); // IGST 1,800, ITC flag N
const navkarCna = () => recordOf("b2bcna", "NF/CN/0019"); // Pending, pending-blocked
const eatwellA = () => recordOf("ecoma", "EW-MH-26-511087"); // ITC declaration blocked

const REASON = "ITC on the original invoice was only partly availed";

const CASES: readonly Case[] = [
  {
    code: "FMT-03", why: "a supplier GSTIN with a wrong check character, even untouched",
    trips: [recordOf("b2b", "NF/2526/1187", { stin: "27AAJFN3309H1ZB" }), {}], field: "record", severity: "info",
    passes: [navkar(), {}],
  },
  {
    code: "FMT-04", why: "a pasted action that is not one of the four",
    trips: [navkar(), { action: { unreadable: "Acept" } }], field: "action", severity: "error",
    passes: [navkar(), { action: "A" }],
  },
  {
    code: "FMT-04a", why: "an ITC-reduction cell that is not Full / Partial / No Reduction on an Accept that takes one",
    trips: [tirupur(), { action: "A", itc: { unreadable: "Yes please" } }], field: "itc", severity: "error",
    passes: [tirupur(), { action: "A", itc: "full" }],
  },
  {
    code: "FMT-06", why: "an uploaded b2b record whose download lacked inv_typ",
    trips: [recordOf("b2b", "NF/2526/1187", { inv_typ: undefined }), { action: "A" }], field: "record", severity: "warning",
    passes: [navkar(), { action: "A" }],
  },
  {
    code: "FMT-07", why: "a changed record whose downloaded action is unreadable",
    trips: [recordOf("b2b", "NF/2526/1187", { action: "X" }), { action: "A" }], field: "record", severity: "error",
    passes: [navkar(), { action: "A" }],
  },
  {
    code: "ACT-01", why: "Pending on a pending-blocked credit note",
    trips: [tirupur({ ispendactblocked: "Y" }), { action: "P", remarks: "Rate under discussion" }], field: "action", severity: "error",
    passes: [tirupur(), { action: "P", remarks: "Rate under discussion" }],
  },
  {
    code: "ACT-02", why: "a blocked record left at Pending",
    trips: [navkarCna(), {}], field: "action", severity: "warning",
    passes: [navkarCna(), { action: "A", itc: "full" }],
  },
  {
    code: "ACT-03", why: "Pending on a credit note whose download does not say whether Pending is allowed",
    trips: [tirupur({ ispendactblocked: undefined }), { action: "P" }], field: "action", severity: "warning",
    passes: [tirupur(), { action: "P" }],
  },
  {
    code: "ACT-04", why: "Pending on a credit note the portal allows to be Pending",
    trips: [tirupur(), { action: "P" }], field: "action", severity: "info",
    passes: [navkar(), { action: "P" }],
  },
  {
    code: "ACT-05", why: "Pending on an ordinary invoice",
    trips: [navkar(), { action: "P" }], field: "action", severity: "info",
    passes: [tirupur(), { action: "P" }],
  },
  {
    code: "ACT-07", why: "a Pending record changed back to No Action",
    trips: [shreeji(), { action: "N", remarks: "" }], field: "action", severity: "warning",
    passes: [navkar(), {}],
  },
  {
    code: "RMK-03", why: "a remark on a plain Accept",
    trips: [navkar(), { action: "A", remarks: "Matches our books" }], field: "remarks", severity: "warning",
    passes: [navkar(), { action: "R", remarks: "Not our order" }],
  },
  {
    code: "RMK-04", why: "a changed remark on a remarks-blocked record",
    trips: [shreeji({ isRemarksBlocked: "Y" }), { action: "R", remarks: "Wrong rate charged" }], field: "remarks", severity: "error",
    passes: [shreeji({ isRemarksBlocked: "Y" }), { action: "R" }],
  },
  {
    code: "RMK-05", why: "a remark of 251 characters",
    trips: [navkar(), { action: "R", remarks: "x".repeat(251) }], field: "remarks", severity: "error",
    passes: [navkar(), { action: "R", remarks: `  ${"x".repeat(250)}\n` }],
  },
  {
    code: "RMK-06", why: "a partial reduction without a reason",
    trips: [tirupur(), { ...partial(900, 0, 0, 0), remarks: "" }], field: "remarks", severity: "error",
    passes: [tirupur(), { ...partial(900, 0, 0, 0), remarks: REASON }],
  },
  {
    code: "RMK-07", why: "a remark with a line break",
    trips: [navkar(), { action: "R", remarks: "Goods returned\r\non 2 April" }], field: "remarks", severity: "info",
    passes: [navkar(), { action: "R", remarks: "Goods returned on 2 April" }],
  },
  {
    code: "RMK-08", why: "a remark with a bell character",
    trips: [navkar(), { action: "R", remarks: "Goods\u0007 returned" }], field: "remarks", severity: "error",
    passes: [navkar(), { action: "R", remarks: "Goods returned" }],
  },
  {
    code: "RMK-09", why: "a remark with a rupee sign",
    trips: [navkar(), { action: "R", remarks: "₹500 short" }], field: "remarks", severity: "warning",
    passes: [navkar(), { action: "R", remarks: "Rs 500 short" }],
  },
  {
    code: "RMK-10", why: "a downloaded remark cleared",
    trips: [shreeji(), { remarks: "" }], field: "remarks", severity: "warning",
    passes: [shreeji(), { remarks: "Goods not yet received" }],
  },
  {
    code: "ITC-01", why: "a declaration on a b2b invoice",
    trips: [navkar(), { action: "A", itc: "full" }], field: "itc", severity: "error",
    passes: [navkar(), { action: "A" }],
  },
  {
    code: "ITC-02", why: "a declaration with Reject",
    trips: [tirupur(), { action: "R", itc: "full" }], field: "itc", severity: "error",
    passes: [tirupur(), { action: "A", itc: "full" }],
  },
  {
    code: "ITC-03", why: "a declaration on a record whose declaration the portal blocks",
    trips: [eatwellA(), { action: "A", itc: "full" }], field: "itc", severity: "error",
    passes: [eatwellA(), { action: "A" }],
  },
  {
    code: "ITC-04", why: "Accept of a credit note without a declaration (IMSSAV0054)",
    trips: [tirupur(), { action: "A" }], field: "itc", severity: "error",
    passes: [tirupur(), { action: "A", itc: "full" }],
  },
  {
    code: "ITC-04a", why: "Accept of a credit note without a declaration, no ITC flag in the download",
    trips: [tirupur({ itcRedReqBlocked: undefined }), { action: "A" }], field: "itc", severity: "error",
    passes: [tirupur({ itcRedReqBlocked: undefined }), { action: "A", itc: "none", remarks: REASON }],
  },
  {
    code: "ITC-05", why: "a negative declared amount",
    trips: [tirupur(), { ...partial(-1, 0, 0, 0), remarks: REASON }], field: "declIgst", severity: "error",
    passes: [tirupur(), { ...partial(900, 0, 0, 0), remarks: REASON }],
  },
  {
    code: "ITC-06", why: "declared CGST differing from SGST",
    trips: [vega(), { ...partial(0, 100, 50, 0), remarks: REASON }], field: "declCgst", severity: "error",
    passes: [vega(), { ...partial(0, 100, 100, 0), remarks: REASON }],
  },
  {
    code: "ITC-07", why: "more IGST declared than the note carries",
    trips: [tirupur(), { ...partial(1800.01, 0, 0, 0), remarks: REASON }], field: "declIgst", severity: "error",
    passes: [tirupur(), { ...partial(1799.99, 0, 0, 0), remarks: REASON }],
  },
  {
    code: "ITC-08", why: "cess declared on a note without cess",
    trips: [tirupur(), { ...partial(100, 0, 0, 5), remarks: REASON }], field: "declCess", severity: "error",
    passes: [tirupur(), { ...partial(100, 0, 0, 0), remarks: REASON }],
  },
  {
    code: "ITC-09", why: "a partial reduction of zero on every head",
    trips: [tirupur(), { ...partial(0, null, 0, null), remarks: REASON }], field: "itc", severity: "error",
    passes: [tirupur(), { ...partial(0.01, null, 0, null), remarks: REASON }],
  },
  {
    code: "ITC-10", why: "amounts filled with No Reduction",
    trips: [tirupur(), { action: "A", itc: "none", remarks: REASON, declared: { igst: 100 } }], field: "declIgst", severity: "error",
    passes: [tirupur(), { action: "A", itc: "none", remarks: REASON, declared: { igst: 0 } }],
  },
  {
    code: "ITC-11", why: "a partial reduction equal to the full tax",
    trips: [tirupur(), { ...partial(1800, 0, 0, 0), remarks: REASON }], field: "itc", severity: "info",
    passes: [tirupur(), { ...partial(900, 0, 0, 0), remarks: REASON }],
  },
  {
    code: "CHG-03", why: "only a remark typed on a record at No Action",
    trips: [navkar(), { remarks: "Checked with purchase register" }], field: "remarks", severity: "warning",
    passes: [navkar(), { action: "R", remarks: "Checked with purchase register" }],
  },
  {
    code: "WRN-01", why: "Accept while the supplier has not filed",
    trips: [riverline(), { action: "A" }], field: "action", severity: "warning",
    passes: [navkar(), { action: "A" }],
  },
  {
    code: "WRN-02", why: "Reject of a credit note",
    trips: [tirupur(), { action: "R", remarks: "Not agreed" }], field: "action", severity: "warning",
    passes: [navkar(), { action: "R", remarks: "Not agreed" }],
  },
  {
    code: "WRN-07", why: "Accept of a credit note with Full reduction",
    trips: [tirupur(), { action: "A", itc: "full" }], field: "itc", severity: "info",
    passes: [tirupur(), { ...partial(900, 0, 0, 0), remarks: REASON }],
  },
];

function check([record, change]: readonly [ImsRecord, DecisionChange]) {
  return checkDecision(record, decide(record, change));
}

describe("per-record rules: each trips on its case and stays quiet on its neighbour", () => {
  it.each(CASES.map((c) => [c.code, c] as const))("%s", (_code, c) => {
    const tripped = findingsWith(check(c.trips), c.code);
    expect(tripped.length, c.why).toBeGreaterThan(0);
    expect(tripped[0]).toMatchObject({ code: c.code, field: c.field, severity: c.severity });
    expect(tripped[0].source).toBe(RULES.find((r) => r.code === c.code)!.source);
    expect(findingsWith(check(c.passes), c.code)).toEqual([]);
  });

  it("covers every rule that checkDecision applies", () => {
    const perRecord = RULES.filter((r) => r.appliesTo.includes("checkDecision")).map((r) => r.code);
    expect(CASES.map((c) => c.code).sort()).toEqual([...perRecord].sort());
  });
});

describe("rule details", () => {
  it("FMT-03 says which character the check expects", () => {
    const [f] = findingsWith(check(CASES[0].trips), "FMT-03");
    expect(f.message).toContain("27AAJFN3309H1ZB");
    expect(f.message).toContain("its last character should be A");
  });

  it("FMT-04 quotes the unreadable action, and has its own words for an empty cell", () => {
    expect(findingsWith(check([navkar(), { action: { unreadable: "Acept" } }]), "FMT-04")[0].message).toContain("“Acept”");
    expect(findingsWith(check([navkar(), { action: { unreadable: " " } }]), "FMT-04")[0].message).toMatch(/^The action is empty/);
  });

  it("FMT-04 does not fire on an unreadable action the user left as downloaded", () => {
    const record = recordOf("b2b", "NF/2526/1187", { action: "X" });
    expect(checkDecision(record, record.downloaded).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("FMT-06 names every missing key", () => {
    const record = recordOf("b2b", "NF/2526/1187", { inv_typ: undefined, pos: undefined });
    const [f] = findingsWith(checkDecision(record, decide(record, { action: "A" })), "FMT-06");
    expect(f.message).toContain("`inv_typ` and `pos` were missing");
  });

  it("FMT-06 accepts a key spelled in another case, and ecom records that never carry inv_typ", () => {
    const record = recordOf("b2b", "NF/2526/1187", { inv_typ: undefined, INV_TYP: "R" });
    expect(findingsWith(checkDecision(record, decide(record, { action: "A" })), "FMT-06")).toEqual([]);
    const ecom = recordOf("ecom", "EW-MH-26-552310");
    expect(findingsWith(checkDecision(ecom, decide(ecom, { action: "A" })), "FMT-06")).toEqual([]);
  });

  it("FMT-07 quotes the downloaded value, or says it is missing", () => {
    const unreadable = recordOf("b2b", "NF/2526/1187", { action: "Q" });
    expect(findingsWith(checkDecision(unreadable, decide(unreadable, { action: "A" })), "FMT-07")[0].message).toContain("“Q”");
    const missing = recordOf("b2b", "NF/2526/1187", { action: undefined });
    expect(findingsWith(checkDecision(missing, decide(missing, { action: "A" })), "FMT-07")[0].message).toContain("is missing");
  });

  it("ACT-01 also fires when only the remark of a blocked Pending record is edited (the record is re-sent as Pending)", () => {
    const findings = check([navkarCna(), { remarks: "Still checking" }]);
    expect(findingsWith(findings, "ACT-01")).toHaveLength(1);
    expect(findingsWith(findings, "ACT-02")).toEqual([]);
  });

  it("ACT-01 reads the older inverted flag ispendactnallwd = N as blocked", () => {
    const record = tirupur({ ispendactblocked: undefined, ispendactnallwd: "N" });
    expect(findingsWith(checkDecision(record, decide(record, { action: "P" })), "ACT-01")).toHaveLength(1);
  });

  it("ACT-05 names the 30 November after the document's financial year", () => {
    // 05-03-2026 is in FY 2025-26; a document of 05-04-2026 is in FY 2026-27.
    expect(findingsWith(check([navkar(), { action: "P" }]), "ACT-05")[0].message).toContain("30 November 2026");
    const april = recordOf("b2b", "NF/2526/1187", { idt: "05-04-2026" });
    expect(findingsWith(checkDecision(april, decide(april, { action: "P" })), "ACT-05")[0].message).toContain("30 November 2027");
    const odd = recordOf("b2b", "NF/2526/1187", { idt: "2026-03-05" });
    expect(findingsWith(checkDecision(odd, decide(odd, { action: "P" })), "ACT-05")[0].message).toContain("following the end");
  });

  it("ACT-03/04/05 are advice on a new Pending, not repeated when a Pending record only gets a new remark", () => {
    const findings = check([shreeji(), { remarks: "Goods arrived damaged" }]);
    expect(findings.map((f) => f.code).filter((c) => c.startsWith("ACT"))).toEqual([]);
  });

  it("RMK-03 does not fire for Accept with a partial or no reduction, where remarks are sent", () => {
    expect(findingsWith(check([tirupur(), { ...partial(900, 0, 0, 0), remarks: REASON }]), "RMK-03")).toEqual([]);
    expect(findingsWith(check([tirupur(), { action: "A", itc: "full", remarks: REASON }]), "RMK-03")).toHaveLength(1);
  });

  it("RMK-04 stays quiet when the blocked record's remark is cleared", () => {
    expect(findingsWith(check([shreeji({ isRemarksBlocked: "Y" }), { action: "R", remarks: "" }]), "RMK-04")).toEqual([]);
  });

  it("RMK-05 counts characters after trimming, and reports the length", () => {
    const [f] = findingsWith(check([navkar(), { action: "R", remarks: ` ${"₹".repeat(251)} ` }]), "RMK-05");
    expect(f.message).toContain("you entered 251");
    expect(f.message).toContain("250 characters");
  });

  it("RMK-06 is a warning when remarks are blocked, since none can be sent", () => {
    const record = tirupur({ isRemarksBlocked: "Y" });
    const [f] = findingsWith(checkDecision(record, decide(record, { action: "A", itc: "none" })), "RMK-06");
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("does not accept remarks");
  });

  it("RMK-09 shows the offending characters", () => {
    const [f] = findingsWith(check([navkar(), { action: "R", remarks: "₹500 कम 😀" }]), "RMK-09");
    expect(f.message).toContain("₹ क म");
  });

  it("remark content rules skip a remark that is not sent", () => {
    const findings = check([navkar(), { action: "A", remarks: `₹\u0007${"x".repeat(300)}` }]);
    expect(findings.map((f) => f.code)).toContain("RMK-03");
    for (const code of ["RMK-05", "RMK-07", "RMK-08", "RMK-09"]) expect(findingsWith(findings, code)).toEqual([]);
  });

  it("ITC-04a is only a warning outside b2bcn", () => {
    const record = vega({ itcRedReqBlocked: undefined });
    const [f] = findingsWith(checkDecision(record, decide(record, { action: "A" })), "ITC-04a");
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("did not say whether");
  });

  it("ITC-04 becomes ITC-04a, not both, when the flag is absent", () => {
    const codes = check([tirupur({ itcRedReqBlocked: undefined }), { action: "A" }]).map((f) => f.code);
    expect(codes).toContain("ITC-04a");
    expect(codes).not.toContain("ITC-04");
  });

  it("ITC-05 points at each bad head: negative, three decimals, text", () => {
    const findings = findingsWith(check([vega(), { ...partial(-1, 1.234, { unreadable: "abc" }, 0), remarks: REASON }]), "ITC-05");
    expect(findings.map((f) => f.field)).toEqual(["declIgst", "declCgst", "declSgst"]);
    expect(findings[2].message).toContain("“abc”");
  });

  it("ITC-05 accepts two decimals that floating point cannot hold exactly", () => {
    expect(findingsWith(check([tirupur(), { ...partial(0.29, 0, 0, 0), remarks: REASON }]), "ITC-05")).toEqual([]);
    expect(findingsWith(check([tirupur(), { ...partial(1.1, 0, 0, 0), remarks: REASON }]), "ITC-05")).toEqual([]);
  });

  it("ITC-05 stops the arithmetic checks, so one mistake gives one message", () => {
    const codes = check([vega(), { ...partial(-5, 100, 50, 0), remarks: REASON }]).map((f) => f.code);
    expect(codes).toContain("ITC-05");
    expect(codes).not.toContain("ITC-06");
  });

  it("ITC-07 states the document's tax in rupees with Indian grouping", () => {
    const note = tirupur({ iamt: 216000 });
    const [f] = findingsWith(checkDecision(note, decide(note, { ...partial(216000.5, 0, 0, 0), remarks: REASON })), "ITC-07");
    expect(f.message).toBe("You cannot reduce more IGST than the document carries (₹2,16,000); you entered ₹2,16,000.50.");
  });

  it("ITC-08 (not ITC-07) for a head the document does not carry; ITC-06 still applies", () => {
    const findings = check([tirupur(), { ...partial(0, 10, 5, 0), remarks: REASON }]);
    expect(findingsWith(findings, "ITC-08").map((f) => f.field)).toEqual(["declCgst", "declSgst"]);
    expect(findingsWith(findings, "ITC-07")).toEqual([]);
    expect(findingsWith(findings, "ITC-06")).toHaveLength(1);
  });

  it("ITC-10 also applies to Full with amounts", () => {
    const [f] = findingsWith(check([tirupur(), { action: "A", itc: "full", declared: { cess: 3 } }]), "ITC-10");
    expect(f.field).toBe("declCess");
    expect(f.message).toContain("not to Full");
  });

  it("ITC-10 asks for Partial when amounts are typed without a choice, next to ITC-04", () => {
    const findings = check([tirupur(), { action: "A", declared: { igst: 500 } }]);
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(["ITC-04", "ITC-10"]));
    expect(findingsWith(findings, "ITC-10")[0].message).toMatch(/^Amounts apply only to a partial reduction\. Choose Partial/);
  });

  it("ITC-01/02/03 stop the content checks of a declaration that may not be sent", () => {
    const findings = check([tirupur(), { action: "R", itc: "partial", remarks: "x", declared: { igst: -4 } }]);
    expect(findings.map((f) => f.code).filter((c) => c.startsWith("ITC"))).toEqual(["ITC-02"]);
  });

  it("ITC-01 counts amounts typed without a choice as a declaration", () => {
    expect(findingsWith(check([navkar(), { action: "A", declared: { cgst: 10 } }]), "ITC-01")).toHaveLength(1);
  });

  it("CHG-03 names the action the remark cannot travel with", () => {
    const accepted = recordOf("b2bcn", "TTM/CN/0042", { action: "A", itcRedReq: "Y" });
    const [chg] = findingsWith(checkDecision(accepted, decide(accepted, { remarks: "noted" })), "CHG-03");
    expect(chg.message).toContain("not sent with Accept with Full reduction");
  });

  it("WRN-01 names the supplier", () => {
    const [f] = findingsWith(check([riverline(), { action: "A" }]), "WRN-01");
    expect(f.message).toMatch(/^RIVERLINE TRADERS \(29AABFR7623Q1ZI\) has saved but not filed/);
  });

  it("WRN-01 stays quiet when the filing status is not understood", () => {
    const record = recordOf("b2b", "RT-00931", { srcfilstatus: "Submitted?" });
    expect(findingsWith(checkDecision(record, decide(record, { action: "A" })), "WRN-01")).toEqual([]);
  });

  it("WRN-02 on amendments only when the ITC flag says a declaration is possible", () => {
    expect(findingsWith(check([vega(), { action: "R", remarks: "x" }]), "WRN-02")).toHaveLength(1);
    expect(findingsWith(check([vega({ itcRedReqBlocked: undefined }), { action: "R", remarks: "x" }]), "WRN-02")).toEqual([]);
    expect(findingsWith(check([eatwellA(), { action: "R", remarks: "x" }]), "WRN-02")).toEqual([]);
  });

  it("a record left at No Action has no finding of its own: WRN-04 counts it once per export", () => {
    expect(check([navkar(), {}])).toEqual([]);
    expect(findingsWith(check([shreeji(), { action: "N", remarks: "" }]), "WRN-04")).toEqual([]);
  });

  it("WRN-07 states the tax that will be reversed", () => {
    const [f] = findingsWith(check([vega(), { action: "A", itc: "full" }]), "WRN-07");
    expect(f.message).toContain("(₹3,600)");
  });

  it("the sample upload's nine decisions raise no errors", () => {
    const decisions: [ImsRecord, DecisionChange][] = [
      [navkar(), { action: "A" }],
      [riverline(), { action: "P", remarks: "Supplier yet to file" }],
      [shreeji(), { action: "R", remarks: "Rate differs from PO" }],
      [vega(), { action: "A", itc: "full" }],
      [recordOf("b2bdn", "DN-26-0009"), { action: "R", remarks: "No such debit agreed" }],
      [tirupur(), { ...partial(900, 0, 0, 0), remarks: "Only Rs 900 of the ITC was availed" }],
      [recordOf("b2bcn", "RT-CN-0007"), { action: "A", itc: "none", remarks: "ITC was never availed" }],
      [navkarCna(), { action: "A", itc: "full" }],
      [recordOf("ecom", "EW-MH-26-552310"), { action: "A" }],
    ];
    for (const [record, change] of decisions) {
      const errors = checkDecision(record, decide(record, change)).filter((f) => f.severity === "error");
      expect(errors, record.key).toEqual([]);
    }
  });
});

describe("unchanged records are not judged as new decisions", () => {
  // As in the GSTN sandbox data (before Oct 2025): a credit note already Accepted, with no ITC declaration.
  it("an old Accept without a declaration raises no ITC-04 while untouched", () => {
    const record = recordOf("b2bcn", "TTM/CN/0042", { action: "A" });
    expect(checkDecision(record, record.downloaded)).toEqual([]);
  });

  it("typing only a remark on that old Accept is not an upload: CHG-03, and still no ITC-04", () => {
    const record = recordOf("b2bcn", "TTM/CN/0042", { action: "A" });
    const codes = checkDecision(record, decide(record, { remarks: "Discussed with supplier" })).map((f) => f.code);
    expect(codes).toEqual(["CHG-03"]);
  });

  it("changing the old Accept to Reject is a new decision, fully checked", () => {
    const record = recordOf("b2bcn", "TTM/CN/0042", { action: "A" });
    const codes = checkDecision(record, decide(record, { action: "R", remarks: "Not agreed" })).map((f) => f.code);
    expect(codes).toContain("WRN-02");
  });

  it("re-declaring on the old Accept is an upload, so ITC rules apply to it", () => {
    const record = recordOf("b2bcn", "TTM/CN/0042", { action: "A" });
    const codes = checkDecision(record, decide(record, { itc: "partial", declared: { igst: 5000 } })).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(["ITC-07", "RMK-06"]));
  });

  it("a remark differing only in line breaks or outer spaces is no change", () => {
    const record = shreeji();
    expect(checkDecision(record, decide(record, { remarks: "  Goods not yet\nreceived " }))).toEqual([]);
  });

  it("a blank declared amount and 0 are the same, so no change", () => {
    const record = vega();
    const d: Decision = decide(record, { declared: { igst: 0, cgst: 0 } });
    expect(checkDecision(record, d)).toEqual([]);
  });
});
