import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importDownloads } from "../../src/app/import";
import { readWorkbook } from "../../src/app/read-workbook";
import {
  applySuggestions, lastReconcileRun, preparePurchaseRegister, previewRegister, reconcileAgainAfterImport, reconcileWorkbook,
  undoApplySuggestions, type ReconcileDone, type ReconcileOutcome,
} from "../../src/app/reconcile";
import { validateWorkbook } from "../../src/app/validate";
import { inMemoryGateway } from "../../src/hosts/fake-excel/preview";
import { parseCsv } from "../../src/ims/reconcile";
import { checkDecision } from "../../src/ims/rules";
import type { CellValue, WorkbookGateway } from "../../src/workbook/gateway";
import { MISSING_IN_IMS_SHEET, PURCHASE_REGISTER_SHEET, PURCHASE_REGISTER_SPEC } from "../../src/workbook/reconcile-sheets";
import { RECONCILE_STATE_SHEET, parseReconcileState } from "../../src/workbook/reconcile-state";
import { sectionLayouts } from "../../src/workbook/section-sheet";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, enter, fixture, rowOf } from "../support/workbook";

function registerCsv(name: string, keep: (line: string) => boolean = () => true): string[][] {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
  return parseCsv(text.split(/\r?\n/).filter(keep).join("\n"), name);
}

async function imported(): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
  return gateway;
}

/** The user pastes the register's cells (header and title rows included) at A2, under the sheet's note. */
async function pasteAtA2(gateway: MemoryGateway, rows: readonly (readonly string[])[]): Promise<void> {
  await preparePurchaseRegister(gateway);
  await gateway.writeCells(PURCHASE_REGISTER_SHEET, 0, 0, rows);
}

function done(outcome: ReconcileOutcome): ReconcileDone {
  if (outcome.kind !== "reconciled") throw new Error(`${outcome.kind}: ${outcome.message}`);
  return outcome;
}

const DECISION_HEADERS = ["Action", "Remarks", "ITC Reduction", "Declared IGST", "Declared CGST", "Declared SGST", "Declared Cess"];

/** Every decision cell of every section sheet, by sheet and document number. */
async function decisionCells(gateway: WorkbookGateway): Promise<Record<string, CellValue[]>> {
  const out: Record<string, CellValue[]> = {};
  for (const layout of sectionLayouts()) {
    const { header, rows } = await gateway.readSheet(layout.sheet.name);
    for (const row of rows) {
      out[`${layout.sheet.name} ${String(row[header.indexOf("Document No")])}`] = DECISION_HEADERS.filter((h) => header.includes(h)).map((h) => row[header.indexOf(h)]);
    }
  }
  return out;
}

const cellOf = (gateway: MemoryGateway, sheet: string, number: string, header: string) => gateway.cell(sheet, rowOf(gateway, sheet, number), header);

/** The line of register-tally.csv booking NF/CN/0019: left out, that credit note is missing in the books. */
const NF_CN_0019 = (line: string) => !line.includes("NF/CN/0019");

