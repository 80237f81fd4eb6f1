import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ActionCode, Decision, DeclaredAmount, ItcChoice } from "../../src/ims/decision";
import { normaliseRecord } from "../../src/ims/download/normalise";
import {
  checkAll,
  checkDecision,
  checkWorkbook,
  defaultItcChoiceOnAccept,
  isUploaded,
  normaliseRemarks,
  remarksAllowed,
  remarksToSend,
  RULES,
} from "../../src/ims/rules";
import type { SectionKey } from "../../src/ims/sections";
import { API, OFFLINE, SANDBOX } from "./rules-support";

/** Properties over every sample record, with its flags, status and remarks varied. */

const SAMPLES: { section: SectionKey; raw: Record<string, unknown> }[] = [OFFLINE, API, SANDBOX].flatMap((source) =>
  Object.entries(source).flatMap(([section, list]) => (list ?? []).map((raw) => ({ section: section as SectionKey, raw }))),
);

const flag = fc.constantFrom<unknown>("Y", "N", true, false, "yes", "maybe", undefined);
const remarkText = fc.oneof(
  fc.constant(""),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.constantFrom("  Goods\r\nreturned\t", "₹500 short", "a\u0007b"),
);
const amountValue = fc.oneof(
  fc.constant<unknown>(undefined),
  fc.double({ min: -10_000, max: 100_000, noNaN: true }),
  fc.integer({ min: 0, max: 5_000 }),
  fc.constantFrom<unknown>("12.5", "abc", null),
);

/** A sample record with its portal-computed fields varied, as a fresh download might show them. */
const variedRecord = fc
  .record({
    sample: fc.constantFrom(...SAMPLES),
    action: fc.constantFrom<unknown>("A", "R", "P", "N", "", "X", undefined),
    ispendactblocked: flag,
    ispendactnallwd: flag,
    isRemarksBlocked: flag,
    itcBlocked: flag,
    itcRedReq: fc.constantFrom<unknown>("Y", "N", undefined, "maybe"),
    declIgst: amountValue,
    declCgst: amountValue,
    remarks: remarkText,
    srcfilstatus: fc.constantFrom<unknown>("Filed", "Not Filed", "F", "odd", undefined),
    dropInvTyp: fc.boolean(),
    stin: fc.constantFrom<unknown>(undefined, "27AAJFN3309H1ZB", "BAD"),
  })
  .map((v) => {
    const raw: Record<string, unknown> = { ...v.sample.raw };
    const set = (key: string, value: unknown) => {
      if (value === undefined) delete raw[key];
      else raw[key] = value;
    };
    set("action", v.action);
    set("ispendactblocked", v.ispendactblocked);
    set("ispendactnallwd", v.ispendactnallwd);
    set("isRemarksBlocked", v.isRemarksBlocked);
    delete raw.isItcRedReqBlocked;
    set("itcRedReqBlocked", v.itcBlocked);
    set("itcRedReq", v.itcRedReq);
    set("declIgst", v.declIgst);
    set("declCgst", v.declCgst);
    set("remarks", v.remarks || undefined);
    set("srcfilstatus", v.srcfilstatus);
    if (v.dropInvTyp) delete raw.inv_typ;
    if (v.stin !== undefined) raw.stin = v.stin;
    return normaliseRecord(v.sample.section, raw, { file: "varied.json", position: 1 });
  });

const declared: fc.Arbitrary<DeclaredAmount> = fc.oneof(
  fc.constant(null),
  fc.double({ min: -100, max: 50_000, noNaN: true }),
  fc.integer({ min: 0, max: 2_000 }),
  fc.string({ maxLength: 5 }).map((s) => ({ unreadable: s })),
);

const decision: fc.Arbitrary<Decision> = fc.record({
  action: fc.oneof(fc.constantFrom<ActionCode>("A", "R", "P", "N"), fc.string({ maxLength: 6 }).map((s) => ({ unreadable: s }))),
  remarks: remarkText,
  itc: fc.oneof(fc.constantFrom<ItcChoice | null>("full", "partial", "none", null), fc.constant({ unreadable: "Yes" })),
  declared: fc.record({ igst: declared, cgst: declared, sgst: declared, cess: declared }),
});

const RULE_BY_CODE = new Map(RULES.map((r) => [r.code, r]));

describe("rule properties", () => {
  it("an unchanged decision on any sample record produces no error", () => {
    fc.assert(
      fc.property(variedRecord, (record) => {
        const errors = checkDecision(record, record.downloaded).filter((f) => f.severity === "error");
        expect(errors).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("every finding is one the rule table declares: code, severity, field, source, filled message", () => {
    fc.assert(
      fc.property(variedRecord, decision, (record, d) => {
        for (const f of checkDecision(record, d)) {
          const rule = RULE_BY_CODE.get(f.code);
          expect(rule, f.code).toBeDefined();
          expect(rule!.severities).toContain(f.severity);
          expect(rule!.fields).toContain(f.field);
          expect(f.source).toBe(rule!.source);
          // No placeholder left unfilled (a text the user typed may hold braces of its own, such as an action "{A}").
          for (const placeholder of [rule!.message, ...Object.values(rule!.variants)].flatMap((t) => t.match(/\{\w+\}/g) ?? [])) {
            expect(f.message).not.toContain(placeholder);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("checkAll gives what checkDecision gives for each record, isUploaded for each record, and checkWorkbook for the whole", () => {
    const now = new Date("2026-04-15T05:00:00Z");
    fc.assert(
      fc.property(fc.array(fc.tuple(variedRecord, decision), { maxLength: 6 }), (pairs) => {
        const input = { recipientGstin: "27AAGCK4821M1Z8", fileRecipients: [], now, downloadedAt: now, records: pairs.map(([record, d]) => ({ record, decision: d })) };
        const both = checkAll(input);
        expect(both.perRecord).toEqual(pairs.map(([record, d]) => checkDecision(record, d)));
        expect(both.uploaded).toEqual(pairs.map(([record, d]) => isUploaded(record, d)));
        expect(both.workbook).toEqual(checkWorkbook(input));
      }),
      { numRuns: 200 },
    );
  });

  it("accepting with the pre-selected ITC choice (ITC-12) never trips a declaration error", () => {
    fc.assert(
      fc.property(variedRecord, (record) => {
        const d: Decision = { ...record.downloaded, action: "A", itc: defaultItcChoiceOnAccept(record), declared: { igst: null, cgst: null, sgst: null, cess: null } };
        const itcErrors = checkDecision(record, d).filter((f) => f.severity === "error" && (f.code.startsWith("ITC") || f.code === "FMT-04a"));
        expect(itcErrors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("normaliseRemarks: no line breaks or tabs, trimmed, and idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        const once = normaliseRemarks(text);
        expect(once).not.toMatch(/[\r\n\t]/);
        expect(once).toBe(once.trim());
        expect(normaliseRemarks(once)).toBe(once);
      }),
    );
  });

  it("remarksToSend gives normalised text, only when remarks may be sent and are not blocked", () => {
    fc.assert(
      fc.property(variedRecord, decision, (record, d) => {
        const sent = remarksToSend(record, d);
        if (sent === undefined) return;
        expect(sent).toBe(normaliseRemarks(d.remarks));
        expect(sent).not.toBe("");
        expect(remarksAllowed(record, d)).toBe(true);
        expect(record.remarksBlocked).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
