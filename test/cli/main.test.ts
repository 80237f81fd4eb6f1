import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-gateway";
import { main } from "../../src/cli/main";
import { SPECS } from "../../src/cli/specs";
import type { CliIo } from "../../src/cli/io";

/** The command line's answers to mistakes and to --help, in process (no workbook is touched). */

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t) };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("ims-offline command line", () => {
  it("lists the commands with no arguments (exit 2) and with --help (exit 0)", async () => {
    const bare = await run();
    const help = await run("--help");
    expect(bare.code).toBe(2);
    expect(help.code).toBe(0);
    for (const name of Object.keys(SPECS)) expect(help.out).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    expect(help.out).toContain("New here? Run: ims-offline demo");
  });

  it("prints the package version", async () => {
    const { code, out } = await run("--version");
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("gives every command a help with its usage, options and exit codes", async () => {
    for (const [name, spec] of Object.entries(SPECS)) {
      const { code, out, err } = await run(name, "--help");
      expect(code, name).toBe(0);
      expect(err).toBe("");
      expect(out, name).toContain(`Usage: ims-offline ${name}`);
      expect(out, name).toContain("Exit codes: 0");
      for (const option of Object.keys(spec.options)) expect(out, `${name} --${option}`).toContain(`--${option}`);
    }
  });

  it.each([
    [["frob"], /^ims-offline: unknown command "frob"\. Commands: import, validate, export, apply-errors, mark-processed, summary, reconcile, demo\./],
    [["validate"], /^ims-offline validate: <book\.xlsx> is missing\. Usage: ims-offline validate <book\.xlsx> \[--json\]$/],
    [["validate", "a.xlsx", "b.xlsx"], /^ims-offline validate: unexpected argument "b\.xlsx"\./],
    [["validate", "a.xlsx", "--jsn"], /^ims-offline validate: unknown option --jsn\. See ims-offline validate --help\.$/],
    [["validate", "a.xlsx", "--json=yes"], /^ims-offline validate: --json takes no value\./],
    [["import", "d.json"], /^ims-offline import: --out <book\.xlsx> is required\./],
    [["import", "d.json", "--out"], /^ims-offline import: --out needs a value/],
    [["export", "a.xlsx", "--out", "upload.txt"], /^ims-offline export: --out must be a \.json file \(the portal uploads JSON\), not "upload\.txt"\.$/],
    [["export", "a.xlsx", "--out", "u.json", "--max-bytes", "4MB"], /^ims-offline export: --max-bytes must be a whole number greater than 0, not "4MB"\.$/],
    [["reconcile", "a.xlsx", "r.csv", "--tolerance=-1"], /^ims-offline reconcile: --tolerance must be a number of 0 or more, not "-1"\.$/],
    [["reconcile", "a.xlsx", "register.pdf"], /^ims-offline reconcile: the purchase register must be a \.csv or \.xlsx file/],
  ])("refuses %j in one line with exit code 2", async (argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err.split("\n")).toHaveLength(1);
    expect(err).toMatch(message);
  });

  it("reports a missing workbook in one line with exit code 3", async () => {
    const { code, err } = await run("summary", "no-such-book.xlsx");
    expect(code).toBe(3);
    expect(err).toBe("ims-offline summary: no-such-book.xlsx: no such file. Check the path, or create the workbook with `ims-offline import`.");
  });

  it("names the workbook when it holds no IMS data", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ims-cli-main-"));
    try {
      const path = join(dir, "other.xlsx");
      const other = XlsxWorkbook.create();
      await other.writeSheet({ name: "Accounts", visibility: "visible", grid: false, columns: [{ header: "Ledger", kind: "text", width: 20, editable: true }] }, [["Cash"]]);
      await other.save(path);
      const { code, err } = await run("validate", path);
      expect(code).toBe(3);
      expect(err).toBe(`ims-offline validate: ${path}: This workbook has no IMS data yet. Import the JSON file downloaded from the portal (IMS Dashboard → Offline → Download JSON) first.`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
