import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ACTIONS, ITC_CHOICES } from "../../src/ims/decision";
import { normaliseRecord } from "../../src/ims/download/normalise";
import { SECTIONS, echoKeys } from "../../src/ims/sections";
import { HEADERS, sectionLayout, sectionLayouts } from "../../src/workbook/section-sheet";
import { excelSerialOf, dateTextOf, returnPeriodLabel } from "../../src/workbook/display";
import { HOME_SHEET_SPEC, homeRows } from "../../src/workbook/home-sheet";
import { LAST_UPLOAD_SHEET_SPEC } from "../../src/workbook/last-upload";
import { STATE_SHEET_SPEC } from "../../src/workbook/state";

const CONTRACT = ["Supplier GSTIN", "Supplier Name", "Document No", "Document Date", "Action", "Remarks", "Sheet Errors", "Portal Errors"];
const ITC_CONTRACT = ["ITC Reduction", "Declared IGST", "Declared CGST", "Declared SGST", "Declared Cess"];

describe("section sheets follow the section table", () => {
  it("has one sheet per section, named as in the table, in table order", () => {
    expect(sectionLayouts().map((l) => l.sheet.name)).toEqual(["B2B", "B2BA", "B2B-DN", "B2B-DNA", "B2B-CN", "B2B-CNA", "ECO", "ECOA"]);
    expect(sectionLayouts().map((l) => l.section.key)).toEqual(SECTIONS.map((s) => s.key));
  });

  for (const section of SECTIONS) {
    it(`${section.sheetName}: the contract headers, and the ITC columns exactly where the declaration applies`, () => {
      const headers = sectionLayout(section.key).sheet.columns.map((c) => c.header);
      for (const h of CONTRACT) expect(headers).toContain(h);
      for (const h of ITC_CONTRACT) expect(headers.includes(h)).toBe(section.itcDeclaration);
      expect(headers.includes(HEADERS.originalNumber)).toBe(section.isAmendment);
      expect(headers.includes(HEADERS.invoiceType)).toBe(section.hasInvoiceType);
      expect(new Set(headers).size).toBe(headers.length);
    });
  }

  it("only the decision columns are editable; Action and ITC Reduction have dropdowns of the labels", () => {
    for (const layout of sectionLayouts()) {
      const editable = layout.sheet.columns.filter((c) => c.editable).map((c) => c.header);
      expect(editable).toEqual(["Action", "Remarks", ...(layout.section.itcDeclaration ? ITC_CONTRACT : [])]);
      const byHeader = new Map(layout.sheet.columns.map((c) => [c.header, c]));
      expect(byHeader.get("Action")!.list).toEqual(ACTIONS.map((a) => a.label));
      expect(byHeader.get("Action")!.list).toEqual(["Accept", "Reject", "Pending", "No Action"]);
      if (layout.section.itcDeclaration) expect(byHeader.get("ITC Reduction")!.list).toEqual(ITC_CHOICES.map((c) => c.label));
      for (const h of ["Declared IGST", "Declared CGST", "Declared SGST", "Declared Cess"]) if (byHeader.has(h)) expect(byHeader.get(h)!.kind).toBe("amount");
    }
  });

  it("hides only the machine columns, and every section sheet is a grid (frozen header, filter, protection)", () => {
    for (const layout of sectionLayouts()) {
      expect(layout.sheet.columns.filter((c) => c.hidden).map((c) => c.header)).toEqual(["Record Key", "Error Codes", "Error Cells"]);
      expect(layout.sheet.grid).toBe(true);
      expect(layout.sheet.visibility).toBe("visible");
    }
  });

  it("highlights rows from Error Cells (with the editable cells named in it) and from Portal Errors", () => {
    for (const layout of sectionLayouts()) {
      const [sheetRule, portalRule] = layout.sheet.highlights!;
      expect(layout.sheet.columns[sheetRule.column].header).toBe("Error Cells");
      expect(sheetRule.cellColumns!.map((i) => layout.sheet.columns[i].header)).toEqual(
        layout.sheet.columns.filter((c) => c.editable).map((c) => c.header),
      );
      expect(layout.sheet.columns[portalRule.column].header).toBe("Portal Errors");
    }
  });
});

/** Values a file could carry that a spreadsheet would turn into a formula, number or date if not stored as text. */
const hostile = fc.oneof(
  fc.constantFrom("=HYPERLINK(\"http://evil\",\"x\")", "+91 98200 00000", "-5", "@SUM(A1)", "=1+1", "0012", "2025260000000417", "1e5", "05-03-2026", "TRUE"),
  fc.string({ minLength: 1 }).map((s) => `=${s}`),
);