describe("reconciling the workbook with the Purchase Register sheet", () => {
  it("writes each record's status and suggestion into its own row and leaves every decision cell alone", async () => {
    const gateway = await imported();
    enter(gateway, "B2B", "MC/118", { Action: "Reject", Remarks: "Our own decision" });
    const before = await decisionCells(gateway);
    await pasteAtA2(gateway, registerCsv("register-tally.csv"));

    const outcome = done(await reconcileWorkbook(gateway, { now: NOW }));
    expect(outcome.counts).toEqual({ exact: 4, probable: 6, mismatch: 1, "missing-in-books": 1, "missing-in-ims": 2 });
    expect(outcome.mapping.headerRow).toBe(5); // the CSV's fifth line, pasted on worksheet row 6

    const status = (sheet: string, number: string) => cellOf(gateway, sheet, number, "Match Status");
    expect(status("B2B", "NF/2526/1187")).toBe("Probable");
    expect(status("B2B", "MC/118")).toBe("Mismatch");
    expect(status("B2B", "2025260000000417")).toBe("Missing in books");
    expect(status("B2BA", "VL/2526/0710")).toBe("Exact");
    expect(status("B2B-CN", "RT-CN-0007")).toBe("Probable");

    expect(cellOf(gateway, "B2BA", "VL/2526/0710", "Suggested Action")).toBe("Accept (ITC reduction: Full)");
    expect(cellOf(gateway, "B2B", "MC/118", "Suggested Action")).toBe("Pending");
    expect(String(cellOf(gateway, "B2B", "MC/118", "Suggested Remarks"))).toMatch(/^MC\/118 dated .* differs from our books: IGST Rs 4,500(\.00)? vs Rs 4,400(\.00)? in our books/);
    expect(String(cellOf(gateway, "B2B", "MC/118", "Match Details"))).toContain("row 9 of Purchase Register");
    expect(cellOf(gateway, "B2B-CN", "RT-CN-0007", "Review Needed")).toBe("Yes");
    expect(String(cellOf(gateway, "B2B-CN", "RT-CN-0007", "Match Details"))).toContain("Review:");
    expect(cellOf(gateway, "B2BA", "VL/2526/0710", "Review Needed")).toBeNull();

    // Suggestions sit beside the decision: nothing the user sees as a decision changed.
    expect(await decisionCells(gateway)).toEqual(before);
    expect(cellOf(gateway, "B2B", "MC/118", "Action")).toBe("Reject");
  });

  it("lists the unreadable register rows with the row numbers of the sheet, and the books rows IMS does not have", async () => {
    const gateway = await imported();
    await pasteAtA2(gateway, registerCsv("register-tally.csv"));
    const outcome = done(await reconcileWorkbook(gateway));
    // Pasted from A2, the CSV's row n is worksheet row n + 1.
    expect(outcome.problems.map((p) => [p.row, p.field])).toEqual([
      [20, "supplierGstin"], [21, "documentDate"], [23, "supplierGstin"], [23, "documentNumber"], [23, "documentDate"],
    ]);
    expect(outcome.problems[0].message).toBe('Purchase Register row 20: Supplier GSTIN (column "GSTIN/UIN") "27AAJFN3309H1Z" is not a GSTIN (15 letters and digits).');

    const { header, rows } = await gateway.readSheet(MISSING_IN_IMS_SHEET);
    expect(rows.map((r) => [r[header.indexOf("Register Row")], r[header.indexOf("Supplier GSTIN")], r[header.indexOf("Document No")]])).toEqual([
      [18, "27AAHCE4417N1ZB", "EW-MH-26-552310"],
      [19, "29AAPCA1234B1ZZ", "INV-77"],
    ]);
    expect(String(rows[0][header.indexOf("Details")])).toContain("booked twice?");
  });

  it("stores only suggestions that pass the same validation as a decision typed by hand", async () => {
    const gateway = await imported();
    await pasteAtA2(gateway, registerCsv("register-tally.csv", NF_CN_0019));
    const outcome = done(await reconcileWorkbook(gateway));
    expect(outcome.suggestionCounts).toEqual({ ready: 9, needsReview: 2, flagged: 1 });

    const data = await readWorkbook(gateway);
    const { header, rows } = await gateway.readSheet(RECONCILE_STATE_SHEET);
    const state = parseReconcileState(header, rows);
    expect(state.suggestions.size).toBe(11);
    for (const [key, s] of state.suggestions) {
      expect(checkDecision(data.byKey.get(key)!.record, s.decision).filter((f) => f.severity === "error"), key).toEqual([]);
    }
    // Pending-blocked and missing in the books: nothing can be suggested, and the row says so.
    expect([...state.suggestions.keys()].some((k) => k.includes("NF/CN/0019"))).toBe(false);
    expect(cellOf(gateway, "B2B-CNA", "NF/CN/0019", "Suggested Action")).toBeNull();
    expect(cellOf(gateway, "B2B-CNA", "NF/CN/0019", "Review Needed")).toBe("Yes");
  });

  it("a larger tolerance turns the ₹100 IGST difference into a probable match", async () => {
    const gateway = await imported();
    await pasteAtA2(gateway, registerCsv("register-tally.csv"));
    expect(done(await reconcileWorkbook(gateway, { tolerance: 100 })).counts.mismatch).toBe(0);
    expect(cellOf(gateway, "B2B", "MC/118", "Match Status")).toBe("Probable");
    expect((await lastReconcileRun(gateway))).toMatchObject({ tolerance: 100, dateWindowDays: 30, stale: false, source: { kind: "sheet" } });
  });

  it("keeps the columns through validation, and reconciles again after a re-import", async () => {
    const gateway = await imported();
    await pasteAtA2(gateway, registerCsv("register-tally.csv"));
    done(await reconcileWorkbook(gateway, { tolerance: 2 }));
    await validateWorkbook(gateway, { now: NOW });
    expect(cellOf(gateway, "B2B", "MC/118", "Match Status")).toBe("Mismatch");

    await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: new Date("2026-04-16T05:00:00Z") });
    expect(cellOf(gateway, "B2B", "MC/118", "Match Status")).toBe("Mismatch");
    expect(await lastReconcileRun(gateway)).toMatchObject({ tolerance: 2, stale: false });
  });
});

