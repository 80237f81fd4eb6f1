import { describe, expect, it } from "vitest";
import { importDownloads } from "../../src/app/import";
import { readWorkbook } from "../../src/app/read-workbook";
import { generateUpload } from "../../src/app/generate";
import { changeSet } from "../../src/ims/changes";
import { readDownloads } from "../../src/ims/download/read";
import { SECTIONS } from "../../src/ims/sections";
import { MemoryGateway } from "../support/memory-gateway";
import { DOWNLOAD_SAMPLES, NOW, apartFromSendingAgain, SAMPLE_RECIPIENT, enter, enterSampleDecisions, fixture, fixtureJson, jsonFile, rowOf } from "../support/workbook";

async function imported(name: string): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture(name)], { now: NOW });
  return gateway;
}

describe("round trip on every sample: import, read back, nothing changed", () => {
  for (const name of DOWNLOAD_SAMPLES) {
    it(name, async () => {
      const gateway = await imported(name);
      const data = await readWorkbook(gateway);
      const download = readDownloads([fixture(name)]);

      expect(data.problems).toEqual([]);
      expect(data.entries.map((e) => e.record.key).sort()).toEqual(download.records.map((r) => r.key).sort());
      for (const entry of data.entries) {
        expect(entry.decision, entry.record.key).toEqual(entry.record.downloaded);
        // Rebuilt from the hidden state, not from cells: the downloaded object itself.
        expect(entry.record.raw).toEqual(download.records.find((r) => r.key === entry.record.key)!.raw);
      }
      expect(changeSet(data.entries).changed).toEqual([]);
      const result = await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW });
      expect(result.kind).toBe("nothing-changed");
    });
  }

  it("writes all eight section sheets, the Home sheet and the hidden state, even for sections with no records", async () => {
    const gateway = await imported("gstn_sandbox_api.json");
    const names = await gateway.sheetNames();
    for (const s of SECTIONS) expect(names).toContain(s.sheetName);
    expect(names).toContain("Home");
    expect(gateway.spec("_IMS_State").visibility).toBe("veryHidden");
    expect((await gateway.readSheet("ECO")).rows).toEqual([]);
  });
});

describe("sections without a sheet", () => {
  it("lists import-of-goods and unknown sections on the Home sheet with their counts, and makes no sheet for them", async () => {
    const json = fixtureJson("ims_download_api.json");
    json.impg = [{ boenum: "1234567", boedt: "01-03-2026", action: "N" }, { boenum: "1234568", boedt: "02-03-2026", action: "N" }];
    json.isd = [{ stin: "27AAJFN3309H1ZA" }];
    const gateway = new MemoryGateway();
    const report = await importDownloads(gateway, [jsonFile("with-impg.json", json)], { now: NOW });
    expect(report.setAside).toEqual([
      { kind: "import-of-goods", section: "impg", file: "with-impg.json", count: 2 },
      { kind: "unsupported", section: "isd", file: "with-impg.json", count: 1 },
    ]);
    const names = await gateway.sheetNames();
    expect(names.some((n) => /impg|isd/i.test(n))).toBe(false);
    const home = (await gateway.readSheet("Home")).rows;
    expect(home).toContainEqual(["Import of goods (not a sheet)", "impg", "2", expect.stringContaining("read-only")]);
    expect(home).toContainEqual(["Not supported (not a sheet)", "isd", "1", expect.stringContaining("not shown or uploaded")]);
  });
});

describe("deciding in the sheets generates the sample upload", () => {
  it("produces exactly ims_upload.json from the decisions the samples describe", async () => {
    const gateway = await imported("ims_download_offline.json");
    enterSampleDecisions(gateway);
    const result = await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW });
    if (result.kind !== "files") throw new Error(`Expected files, got ${JSON.stringify(result)}`);
    expect(result.files).toHaveLength(1);
    expect(JSON.parse(result.files[0].text)).toEqual(fixtureJson("ims_upload.json"));
  });

  it("refuses while a sheet error stands, names the cell, and marks the row", async () => {
    const gateway = await imported("ims_download_offline.json");
    enter(gateway, "B2B-CN", "TTM/CN/0042", { Action: "Accept" });
    const row = rowOf(gateway, "B2B-CN", "TTM/CN/0042");
    const result = await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW });
    expect(result.kind).toBe("refused");
    if (result.kind !== "refused") return;
    expect(result.reasons.filter((r) => r.startsWith(`B2B-CN row ${row + 2}, ITC Reduction:`) && r.includes("(ITC-04)"))).toHaveLength(1);
    expect(result.recordErrors.map((p) => p.finding.code)).toEqual(["ITC-04"]);
    expect(gateway.cell("B2B-CN", row, "Error Codes")).toBe("|ITC-04|");
    expect(gateway.cell("B2B-CN", row, "Error Cells")).toBe("|ITC Reduction|");
    expect(gateway.cell("B2B-CN", row, "Sheet Errors")).toMatch(/^Error ITC-04: /);
  });
});

describe("close and reopen", () => {
  it("a workbook saved and opened fresh generates the same upload", async () => {
    const gateway = await imported("ims_download_offline.json");
    enterSampleDecisions(gateway);
    const before = await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW });

    const reopened = MemoryGateway.open(gateway.save());
    // No GSTIN entered this time: the workbook remembered it.
    const after = await generateUpload(reopened, { now: NOW });
    expect(apartFromSendingAgain(after)).toEqual(before);
    expect(after.kind).toBe("files");
  });
});

describe("edits to read-only cells never reach the upload", () => {
  it("changing supplier, document and amount cells changes nothing in the file", async () => {
    const gateway = await imported("ims_download_offline.json");
    enterSampleDecisions(gateway);
    const honest = await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW });

    enter(gateway, "B2B", "NF/2526/1187", {
      "Supplier GSTIN": "29AABFR7623Q1ZI", "Supplier Name": "=HYPERLINK(\"http://x\")", "Document Date": 1,
      "Document Value": 1, "Taxable Value": 2, IGST: 3, "Previous Action": "Accept", "Pending Blocked": "No",
    });
    // The document number last: rowOf finds the row by it.
    enter(gateway, "B2B", "NF/2526/1187", { "Document No": "EDITED-1" });
    enter(gateway, "B2B-CN", "TTM/CN/0042", { CGST: 99999, "Return Period": "Jan 2020", "Source Form": "GSTR-5" });
    const edited = await generateUpload(gateway, { now: NOW });
    expect(apartFromSendingAgain(edited)).toEqual(honest);
  });
});
