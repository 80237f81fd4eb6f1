import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-gateway";
import { FIXTURES, cellOf, editCells, runCli, type CliRun } from "./support";

/**
 * Every command run as a user runs it: `node bin/ims-offline.js ...` in a
 * folder of their own, on the sample files, checking exit codes, stdout and
 * the files left behind.
 */

const DOWNLOAD = join(FIXTURES, "ims_download_offline.json");
const GSTIN = "27AAGCK4821M1Z8";

let root: string;
let base: string;
let imported: CliRun;

/** A fresh folder holding a copy of the imported workbook as book.xlsx. */
async function folderWithBook(name: string): Promise<string> {
  const dir = join(root, name);
  await mkdir(dir);
  await copyFile(base, join(dir, "book.xlsx"));
  return dir;
}

/** An error is one line on stderr. */
function expectOneLineError(run: CliRun, pattern: RegExp): void {
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr.trim()).toMatch(pattern);
}

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ims-cli-"));
  await mkdir(join(root, "base"));
  imported = await runCli(join(root, "base"), "import", DOWNLOAD, "--out", "book.xlsx", "--gstin", GSTIN);
  base = join(root, "base", "book.xlsx");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("ims-offline import", () => {
  it("creates the workbook with every section sheet and the hidden state, and reports the counts", async () => {
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Imported 12 records from 1 file into book.xlsx.");
    expect(imported.stdout).toMatch(/B2B-CN\s+2\s+Credit notes/);
    expect(imported.stdout).toContain(`Recipient GSTIN: ${GSTIN}`);
    const book = await XlsxWorkbook.open(base);
    expect(await book.sheetNames()).toEqual(["Home", "B2B", "B2BA", "B2B-DN", "B2B-DNA", "B2B-CN", "B2B-CNA", "ECO", "ECOA", "_IMS_State"]);
    expect(await files(join(root, "base"))).toEqual(["book.xlsx"]);
  });

  it("merges a newer download into an existing workbook, keeping the user's decisions", async () => {
    const dir = await folderWithBook("merge");
    await editCells(join(dir, "book.xlsx"), "B2B", [{ row: 2, header: "Action", value: "Accept" }]);
    const run = await runCli(dir, "import", join(FIXTURES, "ims_download_offline.json"), "--out", "book.xlsx");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Merged 12 records");
    expect(run.stdout).toContain("Decisions kept: 1.");
    expect(await cellOf(join(dir, "book.xlsx"), "B2B", 2, "Action")).toBe("Accept");
  });

  it("refuses a file that is not an IMS download with one line naming it, and writes nothing", async () => {
    const dir = join(root, "not-download");
    await mkdir(dir);
    const run = await runCli(dir, "import", join(FIXTURES, "ims_upload.json"), "--out", "book.xlsx");
    expect(run.code).toBe(3);
    expectOneLineError(run, /^ims-offline import: .*ims_upload\.json: is an IMS upload file/);
    expect(await files(dir)).toEqual([]);
  });

  it("leaves an existing workbook untouched when the import fails", async () => {
    const dir = await folderWithBook("failed-merge");
    const before = await readFile(join(dir, "book.xlsx"));
    const run = await runCli(dir, "import", "missing.json", "--out", "book.xlsx");
    expect(run.code).toBe(3);
    expectOneLineError(run, /missing\.json: no such file/);
    expect(await readFile(join(dir, "book.xlsx"))).toEqual(before);
    expect(await files(dir)).toEqual(["book.xlsx"]);
  });

  it("says what is wrong with the command line, with exit code 2", async () => {
    const run = await runCli(root, "import", DOWNLOAD, "--out", "book.xls");
    expect(run.code).toBe(2);
    expectOneLineError(run, /^ims-offline import: --out must be a \.xlsx file \(an Excel workbook\), not "book\.xls"\.$/);
  });
});

