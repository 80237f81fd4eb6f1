import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changeSet, type DecidedRecord } from "../../src/ims/changes";
import { NO_DECLARED_AMOUNTS, type ActionCode, type Decision, type ItcChoice } from "../../src/ims/decision";
import { normaliseRecord } from "../../src/ims/download/normalise";
import type { ImsRecord } from "../../src/ims/record";
import { itcDeclarationOpen } from "../../src/ims/rules";
import { SECTIONS, echoKeys, sectionSpec, type SectionKey } from "../../src/ims/sections";
import { buildUpload, type UploadResult } from "../../src/ims/upload";
import { validateUpload } from "../../src/generated/schemas.js";

/**
 * Properties of the change set and the upload over generated downloads and
 * decisions: downloads mix the tolerated variants (numbers as text, `MM`
 * periods, `rtnTyp`/`sRtnPrd`, missing keys, flags present or not), decisions
 * are the kind a user makes (some untouched, some edited).
 */

const RECIPIENT = "27AAGCK4821M1Z8";
const SUPPLIERS = ["27AAJFN3309H1ZA", "29AABFR7623Q1ZI", "24AAJCS5501L1ZA", "33AADCT1180B1ZY", "24MAYAS0100J1JD"];
const NOW = new Date(Date.UTC(2026, 3, 15, 4, 0));
const ACTION_CODES: readonly ActionCode[] = ["A", "R", "P", "N"];
const DECISION_KEYS = new Set(["prev_status", "action", "remarks", "itcRedReq", "declIgst", "declCgst", "declSgst", "declCess"]);
/** The download spellings the writer takes an echo key from (ims-formats §3.5, §4.2). */
const ALIASES: Readonly<Record<string, string>> = { srcform: "rtnTyp", rtnprd: "sRtnPrd" };

const paise = (max: number) => fc.integer({ min: 0, max });
/** True one time in five: for the variants a real download shows seldom. */
const rarely = () => fc.integer({ min: 0, max: 4 }).map((n) => n === 0);
const two = (n: number) => String(n).padStart(2, "0");
const remarkText = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.;:'()/-]{0,80}$/);
const documentNumber = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9/-]{0,15}$/),
  fc.bigInt({ min: 10n ** 15n, max: 10n ** 16n - 1n }).map(String), // beyond Number's safe integers
);

/** An amount as the portal may send it: a number (integer or with paise), rarely a numeric string. */
function amountAs(p: number, asText: boolean): number | string {
  return asText ? (p / 100).toFixed(2) : p / 100;
}

const rawRecord = fc.record({
  section: fc.constantFrom(...SECTIONS.map((s) => s.key)),
  stin: fc.constantFrom(...SUPPLIERS),
  number: documentNumber,
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.integer({ min: 1, max: 12 }),
  year: fc.integer({ min: 2024, max: 2026 }),
  txval: paise(100_000_000_00),
  interState: fc.boolean(),
  tax: paise(18_000_000_00),
  cess: paise(1_000_00),
  amountsAsText: rarely(),
  action: fc.constantFrom(...ACTION_CODES),
  remarks: fc.option(remarkText, { nil: undefined }),
  shortPeriod: rarely(),
  offlineAliases: rarely(),
  dropKey: fc.option(fc.constantFrom("inv_typ", "cess", "val"), { nil: undefined, freq: 8 }),
  pendingBlocked: fc.option(fc.constantFrom("Y", "N"), { nil: undefined }),
  remarksBlocked: fc.constantFrom("Y", "N", "N", "N"),
  itcBlocked: fc.option(fc.constantFrom("Y", "N"), { nil: undefined }),
  downloadedItc: fc.constantFrom(undefined, "Y", "N"),
}).map((g) => {
  const spec = sectionSpec(g.section);
  const date = `${two(g.day)}-${two(g.month)}-${g.year}`;
  const igst = g.interState ? g.tax : 0;
  const half = g.interState ? 0 : Math.floor(g.tax / 2);
  const amount = (p: number) => amountAs(p, g.amountsAsText);
  const raw: Record<string, unknown> = {
    stin: g.stin,
    tradenm: "SUPPLIER",
    ...(spec.originalNumberKey ? { [spec.originalNumberKey]: g.number, [spec.originalDateKey!]: date } : {}),
    [spec.numberKey]: g.number,
    ...(spec.hasInvoiceType ? { inv_typ: "R" } : {}),
    [spec.dateKey]: date,
    val: amount(g.txval + igst + 2 * half + g.cess),
    action: g.action,
    pos: "27",
    txval: amount(g.txval),
    iamt: amount(igst),
    camt: amount(half),
    samt: amount(half),
    cess: amount(g.cess),
    [g.offlineAliases ? "rtnTyp" : "srcform"]: "R1",
    [g.offlineAliases ? "sRtnPrd" : "rtnprd"]: g.shortPeriod ? two(g.month) : `${two(g.month)}${g.year}`,
    srcfilstatus: "Filed",
    isRemarksBlocked: g.remarksBlocked,
    hash: "0".repeat(64),
  };
  if (g.dropKey) delete raw[g.dropKey];
  if (g.pendingBlocked) raw.ispendactblocked = g.pendingBlocked;
  if (spec.itcDeclaration && g.itcBlocked) raw.itcRedReqBlocked = g.itcBlocked;
  if (g.remarks !== undefined) raw.remarks = g.remarks;
  if (spec.itcDeclaration && g.action === "A" && g.downloadedItc) raw.itcRedReq = g.downloadedItc;
  return { section: g.section, raw };
});

