import { describe, expect, it } from "vitest";
import { STATES, placeOfSupplyLabel } from "../../src/ims/states";

describe("state codes (ims-formats §8)", () => {
  it("labels a known place of supply with its code and name", () => {
    expect(placeOfSupplyLabel("27")).toBe("27-Maharashtra");
    expect(placeOfSupplyLabel(" 07 ")).toBe("07-Delhi");
    expect(placeOfSupplyLabel("97")).toBe("97-Other Territory");
  });

  it("shows an unknown code as it came, never rejecting it", () => {
    expect(placeOfSupplyLabel("45")).toBe("45");
    expect(placeOfSupplyLabel("7")).toBe("7");
    expect(placeOfSupplyLabel("")).toBe("");
  });

  it("holds the 38 state and UT codes 01-38 plus 96, 97 and 99, all as 2-digit strings", () => {
    const codes = Object.keys(STATES);
    expect(codes.every((c) => /^\d{2}$/.test(c))).toBe(true);
    const expected = [...Array.from({ length: 38 }, (_, i) => String(i + 1).padStart(2, "0")), "96", "97", "99"];
    expect(codes.sort()).toEqual(expected);
  });
});