describe("ims-offline validate", () => {
  it("exits 0 with --json listing no errors on the freshly imported sample", async () => {
    const dir = await folderWithBook("valid");
    const run = await runCli(dir, "validate", "book.xlsx", "--json");
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.errors).toEqual([]);
    expect(json.warnings).toContainEqual({
      sheet: "B2B-CNA", row: 2, column: "Action", code: "ACT-02",
      message: expect.stringContaining("Pending is no longer allowed"),
    });
  });

  it("exits 1 on errors, names the cell by row and header, and writes Sheet Errors into the workbook", async () => {
    const dir = await folderWithBook("invalid");
    await editCells(join(dir, "book.xlsx"), "B2B", [{ row: 3, header: "Action", value: "Bogus" }]);
    const run = await runCli(dir, "validate", "book.xlsx", "--json");
    expect(run.code).toBe(1);
    const { errors } = JSON.parse(run.stdout);
    expect(errors).toEqual([{ sheet: "B2B", row: 3, column: "Action", code: "FMT-04", message: expect.stringContaining("Bogus") }]);
    expect(await cellOf(join(dir, "book.xlsx"), "B2B", 3, "Sheet Errors")).toEqual(expect.stringContaining("Bogus"));

    const readable = await runCli(dir, "validate", "book.xlsx");
    expect(readable.code).toBe(1);
    expect(readable.stdout).toContain("book.xlsx: 1 error");
    expect(readable.stdout).toMatch(/at B2B row 3 \(Action\)/);
  });
});

describe("ims-offline export", () => {
  it("writes no file while errors stand, and exits 1", async () => {
    const dir = await folderWithBook("export-errors");
    await editCells(join(dir, "book.xlsx"), "B2B", [{ row: 3, header: "Action", value: "Bogus" }]);
    const before = await readFile(join(dir, "book.xlsx"));
    const run = await runCli(dir, "export", "book.xlsx", "--out", "upload.json");
    expect(run.code).toBe(1);
    expectOneLineError(run, /^ims-offline export: nothing was written: B2B row 3, Action: /);
    expect(await files(dir)).toEqual(["book.xlsx"]);
    expect(await readFile(join(dir, "book.xlsx"))).toEqual(before);
  });

  it("says so and writes no file when nothing changed", async () => {
    const dir = await folderWithBook("export-nothing");
    const run = await runCli(dir, "export", "book.xlsx", "--out", "upload.json");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Nothing to upload");
    expect(await files(dir)).toEqual(["book.xlsx"]);
  });

  it("writes the upload with the changed decisions and prints its path", async () => {
    const dir = await folderWithBook("export");
    await editCells(join(dir, "book.xlsx"), "B2B", [{ row: 2, header: "Action", value: "Accept" }, { row: 3, header: "Action", value: "Reject" }]);
    const run = await runCli(dir, "export", "book.xlsx", "--out", "upload.json");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ {2}upload\.json {2}\(2 records\)$/m);
    const upload = JSON.parse(await readFile(join(dir, "upload.json"), "utf8"));
    expect(upload.rtin).toBe(GSTIN);
    expect(upload.invdata.b2b.map((r: { action: string }) => r.action)).toEqual(["A", "R"]);
    expect(await files(dir)).toEqual(["book.xlsx", "upload.json"]);
  });

  it("splits an upload larger than --max-bytes into numbered parts", async () => {
    const dir = await folderWithBook("export-split");
    await editCells(join(dir, "book.xlsx"), "B2B", [{ row: 2, header: "Action", value: "Accept" }, { row: 3, header: "Action", value: "Reject" }]);
    const run = await runCli(dir, "export", "book.xlsx", "--out", "upload.json", "--max-bytes", "400");
    expect(run.code, run.stderr).toBe(0);
    expect(await files(dir)).toEqual(["book.xlsx", "upload-part1.json", "upload-part2.json"]);
    for (const part of ["upload-part1.json", "upload-part2.json"]) {
      const text = await readFile(join(dir, part), "utf8");
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(400);
      expect(JSON.parse(text).invdata.b2b).toHaveLength(1);
    }
    expect(run.stdout).toContain("upload-part1.json  (1 record)");
  });
});

