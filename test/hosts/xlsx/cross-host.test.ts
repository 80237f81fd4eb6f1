import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateUpload } from "../../../src/app/generate";
import { importDownloads } from "../../../src/app/import";
import { readWorkbook } from "../../../src/app/read-workbook";
import { validateWorkbook } from "../../../src/app/validate";
import { inMemoryGateway, type InMemoryGateway } from "../../../src/hosts/fake-excel/preview";
import { XlsxWorkbook } from "../../../src/hosts/xlsx/xlsx-gateway";
import type { CellValue, WorkbookGateway } from "../../../src/workbook/gateway";
import { STATE_SHEET, STATUS_ROW } from "../../../src/workbook/state";

/**
 * The same work through the two hosts, the .xlsx file of the command line and
 * the Office host on the in-memory Excel of the add-in's preview and tests:
 * the workbooks must read back to the same cells and the same decisions, and
 * carry the same layout (dropdowns, highlights, filter, protection).
 */

const DOWNLOAD = { name: "ims_download_offline.json", bytes: new Uint8Array(readFileSync(new URL("../../fixtures/ims_download_offline.json", import.meta.url))) };
const NOW = new Date("2026-04-05T06:30:00Z");
const GSTIN = "27AAGCK4821M1Z8";

/** A user's edits, by worksheet row and header text. */
const EDITS: readonly { sheet: string; row: number; header: string; value: CellValue }[] = [
  { sheet: "B2B", row: 2, header: "Action", value: "Accept" },
  { sheet: "B2B", row: 3, header: "Action", value: "Reject" },
  { sheet: "B2B", row: 3, header: "Remarks", value: "=not a formula, rate differs" },
  { sheet: "B2B-CN", row: 2, header: "Action", value: "Accept" },
  { sheet: "B2B-CN", row: 2, header: "ITC Reduction", value: "Partial" },
  { sheet: "B2B-CN", row: 2, header: "Declared IGST", value: 250.5 },
  { sheet: "B2B-CN", row: 2, header: "Remarks", value: "Part of the ITC was never availed" },
  { sheet: "B2B-DN", row: 2, header: "Action", value: "maybe" },
];

async function edit(gateway: WorkbookGateway): Promise<void> {
  for (const e of EDITS) {
    const { header } = await gateway.readSheet(e.sheet);
    await gateway.writeCells(e.sheet, e.row - 2, header.indexOf(e.header), [[e.value]]);
  }
}

async function bothHosts(): Promise<{ xlsx: XlsxWorkbook; memory: InMemoryGateway }> {
  const created = XlsxWorkbook.create();
  const memory = inMemoryGateway();
  for (const gateway of [created, memory] as WorkbookGateway[]) {
    await importDownloads(gateway, [DOWNLOAD], { now: NOW, recipientGstin: GSTIN });
    await edit(gateway);
  }
  // Through the file, as the next command (or Excel) would open it.
  return { xlsx: await XlsxWorkbook.fromBytes("book.xlsx", await created.toBytes()), memory };
}

/**
 * The product's sheets. A new Excel workbook (and so the in-memory one) starts
 * with an empty "Sheet1" the import leaves alone; a new .xlsx from the command
 * line starts with no sheet at all.
 */
async function productSheets(gateway: WorkbookGateway): Promise<string[]> {
  return (await gateway.sheetNames()).filter((name) => name !== "Sheet1");
}

/** Every cell of the product's sheets; the hidden state's stamp, random on each import, is blanked. */
async function allCells(gateway: WorkbookGateway): Promise<Record<string, { header: string[]; rows: CellValue[][] }>> {
  const sheets: Record<string, { header: string[]; rows: CellValue[][] }> = {};
  for (const name of await productSheets(gateway)) sheets[name] = await gateway.readSheet(name);
  const state = sheets[STATE_SHEET].rows;
  expect(state[STATUS_ROW][3]).toMatch(/^[0-9a-f-]{36}$/);
  state[STATUS_ROW][3] = "(stamp)";
  return sheets;
}

function argbToHex(argb: string | undefined): string | undefined {
  return argb ? `#${argb.slice(2)}` : undefined;
}

