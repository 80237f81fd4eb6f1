import { describe, expect, it } from "vitest";
import { decisionAsDownloaded } from "../../src/ims/download/normalise";
import type { Decision } from "../../src/ims/decision";
import { LAST_UPLOAD_SHEET_SPEC, lastUploadRows, parseLastUpload, uploadParts } from "../../src/workbook/last-upload";

const HEADER = LAST_UPLOAD_SHEET_SPEC.columns.map((c) => c.header);
const NONE = { igst: null, cgst: null, sgst: null, cess: null };
/** A decision as the sheet keeps it. */
const kept = (decision: Partial<Decision>) => decisionAsDownloaded({ action: "A", remarks: "", itc: null, declared: NONE, ...decision });

describe("the last upload sheet", () => {
  it("keeps each record's key, file, the decision uploaded, the starting point it had and whether the portal refused it", () => {
    const upload = {
      generatedAt: "2026-04-15T05:00:00.000Z",
      records: [
        { key: "b2b|27AAJFN3309H1ZA|INV-1|01-04-2026", file: "IMS_Upload_1.json", decision: kept({ action: "R", remarks: "not ours" }), startingPoint: kept({ action: "P", remarks: "checking" }), refused: true },
        { key: "b2bcn|27AAJFN3309H1ZA|CN-1|02-04-2026", file: "IMS_Upload_1.json", decision: kept({ itc: "partial", declared: { igst: 90, cgst: 0, sgst: 0, cess: 0 } }), refused: false },
      ],
    };
    expect(parseLastUpload(HEADER, lastUploadRows(upload))).toEqual(upload);
  });

  it("reads a sheet of an earlier version, or a Decision cell that does not hold a decision as kept, without the decision", () => {
    const rows = [
      ["b2b|27AAJFN3309H1ZA|INV-1|01-04-2026", "IMS_Upload_1.json", "2026-04-15T05:00:00.000Z"],
      ["b2b|27AAJFN3309H1ZA|INV-2|01-04-2026", "IMS_Upload_1.json", "2026-04-15T05:00:00.000Z", "[1,2]"],
      ["b2b|27AAJFN3309H1ZA|INV-3|01-04-2026", "IMS_Upload_1.json", "2026-04-15T05:00:00.000Z", "{not json"],
      // Edited by hand: put into the stored download, it would change the document's number.
      ["b2b|27AAJFN3309H1ZA|INV-4|01-04-2026", "IMS_Upload_1.json", "2026-04-15T05:00:00.000Z", JSON.stringify({ ...kept({}), inum: "INV-X" })],
    ];
    const read = parseLastUpload(["Record Key", "File", "Generated At", "Decision"], rows);
    expect(read?.records.map((r) => r.decision)).toEqual([undefined, undefined, undefined, undefined]);
    // Nor did it keep which records the portal refused: that is unknown, not "no".
    expect(read?.records.map((r) => r.refused)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("numbers the upload's files in the order written, and keeps which ones are marked processed", () => {
    const upload = {
      generatedAt: "2026-04-15T05:00:00.000Z",
      records: [
        { key: "k1", file: "part1.json", decision: kept({}), refused: false, processed: true },
        { key: "k2", file: "part1.json", decision: kept({}), refused: true, processed: true },
        { key: "k3", file: "part2.json", decision: kept({ action: "R" }), refused: false },
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