describe("ims-offline apply-errors", () => {
  it("marks the rows in Portal Errors and prints matched and unmatched as JSON", async () => {
    const dir = await folderWithBook("apply");
    const run = await runCli(dir, "apply-errors", join(FIXTURES, "ims_error_offline.json"), "book.xlsx", "--json");
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.matched).toEqual([
      { sheet: "B2B", row: 4, code: "IMSSAV0010", message: expect.any(String) },
      { sheet: "B2B-CN", row: 2, code: "IMSSAV0054", message: expect.any(String) },
    ]);
    expect(json.unmatched).toEqual([]);
    // Nothing was marked processed before, so nothing is put back.
    expect(json.restored).toBe(0);
    expect(await cellOf(join(dir, "book.xlsx"), "B2B", 4, "Portal Errors")).toEqual(expect.stringContaining("IMSSAV0010"));
  });
});

describe("ims-offline mark-processed", () => {
  it("takes the last export as sent, so the next export has nothing to send; says when there is nothing to mark", async () => {
    const dir = await folderWithBook("processed");
    const nothing = await runCli(dir, "mark-processed", "book.xlsx");
    expect(nothing.code).toBe(1);
    expectOneLineError(nothing, /no upload to mark as processed/);

    await editCells(join(dir, "book.xlsx"), "B2B", [{ row: 2, header: "Action", value: "Accept" }, { row: 3, header: "Action", value: "Reject" }]);
    expect((await runCli(dir, "export", "book.xlsx", "--out", "upload.json")).code).toBe(0);
    const marked = await runCli(dir, "mark-processed", "book.xlsx", "--json");
    expect(marked.code, marked.stderr).toBe(0);
    expect(JSON.parse(marked.stdout)).toEqual({ rebased: 2, withPortalErrors: 0, withoutRow: 0, marked: [1], parts: 1, stillToMark: [] });
    expect(await cellOf(join(dir, "book.xlsx"), "B2B", 3, "Previous Action")).toBe("Reject");

    const again = await runCli(dir, "export", "book.xlsx", "--out", "again.json");
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Nothing to upload");
    expect(await files(dir)).toEqual(["book.xlsx", "upload.json"]);
  });

  it("marks a split export part by part with --parts, and says which parts are left", async () => {
    const dir = await folderWithBook("processed-parts");
    await editCells(join(dir, "book.xlsx"), "B2B", [2, 3, 4].map((row) => ({ row, header: "Action", value: "Accept" })));
    const exported = await runCli(dir, "export", "book.xlsx", "--out", "upload.json", "--max-bytes", "400");
    expect(exported.code, exported.stderr).toBe(0);
    const parts = (await files(dir)).filter((f) => f.startsWith("upload-part")).length;
    expect(parts).toBeGreaterThan(1);

    const first = await runCli(dir, "mark-processed", "book.xlsx", "--parts", "1");
    expect(first.code, first.stderr).toBe(0);
    const left = Array.from({ length: parts - 1 }, (_, i) => i + 2);
    expect(first.stdout).toContain(`Marked part 1 of the ${parts} the upload was split into.`);
    expect(first.stdout).toContain(`--parts ${left.join(",")}`);

    const twice = await runCli(dir, "mark-processed", "book.xlsx", "--parts", "1");
    expect(twice.code).toBe(1);
    expectOneLineError(twice, /Part 1 of the last upload .* is marked processed already/);
    const wrong = await runCli(dir, "mark-processed", "book.xlsx", "--parts", "1,x");
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--parts takes whole numbers greater than 0");

    const rest = await runCli(dir, "mark-processed", "book.xlsx", "--json");
    expect(rest.code, rest.stderr).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ marked: left, parts, stillToMark: [] });
  });
});

