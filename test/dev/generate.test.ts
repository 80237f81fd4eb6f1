import { describe, expect, it } from "vitest";
import { downloadBytes, generateDecisions, generateDownload, generateErrorFile, generateRegister, makeGstin, Random } from "../../src/dev/generate";
import { readDownloads } from "../../src/ims/download/read";
import { readErrorFiles } from "../../src/ims/error-file";
import { isValidGstin } from "../../src/ims/gstin";
import { parseCsv } from "../../src/ims/reconcile/csv";
import { reconcile } from "../../src/ims/reconcile/match";
import { locateHeader, readRegister } from "../../src/ims/reconcile/register";
import { checkDecision } from "../../src/ims/rules";
import { SECTIONS } from "../../src/ims/sections";
import { buildUpload } from "../../src/ims/upload";

/** The generator behind the benchmarks and the robustness tests must produce what it promises, the same every time. */

const NOW = new Date("2026-04-15T05:00:00Z");
const { root, recipientGstin, counts } = generateDownload({ records: 3_000, seed: 5 });
const bytes = downloadBytes(root);
const download = readDownloads([{ name: "ims.json", bytes }]);

describe("generated downloads", () => {
  it("are the same bytes for the same seed, and other bytes for another", () => {
    const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
    expect(same(downloadBytes(generateDownload({ records: 3_000, seed: 5 }).root), bytes)).toBe(true);
    expect(same(downloadBytes(generateDownload({ records: 3_000, seed: 6 }).root), bytes)).toBe(false);
  });

  it("hold every record asked for, in all eight sections, each read without a warning", () => {
    expect(download.records).toHaveLength(3_000);
    for (const s of SECTIONS) expect(counts[s.key], s.key).toBeGreaterThan(0);
    expect(download.notices.every((n) => n.severity === "info")).toBe(true);
  });

  it("carry valid GSTINs, amounts that add up, and non-Latin, long and 16-digit values", () => {
    expect(isValidGstin(recipientGstin)).toBe(true);
    expect(download.records.every((r) => isValidGstin(r.supplierGstin))).toBe(true);
    for (const r of download.records) {
      expect(Math.round(r.value * 100)).toBe(Math.round((r.taxableValue + r.igst + r.cgst + r.sgst + r.cess) * 100));
      expect(r.cgst).toBe(r.sgst);
    }
    expect(download.records.some((r) => /[^\x20-\x7e]/.test(r.supplierName))).toBe(true);
    expect(download.records.some((r) => r.supplierName.length > 90)).toBe(true);
    expect(download.records.some((r) => /^\d{16}$/.test(r.documentNumber))).toBe(true);
    expect(download.records.some((r) => r.originalNumber !== undefined && r.originalNumber !== "")).toBe(true);
  });

  it("make GSTINs with a valid check character for any state", () => {
    const random = new Random(1);
    for (const state of ["01", "27", "37", "97"]) expect(isValidGstin(makeGstin(random, state))).toBe(true);
  });
});

describe("generated decisions, uploads, error files and registers", () => {
  const decisions = generateDecisions(download.records, { share: 0.4 });
  const items = download.records.map((record, i) => ({ record, decision: decisions[i] }));

  it("are decisions the rules accept, on about the share asked for", () => {
    const errors = items.filter(({ record, decision }) => checkDecision(record, decision).some((f) => f.severity === "error"));
    expect(errors).toEqual([]);
    const changed = items.filter(({ record, decision }) => decision !== record.downloaded).length;
    expect(changed / items.length).toBeGreaterThan(0.3);
    expect(changed / items.length).toBeLessThan(0.5);
  });

  it("give an upload the portal's error file answers, in both shapes", () => {
    const upload = buildUpload({ recipientGstin, items, now: NOW });
    if (upload.kind !== "files") throw new Error(upload.kind);
    for (const shape of ["A", "B"] as const) {
      const { root: errorRoot, errors } = generateErrorFile(upload.files.map((f) => f.text), { share: 0.1, shape });
      expect(errors).toBeGreaterThan(0);
      expect(readErrorFiles([{ name: "error.json", bytes: downloadBytes(errorRoot) }]).errors).toHaveLength(errors);
    }
  });

  it("give a register that matches as planted", () => {
    const { csv, planted } = generateRegister(download.records);
    const rows = parseCsv(csv, "books.csv");
    const reading = readRegister(rows, locateHeader(rows)!, "books.csv");
    expect(reading.problems).toEqual([]);
    expect(reading.entries).toHaveLength(planted.exact + planted.renumbered + planted.changedAmount + planted.notInIms);
    const result = reconcile(download.records, reading.entries);
    expect(result.counts["missing-in-books"]).toBeGreaterThanOrEqual(planted.notInBooks);
    expect(result.counts.exact).toBeGreaterThan(planted.exact * 0.9);
  });
});
