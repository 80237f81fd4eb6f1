import { describe, expect, it } from "vitest";
import {
  decisionChanges,
  defaultItcChoiceOnAccept,
  formatIstDate,
  formatRupees,
  isUploaded,
  itcDeclarationRequired,
  normaliseRemarks,
  remarksAllowed,
  remarksToSend,
} from "../../src/ims/rules";
import { countOf } from "../../src/ims/rules/format";
import { decide, partial, recordOf } from "./rules-support";

/** The helpers the workbook and the upload writer call: ITC-12, RMK-01/02/07, CHG-01, message formatting. */

describe("ITC-12: defaultItcChoiceOnAccept", () => {
  it("pre-selects Full where a declaration is required", () => {
    expect(defaultItcChoiceOnAccept(recordOf("b2bcn", "TTM/CN/0042"))).toBe("full"); // flag N
    expect(defaultItcChoiceOnAccept(recordOf("b2ba", "VL/2526/0710"))).toBe("full"); // flag N
    expect(defaultItcChoiceOnAccept(recordOf("b2bcn", "TTM/CN/0042", { itcRedReqBlocked: undefined }))).toBe("full"); // b2bcn: certain
  });

  it("pre-selects nothing where none is required or allowed", () => {
    expect(defaultItcChoiceOnAccept(recordOf("b2b", "NF/2526/1187"))).toBeNull(); // section takes none
    expect(defaultItcChoiceOnAccept(recordOf("ecoma", "EW-MH-26-511087"))).toBeNull(); // blocked
    expect(defaultItcChoiceOnAccept(recordOf("b2ba", "VL/2526/0710", { itcRedReqBlocked: undefined }))).toBeNull(); // flag absent: only a warning
    expect(itcDeclarationRequired(recordOf("ecom", "EW-MH-26-552310"))).toBe(false);
  });

  it("reads the API spelling of the flag and booleans", () => {
    const record = recordOf("b2bcn", "TTM/CN/0042", { itcRedReqBlocked: undefined, isItcRedReqBlocked: true });
    expect(defaultItcChoiceOnAccept(record)).toBeNull();
  });
});

describe("RMK-01 / RMK-02: remarksAllowed and remarksToSend", () => {
  const navkar = recordOf("b2b", "NF/2526/1187");
  const tirupur = recordOf("b2bcn", "TTM/CN/0042");

  it("allows remarks with Reject and Pending", () => {
    expect(remarksAllowed(navkar, decide(navkar, { action: "R" }))).toBe(true);
    expect(remarksAllowed(navkar, decide(navkar, { action: "P" }))).toBe(true);
  });

  it("allows remarks with Accept only with a partial or no reduction that will be sent", () => {
    expect(remarksAllowed(tirupur, decide(tirupur, partial(900, 0, 0, 0)))).toBe(true);
    expect(remarksAllowed(tirupur, decide(tirupur, { action: "A", itc: "none" }))).toBe(true);
    expect(remarksAllowed(tirupur, decide(tirupur, { action: "A", itc: "full" }))).toBe(false);
    expect(remarksAllowed(navkar, decide(navkar, { action: "A", itc: "none" }))).toBe(false); // b2b: no declaration
    expect(remarksAllowed(navkar, decide(navkar, { action: "N" }))).toBe(false);
    expect(remarksAllowed(navkar, decide(navkar, { action: { unreadable: "?" } }))).toBe(false);
  });

  it("sends the normalised remark, and nothing on a remarks-blocked record", () => {
    expect(remarksToSend(navkar, decide(navkar, { action: "R", remarks: " Wrong\r\n\r\nrate\t " }))).toBe("Wrong rate");
    expect(remarksToSend(navkar, decide(navkar, { action: "R", remarks: "   " }))).toBeUndefined();
    const blocked = recordOf("b2b", "2025260000000417", { isRemarksBlocked: "Y" });
    expect(remarksToSend(blocked, blocked.downloaded)).toBeUndefined();
  });
});

describe("RMK-07: normaliseRemarks", () => {
  it("replaces each run of CR, LF, TAB with one space and trims", () => {
    expect(normaliseRemarks("  a\r\n\tb\nc  ")).toBe("a b c");
    expect(normaliseRemarks("a  b")).toBe("a  b"); // inner spaces are the user's
    expect(normaliseRemarks("\u00a0₹ 5\u00a0")).toBe("₹ 5");
  });
});

describe("CHG-01: decisionChanges and isUploaded", () => {
  const shreeji = recordOf("b2b", "2025260000000417"); // Pending with a remark

  it("an untouched record is not uploaded", () => {
    expect(decisionChanges(shreeji, shreeji.downloaded)).toEqual({ action: false, remarks: false, itc: false });
    expect(isUploaded(shreeji, shreeji.downloaded)).toBe(false);
  });

  it("a new action, or a new remark on an action that carries remarks, is uploaded", () => {
    expect(isUploaded(shreeji, decide(shreeji, { action: "R" }))).toBe(true);
    expect(isUploaded(shreeji, decide(shreeji, { remarks: "Goods arrived" }))).toBe(true);
  });

  it("a remark on an action that does not carry remarks is not", () => {
    const navkar = recordOf("b2b", "NF/2526/1187");
    expect(decisionChanges(navkar, decide(navkar, { remarks: "seen" })).remarks).toBe(true);
    expect(isUploaded(navkar, decide(navkar, { remarks: "seen" }))).toBe(false);
  });

  it("a declaration change is compared in paise", () => {
    const declared = recordOf("b2bcn", "TTM/CN/0042", { action: "A", itcRedReq: "Y", declIgst: 900, declCgst: 0, declSgst: 0, declCess: 0 });
    expect(declared.downloaded.itc).toBe("partial");
    expect(isUploaded(declared, decide(declared, { declared: { igst: 900.001 } }))).toBe(false);
    expect(isUploaded(declared, decide(declared, { declared: { igst: 900.01 } }))).toBe(true);
    expect(isUploaded(declared, decide(declared, { itc: "full" }))).toBe(true);
  });
});

describe("message formatting", () => {
  it("formatRupees uses Indian grouping and shows paise only when present", () => {
    expect(formatRupees(0)).toBe("₹0");
    expect(formatRupees(999)).toBe("₹999");
    expect(formatRupees(1000)).toBe("₹1,000");
    expect(formatRupees(141600)).toBe("₹1,41,600");
    expect(formatRupees(12345678.9)).toBe("₹1,23,45,678.90");
    expect(formatRupees(1000.1)).toBe("₹1,000.10");
    expect(formatRupees(-2500.05)).toBe("-₹2,500.05");
  });

  it("countOf counts in Indian grouping, singular for one", () => {
    expect(countOf(1, "record")).toBe("1 record");
    expect(countOf(0, "record")).toBe("0 records");
    expect(countOf(999, "document")).toBe("999 documents");
    expect(countOf(212_412, "record")).toBe("2,12,412 records");
    expect(countOf(10_000_000, "record")).toBe("1,00,00,000 records");
  });

  it("formatIstDate gives the Indian calendar day", () => {
    expect(formatIstDate(new Date("2026-04-13T18:29:00Z"))).toBe("13 Apr 2026");
    expect(formatIstDate(new Date("2026-04-13T18:31:00Z"))).toBe("14 Apr 2026");
  });
});