describe("ims-offline summary", () => {
  it("prints the summary as JSON, after the user's decisions", async () => {
    const dir = await folderWithBook("summary");
    await editCells(join(dir, "book.xlsx"), "B2B", [{ row: 2, header: "Action", value: "Accept" }]);
    const run = await runCli(dir, "summary", "book.xlsx", "--json");
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.before.total.count).toBe(12);
    expect(summary.after.byAction.find((a: { action: string }) => a.action === "A").totals.count).toBe(1);
    expect(summary.changed).toBe(1);
  });
});

describe("ims-offline reconcile", () => {
  it("writes the match and the suggestion beside each decision, and changes decisions only with --apply", async () => {
    const dir = await folderWithBook("reconcile");
    const book = join(dir, "book.xlsx");
    const run = await runCli(dir, "reconcile", "book.xlsx", join(FIXTURES, "register-tally.csv"), "--json");
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.records).toHaveLength(12);
    const counted = json.records.reduce((n: Record<string, number>, r: { status: string }) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {});
    expect(counted).toEqual(Object.fromEntries(Object.entries(json.counts).filter(([k, v]) => k !== "missing-in-ims" && v !== 0)));
    expect(json.missingInIms).toHaveLength(json.counts["missing-in-ims"]);
    const first = json.records[0];
    expect(first).toMatchObject({ sheet: "B2B", row: 2, suggestion: { action: "Accept", needsReview: false, flagged: false } });
    expect(await cellOf(book, "B2B", 2, "Suggested Action")).toEqual(expect.stringContaining("Accept"));
    expect(await cellOf(book, "B2B", 2, "Action")).toBe("No Action");

    const applied = await runCli(dir, "reconcile", "book.xlsx", join(FIXTURES, "register-tally.csv"), "--apply");
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`Applied ${json.suggestionCounts.ready} suggestions to the decisions in book\\.xlsx`));
    expect(await cellOf(book, "B2B", 2, "Action")).toBe("Accept");
  });

  it("refuses a register whose document number column it cannot recognise, writing nothing", async () => {
    const dir = await folderWithBook("reconcile-unmapped");
    await writeFile(join(dir, "register.csv"), "Supplier GSTIN,Ref,Invoice Date,Taxable Value\n27AAJFN3309H1ZA,NF/2526/1187,05-03-2026,50000\n");
    const before = await readFile(join(dir, "book.xlsx"));
    const run = await runCli(dir, "reconcile", "book.xlsx", "register.csv");
    expect(run.code).toBe(3);
    expectOneLineError(run, /^ims-offline reconcile: register\.csv: no column is recognised for Document number\./);
    expect(await readFile(join(dir, "book.xlsx"))).toEqual(before);
  });
});

describe("ims-offline demo", () => {
  it("imports, validates and summarises the bundled sample, and says where the workbook is", async () => {
    const dir = join(root, "demo");
    await mkdir(dir);
    const run = await runCli(dir, "demo", "--out", "out");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`recipient GSTIN ${GSTIN}, supplied by the demo`);
    expect(run.stdout).toContain("2. Validate");
    expect(run.stdout).toContain("After your decisions:");
    expect(run.stdout).toContain(join(dir, "out", "ims-demo.xlsx"));
    expect(await files(join(dir, "out"))).toEqual(["ims-demo.xlsx"]);
    expect((await (await XlsxWorkbook.open(join(dir, "out", "ims-demo.xlsx"))).readSheet("B2B")).rows).toHaveLength(4);
  });
});

describe("ims-offline --help", () => {
  it("answers for every command with its usage, exit 0", async () => {
    const run = await runCli(root, "export", "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Usage: ims-offline export <book.xlsx> --out <upload.json> [--max-bytes <N>]");
  });
});
