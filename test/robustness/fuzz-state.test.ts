import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateDownload, downloadBytes } from "../../src/dev/generate";
import { readDownloads } from "../../src/ims/download/read";
import type { CellValue } from "../../src/workbook/gateway";
import { STATE_SCHEMA_VERSION, STATE_SHEET_SPEC, WorkbookStateError, parseState, restoreRecords, stateRows, type WorkbookState } from "../../src/workbook/state";
import { runs } from "./mutate";

/**
 * Fuzzing the reader of the hidden state sheet. The sheet travels inside a
 * workbook anyone can unhide and edit (or a spreadsheet program can alter), so
 * whatever its cells hold, the state reads whole, every record restored, or is
 * refused with a WorkbookStateError that says what to do: never another
 * exception.
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

/** A value a cell may come to hold: what the sheet's own cells hold, and anything else. */
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom("status", "recipient", "meta", "shape", "record", "complete", "importing", "1", "2", "0", "-1", "1.5", "NaN", "", "[]", "{}", "null"),
  fc.string(),
  fc.json(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

type Damage =
  | { kind: "cell"; row: number; column: number; value: CellValue }
  | { kind: "cut"; row: number; column: number; at: number }
  | { kind: "drop"; row: number }
  | { kind: "repeat"; row: number }
  | { kind: "swap"; row: number; other: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant("cell" as const), row: fc.nat(), column: fc.nat({ max: WIDTH - 1 }), value: cellValue }),
  fc.record({ kind: fc.constant("cut" as const), row: fc.nat(), column: fc.nat({ max: WIDTH - 1 }), at: fc.nat() }),
  fc.record({ kind: fc.constant("drop" as const), row: fc.nat() }),
  fc.record({ kind: fc.constant("repeat" as const), row: fc.nat() }),
  fc.record({ kind: fc.constant("swap" as const), row: fc.nat(), other: fc.nat() }),
);

function damaged(rows: readonly (readonly CellValue[])[], damages: readonly Damage[]): CellValue[][] {
  const out = rows.map((r) => [...r]);
  for (const d of damages) {
    if (out.length === 0) break;
    const i = d.row % out.length;
    if (d.kind === "cell") out[i][d.column] = d.value;
    else if (d.kind === "cut") out[i][d.column] = String(out[i][d.column] ?? "").slice(0, d.at % (String(out[i][d.column] ?? "").length + 1));
    else if (d.kind === "drop") out.splice(i, 1);
    else if (d.kind === "repeat") out.splice(i, 0, [...out[i]]);
    else {
      const j = d.other % out.length;
      [out[i], out[j]] = [out[j], out[i]];
    }
  }
  return out;
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
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 12 }), fc.array(damage, { minLength: 1, maxLength: 4 }), (seed, records, damages) => {
        const rows = damaged(stateRows(stateOf(seed, records)), damages);
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
