import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcile, readRegister, detectColumns, suggest, type RecordMatch, type Suggestion } from "../../src/ims/reconcile";
import type { CellValue } from "../../src/workbook/gateway";
import {
  MISSING_IN_IMS_SPEC, PURCHASE_REGISTER_SPEC, matchCells, missingInImsRow, suggestedActionText,
} from "../../src/workbook/reconcile-sheets";
import {
  RECONCILE_STATE_SPEC, ReconcileStateError, parseReconcileState, reconcileStateRows, type ReconcileState,
} from "../../src/workbook/reconcile-state";
import { PART_LENGTH } from "../../src/workbook/state";
import { BOOKS_HEADER, NAVKAR, bookRow, imsRecord } from "../ims/reconcile/support";

function kindOk(kind: string, value: CellValue): boolean {
  if (value === null) return true;
  return kind === "text" ? typeof value === "string" : typeof value === "number";
}

describe("the Missing in IMS sheet", () => {
  /** Text a register could carry that a spreadsheet would turn into a formula, number or date if not stored as text. */
  const hostile = fc.constantFrom("=HYPERLINK(\"http://x\",\"y\")", "+91 98200", "-5", "@SUM(A1)", "0012", "2025260000000417", "05-03-2026");

  it("puts every register value in a column of its kind: text as text, never a number or formula", () => {
    fc.assert(fc.property(hostile, hostile, (number, name) => {
      const header = [...BOOKS_HEADER, "Supplier Name"];
      const rows = [header, [...bookRow({ number }), name]];
      const { entries } = readRegister(rows, detectColumns(header), "books.csv");
      const [miss] = reconcile([], entries).missingInIms;
      const cells = missingInImsRow(miss);
      expect(cells).toHaveLength(MISSING_IN_IMS_SPEC.columns.length);
      cells.forEach((v, i) => expect(kindOk(MISSING_IN_IMS_SPEC.columns[i].kind, v), MISSING_IN_IMS_SPEC.columns[i].header).toBe(true));
      expect(cells[3]).toBe(number);
      expect(cells[1]).toBe(name);
    }));
  });

  it("leaves an amount the register has no column for empty, and shows the booked amounts and date", () => {
    const header = ["GSTIN", "Invoice No", "Invoice Date", "Taxable Value", "IGST"];
    const rows = [header, [NAVKAR, "INV-9", "05-03-2026", "1,000", "(180)"]];
    const { entries } = readRegister(rows, detectColumns(header), "books.csv");
    const cells = missingInImsRow(reconcile([], entries).missingInIms[0]);
    const at = (h: string) => cells[MISSING_IN_IMS_SPEC.columns.findIndex((c) => c.header === h)];
    expect([at("Taxable Value"), at("IGST"), at("CGST"), at("Cess")]).toEqual([1000, -180, null, null]);
    expect(at("Document Date")).toBe(46086);
    expect(at("Document Type")).toBe("Invoice");
    expect(at("Register Row")).toBe(2);
  });
});

describe("the reconciliation columns of a row", () => {
  const record = imsRecord({ number: "INV-5", iamt: 0 });
  const match = (status: RecordMatch["status"]): RecordMatch => ({
    record, status, reasons: [], differences: [], sameDocumentInIms: [], sameDocumentInBooks: status === "missing-in-books" ? [] : [7],
    summary: `summary of ${status}`,
  });

  it("shows the suggestion, and nothing to apply for a flagged record", () => {
    const exact = suggest(record, match("exact"));
    expect(matchCells(match("exact"), exact)).toEqual({
      matchStatus: "Exact",
      matchDetails: "summary of exact The books also hold it on row 7: booked twice?",
      suggestedAction: "Accept",
      suggestedRemarks: "",
      reviewNeeded: "",
    });
    const blocked = imsRecord({ number: "INV-6", ispendactblocked: "Y" });
    const flagged = suggest(blocked, { status: "missing-in-books", reasons: [], differences: [] });
    expect(flagged.flagged).toBe(true);
    const cells = matchCells({ ...match("missing-in-books"), record: blocked }, flagged);
    expect(cells).toMatchObject({ matchStatus: "Missing in books", suggestedAction: "", suggestedRemarks: "", reviewNeeded: "Yes" });
    expect(String(cells.matchDetails)).toContain("Review: ");
  });

  it("names the ITC-reduction choice an Accept carries", () => {
    const s = { action: "A", itc: "full", flagged: false } as Suggestion;
    expect(suggestedActionText(s)).toBe("Accept (ITC reduction: Full)");
  });
});