describe("formula injection: every text the file supplies lands in a text column", () => {
  for (const section of SECTIONS) {
    it(section.sheetName, () => {
      const layout = sectionLayout(section.key);
      fc.assert(fc.property(fc.array(hostile, { minLength: 20, maxLength: 20 }), (values) => {
        let i = 0;
        const next = () => values[i++ % values.length];
        const raw: Record<string, unknown> = {
          stin: next(), tradenm: next(), inv_typ: next(), pos: next(), srcform: next(), rtnprd: next(),
          srcfilstatus: next(), action: next(), remarks: next(), itcRedReq: next(), declIgst: next(),
          ispendactblocked: next(), isRemarksBlocked: next(), isItcRedReqBlocked: next(), hash: next(),
          val: next(), txval: next(), iamt: next(),
        };
        for (const k of echoKeys(section)) if (k.endsWith("num") || k.endsWith("dt")) raw[k] = next();
        const record = normaliseRecord(section.key, raw, { file: "f.json", position: 1 });
        const cells = layout.row({ record, decision: record.downloaded });
        expect(cells).toHaveLength(layout.sheet.columns.length);
        cells.forEach((value, c) => {
          const column = layout.sheet.columns[c];
          if (typeof value === "string") expect(column.kind, column.header).toBe("text");
          else if (value !== null) expect(column.kind, column.header).not.toBe("text");
        });
        // Every hostile text that is shown at all is shown unchanged.
        for (const [key, id] of [["stin", "supplierGstin"], ["tradenm", "supplierName"], [section.numberKey, "documentNumber"]] as const) {
          expect(cells[layout.column(id)]).toBe(raw[key]);
        }
      }), { numRuns: 50 });
    });
  }
});

describe("the other sheets hold only text", () => {
  it("Home, the hidden state and the last upload: file names, GSTINs, keys and JSON never become formulas", () => {
    for (const spec of [HOME_SHEET_SPEC, STATE_SHEET_SPEC, LAST_UPLOAD_SHEET_SPEC]) {
      expect(spec.columns.every((c) => c.kind === "text" && !c.editable), spec.name).toBe(true);
    }
    expect(STATE_SHEET_SPEC.visibility).toBe("veryHidden");
    expect(LAST_UPLOAD_SHEET_SPEC.visibility).toBe("veryHidden");
  });

  it("the Home sheet writes every value as text, hostile file names included", () => {
    const rows = homeRows({
      recipient: { gstin: "27AAGCK4821M1Z8", from: "download" },
      meta: {
        schemaVersion: 1, fileRecipients: [], importedAt: "2026-04-15T05:00:00.000Z",
        files: [{ name: "=HYPERLINK(\"x\").json", importedAt: "2026-04-15T05:00:00.000Z", envelope: "offline", recordCount: 3, metadata: {} }],
        setAside: [{ kind: "import-of-goods", section: "impg", file: "+91.json", count: 2 }],
      },
      counts: { b2b: 3 },
    });
    for (const row of rows) {
      expect(row).toHaveLength(HOME_SHEET_SPEC.columns.length);
      for (const v of row) expect(typeof v === "string" || v === null).toBe(true);
    }
    expect(rows[0]).toEqual(["Recipient GSTIN", "27AAGCK4821M1Z8", "", "From the downloaded file."]);
    expect(rows.some((r) => r[1] === "=HYPERLINK(\"x\").json" && r[3] === "15-04-2026 10:30 IST (offline format)")).toBe(true);
    expect(rows.some((r) => r[0] === "B2B" && r[2] === "3")).toBe(true);
    expect(rows.some((r) => r[0] === "Import of goods (not a sheet)" && r[1] === "impg" && r[2] === "2")).toBe(true);
  });
});

describe("display values", () => {
  it("writes dates as Excel serial numbers, and refuses anything that is not a calendar date", () => {
    expect(excelSerialOf("01-01-2025")).toBe(45658);
    expect(excelSerialOf("01-03-1900")).toBe(61);
    expect(dateTextOf(excelSerialOf("05-03-2026")!)).toBe("05-03-2026");
    for (const bad of ["29-02-2025", "31-04-2026", "1-1-2025", "2025-01-01", "=1+1", "", "00-01-2025"]) expect(excelSerialOf(bad), bad).toBeNull();
    expect(excelSerialOf("29-02-2024")).not.toBeNull();
    expect(excelSerialOf("29-02-2100")).toBeNull();
    expect(excelSerialOf("29-02-2000")).not.toBeNull();
  });

  it("gives every dd-mm-yyyy text the serial of the calendar's own date, or none when no such day exists", () => {
    const two = (n: number) => String(n).padStart(2, "0");
    fc.assert(fc.property(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 1800, max: 9999 }), (day, month, year) => {
      const time = Date.UTC(year, month - 1, day);
      const real = new Date(time).getUTCDate() === day && new Date(time).getUTCMonth() === month - 1 && time >= Date.UTC(1900, 2, 1);
      expect(excelSerialOf(`${two(day)}-${two(month)}-${year}`)).toBe(real ? time / 86_400_000 + 25_569 : null);
    }), { numRuns: 2000 });
  });

  it("shows return periods as a taxpayer reads them", () => {
    expect(returnPeriodLabel("032026")).toBe("Mar 2026");
    expect(returnPeriodLabel("12")).toBe("Dec");
    expect(returnPeriodLabel("132026")).toBe("132026");
    expect(returnPeriodLabel("=1+1")).toBe("=1+1");
  });

  it("leaves the date cell empty for a date that is not one, and says so in Import Notes", () => {
    const layout = sectionLayout("b2b");
    const record = normaliseRecord("b2b", { stin: "27AAJFN3309H1ZA", inum: "X-1", idt: "31-02-2026", action: "N" }, { file: "f.json", position: 1 });
    const cells = layout.row({ record, decision: record.downloaded });
    expect(cells[layout.column("documentDate")]).toBeNull();
    expect(cells[layout.column("importNotes")]).toContain("\"31-02-2026\"");
  });
});