/** A download: records with distinct identities, normalised as the reader does. */
const download = fc
  .uniqueArray(rawRecord, {
    minLength: 1,
    maxLength: 12,
    selector: ({ section, raw }) => `${section}|${raw.stin}|${raw[sectionSpec(section).numberKey]}|${raw[sectionSpec(section).dateKey]}`,
  })
  .map((list) => list.map(({ section, raw }, i) => normaliseRecord(section as SectionKey, raw, { file: "generated.json", position: i + 1 })));

/** A decision a user might make on one record, mostly within the rules. */
function decisionFor(record: ImsRecord, pick: { keep: boolean; action: ActionCode; itc: ItcChoice; remark: string | undefined; share: number }): Decision {
  if (pick.keep) return record.downloaded;
  const action = pick.action === "P" && record.pendingBlocked ? "R" : pick.action;
  const open = action === "A" && itcDeclarationOpen(record);
  const itc: ItcChoice | null = open ? pick.itc : null;
  const share = (amount: number) => Math.floor(amount * pick.share * 100) / 100;
  const sgst = share(Math.min(record.cgst, record.sgst));
  const declared = itc === "partial" ? { igst: share(record.igst), cgst: sgst, sgst, cess: share(record.cess) } : NO_DECLARED_AMOUNTS;
  const partialIsZero = itc === "partial" && declared.igst === 0 && declared.cgst === 0 && declared.cess === 0;
  const remarks = record.remarksBlocked ? record.downloaded.remarks : pick.remark ?? record.downloaded.remarks;
  return {
    action,
    itc: partialIsZero ? "full" : itc,
    declared: partialIsZero ? NO_DECLARED_AMOUNTS : declared,
    // Partial and no reduction need a reason (RMK-06).
    remarks: (itc === "none" || (itc === "partial" && !partialIsZero)) && remarks.trim() === "" ? "ITC not availed in full" : remarks,
  };
}

