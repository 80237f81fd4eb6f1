import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDownloads } from "../../src/ims/download/read";
import {
  HEAD_COLUMNS, HEAD_ROWS, PART_LENGTH, STATE_SCHEMA_VERSION, STATE_SHEET_SPEC, WorkbookStateError, parseState, readStateHead, restoreRecords,
  stateRows, statusRow, type StoredRecord, type WorkbookState,
} from "../../src/workbook/state";
import { fixture } from "../support/workbook";

const header = STATE_SHEET_SPEC.columns.map((c) => c.header);
const records = readDownloads([fixture("ims_download_offline.json")]).records;
/** What the state keeps of a record, as a plain object the tests can vary. */
const storedOf = (r: StoredRecord): StoredRecord => ({ section: r.section, source: r.source, raw: r.raw });

function state(overrides: Partial<WorkbookState> = {}): WorkbookState {
  return {
    status: "complete",
    enteredRecipient: "27AAGCK4821M1Z8",
    meta: { schemaVersion: STATE_SCHEMA_VERSION, fileRecipients: [], importedAt: "2026-04-15T05:00:00.000Z", files: [], setAside: [] },
    records: records.map(storedOf),
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
    expect(restoreRecords(back.records)).toEqual(records);
  });

  it("keeps every cell a string or empty, and within Excel's 32,767 characters", () => {
    const long = { ...records[0].raw, remarks: "x".repeat(PART_LENGTH * 2 + 5) };
    const rows = stateRows(state({ records: [{ ...storedOf(records[0]), raw: long }] }));
    for (const row of rows) for (const v of row) {
      expect(typeof v === "string" || v === null).toBe(true);
      expect(String(v ?? "").length).toBeLessThanOrEqual(32_767);
    }
    const recordRows = rows.filter((r) => r[0] === "record");
    expect(recordRows.map((r) => r[2])).toEqual(["1", "2", "3"]);
    expect(parseState(header, rows).records[0].raw).toEqual(long);
  });

  it("stores each list of keys once, and each record as its values", () => {
    const rows = stateRows(state());
    const shapes = rows.filter((r) => r[0] === "shape");
    const recordRows = rows.filter((r) => r[0] === "record");
    expect(shapes.length).toBeLessThan(records.length);
    expect(recordRows).toHaveLength(records.length);
    for (const r of recordRows) {
      expect(JSON.parse(String(r[3]))).toEqual(Object.values(records[recordRows.indexOf(r)].raw));
      expect(String(r[3])).not.toContain("\"stin\"");
    }
  });

  it("restores any downloaded object exactly: keys, their order, values and JSON types", () => {
    const base = storedOf(records[0]);
    fc.assert(fc.property(fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { minLength: 1, maxLength: 4 }), (raws) => {
      const stored = raws.map((raw, i) => ({ ...base, source: { ...base.source, position: i + 1 }, raw: JSON.parse(JSON.stringify(raw)) as Record<string, unknown> }));
      const back = parseState(header, stateRows(state({ records: stored }))).records;
      expect(back.map((r) => JSON.stringify(r.raw))).toEqual(stored.map((r) => JSON.stringify(r.raw)));
      for (const r of back) expect(Object.getPrototypeOf(r.raw)).toBe(Object.prototype);
    }));
    const odd = JSON.parse('{"b":1,"__proto__":{"x":null},"a":[true,"2",2.50],"10":{"n":-0.1}}') as Record<string, unknown>;
    const back = parseState(header, stateRows(state({ records: [{ ...base, raw: odd }] }))).records[0].raw;
    expect(Object.keys(back)).toEqual(["10", "b", "__proto__", "a"]);
    expect(JSON.stringify(back)).toBe(JSON.stringify(odd));
  });

  it("splits a long key list over parts too", () => {
    const raw = { ...records[0].raw, ["k".repeat(PART_LENGTH + 10)]: 1 };
    const rows = stateRows(state({ records: [{ ...storedOf(records[0]), raw }] }));
    expect(rows.filter((r) => r[0] === "shape").map((r) => r[2])).toEqual(["1", "2"]);
    for (const row of rows) for (const v of row) expect(String(v ?? "").length).toBeLessThanOrEqual(32_767);
    expect(JSON.stringify(parseState(header, rows).records[0].raw)).toBe(JSON.stringify(raw));
  });

  it("refuses damaged state with a message that says what to do", () => {
    const rows = stateRows(state());
    const first = rows.findIndex((r) => r[0] === "record");
    const withData = (data: string) => rows.map((r, i) => (i === first ? [...r.slice(0, 3), data, ...r.slice(4)] : r));
    expect(() => parseState(header, withData("{not json"))).toThrow(WorkbookStateError);
    expect(() => parseState(header, withData("{not json"))).toThrow(/damaged .*b2b record 1 of ims_download_offline.json is not valid JSON.*Import the portal download again/);
    expect(() => parseState(header, withData("[1,2]"))).toThrow(/b2b record 1 of ims_download_offline.json does not hold one value per key/);
    const unknownShape = rows.map((r, i) => (i === first ? [r[0], "99", ...r.slice(2)] : r));
    expect(() => parseState(header, unknownShape)).toThrow(/names shape 99, which is not stored before it/);
    expect(() => parseState(["Something", ...header.slice(1)], rows)).toThrow(/unexpected header row/);
    const noPlace = rows.map((r, i) => (i === first ? [...r.slice(0, 4), "1.5"] : r));
    expect(() => parseState(header, noPlace)).toThrow(/damaged \(a b2b record of ims_download_offline.json has the position "1.5", not a whole number from 1\)/);
  });

  it("refuses a record stored twice, which would otherwise read as a row deleted from its sheet", () => {
    const rows = stateRows(state());
    const first = rows.findIndex((r) => r[0] === "record");
    const twice = [...rows.slice(0, first + 1), rows[first], ...rows.slice(first + 1)];
    expect(() => restoreRecords(parseState(header, twice).records)).toThrow(/damaged \(b2b record 1 of ims_download_offline.json, document .+ of .+, is stored twice\)/);
    expect(restoreRecords(parseState(header, rows).records)).toEqual(records);
  });

  it("carries its stamp in the status entry, which the first rows alone give back with the recipient", () => {
    const stamped = state({ stamp: "5f0c1c9e-3a55-4a7e-9d0b-2f6a1d6f0c11" });
    const rows = stateRows(stamped);
    expect(parseState(header, rows).stamp).toBe(stamped.stamp);
    const head = rows.slice(0, HEAD_ROWS).map((r) => r.slice(0, HEAD_COLUMNS));
    expect(readStateHead(head)).toEqual({ status: "complete", stamp: stamped.stamp, enteredRecipient: "27AAGCK4821M1Z8" });
    // An import that starts rewriting the state clears the stamp.
    expect(readStateHead([statusRow("importing").slice(0, HEAD_COLUMNS), head[1]])).toEqual({ status: "importing", enteredRecipient: "27AAGCK4821M1Z8" });
    expect(parseState(header, stateRows(state())).stamp).toBeUndefined();
    expect(readStateHead([head[1], head[0]])).toBeUndefined();
    expect(readStateHead([["status", "done", "", "x"], head[1]])).toBeUndefined();
  });

  it("refuses import details of the wrong form, naming the field", () => {
    const rows = stateRows(state({ meta: { ...state().meta, files: [{ name: "a.json" }] as never } }));
    expect(() => parseState(header, rows)).toThrow(/damaged \(the import details have a wrong "files.0.importedAt"\)/);
  });

  it("refuses a workbook made by a newer version", () => {
    const rows = stateRows(state({ meta: { ...state().meta, schemaVersion: STATE_SCHEMA_VERSION + 1 } }));
    expect(() => parseState(header, rows)).toThrow(/newer version .*Update the add-in/);
  });

  it("refuses a workbook of the earlier layout, which stored each record's JSON object, rather than misread it", () => {
    const v1Header = ["Entry", "Key", "Part", "Data", "Section", "File", "Position"];
    const v1Rows = [
      ["status", "complete", "", "", "", "", ""],
      ["recipient", "", "", "", "", "", ""],
      ["meta", "workbook", "1", JSON.stringify({ ...state().meta, schemaVersion: 1 }), "", "", ""],
      ["record", records[0].key, "1", JSON.stringify(records[0].raw), "b2b", "ims.json", "1"],
    ];
    expect(() => parseState(v1Header, v1Rows)).toThrow(WorkbookStateError);
    expect(() => parseState(v1Header, v1Rows)).toThrow(/earlier test version .*layout 1.*Import the portal download again/);
  });

  it("refuses a stored record the download reader no longer accepts, naming it", () => {
    const stored = { ...storedOf(records[0]), raw: { ...records[0].raw, stin: 5 } };
    expect(() => restoreRecords([stored])).toThrow(/damaged .*b2b record 1 of ims_download_offline.json: /);
  });
});
