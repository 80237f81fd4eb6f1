import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateUpload } from "../../src/app/generate";
import { importDownloads } from "../../src/app/import";
import { NothingToMarkError, markUploadProcessed } from "../../src/app/processed";
import { readWorkbook } from "../../src/app/read-workbook";
import { applySuggestions, preparePurchaseRegister, reconcileWorkbook, undoApplySuggestions } from "../../src/app/reconcile";
import { generateDecisions, generateDownload, generateRegister, downloadBytes } from "../../src/dev/generate";
import { isUnreadable } from "../../src/ims/decision";
import { parseCsv } from "../../src/ims/reconcile";
import { readDownloads } from "../../src/ims/download/read";
import type { CellValue } from "../../src/workbook/gateway";
import { LAST_UPLOAD_SHEET, LAST_UPLOAD_SHEET_SPEC } from "../../src/workbook/last-upload";
import { userChanged } from "../../src/workbook/merge";
import { PURCHASE_REGISTER_SHEET } from "../../src/workbook/reconcile-sheets";
import { RECONCILE_STATE_SHEET, RECONCILE_STATE_SPEC, ReconcileStateError } from "../../src/workbook/reconcile-state";
import { STATE_SCHEMA_VERSION, STATE_SHEET_SPEC, WorkbookStateError, parseState, restoreRecords, stateRows, type WorkbookState } from "../../src/workbook/state";
import { damageRows, jsonEdit, runs, sheetDamage } from "./mutate";
import { NOW, download, enterDecision, newWorkbook } from "./workbook-user";

/**
 * Fuzzing the readers of the workbook's hidden sheets. They travel inside a
 * workbook anyone can unhide and edit (or a spreadsheet program can alter):
 *   - whatever the state sheet's cells hold, the state reads whole, every record
 *     restored, or is refused with a WorkbookStateError that says what to do,
 *     never another exception;
 *   - whatever the record of the last upload holds, marking the upload
 *     processed works or is refused with a message, and the workbook still
 *     reads, every record on its row, and still exports;
 *   - whatever the reconciliation's sheet holds, applying its suggestions and
 *     undoing them work or are refused with a message, never another exception.
 */

const HEADER = STATE_SHEET_SPEC.columns.map((c) => c.header);
const WIDTH = HEADER.length;

function stateOf(seed: number, records: number): WorkbookState {
  const download = readDownloads([{ name: "ims.json", bytes: downloadBytes(generateDownload({ records, seed }).root) }]);
  return {
    status: "complete",
    stamp: "2026-04-15T05:00:00.000Z#1",
    enteredRecipient: "27AAGCK4821M1Z8",
    meta: { schemaVersion: STATE_SCHEMA_VERSION, fileRecipients: [], importedAt: "2026-04-15T05:00:00.000Z", files: [], setAside: [] },
    records: download.records.map((r) => ({ section: r.section, source: r.source, raw: r.raw })),
  };
}

/** What a use case does with the sheet: parse it, then restore every record. */
function readState(rows: readonly (readonly CellValue[])[]): { ok: WorkbookState; keys: string[] } | { refused: WorkbookStateError } {
  try {
    const state = parseState(HEADER, rows);
    return { ok: state, keys: restoreRecords(state.records).map((r) => r.key) };
  } catch (error) {
    if (error instanceof WorkbookStateError) return { refused: error };
    throw error;
  }
}

describe("the hidden state reader, fuzzed", () => {
  it("reads the state whole or refuses it with a message saying what to do, whatever its cells hold", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 12 }), fc.array(sheetDamage(WIDTH), { minLength: 1, maxLength: 4 }), (seed, records, damages) => {
        const rows = damageRows(stateRows(stateOf(seed, records)), damages);
        const outcome = readState(rows);
        if ("refused" in outcome) {
          expect(outcome.refused.message).toMatch(/^(The add-in's hidden data in this workbook is damaged \(.+\)\. Import the portal download again|This workbook was made by)/);
          return;
        }
        // Read: every record has a whole-number place in its file, as the download gave it, and is stored once.
        for (const record of outcome.ok.records) expect(Number.isInteger(record.source.position), JSON.stringify(record.source)).toBe(true);
        expect(new Set(outcome.keys).size).toBe(outcome.keys.length);
      }),
      { numRuns: runs(300) },
    );
  });

  it("reads an undamaged state back as written", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 12 }), (seed, records) => {
        const state = stateOf(seed, records);
        expect(readState(stateRows(state))).toMatchObject({ ok: state });
      }),
      { numRuns: runs(30) },
    );
  });
});

