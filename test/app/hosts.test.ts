import { describe, expect, it } from "vitest";
import { generateUpload } from "../../src/app/generate";
import { importDownloads } from "../../src/app/import";
import { readWorkbook } from "../../src/app/read-workbook";
import { validateWorkbook } from "../../src/app/validate";
import { inMemoryGateway, type InMemoryGateway } from "../../src/hosts/fake-excel/preview";
import { XlsxWorkbook } from "../../src/hosts/xlsx/xlsx-gateway";
import type { CellValue, WorkbookGateway } from "../../src/workbook/gateway";
import { DOWNLOAD_SAMPLES, NOW, apartFromSendingAgain, SAMPLE_RECIPIENT, fixture, fixtureJson, jsonFile } from "../support/workbook";

/**
 * The use cases on the product's real hosts: the Office host over the strict
 * fake Excel, and the .xlsx host. "Reopen" is what each host keeps when the
 * file is closed: the fake's saved workbook, the .xlsx bytes.
 */
interface Host {
  readonly name: string;
  create(): WorkbookGateway;
  reopen(gateway: WorkbookGateway): Promise<WorkbookGateway>;
}

const HOSTS: readonly Host[] = [
  {
    name: "Office host on the fake Excel",
    create: () => inMemoryGateway(),
    reopen: async (gateway) => inMemoryGateway({ workbook: (gateway as InMemoryGateway).excel.toJSON() }),
  },
  {
    name: "xlsx host",
    create: () => XlsxWorkbook.create("test.xlsx"),
    reopen: async (gateway) => XlsxWorkbook.fromBytes("test.xlsx", await (gateway as XlsxWorkbook).toBytes()),
  },
];

/** Enters values into a document's row through the gateway, finding row and columns by header. */
async function enter(gateway: WorkbookGateway, sheet: string, documentNumber: string, cells: Record<string, CellValue>): Promise<void> {
  const { header, rows } = await gateway.readSheet(sheet);
  const row = rows.findIndex((r) => r[header.indexOf("Document No")] === documentNumber);
  if (row < 0) throw new Error(`${documentNumber} is not on ${sheet}`);
  for (const [h, value] of Object.entries(cells)) await gateway.writeCells(sheet, row, header.indexOf(h), [[value]]);
}

async function enterSampleDecisions(gateway: WorkbookGateway): Promise<void> {
  await enter(gateway, "B2B", "NF/2526/1187", { Action: "Accept" });
  await enter(gateway, "B2B", "RT-00931", { Action: "Pending", Remarks: "Awaiting goods receipt; supplier return not yet filed" });
  await enter(gateway, "B2B", "2025260000000417", { Action: "Reject", Remarks: "Consignment returned undelivered; please amend or issue credit note" });
  await enter(gateway, "B2BA", "VL/2526/0710", { Action: "Accept", "ITC Reduction": "Full" });
  await enter(gateway, "B2B-DN", "DN-26-0009", { Action: "Reject", Remarks: "Freight debit not agreed as per PO terms" });
  await enter(gateway, "B2B-CN", "TTM/CN/0042", {
    Action: "Accept", "ITC Reduction": "Partial", "Declared IGST": 900, "Declared CGST": 0, "Declared SGST": 0, "Declared Cess": 0,
    Remarks: "Only Rs 900 of ITC was availed on the original invoice",
  });
  await enter(gateway, "B2B-CN", "RT-CN-0007", { Action: "Accept", "ITC Reduction": "No Reduction", Remarks: "ITC on the original invoice was never availed" });
  await enter(gateway, "B2B-CNA", "NF/CN/0019", { Action: "Accept", "ITC Reduction": "Full" });
  await enter(gateway, "ECO", "EW-MH-26-552310", { Action: "Accept" });
}

for (const host of HOSTS) {
  describe(host.name, () => {
    it("round trip on every sample: the decisions read back are the downloaded ones", async () => {
      for (const name of DOWNLOAD_SAMPLES) {
        const gateway = host.create();
        await importDownloads(gateway, [fixture(name)], { now: NOW });
        const data = await readWorkbook(gateway);
        expect(data.problems, name).toEqual([]);
        for (const e of data.entries) expect(e.decision, `${name} ${e.record.key}`).toEqual(e.record.downloaded);
        expect((await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW })).kind, name).toBe("nothing-changed");
      }
    });

    it("generates the sample upload, and the same one after the file is closed and reopened", async () => {
      const gateway = host.create();
      await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
      await enterSampleDecisions(gateway);
      const before = await generateUpload(gateway, { now: NOW });
      if (before.kind !== "files") throw new Error(JSON.stringify(before));
      expect(JSON.parse(before.files[0].text)).toEqual(fixtureJson("ims_upload.json"));

      const reopened = await host.reopen(gateway);
      expect(apartFromSendingAgain(await generateUpload(reopened, { now: NOW }))).toEqual(before);
    });

    it("keeps hostile supplier texts as text: read back unchanged, no error, nothing uploaded", async () => {
      const json = fixtureJson("ims_download_api.json") as Record<string, Record<string, unknown>[]>;
      const hostile = ["=HYPERLINK(\"http://evil\",\"click\")", "+919820000000", "-5", "@SUM(A1)"];
      json.b2b.forEach((r, i) => { r.inum = hostile[i % hostile.length]; r.tradenm = hostile[(i + 1) % hostile.length]; });
      const gateway = host.create();
      await importDownloads(gateway, [jsonFile("hostile.json", json)], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
      const { header, rows } = await gateway.readSheet("B2B");
      expect(rows.map((r) => r[header.indexOf("Document No")])).toEqual(json.b2b.map((r) => r.inum));
      expect(rows.map((r) => r[header.indexOf("Supplier Name")])).toEqual(json.b2b.map((r) => r.tradenm));
      if ("excel" in gateway) expect((gateway as InMemoryGateway).excel.inspect.formulas()).toEqual([]);
      const result = await validateWorkbook(gateway, { now: NOW });
      expect(result.errors).toEqual([]);
    });
  });
}
