import { describe, expect, it } from "vitest";
import { LAST_UPLOAD_SHEET_SPEC, lastUploadRows, parseLastUpload, uploadParts } from "../../src/workbook/last-upload";

const HEADER = LAST_UPLOAD_SHEET_SPEC.columns.map((c) => c.header);

describe("the last upload sheet", () => {
  it("keeps each record's key, file, the decision uploaded, the starting point it had and whether the portal refused it", () => {
    const upload = {
      generatedAt: "2026-04-15T05:00:00.000Z",
      records: [
        { key: "b2b|27AAJFN3309H1ZA|INV-1|01-04-2026", file: "IMS_Upload_1.json", decision: { action: "R", remarks: "not ours", itcRedReq: null }, startingPoint: { action: "P", remarks: "checking", itcRedReq: null }, refused: true },
        { key: "b2bcn|27AAJFN3309H1ZA|CN-1|02-04-2026", file: "IMS_Upload_1.json", decision: { action: "A", remarks: "", itcRedReq: "Y", declIgst: 90, declCgst: 0, declSgst: 0, declCess: 0 }, refused: false },
      ],
    };
    expect(parseLastUpload(HEADER, lastUploadRows(upload))).toEqual(upload);
  });

  it("reads a sheet of an earlier version, or a Decision cell that is not an object, without the decision", () => {
    const rows = [
      ["b2b|27AAJFN3309H1ZA|INV-1|01-04-2026", "IMS_Upload_1.json", "2026-04-15T05:00:00.000Z"],
      ["b2b|27AAJFN3309H1ZA|INV-2|01-04-2026", "IMS_Upload_1.json", "2026-04-15T05:00:00.000Z", "[1,2]"],
      ["b2b|27AAJFN3309H1ZA|INV-3|01-04-2026", "IMS_Upload_1.json", "2026-04-15T05:00:00.000Z", "{not json"],
    ];
    const read = parseLastUpload(["Record Key", "File", "Generated At", "Decision"], rows);
    expect(read?.records.map((r) => r.decision)).toEqual([undefined, undefined, undefined]);
    // Nor did it keep which records the portal refused: that is unknown, not "no".
    expect(read?.records.map((r) => r.refused)).toEqual([undefined, undefined, undefined]);
  });

  it("numbers the upload's files in the order written, and keeps which ones are marked processed", () => {
    const upload = {
      generatedAt: "2026-04-15T05:00:00.000Z",
      records: [
        { key: "k1", file: "part1.json", decision: { action: "A" }, refused: false, processed: true },
        { key: "k2", file: "part1.json", decision: { action: "A" }, refused: true, processed: true },
        { key: "k3", file: "part2.json", decision: { action: "R" }, refused: false },
      ],
    };
    const read = parseLastUpload(HEADER, lastUploadRows(upload))!;
    expect(read).toEqual(upload);
    expect(uploadParts(read)).toEqual([
      { number: 1, file: "part1.json", records: 2, processed: true },
      { number: 2, file: "part2.json", records: 1, processed: false },
    ]);
  });
});
