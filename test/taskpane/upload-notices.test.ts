import { describe, expect, it } from "vitest";
import type { UploadNotice } from "../../src/ims/upload";
import { REASONS_SHOWN, shownNotices, shownReasons } from "../../src/taskpane/worker/use-cases";

const onRecord = (code: string, key: string, severity: UploadNotice["severity"] = "info"): UploadNotice =>
  ({ code, severity, message: `B2B ${key} of 27AAJFN3309H1ZA: Accepting reverses ITC equal to the tax on this document.`, recordKeys: [key] });

describe("the upload's notices in the pane", () => {
  it("shows one line per rule for notices on single records, with the count and every record kept", () => {
    const many = Array.from({ length: 25_000 }, (_, i) => onRecord("WRN-07", `NF/${i}`));
    const split: UploadNotice = { code: "CHG-08", severity: "info", message: "The upload was split into 5 files.", recordKeys: [] };
    const shown = shownNotices([...many.slice(0, 2), onRecord("ACT-05", "RT-1"), ...many.slice(2), split, onRecord("WRN-01", "X-1", "warning")]);
    expect(shown.map((n) => n.code)).toEqual(["WRN-07", "ACT-05", "CHG-08", "WRN-01"]);
    expect(shown[0].message).toBe("25,000 records, for example B2B NF/0 of 27AAJFN3309H1ZA: Accepting reverses ITC equal to the tax on this document. Validate marks each of them on its row.");
    expect(shown[0].recordKeys).toHaveLength(25_000);
    expect(shown.slice(1)).toEqual([onRecord("ACT-05", "RT-1"), split, onRecord("WRN-01", "X-1", "warning")]);
  });

  it("keeps a rule's warnings and notes apart", () => {
    const shown = shownNotices([onRecord("ITC-09", "A", "warning"), onRecord("ITC-09", "B", "info"), onRecord("ITC-09", "C", "warning")]);
    expect(shown.map((n) => [n.severity, n.recordKeys])).toEqual([["warning", ["A", "C"]], ["info", ["B"]]]);
  });
});

describe("the reasons a generation was refused, in the pane", () => {
  it("are shown in full up to a limit, then counted", () => {
    const reasons = Array.from({ length: 3_000 }, (_, i) => `B2B row ${i + 2}, Action: the action is not readable (FMT-04)`);
    expect(shownReasons(reasons.slice(0, REASONS_SHOWN))).toEqual(reasons.slice(0, REASONS_SHOWN));
    const shown = shownReasons(reasons);
    expect(shown.slice(0, REASONS_SHOWN)).toEqual(reasons.slice(0, REASONS_SHOWN));
    expect(shown.slice(REASONS_SHOWN)).toEqual([`… and 2,980 more. Validate Sheet lists every one and takes you to its cell.`]);
  });
});
