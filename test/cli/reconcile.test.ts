import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDownloads } from "../../src/app/import";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-gateway";
import { parseCsv } from "../../src/ims/reconcile/csv";
import { FIXTURES } from "./support";

/** A purchase register kept in Excel reads as the same register saved as CSV. */

let dir: string;

async function reconcileJson(...argv: string[]): Promise<{ code: number; json: Record<string, unknown>; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main(["reconcile", ...argv, "--json"], io);
  return { code, json: code === 0 ? JSON.parse(out.join("\n")) : {}, err: err.join("\n") };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ims-cli-reconcile-"));
  const book = XlsxWorkbook.create();
  const bytes = new Uint8Array(await readFile(join(FIXTURES, "ims_download_offline.json")));
  await importDownloads(book, [{ name: "ims_download_offline.json", bytes }], { now: new Date(), recipientGstin: "27AAGCK4821M1Z8" });
  await book.save(join(dir, "book.xlsx"));

  // The Tally register as a workbook: the same rows (title lines included), every cell as the text Tally printed.
  const rows = parseCsv(await readFile(join(FIXTURES, "register-tally.csv"), "utf8"));
  const width = Math.max(...rows.map((r) => r.length));
  const register = XlsxWorkbook.create();
  const [first, ...rest] = rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
  await register.writeSheet(
    { name: "Purchase Register", visibility: "visible", grid: false, columns: first.map((header, c) => ({ header: header || `Column ${c + 1}`, kind: "text", width: 12, editable: true })) },
    rest,
  );
  await register.save(join(dir, "register.xlsx"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ims-offline reconcile with an .xlsx register", () => {
  it("finds the header below the title lines and matches as the CSV does", async () => {
    const fromCsv = await reconcileJson(join(dir, "book.xlsx"), join(FIXTURES, "register-tally.csv"));
    const fromXlsx = await reconcileJson(join(dir, "book.xlsx"), join(dir, "register.xlsx"));
    expect(fromXlsx.code, fromXlsx.err).toBe(0);
    expect(fromXlsx.json.counts).toEqual(fromCsv.json.counts);
    const statuses = (json: Record<string, unknown>) => (json.records as { status: string; registerRow: number | null }[]).map((r) => [r.status, r.registerRow]);
    expect(statuses(fromXlsx.json)).toEqual(statuses(fromCsv.json));
  });

  it("says when a register file is missing, without an IMS hint", async () => {
    const { code, err } = await reconcileJson(join(dir, "book.xlsx"), join(dir, "purchases.xlsx"));
    expect(code).toBe(3);
    expect(err).toBe(`ims-offline reconcile: ${join(dir, "purchases.xlsx")}: no such file.`);
  });
});
