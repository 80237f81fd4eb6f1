import { describe, expect, it } from "vitest";
import { describeGstinProblem, gstinCheckCharacter, gstinProblem, isValidGstin, panOf, stateCodeOf } from "../../src/ims/gstin";

/** Test vectors of ims-formats §7.2. */
const VALID = ["27AAGCK4821M1Z8", "33AADCT1180B1ZY", "09AACCB6640R1Z4", "27AABCV2286E2ZB"];
const INVALID: [string, string][] = [["24MAYAS0100J1JD", "2"], ["27AABCU9603R1ZM", "N"]];

describe("GSTIN check character (mod 36)", () => {
  it.each(VALID)("accepts %s", (gstin) => {
    expect(isValidGstin(gstin)).toBe(true);
    expect(gstinCheckCharacter(gstin.slice(0, 14))).toBe(gstin[14]);
  });

  it.each(INVALID)("refuses %s, whose check character should be %s", (gstin, expected) => {
    expect(gstinCheckCharacter(gstin.slice(0, 14))).toBe(expected);
    expect(gstinProblem(gstin)).toBe("check-character");
    expect(describeGstinProblem(gstin)).toBe(`GSTIN "${gstin}" has a wrong check character: the last character should be "${expected}".`);
  });

  it("works the example of the spec: 27AAGCK4821M1Z gives 8", () => {
    expect(gstinCheckCharacter("27AAGCK4821M1Z")).toBe("8");
  });

  it("has no check character for text outside 0-9 and A-Z, or shorter than 14 characters", () => {
    expect(gstinCheckCharacter("27AAGCK4821M1*")).toBeUndefined();
    expect(gstinCheckCharacter("27aagck4821m1z")).toBeUndefined();
    expect(gstinCheckCharacter("27AAGCK4821M1")).toBeUndefined();
  });

  it("catches every single-character typo in the first 14 characters of a valid GSTIN", () => {
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    for (const gstin of VALID) {
      for (let i = 0; i < 14; i++) {
        for (const c of alphabet) {
          if (c === gstin[i]) continue;
          const typo = gstin.slice(0, i) + c + gstin.slice(i + 1);
          expect(gstinCheckCharacter(typo.slice(0, 14)), typo).not.toBe(gstin[14]);
        }
      }
    }
  });
});

describe("GSTIN format", () => {
  it("trims and upper-cases before checking", () => {
    expect(isValidGstin(" 27aagck4821m1z8 ")).toBe(true);
  });

  it.each([
    ["27AAGCK4821M1Z", "length", "GSTIN \"27AAGCK4821M1Z\" must be 15 characters long (it has 14)."],
    ["", "length", "GSTIN \"\" must be 15 characters long (it has 0)."],
    ["27AAGCK4821M1Z-", "characters", "GSTIN \"27AAGCK4821M1Z-\" may hold only the letters A-Z and the digits 0-9."],
    ["AAAGCK4821M1Z8A", "format", "GSTIN \"AAAGCK4821M1Z8A\" does not have the form of a GSTIN (2-digit state code, PAN, entity number, Z, check character)."],
    ["27AAGCK4821M0Z8", "format", "GSTIN \"27AAGCK4821M0Z8\" does not have the form of a GSTIN (2-digit state code, PAN, entity number, Z, check character)."],
  ])("explains what is wrong with %j (%s)", (gstin, problem, message) => {
    expect(gstinProblem(gstin)).toBe(problem);
    expect(describeGstinProblem(gstin)).toBe(message);
  });

  it("accepts the special registrations of GSTN's patterns when their check character is right", () => {
    const withCheck = (first14: string) => first14 + gstinCheckCharacter(first14);
    for (const first14 of [
      "07DELA01239A1Z", // government department: 4 letters, 5 digits (check character 9: this pattern needs a digit)
      "0717USA00001UN", // UIN
      "9917USA00001OS", // OIDAR
      "0717USA00001NR", // non-resident
      "27MUMA12345B1D", // TDS deductor
      "27AAHCE4417N1C", // TCS collector
    ]) {
      expect(isValidGstin(withCheck(first14)), first14).toBe(true);
    }
  });

  it("gives the PAN and the state code inside a GSTIN", () => {
    expect(panOf(" 27aagck4821m1z8")).toBe("AAGCK4821M");
    expect(stateCodeOf("27AAGCK4821M1Z8")).toBe("27");
  });
});
