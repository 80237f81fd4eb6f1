import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDecisions, generateDownload, generateErrorFile, downloadBytes } from "../../src/dev/generate";
import { readDownloads } from "../../src/ims/download/read";
import { matchErrors, readErrorFiles } from "../../src/ims/error-file";
import { buildUpload } from "../../src/ims/upload";
import { byteDamage, damageBytes, foreignBytes, jsonText, mutateJson, mutation, readOrRefuse, runs } from "./mutate";

/**
 * Fuzzing the error-file reader: whatever arrives, it reads every error or
 * refuses the file with an ImsFileError naming it; and every error it reads is
 * either matched to a record or listed as unmatched, never dropped.
 */

const NOW = new Date("2026-04-15T05:00:00Z");

const scenarios = new Map<string, ReturnType<typeof makeScenario>>();

/** A download, an upload of some decisions on it, and the portal's answer to that upload (made once per seed). */
function scenario(seed: number, shape: "A" | "B") {
  const id = `${seed}|${shape}`;
  if (!scenarios.has(id)) scenarios.set(id, makeScenario(seed, shape));
  return scenarios.get(id)!;
}

function makeScenario(seed: number, shape: "A" | "B") {
  const { root, recipientGstin } = generateDownload({ records: 25, seed });
  const records = readDownloads([{ name: "ims.json", bytes: downloadBytes(root) }]).records;
  const decisions = generateDecisions(records, { share: 0.6, seed });
  const upload = buildUpload({ recipientGstin, items: records.map((record, i) => ({ record, decision: decisions[i] })), now: NOW });
  const texts = upload.kind === "files" ? upload.files.map((f) => f.text) : [];
  const errors = generateErrorFile(texts, { share: 0.5, seed, shape });
  const uploadedKeys = new Set(upload.kind === "files" ? upload.uploaded.map((u) => u.record.key) : []);
  return { records, uploadedKeys, ...errors };
}

const base = fc.record({
  seed: fc.integer({ min: 1, max: 30 }),
  shape: fc.constantFrom("A" as const, "B" as const),
  wrapInData: fc.boolean(),
});

describe("the error-file reader, fuzzed", () => {
  it("reads or refuses bytes from anywhere", () => {
    fc.assert(
      fc.property(foreignBytes, (bytes) => {
        readOrRefuse([{ name: "error.json", bytes }], readErrorFiles);
      }),
      { numRuns: runs(800) },
    );
  });

  it("reads every error of an undamaged file, whichever shape and wrapper", () => {
    fc.assert(
      fc.property(base, (b) => {
        const { root, errors, records, uploadedKeys } = scenario(b.seed, b.shape);
        const report = readErrorFiles([{ name: "error.json", bytes: downloadBytes(b.wrapInData ? { data: root } : root) }]);
        expect(report.errors).toHaveLength(errors);
        // The portal names only records it was sent: each error finds its record exactly.
        const { matched, unmatched } = matchErrors(report, records, { lastUploadKeys: uploadedKeys });
        expect(unmatched).toEqual([]);
        expect(matched.every((m) => m.quality === "exact" && uploadedKeys.has(m.record.key))).toBe(true);
      }),
      { numRuns: runs(80) },
    );
  });

  it("accounts for every error of a damaged file (matched or unmatched), or refuses the file", () => {
    fc.assert(
      fc.property(base, fc.array(mutation, { maxLength: 4 }), byteDamage, (b, mutations, damage) => {
        const { root, records, uploadedKeys } = scenario(b.seed, b.shape);
        const text = jsonText(mutateJson((b.wrapInData ? { data: root } : root) as never, mutations));
        const outcome = readOrRefuse([{ name: "error.json", bytes: damageBytes(text, damage) }], readErrorFiles);
        if ("ok" in outcome) {
          const { matched, unmatched } = matchErrors(outcome.ok, records, { lastUploadKeys: uploadedKeys });
          const accounted = new Set([...matched.map((m) => m.error), ...unmatched]);
          expect(accounted.size).toBe(outcome.ok.errors.length);
          expect(new Set(unmatched).size + new Set(matched.map((m) => m.error)).size).toBe(outcome.ok.errors.length);
          for (const e of outcome.ok.errors) expect(e.message.trim()).not.toBe("");
        }
      }),
      { numRuns: runs(500) },
    );
  });
});
