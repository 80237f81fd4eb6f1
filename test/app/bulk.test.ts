import { describe, expect, it } from "vitest";
import { setActionForRows } from "../../src/app/bulk";
import { importDownloads } from "../../src/app/import";
import { readWorkbook } from "../../src/app/read-workbook";
import { summariseWorkbook } from "../../src/app/summary";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, fixture, rowOf } from "../support/workbook";

async function imported(): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
  return gateway;
}

describe("setting an action on many rows", () => {
  it("writes the action as if typed, and pre-selects Full where a declaration is required (ITC-12)", async () => {
    const gateway = await imported();
    const tt = rowOf(gateway, "B2B-CN", "TTM/CN/0042");
    const rt = rowOf(gateway, "B2B-CN", "RT-CN-0007");
    const result = await setActionForRows(gateway, "B2B-CN", [tt, rt], "A");
    expect(result.updated).toBe(2);
    expect(gateway.cell("B2B-CN", tt, "Action")).toBe("Accept");
    expect(gateway.cell("B2B-CN", tt, "ITC Reduction")).toBe("Full");
    expect(gateway.cell("B2B-CN", rt, "ITC Reduction")).toBe("Full");
    const data = await readWorkbook(gateway);
    expect(data.entries.filter((e) => e.row.sheet === "B2B-CN").map((e) => [e.decision.action, e.decision.itc])).toEqual([["A", "full"], ["A", "full"]]);
  });

  it("does not pre-select a declaration the portal has blocked", async () => {
    const gateway = await imported();
    const eco = rowOf(gateway, "ECOA", "EW-MH-26-511087");
    await setActionForRows(gateway, "ECOA", [eco], "A");
    expect(gateway.cell("ECOA", eco, "ITC Reduction")).toBeNull();
  });

  it("validates the rows it changed, like any other edit, and marks them", async () => {
    const gateway = await imported();
    const cna = rowOf(gateway, "B2B-CNA", "NF/CN/0019");
    const result = await setActionForRows(gateway, "B2B-CNA", [cna], "R", { remarks: "Duplicate note" });
    expect(gateway.cell("B2B-CNA", cna, "Remarks")).toBe("Duplicate note");
    expect(result.findings.map((f) => f.code)).toContain("WRN-02");
    expect(String(gateway.cell("B2B-CNA", cna, "Sheet Errors"))).toContain("Warning WRN-02");

    // Pending on a pending-blocked record, set anew from Reject: an error, marked.
    const again = await setActionForRows(gateway, "B2B-CNA", [cna], "P");
    expect(again.findings.filter((f) => f.severity === "error").map((f) => [f.code, f.column, f.row])).toEqual([["ACT-01", "Action", cna + 2]]);
    expect(gateway.cell("B2B-CNA", cna, "Error Codes")).toBe("|ACT-01|");
  });

  it("skips rows that did not come from the download and says why", async () => {
    const gateway = await imported();
    const result = await setActionForRows(gateway, "B2B", [0, 40], "R");
    expect(result.updated).toBe(1);
    expect(result.skipped).toEqual([{ row: 42, reason: "This row did not come from the portal download." }]);
  });

  it("the summary counts the decisions now in the sheets", async () => {
    const gateway = await imported();
    await setActionForRows(gateway, "B2B", [0, 1, 2, 3], "R", { remarks: "Not ours" });
    const summary = await summariseWorkbook(gateway);
    expect(summary.after.bySection.find((s) => s.section === "b2b")!.byAction).toEqual([
      { action: "R", totals: expect.objectContaining({ count: 4 }) },
    ]);
    expect(summary.changed).toBe(4);
  });
});