describe("the register's columns", () => {
  const zohoWithoutBillHeader = () => registerCsv("register-zoho.csv").map((row, i) => (i === 0 ? row.map((h) => (h === "Bill#" ? "Our ref" : h)) : row));

  it("creates the Purchase Register sheet when it is missing, and says when it is empty", async () => {
    const gateway = await imported();
    const first = await reconcileWorkbook(gateway);
    expect(first).toMatchObject({ kind: "no-register", created: true });
    expect(await gateway.sheetNames()).toContain(PURCHASE_REGISTER_SHEET);
    expect(await previewRegister(gateway)).toEqual({ kind: "empty", sheet: PURCHASE_REGISTER_SHEET });
    expect(await reconcileWorkbook(gateway)).toMatchObject({ kind: "no-register", created: false });
    expect(await preparePurchaseRegister(gateway)).toEqual({ created: false });
  });

  it("asks for the column of a required field it cannot recognise, then keeps the user's choice", async () => {
    const gateway = await imported();
    await pasteAtA2(gateway, zohoWithoutBillHeader());
    const outcome = await reconcileWorkbook(gateway);
    if (outcome.kind !== "needs-mapping") throw new Error(outcome.kind);
    expect(outcome.mapping.missing).toEqual(["documentNumber"]);
    expect(outcome.mapping.unmapped).toEqual([{ column: 1, header: "Our ref" }]);
    expect(outcome.message).toContain("Document number");

    const chosen = done(await reconcileWorkbook(gateway, { mapping: { headerRow: outcome.mapping.headerRow, columns: { ...outcome.mapping.columns, documentNumber: 1 } } }));
    expect(chosen.mapping.missing).toEqual([]);
    expect(cellOf(gateway, "B2B", "NF/2526/1187", "Match Status")).toBe("Exact");

    // The next run, and the pane's preview, use the confirmed columns for these headers.
    expect(await previewRegister(gateway)).toMatchObject({ kind: "found", confirmed: true, mapping: { columns: { documentNumber: 1 } } });
    expect((await reconcileWorkbook(gateway)).kind).toBe("reconciled");
  });

  it("refuses one column chosen for two fields", async () => {
    const gateway = await imported();
    await pasteAtA2(gateway, zohoWithoutBillHeader());
    await expect(reconcileWorkbook(gateway, { mapping: { headerRow: 1, columns: { supplierGstin: 3, documentNumber: 3, documentDate: 0 } } }))
      .rejects.toThrow("Column 4 is chosen for both Supplier GSTIN and Document number");
  });
});