describe("the sheets' layout", () => {
  it("Purchase Register: unprotected text columns the user pastes into, the note in A1", () => {
    expect(PURCHASE_REGISTER_SPEC.grid).toBe(false);
    expect(PURCHASE_REGISTER_SPEC.columns.every((c) => c.editable && c.kind === "text")).toBe(true);
    expect(PURCHASE_REGISTER_SPEC.columns[0].header).toMatch(/^Paste your purchase register here/);
  });

  it("_IMS_Reconcile is very hidden and all text", () => {
    expect(RECONCILE_STATE_SPEC.visibility).toBe("veryHidden");
    expect(RECONCILE_STATE_SPEC.columns.every((c) => c.kind === "text")).toBe(true);
  });
});

describe("the reconciliation store", () => {
  const header = RECONCILE_STATE_SPEC.columns.map((c) => c.header);
  const state: ReconcileState = {
    run: {
      importedAt: "2026-04-15T05:00:00.000Z", ranAt: "2026-04-15T06:00:00.000Z", source: { kind: "sheet", sheet: "Purchase Register" },
      tolerance: 1, dateWindowDays: 30, confirmedMapping: { headerRow: 4, headers: ["GSTIN", "Bill"], columns: { supplierGstin: 0, documentNumber: 1 } },
    },
    suggestions: new Map([["b2b|X|1|05-03-2026", {
      decision: { action: "P", remarks: "Please amend", itc: null, declared: { igst: null, cgst: null, sgst: null, cess: null } },
      remarksSuggested: true, needsReview: false,
    }]]),
    undo: [
      { batch: 1, key: "b2b|X|1|05-03-2026", sheet: "B2B", before: { action: "No Action", remarks: "x".repeat(PART_LENGTH * 2 + 5) }, after: { action: "Pending", remarks: "Please amend" } },
      { batch: 2, key: "b2b|X|1|05-03-2026", sheet: "B2B", before: { action: "Pending" }, after: { action: "Accept" } },
    ],
  };

  it("round-trips, splitting long entries into parts a cell can hold", () => {
    const rows = reconcileStateRows(state);
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
      for (const v of row) expect(typeof v === "string" && v.length <= PART_LENGTH).toBe(true);
    }
    expect(rows.filter((r) => r[0] === "undo").length).toBeGreaterThan(2);
    expect(parseReconcileState(header, rows)).toEqual(state);
  });

  it("refuses damaged data with a message that says what to do", () => {
    const rows = reconcileStateRows(state);
    const broken = rows.map((r) => (r[0] === "suggestion" ? [...r.slice(0, 4), "{not json"] : r));
    expect(() => parseReconcileState(header, broken)).toThrow(ReconcileStateError);
    expect(() => parseReconcileState(header, broken)).toThrow(/Run Reconcile again/);
    const outOfOrder = rows.filter((r) => !(r[0] === "undo" && r[3] === "2"));
    expect(() => parseReconcileState(header, outOfOrder)).toThrow(/part out of order/);
    expect(() => parseReconcileState(["Entry"], rows)).toThrow(/header/);
  });

  it("refuses an entry of another form, before Apply or Undo writes anything from it", () => {
    const rows = reconcileStateRows(state);
    const edited = (entry: string, edit: (value: Record<string, unknown>) => unknown) =>
      rows.map((r) => (r[0] === entry && r[3] === "1" ? [...r.slice(0, 4), JSON.stringify(edit(JSON.parse(String(r[4]))))] : r));
    const suggestion = edited("suggestion", (v) => ({ ...v, decision: { ...(v.decision as object), action: "Q" } }));
    expect(() => parseReconcileState(header, suggestion)).toThrow(/damaged \(the suggestion entry b2b\|X\|1\|05-03-2026 does not hold what it should\)/);
    expect(() => parseReconcileState(header, edited("suggestion", () => ({})))).toThrow(/does not hold what it should/);
    expect(() => parseReconcileState(header, edited("run", (v) => ({ ...v, source: "Purchase Register" })))).toThrow(/damaged \(the run entry does not hold what it should\)/);
    const undoRows = rows.filter((r) => r[0] !== "undo" || r[2] === "2");
    expect(() => parseReconcileState(header, undoRows.map((r) => (r[0] === "undo" ? [...r.slice(0, 4), JSON.stringify({ ...state.undo[1], after: { action: { x: 1 } } })] : r))))
      .toThrow(/the undo entry b2b\|X\|1\|05-03-2026 does not hold what it should/);
    expect(() => parseReconcileState(header, undoRows.map((r) => (r[0] === "undo" ? [...r.slice(0, 4), JSON.stringify({ ...state.undo[1], key: "b2b|Y|2|05-03-2026" })] : r))))
      .toThrow(/does not hold what it should/);
  });
});