/** What a decision kept for the upload may be turned into: objects of decision keys and others (a record's identity among them), with any values. */
const keptDecision: fc.Arbitrary<string> = fc.oneof(
  fc.dictionary(fc.constantFrom("action", "remarks", "itcRedReq", "declIgst", "declCess", "inum", "ctin", "stin", "val", "__proto__"), fc.jsonValue(), { maxKeys: 8 }).map((o) => JSON.stringify(o)),
  fc.dictionary(fc.constantFrom("action", "remarks", "itcRedReq", "declIgst", "declCgst", "declSgst", "declCess"), fc.constantFrom<unknown>("A", "R", "P", "N", "Y", "", "x", 0, 12.5, -1, null, true), { minKeys: 7 }).map((o) => JSON.stringify(o)),
  fc.json(),
);
const DECISION_COLUMN = LAST_UPLOAD_SHEET_SPEC.columns.findIndex((c) => c.header === "Decision");

describe("the hidden record of the last upload, fuzzed", () => {
  it("whatever it holds, marking the upload processed works or is refused, and the workbook still reads and exports", async () => {
    const decisionDamage = fc.record({ kind: fc.constant("cell" as const), row: fc.nat(), column: fc.constant(DECISION_COLUMN), value: keptDecision });
    const damage = fc.array(fc.oneof(decisionDamage, sheetDamage(LAST_UPLOAD_SHEET_SPEC.columns.length)), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 10 }), damage, async (seed, records, damages) => {
        const d = download({ records, seed });
        const gateway = newWorkbook();
        await importDownloads(gateway, [d.file], { now: NOW, recipientGstin: d.recipientGstin });
        const decisions = generateDecisions(d.records, { share: 0.8, seed });
        for (const [i, record] of d.records.entries()) if (userChanged(record, decisions[i])) await enterDecision(gateway, record, decisions[i]);
        if ((await generateUpload(gateway, { now: NOW })).kind !== "files") return;

        const { rows } = await gateway.readSheet(LAST_UPLOAD_SHEET);
        await gateway.writeSheet(LAST_UPLOAD_SHEET_SPEC, damageRows(rows, damages));
        try {
          await markUploadProcessed(gateway, "all");
        } catch (error) {
          if (!(error instanceof NothingToMarkError)) throw error;
        }

        const data = await readWorkbook(gateway);
        expect(data.problems).toEqual([]);
        expect(data.entries.map((e) => e.record.key).sort()).toEqual(d.records.map((r) => r.key).sort());
        for (const { record } of data.entries) expect(isUnreadable(record.downloaded.action), record.key).toBe(false);
        expect((await generateUpload(gateway, { now: NOW })).kind).not.toBe("refused");
      }),
      { numRuns: runs(40) },
    );
  });
});

/** The refusals a damaged reconciliation may meet: its own, or there being nothing (left) to apply or undo. */
function expectRefusal(error: unknown): void {
  if (error instanceof ReconcileStateError) return;
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).constructor).toBe(Error);
  expect((error as Error).message).toMatch(/^(There is nothing to apply yet|There is no applied suggestion to undo|The IMS data was imported again)/);
}

describe("the reconciliation's hidden sheet, fuzzed", () => {
  it("whatever it holds, applying and undoing work or are refused with a message, and the workbook still reads", async () => {
    // Most of all, an entry's JSON edited so that it still reads as JSON.
    const data = RECONCILE_STATE_SPEC.columns.findIndex((c) => c.header === "Data");
    const damage = fc.array(fc.oneof(jsonEdit(data), sheetDamage(RECONCILE_STATE_SPEC.columns.length)), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 10 }), damage, fc.boolean(), async (seed, records, damages, appliedFirst) => {
        const d = download({ records, seed });
        const gateway = newWorkbook();
        await importDownloads(gateway, [d.file], { now: NOW, recipientGstin: d.recipientGstin });
        await preparePurchaseRegister(gateway);
        await gateway.writeCells(PURCHASE_REGISTER_SHEET, 0, 0, parseCsv(generateRegister(d.records, { seed }).csv, "books.csv"));
        if ((await reconcileWorkbook(gateway)).kind !== "reconciled") return;
        // Damaged with nothing applied yet, or after an apply, when it also holds what Undo writes back.
        if (appliedFirst) await applySuggestions(gateway, { includeReview: true });

        const { rows } = await gateway.readSheet(RECONCILE_STATE_SHEET);
        await gateway.writeSheet(RECONCILE_STATE_SPEC, damageRows(rows, damages));
        for (const step of [() => applySuggestions(gateway, { includeReview: true }), () => undoApplySuggestions(gateway)]) {
          try {
            await step();
          } catch (error) {
            expectRefusal(error);
          }
        }
        expect((await readWorkbook(gateway)).entries).toHaveLength(d.records.length);
      }),
      { numRuns: runs(40) },
    );
  });
});
