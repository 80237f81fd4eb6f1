import { describe, expect, it } from "vitest";
import { importDownloads } from "../../src/app/import";
import { readWorkbook } from "../../src/app/read-workbook";
import { STATE_SHEET } from "../../src/workbook/state";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, enter, fixture, fixtureJson, jsonFile, rowOf } from "../support/workbook";

type Raw = Record<string, unknown>;

/** A later download of the same taxpayer: the offline sample, edited by `change`. */
function laterDownload(change: (sections: Record<string, Raw[]>) => void, extra: Raw = {}) {
  const json = fixtureJson("ims_download_offline.json") as { imsDetails: Record<string, Raw[]> };
  change(json.imsDetails);
  return jsonFile("ims_later.json", { ...json, ...extra });
}

const later = new Date("2026-04-18T05:00:00Z");

async function workbookWithDecisions(): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
  enter(gateway, "B2B", "NF/2526/1187", { Action: "Accept" });
  enter(gateway, "B2B", "RT-00931", { Action: "Pending", Remarks: "Awaiting goods" });
  enter(gateway, "B2B", "MC/118", { Action: "Reject", Remarks: "Not our order" });
  return gateway;
}

describe("importing a newer download merges instead of overwriting", () => {
  it("keeps decisions on unchanged records, resets and flags changed ones, reports vanished ones", async () => {
    const gateway = await workbookWithDecisions();
    const file = laterDownload((s) => {
      const rt = s.b2b.find((r) => r.inum === "RT-00931")!;
      rt.val = 141700;
      rt.hash = "f".repeat(64);
      s.b2b = s.b2b.filter((r) => r.inum !== "MC/118");
      s.b2bcn.find((r) => r.nt_num === "TTM/CN/0042")!.action = "A";
      s.b2b.push({ ...s.b2b[0], inum: "NF/2526/1299", hash: "e".repeat(64) });
    });
    const report = await importDownloads(gateway, [file], { now: later });

    expect(report.merge!.kept.map((k) => k.record.documentNumber)).toEqual(["NF/2526/1187"]);
    expect(report.merge!.resetAndFlagged).toEqual([
      { record: expect.objectContaining({ sheet: "B2B", documentNumber: "RT-00931" }), discarded: "Pending, remarks \"Awaiting goods\"" },
    ]);
    expect(report.merge!.vanished).toEqual([{ record: expect.objectContaining({ documentNumber: "MC/118" }), decision: "Reject, remarks \"Not our order\"" }]);
    expect(report.merge!.added).toBe(1);
    expect(report.recipientGstin).toBe(SAMPLE_RECIPIENT);

    // What the sheets now show.
    expect(gateway.cell("B2B", rowOf(gateway, "B2B", "NF/2526/1187"), "Action")).toBe("Accept");
    const rt = rowOf(gateway, "B2B", "RT-00931");
    expect(gateway.cell("B2B", rt, "Action")).toBe("No Action");
    expect(gateway.cell("B2B", rt, "Remarks")).toBeNull();
    expect(gateway.cell("B2B", rt, "Import Notes")).toMatch(/^Changed by the supplier since the import of 15-04-2026\. Your decision \(Pending, remarks "Awaiting goods"\) was reset/);
    expect(gateway.cell("B2B-CN", rowOf(gateway, "B2B-CN", "TTM/CN/0042"), "Action")).toBe("Accept");
    expect(() => rowOf(gateway, "B2B", "MC/118")).toThrow();

    // The Home sheet lists what the user entered on records now gone.
    const home = (await gateway.readSheet("Home")).rows.map((r) => r.join(" "));
    expect(home.some((line) => line.includes("B2B MC/118") && line.includes("your decision was Reject"))).toBe(true);
    expect(home.some((line) => line.includes("B2B RT-00931") && line.includes("your decision was Pending"))).toBe(true);

    // The hidden state now holds the new download, and the kept decision is read against it.
    const data = await readWorkbook(gateway);
    expect(data.problems).toEqual([]);
    expect(data.byKey.get("b2b|29AABFR7623Q1ZI|RT-00931|21-03-2026")!.record.raw.val).toBe(141700);
    expect(data.records.some((r) => r.documentNumber === "MC/118")).toBe(false);
    expect(data.byKey.get("b2b|27AAJFN3309H1ZA|NF/2526/1187|05-03-2026")!.decision.action).toBe("A");
  });

  it("importing the same download again changes nothing the user entered", async () => {
    const gateway = await workbookWithDecisions();
    const before = await readWorkbook(gateway);
    const report = await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: later });
    const after = await readWorkbook(gateway);
    expect(report.merge).toMatchObject({ added: 0, resetAndFlagged: [], vanished: [] });
    expect(report.merge!.kept).toHaveLength(3);
    expect(after.entries.map((e) => [e.record.key, e.decision])).toEqual(before.entries.map((e) => [e.record.key, e.decision]));
  });

  it("refuses a download of another taxpayer, and leaves the workbook as it was", async () => {
    const gateway = await workbookWithDecisions();
    const saved = gateway.save();
    const other = laterDownload(() => {}, { rtin: "33AADCT1180B1ZY" });
    await expect(importDownloads(gateway, [other], { now: later })).rejects.toThrow(/holds the IMS data of 27AAGCK4821M1Z8, but these files are for 33AADCT1180B1ZY/);
    expect(gateway.save()).toBe(saved);
  });

  it("stops before writing when cancelled, leaving the workbook as it was", async () => {
    const gateway = await workbookWithDecisions();
    const saved = gateway.save();
    const controller = new AbortController();
    controller.abort();
    await expect(importDownloads(gateway, [fixture("ims_download_api.json")], { now: later, signal: controller.signal })).rejects.toThrow();
    expect(gateway.save()).toBe(saved);
  });

  it("detects an import that stopped half-way, and a new import then starts afresh", async () => {
    const gateway = await workbookWithDecisions();
    // Excel closed after the old state was marked and before the new one was written.
    await gateway.writeCells("_IMS_State", 0, 0, [["status", "importing", "", "", ""]]);
    await expect(readWorkbook(gateway)).rejects.toThrow(/last import into this workbook did not finish/);
    const report = await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: later });
    expect(report.notices.some((n) => n.message.includes("did not finish"))).toBe(true);
    expect((await readWorkbook(gateway)).problems).toEqual([]);
  });

  it("detects an import stopped while the hidden state was being written, whatever part of it was written", async () => {
    const gateway = await workbookWithDecisions();
    // Excel closes after the first rows of the new state went in (it takes several requests).
    const writeSheet = gateway.writeSheet.bind(gateway);
    gateway.writeSheet = async (spec, rows, options) => {
      if (spec.name !== STATE_SHEET) return writeSheet(spec, rows, options);
      await writeSheet(spec, rows.slice(0, 4), options);
      throw new Error("Excel closed");
    };
    await expect(importDownloads(gateway, [fixture("ims_download_api.json")], { now: later })).rejects.toThrow(/Excel closed/);
    await expect(readWorkbook(MemoryGateway.open(gateway.save()))).rejects.toThrow(/last import into this workbook did not finish/);
  });
});