const decidedDownload = download.chain((records) =>
  fc.tuple(
    fc.constant(records),
    fc.array(
      fc.record({
        keep: fc.boolean(),
        action: fc.constantFrom(...ACTION_CODES),
        itc: fc.constantFrom<ItcChoice>("full", "partial", "none"),
        remark: fc.option(remarkText, { nil: undefined }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { minLength: records.length, maxLength: records.length },
    ),
  ).map(([list, picks]): DecidedRecord[] => list.map((record, i) => ({ record, decision: decisionFor(record, picks[i]) }))));

function build(items: readonly DecidedRecord[], limits: { maxBytes?: number; maxRecords?: number } = {}): UploadResult {
  return buildUpload({ recipientGstin: RECIPIENT, items, now: NOW, ...limits });
}

type Upload = { rtin: string; reqtyp: string; invdata: Record<string, Record<string, unknown>[]> };

function uploadedRecords(result: UploadResult): { section: string; json: Record<string, unknown> }[] {
  if (result.kind !== "files") return [];
  return result.files.flatMap((f) => Object.entries((JSON.parse(f.text) as Upload).invdata).flatMap(([section, list]) => list.map((json) => ({ section, json }))));
}

/** Each property runs hundreds of whole exports; generous, so a busy machine does not fail them. */
const TIMEOUT_MS = 120_000;

describe("change set and upload properties", () => {
  it("with no decision changed, the change set is empty and nothing is uploaded", () => {
    fc.assert(
      fc.property(download, (records) => {
        const items = records.map((record) => ({ record, decision: record.downloaded }));
        expect(changeSet(items).changed).toEqual([]);
        expect(build(items).kind).toBe("nothing-changed");
      }),
    );
  }, TIMEOUT_MS);

  it("every generated upload file passes the strict upload schema", () => {
    let withFiles = 0;
    fc.assert(
      fc.property(decidedDownload, (items) => {
        const result = build(items);
        if (result.kind !== "files") return;
        withFiles++;
        for (const file of result.files) expect(validateUpload(JSON.parse(file.text))).toBe(true);
      }),
      { numRuns: 200 },
    );
    // Most generated decisions are within the rules, so the property is not met by refusals alone.
    expect(withFiles).toBeGreaterThan(100);
  }, TIMEOUT_MS);

  it("every echoed value equals the downloaded one, with the same JSON type", () => {
    fc.assert(
      fc.property(decidedDownload, (items) => {
        const result = build(items);
        const written = uploadedRecords(result);
        if (result.kind === "files") expect(written).toHaveLength(changeSet(items).changed.length);
        for (const { section, json } of written) {
          const spec = sectionSpec(section as SectionKey);
          const [source] = items.filter(({ record }) => record.section === section && record.raw.stin === json.stin
            && record.documentNumber === json[spec.numberKey] && record.documentDate === json[spec.dateKey]);
          const raw = source.record.raw;
          for (const [key, value] of Object.entries(json)) {
            if (DECISION_KEYS.has(key)) continue;
            expect(echoKeys(spec)).toContain(key);
            const from = key in raw ? key : ALIASES[key];
            expect(value).toStrictEqual(raw[from]);
          }
          // Every echo key the download had is written.
          for (const key of echoKeys(spec)) if (key in raw || (ALIASES[key] ?? "") in raw) expect(json).toHaveProperty(key);
          expect(json.prev_status).toBe(source.record.downloaded.action);
          expect(json.action).toBe(source.decision.action);
        }
      }),
      { numRuns: 200 },
    );
  }, TIMEOUT_MS);

  it("split files hold the same records in the same order, each within the limits", () => {
    let splitRuns = 0;
    fc.assert(
      fc.property(decidedDownload, fc.integer({ min: 700, max: 4000 }), fc.integer({ min: 1, max: 6 }), (items, maxBytes, maxRecords) => {
        const whole = build(items);
        if (whole.kind !== "files") return;
        const split = build(items, { maxBytes, maxRecords });
        if (split.kind !== "files") {
          // Only a record too large for the limit on its own may refuse.
          expect(split.kind === "refused" && split.reasons[0]).toMatch(/^The file size limit is too small/);
          return;
        }
        if (split.files.length > 1) splitRuns++;
        expect(uploadedRecords(split)).toEqual(uploadedRecords(whole));
        for (const file of split.files) {
          expect(new TextEncoder().encode(file.text).length).toBeLessThanOrEqual(maxBytes);
          expect(file.recordCount).toBeLessThanOrEqual(maxRecords);
          expect(validateUpload(JSON.parse(file.text))).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
    expect(splitRuns).toBeGreaterThan(20);
  }, TIMEOUT_MS);
});
