import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8Length } from "../../src/ims/utf8";

describe("the UTF-8 size of a text", () => {
  const encoder = new TextEncoder();

  it("is what TextEncoder writes, for any text: Indian scripts, emoji and lone surrogates included", () => {
    fc.assert(fc.property(fc.string({ unit: "binary" }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) }), (text, surrogates) => {
      for (const t of [text, surrogates, text + surrogates + "पत्र 😀 தமிழ்"]) expect(utf8Length(t)).toBe(encoder.encode(t).length);
    }));
  });

  it("counts ASCII as one byte a character, and other scripts as they encode", () => {
    expect(utf8Length("Shree Ganesh Traders")).toBe(20);
    expect(utf8Length("ಕನ್ನಡ")).toBe(15);
    expect(utf8Length("₹ 1,00,000 😀")).toBe(17);
  });
});
