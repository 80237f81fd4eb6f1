import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDownloads } from "../../src/ims/download/read";
import { SECTIONS, echoKeys, type SectionSpec } from "../../src/ims/sections";

/**
 * Property: whatever valid download the portal sends (any sections, any key
 * order, any flag spelling, 16-digit numeric document numbers, amounts with up
 * to 2 decimals as numbers or numeric strings), the echo fields the upload takes
 * from `record.raw` are exactly the values that were sent, with the same JSON type.
 */

const SUPPLIERS = ["27AAJFN3309H1ZA", "29AABFR7623Q1ZI", "33AADCT1180B1ZY", "24MAYAS0100J1JD", "09AACCB6640R1Z4"];

/** Flag spellings the reader accepts, with the meaning of each. */
const FLAGS: readonly [unknown, boolean][] = [
  ["Y", true], ["N", false], ["y", true], ["n", false], [" Yes ", true], ["No", false],
  [true, true], [false, false], ["true", true], ["FALSE", false],
];

const documentNumber = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9/-]{0,15}$/),
  // Long numeric numbers beyond Number.MAX_SAFE_INTEGER must stay strings, digit for digit.
  fc.bigInt({ min: 10n ** 15n, max: 10n ** 16n - 1n }).map(String),
  fc.integer({ min: 0, max: 99999 }).map((n) => String(n).padStart(8, "0")),
);

const date = fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 2017, max: 2026 }))
  .map(([d, m, y]) => `${String(d).padStart(2, "0")}-${String(m).padStart(2, "0")}-${y}`);

/** decimal(15,2): paise up to 15 digits, as a number or (tolerated) as a numeric string. */
const amount = fc.oneof(
  fc.bigInt({ min: 0n, max: 999_999_999_999_999n }).map((paise) => Number(paise) / 100),
  fc.bigInt({ min: 0n, max: 999_999_999_999n }).map((paise) => (Number(paise) / 100).toFixed(2)),
  fc.integer({ min: 0, max: 10_000_000 }),
);

const flag = fc.constantFrom(...FLAGS);

interface Generated {
  readonly spec: SectionSpec;
  readonly record: Record<string, unknown>;
  readonly pendingBlocked: boolean;
  readonly remarksBlocked: boolean;
  readonly itcBlocked: boolean | undefined;
}

function recordOf(spec: SectionSpec): fc.Arbitrary<Generated> {
  return fc.record({
    stin: fc.constantFrom(...SUPPLIERS),
    number: documentNumber,
    date,
    original: fc.tuple(documentNumber, date),
    invoiceType: fc.constantFrom("R", "SEWP", "SEWOP", "DE", "CBW"),
    amounts: fc.tuple(amount, amount, amount, amount, amount, amount),
    pos: fc.constantFrom("27", "07", "96", "29"),
    srcform: fc.constantFrom("R1", "R1A"),
    rtnprd: fc.constantFrom("032026", "022026", "03"),
    action: fc.constantFrom("A", "R", "P", "N"),
    pending: flag,
    pendingOldName: fc.boolean(),
    remarks: flag,
    itc: fc.option(fc.tuple(flag, fc.boolean()), { nil: undefined }),
    dropped: fc.subarray(["inv_typ", "cess", "srcform", "pos"]),
  }).map((g) => {
    const [val, txval, iamt, camt, samt, cess] = g.amounts;
    const record: Record<string, unknown> = {
      stin: g.stin,
      [spec.numberKey]: g.number,
      [spec.dateKey]: g.date,
      ...(spec.originalNumberKey ? { [spec.originalNumberKey]: g.original[0], [spec.originalDateKey!]: g.original[1] } : {}),
      ...(spec.hasInvoiceType ? { inv_typ: g.invoiceType } : {}),
      val, pos: g.pos, txval, iamt, camt, samt, cess, srcform: g.srcform, rtnprd: g.rtnprd,
      action: g.action,
      srcfilstatus: "Filed",
      // The older name means the opposite: "N" = Pending not allowed.
      ...(g.pendingOldName ? { ispendactnallwd: g.pending[0] } : { ispendactblocked: g.pending[0] }),
      isRemarksBlocked: g.remarks[0],
      hash: "a".repeat(64),
    };
    if (spec.itcDeclaration && g.itc) record[g.itc[1] ? "isItcRedReqBlocked" : "itcRedReqBlocked"] = g.itc[0][0];
    for (const key of g.dropped) delete record[key];
    return {
      spec,
      record,
      pendingBlocked: g.pendingOldName ? !g.pending[1] : g.pending[1],
      remarksBlocked: g.remarks[1],
      itcBlocked: spec.itcDeclaration && g.itc ? g.itc[0][1] : undefined,
    };
  });
}

/** A record with its keys in a random order. */
function shuffled(generated: Generated): fc.Arbitrary<Generated> {
  const keys = Object.keys(generated.record);
  return fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length })
    .map((order) => ({ ...generated, record: Object.fromEntries(order.map((k) => [k, generated.record[k]])) }));
}

const identity = (g: Generated): string =>
  `${g.spec.key}|${String(g.record.stin)}|${String(g.record[g.spec.numberKey])}|${String(g.record[g.spec.dateKey])}`;

const download = fc.tuple(
  fc.uniqueArray(fc.constantFrom(...SECTIONS).chain((spec) => recordOf(spec).chain(shuffled)), { selector: identity, minLength: 1, maxLength: 25 }),
  fc.constantFrom("offline", "data-wrapper", "api"),
);

function fileOf(generated: readonly Generated[], envelope: string): string {
  const sections: Record<string, unknown[]> = {};
  for (const g of generated) (sections[g.spec.key] ??= []).push(g.record);
  return JSON.stringify(envelope === "offline" ? { imsDetails: sections } : envelope === "data-wrapper" ? { data: sections } : sections);
}

describe("echo fields survive reading exactly", () => {
  it("gives back every echo key's value, with its JSON type, for any valid download", () => {
    fc.assert(
      fc.property(download, ([generated, envelope]) => {
        const d = readDownloads([{ name: "gen.json", bytes: new TextEncoder().encode(fileOf(generated, envelope)) }]);
        expect(d.records).toHaveLength(generated.length);
        const byKey = new Map(d.records.map((r) => [r.key, r]));
        for (const g of generated) {
          const read = byKey.get(identity(g));
          expect(read).toBeDefined();
          for (const key of echoKeys(g.spec)) {
            expect(Object.hasOwn(read!.raw, key)).toBe(Object.hasOwn(g.record, key));
            if (!Object.hasOwn(g.record, key)) continue;
            const sent = g.record[key];
            const got = read!.raw[key];
            expect(typeof got).toBe(typeof sent);
            expect(Object.is(got, sent)).toBe(true);
          }
          expect(read!.documentNumber).toBe(g.record[g.spec.numberKey]);
          expect(read!.value).toBe(Number(g.record.val));
          expect(read!.pendingBlocked).toBe(g.pendingBlocked);
          expect(read!.remarksBlocked).toBe(g.remarksBlocked);
          expect(read!.itcDeclarationBlocked).toBe(g.itcBlocked);
        }
      }),
      { numRuns: 150 },
    );
  });
});
