import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDownload } from "../../src/dev/generate";
import { readDownloads, type Download } from "../../src/ims/download/read";
import { normaliseRecord } from "../../src/ims/download/normalise";
import { SECTIONS } from "../../src/ims/sections";
import { byteDamage, damageBytes, foreignBytes, jsonText, mutateJson, mutation, readOrRefuse, runs, type ByteDamage } from "./mutate";

/**
 * Fuzzing the download reader: whatever bytes arrive, it returns every record
 * of the file or refuses the file with an ImsFileError that names it, never
 * another exception and never part of the file.
 */

const SECTION_KEYS = SECTIONS.map((s) => s.key);

/** Damage that leaves the JSON text as it was, so the records the file holds can be counted independently. */
const keepsText = (d: ByteDamage) => d.kind === "none" || d.kind === "utf8-bom" || d.kind === "utf16" || (d.kind === "zip" && d.corruptAt === undefined);

function sectionsOf(root: unknown, envelope: string): Record<string, unknown> {
  const r = root as Record<string, unknown>;
  if (envelope === "offline") return r.imsDetails as Record<string, unknown>;
  if (envelope === "data-wrapper") return r.data as Record<string, unknown>;
  return r;
}

/** JSON text with the keys of every object sorted: equal for equal content in any key order. */
function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted)
    : v !== null && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
    : v;
  return JSON.stringify(sorted(value)) ?? "undefined";
}

/** Each record, by section and exact JSON text: what the file holds, and what the reader returned. */
function recordsIn(text: string, download: Download): { expected: string[]; actual: string[] } {
  const sections = sectionsOf(JSON.parse(text), download.files[0].envelope);
  const expected = new Set<string>();
  for (const key of SECTION_KEYS) {
    const list = sections[key];
    if (Array.isArray(list)) for (const raw of list) expected.add(`${key}|${JSON.stringify(raw)}`);
  }
  return {
    expected: [...expected].sort(),
    actual: download.records.map((r) => `${r.section}|${JSON.stringify(r.raw)}`).sort(),
  };
}

const base = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  records: fc.integer({ min: 0, max: 14 }),
  envelope: fc.constantFrom("offline" as const, "api" as const),
  hostile: fc.boolean(),
  wrapInData: fc.boolean(),
});

function baseDownload(b: { seed: number; records: number; envelope: "offline" | "api"; hostile: boolean; wrapInData: boolean }) {
  const { root } = generateDownload({ records: b.records, seed: b.seed, envelope: b.envelope, hostile: b.hostile, importOfGoods: b.seed % 3 });
  return b.wrapInData && b.envelope === "api" ? { data: root } : root;
}

describe("the download reader, fuzzed", () => {
  it("reads or refuses bytes from anywhere (random bytes, text, JSON, other file types)", () => {
    fc.assert(
      fc.property(foreignBytes, (bytes) => {
        readOrRefuse([{ name: "picked.json", bytes }], readDownloads);
      }),
      { numRuns: runs(800) },
    );
  });

  it("reads or refuses random JSON shaped like a download, with any value in any field", () => {
    const knownKeys = ["stin", "inum", "nt_num", "idt", "nt_dt", "oinum", "oidt", "ont_num", "ont_dt", "inv_typ", "val", "txval", "iamt", "camt", "samt", "cess", "pos", "action", "srcform", "rtnprd", "srcfilstatus", "ispendactblocked", "ispendactnallwd", "isRemarksBlocked", "itcRedReqBlocked", "isItcRedReqBlocked", "itcRedReq", "declIgst", "remarks", "hash"];
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom("27AAJFN3309H1ZA", "NF/1", "05-03-2026", "N", "Y", "A", "P", "R"));
    const record = fc.dictionary(fc.constantFrom(...knownKeys), value, { maxKeys: 14 });
    const sections = fc.dictionary(fc.constantFrom(...SECTION_KEYS, "impg", "isd"), fc.oneof(fc.array(record, { maxLength: 4 }), value), { minKeys: 1, maxKeys: 4 });
    const root = fc.oneof(sections, sections.map((s) => ({ imsDetails: s })), sections.map((s) => ({ data: s, gstin: "27AAGCK4821M1Z8" })));
    fc.assert(
      fc.property(root, (r) => {
        const text = jsonText(r);
        const outcome = readOrRefuse([{ name: "ims.json", bytes: new TextEncoder().encode(text) }], readDownloads);
        if ("ok" in outcome) {
          const { expected, actual } = recordsIn(text, outcome.ok);
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: runs(600) },
    );
  });

  it("reads every record of a damaged download, or refuses it whole", () => {
    fc.assert(
      fc.property(base, fc.array(mutation, { maxLength: 4 }), byteDamage, (b, mutations, damage) => {
        const text = jsonText(mutateJson(baseDownload(b) as never, mutations));
        const outcome = readOrRefuse([{ name: "ims.json", bytes: damageBytes(text, damage) }], readDownloads);
        if ("ok" in outcome && keepsText(damage)) {
          const { expected, actual } = recordsIn(text, outcome.ok);
          expect(actual).toEqual(expected);
        }
      }),
      { numRuns: runs(800) },
    );
  });

  it("merges several damaged downloads into all their records, or refuses the set", () => {
    fc.assert(
      fc.property(base, fc.array(mutation, { maxLength: 2 }), fc.array(mutation, { maxLength: 2 }), (b, first, second) => {
        const original = baseDownload(b);
        const texts = [jsonText(mutateJson(original as never, first)), jsonText(mutateJson(original as never, second))];
        const files = texts.map((text, i) => ({ name: `part${i + 1}.json`, bytes: new TextEncoder().encode(text) }));
        const outcome = readOrRefuse(files, readDownloads);
        if ("ok" in outcome) {
          // Every record of every file is in the result: equal copies once, and never a different version of it.
          const read = new Map(outcome.ok.records.map((r) => [r.key, r]));
          expect(read.size).toBe(outcome.ok.records.length);
          outcome.ok.files.forEach((file, i) => {
            const sections = sectionsOf(JSON.parse(texts[i]), file.envelope);
            for (const key of SECTION_KEYS) {
              const list = sections[key];
              if (!Array.isArray(list)) continue;
              list.forEach((raw, j) => {
                const identity = normaliseRecord(key, raw, { file: file.name, position: j + 1 }).key;
                expect(canonical(read.get(identity)?.raw)).toBe(canonical(raw));
              });
            }
          });
        }
      }),
      { numRuns: runs(300) },
    );
  });
});