describe("applying suggestions", () => {
  async function reconciled(): Promise<MemoryGateway> {
    const gateway = await imported();
    await pasteAtA2(gateway, registerCsv("register-tally.csv", NF_CN_0019));
    done(await reconcileWorkbook(gateway, { now: NOW }));
    return gateway;
  }

  it("applies the suggestions that need no review, skips flagged ones, and validates the rows", async () => {
    const gateway = await reconciled();
    const result = await applySuggestions(gateway);
    expect(result.applied).toBe(9);
    expect(result.undoSteps).toBe(1);
    expect(cellOf(gateway, "B2BA", "VL/2526/0710", "Action")).toBe("Accept");
    expect(cellOf(gateway, "B2BA", "VL/2526/0710", "ITC Reduction")).toBe("Full");
    expect(cellOf(gateway, "B2B", "MC/118", "Action")).toBe("Pending");
    expect(cellOf(gateway, "B2B", "MC/118", "Remarks")).toBe(cellOf(gateway, "B2B", "MC/118", "Suggested Remarks"));

    // Flagged (nothing suggested) and review rows keep the downloaded Pending.
    expect(cellOf(gateway, "B2B-CNA", "NF/CN/0019", "Action")).toBe("Pending");
    expect(cellOf(gateway, "B2B-CN", "RT-CN-0007", "Action")).toBe("Pending");
    expect(result.skipped.map((s) => [s.sheet, s.row, s.reason.split(" ")[0]])).toEqual(expect.arrayContaining([
      ["B2B-CNA", rowOf(gateway, "B2B-CNA", "NF/CN/0019") + 2, "Nothing"],
      ["B2B-CN", rowOf(gateway, "B2B-CN", "RT-CN-0007") + 2, "The"],
    ]));

    // Every applied decision reads back without an error, as Validate sees it.
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    const data = await readWorkbook(gateway);
    for (const e of data.entries) expect(checkDecision(e.record, e.decision).filter((f) => f.severity === "error"), e.record.key).toEqual([]);

    const again = await applySuggestions(gateway, { includeReview: true });
    expect(again.applied).toBe(2);
    expect(again.alreadyApplied).toBe(9);
    expect(cellOf(gateway, "B2B-CN", "RT-CN-0007", "Action")).toBe("Accept");
    expect(cellOf(gateway, "B2B-CN", "RT-CN-0007", "ITC Reduction")).toBe("Full");
  });

  it("applies to the selected rows only", async () => {
    const gateway = await reconciled();
    gateway.selectRows("B2B", [rowOf(gateway, "B2B", "MC/118"), rowOf(gateway, "B2B", "2025260000000417")]);
    const { sheet, rows } = await gateway.selectedRows();
    const result = await applySuggestions(gateway, { sheet, rows });
    // 2025260000000417 was downloaded as Pending with no remark; the suggestion adds its remark.
    expect(result.applied).toBe(2);
    expect(cellOf(gateway, "B2B", "MC/118", "Action")).toBe("Pending");
    expect(String(cellOf(gateway, "B2B", "2025260000000417", "Remarks"))).toContain("is not in our books");
    expect(cellOf(gateway, "B2B", "NF/2526/1187", "Action")).toBe("No Action");
    expect(cellOf(gateway, "B2BA", "VL/2526/0710", "Action")).toBe("No Action");
  });

  it("undo restores exactly the cells each apply overwrote, last apply first", async () => {
    const gateway = await reconciled();
    enter(gateway, "B2B", "MC/118", { Action: "Reject", Remarks: "Typed by me" });
    enter(gateway, "B2BA", "VL/2526/0710", { Action: "Accept", "ITC Reduction": "Partial", "Declared IGST": 10, "Declared CGST": 0 });
    const original = await decisionCells(gateway);

    await applySuggestions(gateway, { sheet: "B2B", rows: [rowOf(gateway, "B2B", "MC/118")] });
    const afterFirst = await decisionCells(gateway);
    const second = await applySuggestions(gateway, { includeReview: true });
    expect(second.replacedYourEntries).toBe(1); // VL/2526/0710's partial declaration
    expect(cellOf(gateway, "B2BA", "VL/2526/0710", "Declared IGST")).toBeNull();

    expect((await undoApplySuggestions(gateway)).undoSteps).toBe(1);
    expect(await decisionCells(gateway)).toEqual(afterFirst);
    const last = await undoApplySuggestions(gateway);
    expect(last.restored).toBe(1);
    expect(await decisionCells(gateway)).toEqual(original);
    await expect(undoApplySuggestions(gateway)).rejects.toThrow("no applied suggestion to undo");
  });

  it("undo leaves a row the user changed after applying as it is, and says so", async () => {
    const gateway = await reconciled();
    await applySuggestions(gateway);
    enter(gateway, "B2B", "MC/118", { Action: "Reject" });
    const result = await undoApplySuggestions(gateway);
    expect(result.restored).toBe(8);
    expect(result.leftAlone).toEqual([{ sheet: "B2B", row: rowOf(gateway, "B2B", "MC/118") + 2, reason: "Changed since the suggestion was applied: left as it is." }]);
    expect(cellOf(gateway, "B2B", "MC/118", "Action")).toBe("Reject");
    expect(cellOf(gateway, "B2BA", "VL/2526/0710", "Action")).toBe("No Action");
  });

  it("clears the old matching when the register cannot be read after a re-import, and says so", async () => {
    const gateway = await imported();
    await pasteAtA2(gateway, registerCsv("register-tally.csv"));
    done(await reconcileWorkbook(gateway));
    // The user empties the Purchase Register sheet, then imports a newer download.
    await gateway.writeSheet(PURCHASE_REGISTER_SPEC, []);
    const report = await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: new Date("2026-04-16T05:00:00Z") });
    expect(report.reconciliation).toMatchObject({ kind: "no-register" });
    expect((await gateway.readSheet(MISSING_IN_IMS_SHEET)).rows).toEqual([]);
    await expect(applySuggestions(gateway)).rejects.toThrow("imported again after the last reconciliation");
  });

  it("refuses to apply suggestions made before the download was imported again", async () => {
    const gateway = await imported();
    // From a file, as the command line does: a re-import cannot reconcile it again by itself.
    done(await reconcileWorkbook(gateway, { register: { name: "register-tally.csv", rows: registerCsv("register-tally.csv") } }));
    await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: new Date("2026-04-16T05:00:00Z") });
    expect(cellOf(gateway, "B2B", "MC/118", "Match Status")).toBeNull();
    expect((await gateway.readSheet(MISSING_IN_IMS_SHEET)).rows).toEqual([]);
    await expect(applySuggestions(gateway)).rejects.toThrow("imported again after the last reconciliation");
    expect(await reconcileAgainAfterImport(gateway)).toMatchObject({ kind: "not-rerun" });
  });
});

