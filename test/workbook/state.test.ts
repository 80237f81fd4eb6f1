import { describe, expect, it } from "vitest";
import { readDownloads } from "../../src/ims/download/read";
import {
  PART_LENGTH, STATE_SCHEMA_VERSION, STATE_SHEET_SPEC, WorkbookStateError, parseState, restoreRecord, stateRows, storedRecordOf,
  type WorkbookState,
} from "../../src/workbook/state";
import { fixture } from "../support/workbook";

const header = STATE_SHEET_SPEC.columns.map((c) => c.header);
const records = readDownloads([fixture("ims_download_offline.json")]).records;

function state(overrides: Partial<WorkbookState> = {}): WorkbookState {
  return {
    status: "complete",
    enteredRecipient: "27AAGCK4821M1Z8",
    meta: { schemaVersion: STATE_SCHEMA_VERSION, fileRecipients: [], importedAt: "2026-04-15T05:00:00.000Z", files: [], setAside: [] },
    records: records.map(storedRecordOf),
    ...overrides,
  };
}

describe("the hidden state", () => {
  it("is a veryHidden sheet of text columns", () => {
    expect(STATE_SHEET_SPEC.visibility).toBe("veryHidden");
    expect(STATE_SHEET_SPEC.columns.every((c) => c.kind === "text" && !c.editable)).toBe(true);
  });

  it("round-trips records, recipient and meta; records normalise to the same ImsRecords", () => {
    const s = state();
    const back = parseState(header, stateRows(s));
    expect(back).toEqual(s);
    expect(back.records.map(restoreRecord)).toEqual(records);
  });

  it("keeps every cell a string or empty, and within Excel's 32,767 characters", () => {
    const long = { ...records[0].raw, remarks: "x".repeat(PART_LENGTH * 2 + 5) };
    const rows = stateRows(state({ records: [{ ...storedRecordOf(records[0]), raw: long }] }));
    for (const row of rows) for (const v of row) {
      expect(typeof v === "string" || v === null).toBe(true);
      expect(String(v ?? "").length).toBeLessThanOrEqual(32_767);
    }
    const recordRows = rows.filter((r) => r[0] === "record");
    expect(recordRows.map((r) => r[2])).toEqual(["1", "2", "3"]);
    expect(parseState(header, rows).records[0].raw).toEqual(long);
  });

  it("refuses damaged state with a message that says what to do", () => {
    const rows = stateRows(state());
    const broken = rows.map((r) => (r[0] === "record" && r[1] === records[0].key ? [...r.slice(0, 3), "{not json", ...r.slice(4)] : r));
    expect(() => parseState(header, broken)).toThrow(WorkbookStateError);
    expect(() => parseState(header, broken)).toThrow(/damaged .*record b2b\|27AAJFN3309H1ZA\|NF\/2526\/1187\|05-03-2026 is not valid JSON.*Import the portal download again/);
    expect(() => parseState(["Something", ...header.slice(1)], rows)).toThrow(/unexpected header row/);
  });

  it("refuses a workbook made by a newer version", () => {
    const rows = stateRows(state({ meta: { ...state().meta, schemaVersion: STATE_SCHEMA_VERSION + 1 } }));
    expect(() => parseState(header, rows)).toThrow(/newer version .*Update the add-in/);
  });

  it("refuses a stored record whose key no longer fits its content", () => {
    const stored = { ...storedRecordOf(records[0]), key: "b2b|27AAJFN3309H1ZA|OTHER|05-03-2026" };
    expect(() => restoreRecord(stored)).toThrow(/does not match its stored download/);
  });
});
