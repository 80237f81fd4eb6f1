import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { parsePortalDate } from "../../../src/ims/reconcile/dates";
import {
  describeSteps, editDistanceWithin, normaliseDocumentNumber as norm, stepsNeeded,
} from "../../../src/ims/reconcile/normalise";

const MARCH_2026 = parsePortalDate("05-03-2026")!; // financial year 2025-26
const MAY_2025 = parsePortalDate("10-05-2025")!; // also 2025-26

describe("document-number normalisation, step by step", () => {
  it("ignores letter case", () => {
    expect(norm("inv-1")).toBe(norm("INV-1"));
    expect(stepsNeeded("inv1", MARCH_2026, "INV1", MARCH_2026)).toEqual(["case"]);
  });

  it("ignores spaces inside the number", () => {
    expect(stepsNeeded("INV 17", MARCH_2026, "INV17", MARCH_2026)).toEqual(["spaces"]);
  });

  it("ignores separators such as / - _ . and \\", () => {
    for (const n of ["INV/17", "INV-17", "INV_17", "INV.17", "INV\\17", "INV#17"]) expect(norm(n)).toBe("INV17");
    expect(stepsNeeded("INV/17", MARCH_2026, "INV-17", MARCH_2026)).toEqual(["separators"]);
  });

  it("drops leading zeros of every run of digits", () => {
    expect(norm("INV-0042")).toBe("INV42");
    expect(norm("A0007B009")).toBe("A7B9");
    expect(norm("000")).toBe("0");
    expect(norm("1007")).toBe("1007");
    expect(stepsNeeded("RT00931", MARCH_2026, "RT931", MARCH_2026)).toEqual(["leading-zeros"]);
  });

  it.each([
    ["NF/2025-26/1187"], ["NF/25-26/1187"], ["NF/2025-2026/1187"], ["NF/25/26/1187"], ["NF/2526/1187"],
    ["NF/202526/1187"], ["2025-26/NF/1187"], ["NF/1187/2025-26"], ["NF/1187/2025"], ["NF/1187/2026"],
  ])("drops the financial-year fragment in %s when it is the document's year", (n) => {
    expect(norm(n, MARCH_2026)).toBe("NF1187");
  });

  it("names the financial-year step when only it makes two numbers equal", () => {
    expect(stepsNeeded("NF/25-26/1187", MARCH_2026, "NF/1187", MARCH_2026)).toEqual(["financial-year"]);
    expect(stepsNeeded("NF/1187/2025", MAY_2025, "NF/1187", MAY_2025)).toEqual(["financial-year"]);
  });

  it("keeps a year fragment of another year, and does nothing without a date", () => {
    expect(norm("NF/24-25/1187", MARCH_2026)).toBe("NF24251187");
    expect(norm("NF/1187/2023", MARCH_2026)).toBe("NF11872023");
    expect(norm("NF/25-26/1187")).toBe("NF25261187");
  });

  it("keeps a fragment that is the only digits: then it is the serial number, not a year", () => {
    expect(norm("INV/2526", MARCH_2026)).toBe("INV2526");
    expect(norm("INV-2025-26", MARCH_2026)).toBe("INV202526");
    expect(norm("2026", MARCH_2026)).toBe("2026");
  });

  it("keeps surrounding spaces out of it: a trimmed number needs no step", () => {
    expect(stepsNeeded("  INV-1 ", MARCH_2026, "INV-1", MARCH_2026)).toEqual([]);
  });

  it("says which steps were needed, in words", () => {
    const steps = stepsNeeded("nf/25-26/01187", MARCH_2026, "NF/1187", MARCH_2026)!;
    expect(steps).toEqual(["case", "financial-year", "leading-zeros"]);
    expect(describeSteps(steps)).toBe("letter case, a financial-year fragment such as 25-26 and leading zeros");
  });

  it("returns undefined for numbers that stay different", () => {
    expect(stepsNeeded("INV-1", MARCH_2026, "INV-2", MARCH_2026)).toBeUndefined();
  });

  it("drops a zero that starts a run of digits only once the separators are gone", () => {
    expect(norm("0 0", MARCH_2026)).toBe("0");
    expect(norm("INV/0/05", MARCH_2026)).toBe("INV5");
  });

  it("is idempotent and never grows a number", () => {
    fc.assert(fc.property(fc.string({ maxLength: 24 }), (s) => {
      const once = norm(s, MARCH_2026);
      expect(norm(once, MARCH_2026)).toBe(once);
      expect(once.length).toBeLessThanOrEqual(s.trim().length);
    }));
  });
});

describe("edit distance for near misses", () => {
  it("counts one substitution, insertion, deletion or adjacent swap as one slip", () => {
    expect(editDistanceWithin("NF1187", "NF1188", 2)).toBe(1);
    expect(editDistanceWithin("NF1187", "NF11873", 2)).toBe(1);
    expect(editDistanceWithin("NF1187", "NF187", 2)).toBe(1);
    expect(editDistanceWithin("NF1187", "NF1178", 2)).toBe(1);
    expect(editDistanceWithin("NF1187", "NF1187", 2)).toBe(0);
  });

  it("gives up beyond the limit", () => {
    expect(editDistanceWithin("NF1187", "NF2297", 1)).toBeUndefined();
    expect(editDistanceWithin("NF1", "NF1234", 2)).toBeUndefined();
  });

  it("is symmetric", () => {
    fc.assert(fc.property(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), (a, b) => {
      expect(editDistanceWithin(a, b, 3)).toBe(editDistanceWithin(b, a, 3));
    }));
  });
});
