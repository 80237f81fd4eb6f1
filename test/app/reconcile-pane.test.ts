import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importDownloads } from "../../src/app/import";
import { parseCsv } from "../../src/ims/reconcile";
import { RECONCILE_USE_CASES } from "../../src/taskpane/worker/reconcile-use-cases";
import { PURCHASE_REGISTER_SHEET } from "../../src/workbook/reconcile-sheets";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, fixture, rowOf } from "../support/workbook";

/**
 * The Reconcile step as the task pane runs it (its worker's use cases): what
 * the panel is shown, and the selection and filter turned into rows.
 */

const { reconcileSetup, createRegisterSheet, reconcile, applySuggestions, undoSuggestions } = RECONCILE_USE_CASES;

const tally = () => parseCsv(readFileSync(new URL("../fixtures/register-tally.csv", import.meta.url), "utf8"), "register-tally.csv");

async function workbook(): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
  return gateway;
}

describe("the pane's Reconcile step", () => {
  it("shows the register's state, from no sheet to the columns found", async () => {
    const gateway = await workbook();
    expect(await reconcileSetup(gateway)).toMatchObject({ hasImsData: true, register: { kind: "no-sheet" }, sheets: expect.arrayContaining(["B2B", "ECOA"]) });
    await createRegisterSheet(gateway);
    expect(await gateway.selectedRows()).toEqual({ sheet: PURCHASE_REGISTER_SHEET, rows: [0] });
    expect((await reconcileSetup(gateway)).register).toEqual({ kind: "empty" });

    await gateway.writeCells(PURCHASE_REGISTER_SHEET, 0, 0, tally());
    const setup = await reconcileSetup(gateway);
    if (setup.register.kind !== "found") throw new Error(setup.register.kind);
    expect(setup.register.mapping.headerRow).toBe(5);
    expect(setup.register.mapping.headers[4]).toBe("Supplier Invoice No.");
    expect(setup.register.mapping.columns.documentNumber).toBe(4);
    expect(setup.register.confirmed).toBe(false);
    expect(setup.lastRun).toBeUndefined();
  });

  it("answers with counts and the first problems, placed on the register's rows", async () => {
    const gateway = await workbook();
    await createRegisterSheet(gateway);
    await gateway.writeCells(PURCHASE_REGISTER_SHEET, 0, 0, tally());
    const outcome = await reconcile(gateway, { tolerance: 1 }, { now: NOW });
    if (outcome.kind !== "reconciled") throw new Error(outcome.kind);
    expect(outcome.counts["missing-in-books"]).toBe(1);
    expect(outcome.problemCount).toBe(5);
    expect(outcome.problems[0]).toMatchObject({ sheet: PURCHASE_REGISTER_SHEET, row: 20, column: "GSTIN/UIN", severity: "warning" });
    // Plain data only: it crosses from the worker to the page.
    expect(structuredClone(outcome)).toEqual(outcome);
    expect(JSON.stringify(outcome).length).toBeLessThan(5_000);
    expect((await reconcileSetup(gateway)).lastRun).toMatchObject({ tolerance: 1, stale: false, undoSteps: 0 });
  });

  it("applies to the selected rows or the rows the filter shows, counts the rows left alone by reason, and undoes", async () => {
    const gateway = await workbook();
    await createRegisterSheet(gateway);
    await gateway.writeCells(PURCHASE_REGISTER_SHEET, 0, 0, tally());
    await reconcile(gateway, { tolerance: 1 }, {});

    gateway.selectRows("B2B-CN", [rowOf(gateway, "B2B-CN", "TTM/CN/0042"), rowOf(gateway, "B2B-CN", "RT-CN-0007")]);
    const selected = await applySuggestions(gateway, { target: { kind: "selected" }, includeReview: false }, {});
    expect(selected.applied).toBe(1);
    expect(selected.skipped).toEqual([{ reason: expect.stringContaining("needs your review"), rows: 1 }]);
    expect(gateway.cell("B2B-CN", rowOf(gateway, "B2B-CN", "TTM/CN/0042"), "Action")).toBe("Accept");

    // No filter on B2B: every row shows.
    const visible = await applySuggestions(gateway, { target: { kind: "visible", sheet: "B2B" }, includeReview: false }, {});
    expect(visible.applied).toBe(4);
    expect(visible.undoSteps).toBe(2);

    const undone = await undoSuggestions(gateway, undefined, {});
    expect(undone).toMatchObject({ restored: 4, leftAlone: [], undoSteps: 1 });
    expect(gateway.cell("B2B", rowOf(gateway, "B2B", "MC/118"), "Action")).toBe("No Action");
  });

  it("runs with the columns the user changed in the table, and refuses them once the register is pasted anew", async () => {
    const gateway = await workbook();
    await createRegisterSheet(gateway);
    await gateway.writeCells(PURCHASE_REGISTER_SHEET, 0, 0, tally());
    const setup = await reconcileSetup(gateway);
    if (setup.register.kind !== "found") throw new Error(setup.register.kind);
    const { mapping } = setup.register;
    // The user says Voucher No. (column D), not Supplier Invoice No., holds the document number.
    const choice = { headerRow: mapping.headerRow, headers: mapping.headers, columns: { ...mapping.columns, documentNumber: 3 } };
    const outcome = await reconcile(gateway, { tolerance: 1, mapping: choice }, {});
    if (outcome.kind !== "reconciled") throw new Error(outcome.kind);
    expect(outcome.mapping.columns.documentNumber).toBe(3);
    expect(outcome.counts.exact).toBe(0);
    expect((await reconcileSetup(gateway)).register).toMatchObject({ confirmed: true, mapping: { columns: { documentNumber: 3 } } });

    await gateway.writeCells(PURCHASE_REGISTER_SHEET, mapping.headerRow - 1, 4, [["Bill No."]]);
    await expect(reconcile(gateway, { tolerance: 1, mapping: choice }, {})).rejects.toThrow("changed since its columns were chosen");
  });

  it("says so when nothing is selected", async () => {
    const gateway = await workbook();
    await expect(applySuggestions(gateway, { target: { kind: "selected" }, includeReview: false }, {})).rejects.toThrow("No rows are selected");
  });
});