/** The .xlsx side of the layout, in the shape the in-memory Excel's inspector reports it. */
async function xlsxLayout(book: XlsxWorkbook, name: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await book.toBytes()) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(name) as ExcelJS.Worksheet & {
    sheetProtection?: { sheet?: boolean };
    conditionalFormattings: ExcelJS.ConditionalFormattingOptions[];
    dataValidations: { model: Record<string, ExcelJS.DataValidation> };
  };
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) hiddenColumns.push(c - 1);
  return {
    visibility: ws.state === "veryHidden" ? "VeryHidden" : ws.state === "hidden" ? "Hidden" : "Visible",
    frozenRows: ((ws.views ?? [])[0] as { ySplit?: number } | undefined)?.ySplit ?? 0,
    protected: ws.sheetProtection?.sheet === true,
    autoFilter: typeof ws.autoFilter === "string" ? ws.autoFilter : undefined,
    hiddenColumns,
    validations: Object.entries(ws.dataValidations.model).map(([address, v]) => ({ address, source: v.formulae[0].replace(/^"|"$/g, "") })),
    conditionalFormats: ws.conditionalFormattings
      .map((cf) => {
        const rule = cf.rules[0] as ExcelJS.ExpressionRuleType;
        return { address: cf.ref, formula: `=${rule.formulae?.[0]}`, fill: argbToHex((rule.style?.fill as ExcelJS.FillPattern | undefined)?.bgColor?.argb) };
      })
      .sort((a, b) => `${a.address}${a.formula}`.localeCompare(`${b.address}${b.formula}`)),
  };
}

function memoryLayout(memory: InMemoryGateway, name: string) {
  const s = memory.excel.inspect.sheet(name);
  return {
    visibility: s.visibility,
    frozenRows: s.frozenRows,
    protected: s.protection.protected,
    autoFilter: s.autoFilter?.address,
    hiddenColumns: s.hiddenColumns,
    validations: s.validations.map((v) => ({ address: v.address, source: v.source })),
    conditionalFormats: [...s.conditionalFormats].sort((a, b) => `${a.address}${a.formula}`.localeCompare(`${b.address}${b.formula}`)),
  };
}

describe("the xlsx host and the in-memory Office host", () => {
  it("write the same sheets, in the same order, with the same cells", async () => {
    const { xlsx, memory } = await bothHosts();
    expect(await xlsx.sheetNames()).toEqual(await productSheets(memory));
    expect(await allCells(xlsx)).toEqual(await allCells(memory));
  });

  it("read a few cells alike, cells past the content as null", async () => {
    const { xlsx, memory } = await bothHosts();
    for (const gateway of [xlsx, memory] as WorkbookGateway[]) {
      const { rows } = await gateway.readSheet("B2B");
      const last = rows.length - 1;
      expect(await gateway.readCells("B2B", last, 1, 2, 3)).toEqual([rows[last].slice(1, 4), [null, null, null]]);
    }
  });

  it("read back to the same records and decisions", async () => {
    const { xlsx, memory } = await bothHosts();
    const [a, b] = await Promise.all([readWorkbook(xlsx), readWorkbook(memory)]);
    const view = (data: typeof a) => data.entries.map((e) => ({ key: e.record.key, row: e.row, decision: e.decision }));
    expect(view(a)).toEqual(view(b));
    expect(view(a).find((e) => e.row.sheet === "B2B" && e.row.dataRow === 1)?.decision).toMatchObject({ action: "R", remarks: "=not a formula, rate differs" });
    expect(a.problems).toEqual(b.problems);
  });

  it("validate to the same findings and generate the same upload", async () => {
    const { xlsx, memory } = await bothHosts();
    const [va, vb] = await Promise.all([validateWorkbook(xlsx, { now: NOW }), validateWorkbook(memory, { now: NOW })]);
    expect(va.errors).toEqual(vb.errors);
    expect(va.errors.map((f) => `${f.sheet}!${f.row} ${f.code}`)).toContain("B2B-DN!2 FMT-04");
    expect(va.warnings).toEqual(vb.warnings);
    expect(await allCells(xlsx)).toEqual(await allCells(memory));

    for (const gateway of [xlsx, memory] as WorkbookGateway[]) await gateway.writeCells("B2B-DN", 0, (await gateway.readSheet("B2B-DN")).header.indexOf("Action"), [["Pending"]]);
    const [ua, ub] = await Promise.all([generateUpload(xlsx, { now: NOW }), generateUpload(memory, { now: NOW })]);
    expect(ua.kind, JSON.stringify(ua.kind === "refused" && ua.reasons)).toBe("files");
    expect(ua).toEqual(ub);
  });

  it("lay out every sheet alike: visibility, frozen header, filter, protection, hidden columns, dropdowns, highlights", async () => {
    const { xlsx, memory } = await bothHosts();
    for (const name of await productSheets(memory)) {
      expect(await xlsxLayout(xlsx, name), name).toEqual(memoryLayout(memory, name));
    }
  });
});