describe("on the Office host over the fake Excel", () => {
  it("reads a register typed in from cell A1, with the row numbers the user sees", async () => {
    const gateway = inMemoryGateway();
    await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
    await preparePurchaseRegister(gateway);
    registerCsv("register-tally.csv").forEach((row, r) => row.forEach((value, c) => {
      if (value !== "") gateway.excel.user.type(PURCHASE_REGISTER_SHEET, r, c, value);
    }));
    const outcome = done(await reconcileWorkbook(gateway));
    expect(outcome.problems.map((p) => p.row)).toEqual([19, 20, 22, 22, 22]);
    expect(outcome.counts.exact).toBe(4);
    const { header, rows } = await gateway.readSheet("B2B");
    const mc = rows.find((r) => r[header.indexOf("Document No")] === "MC/118")!;
    expect(mc[header.indexOf("Match Status")]).toBe("Mismatch");
    expect(mc[header.indexOf("Action")]).toBe("No Action");

    const applied = await applySuggestions(gateway);
    expect(applied.applied).toBeGreaterThan(0);
    expect(gateway.excel.inspect.formulas()).toEqual([]);
    await undoApplySuggestions(gateway);
    expect((await gateway.readSheet("B2B")).rows.find((r) => r[header.indexOf("Document No")] === "MC/118")![header.indexOf("Action")]).toBe("No Action");
  });
});
