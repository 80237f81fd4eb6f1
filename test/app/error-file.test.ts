import { describe, expect, it } from "vitest";
import { applyErrorFile } from "../../src/app/error-file";
import { generateUpload } from "../../src/app/generate";
import { importDownloads } from "../../src/app/import";
import { validateWorkbook } from "../../src/app/validate";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, enterSampleDecisions, fixture, fixtureJson, jsonFile, rowOf } from "../support/workbook";

/** The REQSTS error fixture without one of its sections: an error file that names only the other record. */
function errorFileWithout(section: "b2b" | "cn"): unknown {
  const file = fixtureJson("ims_reqsts_error_api.json") as { error_report: Record<string, unknown> };
  delete file.error_report[section];
  return file;
}

async function uploaded(): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
  enterSampleDecisions(gateway);
  const result = await generateUpload(gateway, { now: NOW });
  expect(result.kind).toBe("files");
  return gateway;
}

describe("loading the portal's error file", () => {
  for (const name of ["ims_reqsts_error_api.json", "ims_error_offline.json"]) {
    it(`${name}: shows each error on its row, with the code and guidance, and marks the row`, async () => {
      const gateway = await uploaded();
      const result = await applyErrorFile(gateway, [fixture(name)]);
      const b2b = rowOf(gateway, "B2B", "2025260000000417");
      const cn = rowOf(gateway, "B2B-CN", "TTM/CN/0042");

      expect(result.matched.map((m) => [m.sheet, m.row, m.code, m.quality])).toEqual([
        ["B2B", b2b + 2, "IMSSAV0010", "exact"],
        ["B2B-CN", cn + 2, "IMSSAV0054", "exact"],
      ]);
      expect(result.unmatched).toEqual([]);
      expect(gateway.cell("B2B", b2b, "Portal Errors")).toMatch(/^IMSSAV0010: Either previous action is incorrect\/ invoice might have edited by supplier\. \S/);
      expect(gateway.cell("B2B-CN", cn, "Portal Errors")).toMatch(/^IMSSAV0054: Error! Please enter value for the column itcRedReq\. /);
      expect(gateway.cell("B2B", b2b, "Error Codes")).toBe("|PORTAL|");
      expect(gateway.cell("B2B", 0, "Portal Errors")).toBeNull();
    });
  }

  it("keeps the portal mark through Validate, and keeps sheet codes through a new upload's error file", async () => {
    const gateway = await uploaded();
    await applyErrorFile(gateway, [fixture("ims_reqsts_error_api.json")]);
    const cn = rowOf(gateway, "B2B-CN", "TTM/CN/0042");
    // The two refused documents are sent again, in a new upload.
    expect((await generateUpload(gateway, { now: NOW })).kind).toBe("files");
    gateway.type("B2B-CN", cn, "Declared CGST", 5);
    await validateWorkbook(gateway, { now: NOW });
    expect(gateway.cell("B2B-CN", cn, "Error Codes")).toMatch(/^\|ITC-0\d\|.*\|PORTAL\|$/);

    // The new upload's error file, without this record, clears its portal error, not its sheet errors.
    await applyErrorFile(gateway, [jsonFile("later_error.json", errorFileWithout("cn"))]);
    expect(gateway.cell("B2B-CN", cn, "Portal Errors")).toBeNull();
    expect(gateway.cell("B2B-CN", cn, "Error Codes")).toMatch(/^\|ITC-0\d\|/);
    expect(gateway.cell("B2B-CN", cn, "Error Codes")).not.toContain("PORTAL");
  });

  it("adds up the error files of one upload: each part of a split upload has its own", async () => {
    const gateway = new MemoryGateway();
    await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
    enterSampleDecisions(gateway);
    expect((await generateUpload(gateway, { now: NOW, maxRecords: 2 })).kind).toBe("files");
    const b2b = rowOf(gateway, "B2B", "2025260000000417");
    const cn = rowOf(gateway, "B2B-CN", "TTM/CN/0042");

    await applyErrorFile(gateway, [jsonFile("part1_errors.json", errorFileWithout("cn"))]);
    await applyErrorFile(gateway, [jsonFile("part2_errors.json", errorFileWithout("b2b"))]);
    expect(gateway.cell("B2B", b2b, "Portal Errors")).toMatch(/^IMSSAV0010: /);
    expect(gateway.cell("B2B-CN", cn, "Portal Errors")).toMatch(/^IMSSAV0054: /);
    expect(gateway.cell("B2B", b2b, "Error Codes")).toBe("|PORTAL|");
  });

  it("returns errors that match no row instead of dropping them", async () => {
    const gateway = await uploaded();
    const file = fixtureJson("ims_reqsts_error_api.json") as { error_report: { b2b: { inv: { inum: string }[] }[] } };
    file.error_report.b2b[0].inv[0].inum = "NOT-IN-WORKBOOK";
    const result = await applyErrorFile(gateway, [jsonFile("error.json", file)]);
    expect(result.unmatched.map((e) => [e.documentNumber, e.code])).toEqual([["NOT-IN-WORKBOOK", "IMSSAV0010"]]);
    expect(result.matched).toHaveLength(1);
  });

  it("reports a whole-upload failure without marking rows", async () => {
    const gateway = await uploaded();
    const failed = { status_cd: "ER", err_cd: "GEN5001", err_msg: "Missing Mandatory Params" };
    const result = await applyErrorFile(gateway, [jsonFile("failed.json", failed)]);
    expect(result.requestFailures.map((f) => f.code)).toEqual(["GEN5001"]);
    expect(result.matched).toEqual([]);
  });

  it("remembers the last upload in the workbook, so a reopened workbook matches against it", async () => {
    const gateway = await uploaded();
    const reopened = MemoryGateway.open(gateway.save());
    const result = await applyErrorFile(reopened, [fixture("ims_reqsts_error_api.json")]);
    expect(result.matched).toHaveLength(2);
    expect((await reopened.readSheet("_IMS_LastUpload")).rows.map((r) => r[0])).toHaveLength(9);
  });
});
