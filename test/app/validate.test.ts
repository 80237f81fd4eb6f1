import { describe, expect, it } from "vitest";
import { importDownloads } from "../../src/app/import";
import { validateWorkbook } from "../../src/app/validate";
import { showOnlyRowsWithErrors, clearSectionFilters } from "../../src/app/filters";
import { goToFinding } from "../../src/app/navigate";
import { generateUpload } from "../../src/app/generate";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, enter, fixture, rowOf } from "../support/workbook";

async function imported(recipientGstin?: string): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, ...(recipientGstin ? { recipientGstin } : {}) });
  return gateway;
}

describe("validate marks errors and clears them when fixed", () => {
  it("marks the row and the cell, shows the message, and clears all three once fixed", async () => {
    const gateway = await imported(SAMPLE_RECIPIENT);
    enter(gateway, "B2B-CNA", "NF/CN/0019", { Action: "Pending" }); // downloaded P; still P
    enter(gateway, "B2B-CN", "TTM/CN/0042", { Action: "Accept", "ITC Reduction": "Partial", "Declared CGST": 10, Remarks: "part" });
    const row = rowOf(gateway, "B2B-CN", "TTM/CN/0042");

    const first = await validateWorkbook(gateway, { now: NOW });
    const onRow = first.errors.filter((f) => f.sheet === "B2B-CN" && f.row === row + 2);
    expect(onRow.map((f) => f.code).sort()).toEqual(["ITC-06", "ITC-08"]);
    expect(onRow.every((f) => f.column.startsWith("Declared "))).toBe(true);
    expect(gateway.cell("B2B-CN", row, "Error Codes")).toBe("|ITC-06|ITC-08|");
    const cells = String(gateway.cell("B2B-CN", row, "Error Cells"));
    expect(cells).toContain("|Declared CGST|");
    expect(String(gateway.cell("B2B-CN", row, "Sheet Errors"))).toMatch(/Error ITC-0[68]: .* \| Error ITC-0[68]: /);
    // An untouched, pending-blocked record left Pending is a warning only: shown, not highlighted.
    const cna = rowOf(gateway, "B2B-CNA", "NF/CN/0019");
    expect(String(gateway.cell("B2B-CNA", cna, "Sheet Errors"))).toMatch(/^Warning ACT-02: /);
    expect(gateway.cell("B2B-CNA", cna, "Error Codes")).toBeNull();
    expect(gateway.cell("B2B-CNA", cna, "Error Cells")).toBeNull();

    enter(gateway, "B2B-CN", "TTM/CN/0042", { "ITC Reduction": "Full", "Declared CGST": null });
    const second = await validateWorkbook(gateway, { now: NOW });
    expect(second.errors.filter((f) => f.sheet === "B2B-CN")).toEqual([]);
    expect(gateway.cell("B2B-CN", row, "Error Codes")).toBeNull();
    expect(gateway.cell("B2B-CN", row, "Error Cells")).toBeNull();
    expect(gateway.cell("B2B-CN", row, "Sheet Errors")).not.toMatch(/Error/);
  });

  it("run again, rewrites only the rows whose marks change: none when nothing changed, the fixed row after a fix", async () => {
    const gateway = await imported(SAMPLE_RECIPIENT);
    enter(gateway, "B2B-CN", "TTM/CN/0042", { Action: "Accept", "ITC Reduction": "Partial", "Declared CGST": 10, Remarks: "part" });
    const row = rowOf(gateway, "B2B-CN", "TTM/CN/0042");
    await validateWorkbook(gateway, { now: NOW });
    const written: string[] = [];
    const writeCells = gateway.writeCells.bind(gateway);
    gateway.writeCells = async (name, firstRow, firstColumn, values) => {
      written.push(`${name} rows ${firstRow}-${firstRow + values.length - 1}`);
      return writeCells(name, firstRow, firstColumn, values);
    };

    await validateWorkbook(gateway, { now: NOW });
    expect(written).toEqual([]);

    enter(gateway, "B2B-CN", "TTM/CN/0042", { "ITC Reduction": "Full", "Declared CGST": null });
    await validateWorkbook(gateway, { now: NOW });
    expect(new Set(written)).toEqual(new Set([`B2B-CN rows ${row}-${row}`]));
    expect(gateway.cell("B2B-CN", row, "Error Codes")).toBeNull();
  });

  it("warns on a second upload from the same download that sends a record again (CHG-06), and not after a fresh import", async () => {
    const gateway = await imported(SAMPLE_RECIPIENT);
    enter(gateway, "B2B", "MC/118", { Action: "Reject", Remarks: "Not ours" });
    const first = await generateUpload(gateway, { now: NOW });
    expect(first.kind).toBe("files");
    expect(first.kind === "files" && first.notices.map((n) => n.code)).not.toContain("CHG-06");

    const again = await generateUpload(gateway, { now: new Date(NOW.getTime() + 60_000) });
    const notice = again.kind === "files" ? again.notices.find((n) => n.code === "CHG-06") : undefined;
    expect(notice?.message).toMatch(/^You already exported 1 record of these on /);
    expect(notice?.recordKeys).toHaveLength(1);

    await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: new Date(NOW.getTime() + 120_000) });
    const afterImport = await generateUpload(gateway, { now: new Date(NOW.getTime() + 180_000) });
    expect(afterImport.kind).toBe("files");
    expect(afterImport.kind === "files" && afterImport.notices.map((n) => n.code)).not.toContain("CHG-06");
  });

  it("clears every filter first, so no error is hidden", async () => {
    const gateway = await imported(SAMPLE_RECIPIENT);
    await gateway.filterNonEmpty("B2B", 0);
    await gateway.filterNonEmpty("ECOA", 3);
    await validateWorkbook(gateway, { now: NOW });
    expect(gateway.filterColumn("B2B")).toBeUndefined();
    expect(gateway.filterColumn("ECOA")).toBeUndefined();
    expect(gateway.calls.indexOf("clearFilters B2B")).toBeLessThan(gateway.calls.indexOf("readSheet B2B"));
  });

  it("reports rows typed or copied in (FMT-05) and records whose row was lost (WBK-02)", async () => {
    const gateway = await imported(SAMPLE_RECIPIENT);
    const rows = (await gateway.readSheet("B2B")).rows.length;
    gateway.type("B2B", rows, "Document No", "TYPED-1");
    gateway.type("B2B", rows, "Action", "Accept");
    gateway.copyRow("B2B", 0, rows + 1);
    gateway.type("B2B", 1, "Record Key", "b2b|edited");

    const result = await validateWorkbook(gateway, { now: NOW });
    const fmt05 = result.errors.filter((f) => f.code === "FMT-05").map((f) => f.row).sort();
    expect(fmt05).toEqual([3, rows + 2, rows + 3]);
    expect(result.errors.find((f) => f.row === rows + 3)!.message).toContain("It repeats row 2");
    expect(result.warnings.filter((f) => f.code === "WBK-02").map((f) => f.message)).toEqual([
      expect.stringContaining("RT-00931 dated 21-03-2026 of 29AABFR7623Q1ZI no longer has a row"),
    ]);
    expect(gateway.cell("B2B", rows, "Error Codes")).toBe("|FMT-05|");
    expect(gateway.cell("B2B", rows, "Error Cells")).toBe("|Document No|");

    // The user clears what they typed: the row's old messages alone do not keep it reported, and are cleared.
    gateway.type("B2B", rows, "Document No", null);
    gateway.type("B2B", rows, "Action", null);
    const again = await validateWorkbook(gateway, { now: NOW });
    expect(again.errors.filter((f) => f.code === "FMT-05").map((f) => f.row)).toEqual([3, rows + 3]);
    expect(gateway.cell("B2B", rows, "Error Codes")).toBeNull();
    expect(gateway.cell("B2B", rows, "Sheet Errors")).toBeNull();
  });

  it("calls the later row the repeat when a row copied upwards shows a record that also keeps its own row", async () => {
    const gateway = await imported(SAMPLE_RECIPIENT);
    const lost = gateway.cell("B2B", 0, "Document No");
    gateway.copyRow("B2B", 2, 0);

    const result = await validateWorkbook(gateway, { now: NOW });
    const fmt05 = result.errors.filter((f) => f.code === "FMT-05");
    expect(fmt05.map((f) => [f.row, f.message])).toEqual([[4, expect.stringContaining("It repeats row 2")]]);
    expect(result.warnings.filter((f) => f.code === "WBK-02").map((f) => f.message)).toEqual([
      expect.stringContaining(`${String(lost)} dated`),
    ]);
  });

  it("points whole-export findings at the Home sheet: a missing recipient GSTIN blocks (FMT-01)", async () => {
    const gateway = await imported();
    const result = await validateWorkbook(gateway, { now: NOW });
    const fmt01 = result.errors.filter((f) => f.code === "FMT-01");
    expect(fmt01).toEqual([expect.objectContaining({ sheet: "Home", row: 2, column: "Value" })]);
    await goToFinding(gateway, fmt01[0]);
    expect(await gateway.selectedRows()).toEqual({ sheet: "Home", rows: [0] });

    // A GSTIN entered in the pane but not yet kept is the one checked.
    const entered = await validateWorkbook(gateway, { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
    expect(entered.errors.filter((f) => f.sheet === "Home")).toEqual([]);
  });

  it("generating with a mistyped GSTIN refuses (FMT-01) and does not keep it; a valid one is kept on Home", async () => {
    const gateway = await imported();
    const refused = await generateUpload(gateway, { now: NOW, recipientGstin: "27AAGCK4821M1Z9" });
    expect(refused.kind).toBe("refused");
    if (refused.kind === "refused") expect(refused.exportErrors.map((f) => f.code)).toEqual(["FMT-01"]);
    expect(gateway.cell("Home", 0, "Value")).toBeNull();

    expect((await generateUpload(gateway, { now: NOW, recipientGstin: SAMPLE_RECIPIENT.toLowerCase() })).kind).toBe("nothing-changed");
    expect(gateway.cell("Home", 0, "Value")).toBe(SAMPLE_RECIPIENT);
    expect((await generateUpload(MemoryGateway.open(gateway.save()), { now: NOW })).kind).toBe("nothing-changed");
  });
});

describe("filters", () => {
  it("shows only rows with errors, on the hidden Error Codes column, and shows all again", async () => {
    const gateway = await imported(SAMPLE_RECIPIENT);
    enter(gateway, "B2B-CN", "TTM/CN/0042", { Action: "Accept" });
    await validateWorkbook(gateway, { now: NOW });
    const shown = await showOnlyRowsWithErrors(gateway);
    expect(shown.find((s) => s.sheet === "B2B-CN")).toEqual({ sheet: "B2B-CN", rows: 1 });
    expect(shown.find((s) => s.sheet === "B2B")).toEqual({ sheet: "B2B", rows: 0 });
    expect(gateway.filterColumn("B2B-CN")).toBe(gateway.columnOf("B2B-CN", "Error Codes"));
    expect(await gateway.visibleRows("B2B-CN")).toEqual([rowOf(gateway, "B2B-CN", "TTM/CN/0042")]);

    await clearSectionFilters(gateway);
    expect(gateway.filterColumn("B2B-CN")).toBeUndefined();
    await expect(showOnlyRowsWithErrors(gateway, "Home")).rejects.toThrow(/Home is not a section sheet/);
  });
});
