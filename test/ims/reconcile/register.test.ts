import { describe, it, expect } from "vitest";
import { ImsFileError } from "../../../src/ims/file-error";
import { parseCsv } from "../../../src/ims/reconcile/csv";
import {
  buildMapping, detectColumns, locateHeader, readDocumentKind, readRegister, type RegisterField,
} from "../../../src/ims/reconcile/register";
import { BOOKS_HEADER, bookRow, fixtureText, NAVKAR } from "./support";

describe("detectColumns", () => {
  it.each<[string, RegisterField]>([
    ["GSTIN/UIN", "supplierGstin"], ["Party GSTIN", "supplierGstin"], ["Vendor GSTIN", "supplierGstin"],
    ["GSTIN of supplier", "supplierGstin"], ["GST Identification Number (GSTIN)", "supplierGstin"], ["gst no.", "supplierGstin"],
    ["Particulars", "supplierName"], ["Vendor Name", "supplierName"], ["Trade/Legal name", "supplierName"],
    ["Voucher Type", "documentType"], ["Document Type", "documentType"], ["Note type", "documentType"],
    ["Supplier Invoice No.", "documentNumber"], ["Bill#", "documentNumber"], ["Invoice Number", "documentNumber"],
    ["Voucher No", "documentNumber"], ["Note number", "documentNumber"], ["Invoice #", "documentNumber"],
    ["Bill Date", "documentDate"], ["Supplier Invoice Date", "documentDate"], ["Invoice Dt.", "documentDate"], ["Date", "documentDate"],
    ["Taxable Value", "taxableValue"], ["Taxable Value (₹)", "taxableValue"], ["Taxable Amount", "taxableValue"],
    ["Integrated Tax Amount", "igst"], ["Integrated Tax(₹)", "igst"], ["IGST Amt", "igst"],
    ["Central Tax", "cgst"], ["CGST Amount (Rs.)", "cgst"],
    ["State/UT Tax", "sgst"], ["State Tax Amount", "sgst"], ["SGST/UTGST", "sgst"],
    ["Cess Amount", "cess"], ["Cess(₹)", "cess"],
    ["Place of Supply", "placeOfSupply"], ["POS", "placeOfSupply"], ["Destination of Supply", "placeOfSupply"],
  ])("reads the header %j as %s", (header, field) => {
    expect(detectColumns(["Something else", header]).columns).toEqual({ [field]: 1 });
  });

  it("prefers the supplier's invoice number and date to Tally's own voucher number and date", () => {
    const m = detectColumns(["Date", "Voucher No.", "Supplier Invoice No.", "Supplier Invoice Date", "GSTIN/UIN"]);
    expect(m.columns).toEqual({ documentDate: 3, documentNumber: 2, supplierGstin: 4 });
    expect(m.unmapped).toEqual([{ column: 0, header: "Date" }, { column: 1, header: "Voucher No." }]);
    expect(m.missing).toEqual([]);
  });

  it("lists required fields it cannot find and headers it does not know", () => {
    const m = detectColumns(["Bill#", "Narration", "", "Amount"]);
    expect(m.missing).toEqual(["supplierGstin", "documentDate"]);
    expect(m.unmapped).toEqual([{ column: 1, header: "Narration" }, { column: 3, header: "Amount" }]);
  });

  it("lets the user's choice replace the detected one, recomputing what is missing", () => {
    const header = ["Bill#", "Narration", "Dated", "Party"];
    const m = buildMapping(header, { ...detectColumns(header).columns, documentDate: 2, supplierGstin: 3 });
    expect(m.missing).toEqual([]);
    expect(m.unmapped).toEqual([{ column: 1, header: "Narration" }]);
  });
});

describe("a Tally purchase register exported as CSV", () => {
  const rows = parseCsv(fixtureText("register-tally.csv"), "register-tally.csv");
  const mapping = locateHeader(rows)!;
  const reading = readRegister(rows, mapping, "register-tally.csv");

  it("finds the header below the company name and period", () => {
    expect(mapping.headerRow).toBe(4);
    expect(mapping.columns).toMatchObject({ supplierName: 1, documentType: 2, documentNumber: 4, documentDate: 5, supplierGstin: 6, sgst: 10, placeOfSupply: 12 });
  });

  it("reads every readable row, with the row numbers the user sees", () => {
    expect(reading.entries.map((e) => e.row)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(reading.entries[0]).toEqual({
      file: "register-tally.csv", row: 6, supplierGstin: NAVKAR, supplierName: "Navkar Fasteners", kind: "invoice",
      documentType: "Purchase", documentNumber: "nf/25-26/1187", documentDate: "05-03-2026", day: reading.entries[0].day,
      taxableValue: 50000, igst: 0, cgst: 4500, sgst: 4500, cess: 0, placeOfSupply: "27",
    });
    expect(reading.entries[1]).toMatchObject({ taxableValue: 120000, igst: 21600.4 });
    expect(reading.entries[6]).toMatchObject({ kind: "credit-note", taxableValue: -10000, igst: -1800 });
    expect(reading.entries[7]).toMatchObject({ supplierName: "Riverline Traders, Mumbai" });
  });

  it("lists each unreadable row and field, never skipping it silently", () => {
    expect(reading.problems.map((p) => [p.row, p.field])).toEqual([
      [19, "supplierGstin"], [20, "documentDate"],
      [22, "supplierGstin"], [22, "documentNumber"], [22, "documentDate"],
    ]);
    expect(reading.problems[0].message).toBe(
      'register-tally.csv row 19: Supplier GSTIN (column "GSTIN/UIN") "27AAJFN3309H1Z" is not a GSTIN (15 letters and digits).',
    );
    expect(reading.problems[1].message).toMatch(/^register-tally\.csv row 20: Document date \(column "Supplier Invoice Date"\) "31-Feb-26" is not a date that exists/);
  });
});

describe("a Zoho Books bill export", () => {
  const rows = parseCsv(fixtureText("register-zoho.csv"), "register-zoho.csv");
  const mapping = detectColumns(rows[0]);
  const reading = readRegister(rows, mapping, "register-zoho.csv");

  it("maps Zoho's headers", () => {
    expect(mapping.columns).toEqual({
      documentDate: 0, documentNumber: 1, supplierName: 2, supplierGstin: 3, documentType: 4,
      taxableValue: 5, igst: 6, cgst: 7, sgst: 8, cess: 9, placeOfSupply: 10,
    });
  });

  it("reads ISO dates, ₹ amounts, lower-case GSTINs, state names and vendor credits", () => {
    expect(reading.entries[0]).toMatchObject({ documentDate: "05-03-2026", supplierGstin: NAVKAR, taxableValue: 50000, cgst: 4500, placeOfSupply: "27" });
    expect(reading.entries[1]).toMatchObject({ kind: "credit-note", documentType: "Vendor Credit" });
  });

  it("asks about a purchase return rather than guessing what kind of document it is", () => {
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]).toMatchObject({ row: 4, field: "documentType", value: "Purchase Return" });
  });
});

describe("readRegister, cell by cell", () => {
  const read = (row: unknown[], header: unknown[] = BOOKS_HEADER) =>
    readRegister([header, row], detectColumns(header), "books.xlsx");

  it.each<[unknown, string]>([
    ["05-03-2026", "05-03-2026"], ["5/3/2026", "05-03-2026"], ["05.03.26", "05-03-2026"], ["2026-03-05", "05-03-2026"],
    ["2026-03-05T00:00:00", "05-03-2026"], ["5-Mar-26", "05-03-2026"], ["05 March 2026", "05-03-2026"], ["5-Sept-2025", "05-09-2025"],
    [46086, "05-03-2026"], [46086.75, "05-03-2026"], [new Date(Date.UTC(2026, 2, 5)), "05-03-2026"],
  ])("reads the date %j", (cell, expected) => {
    expect(read(bookRow({ date: cell })).entries[0].documentDate).toBe(expected);
  });

  it.each<[unknown]>([["31-02-2026"], ["2026-13-01"], ["03/31/2026"], ["5-Foo-26"], ["yesterday"], [60], [-5], [true]])(
    "refuses the date %j",
    (cell) => {
      const r = read(bookRow({ date: cell }));
      expect(r.entries).toEqual([]);
      expect(r.problems).toMatchObject([{ row: 2, field: "documentDate" }]);
    },
  );

  it.each<[unknown, number]>([
    [1800, 1800], ["1,800.50", 1800.5], ["₹1,23,456.78", 123456.78], ["Rs. 1,000", 1000], ["INR 250", 250],
    ["(500.00)", -500], ["-500", -500], ["", 0], [null, 0], ["-", 0], [" 42 ", 42],
  ])("reads the amount %j", (cell, expected) => {
    expect(read(bookRow({ igst: cell })).entries[0].igst).toBe(expected);
  });

  it.each<[unknown]>([["12a"], ["1.2.3"], ["Dr 100"], [Number.NaN], [{ formula: "=A1" }]])("refuses the amount %j", (cell) => {
    expect(read(bookRow({ igst: cell })).problems).toMatchObject([{ row: 2, field: "igst", column: "IGST" }]);
  });

  it.each<[unknown, string]>([["27", "27"], [27, "27"], ["7", "07"], ["27-Maharashtra", "27"], ["Maharashtra", "27"], ["tamil nadu", "33"], ["Andhra Pradesh", "37"], ["", ""]])(
    "reads the place of supply %j",
    (cell, expected) => {
      expect(read(bookRow({ pos: cell })).entries[0].placeOfSupply).toBe(expected);
    },
  );

  it("refuses an unknown place of supply", () => {
    expect(read(bookRow({ pos: "55" })).problems).toMatchObject([{ field: "placeOfSupply" }]);
    expect(read(bookRow({ pos: "Atlantis" })).problems).toMatchObject([{ field: "placeOfSupply" }]);
  });

  it("keeps a numeric document number as its digits", () => {
    expect(read(bookRow({ number: 417 })).entries[0].documentNumber).toBe("417");
  });

  it("refuses a row without a supplier GSTIN or document number, saying why", () => {
    const r = read(bookRow({ gstin: "", number: "  " }));
    expect(r.problems.map((p) => p.field)).toEqual(["supplierGstin", "documentNumber"]);
    expect(r.problems[0].message).toContain("unregistered suppliers are not in IMS");
  });

  it("skips wholly blank rows without a problem", () => {
    const r = readRegister([BOOKS_HEADER, ["", null, "  "], bookRow()], detectColumns(BOOKS_HEADER), "books.xlsx");
    expect(r.problems).toEqual([]);
    expect(r.entries.map((e) => e.row)).toEqual([3]);
  });

  it("counts rows from firstRowNumber when the rows were cut from a sheet", () => {
    const r = readRegister([BOOKS_HEADER, bookRow()], detectColumns(BOOKS_HEADER), "books.xlsx", { firstRowNumber: 10 });
    expect(r.entries[0].row).toBe(11);
  });

  it("leaves an amount the register has no column for undefined, so it is not compared", () => {
    const header = ["GSTIN", "Invoice No", "Invoice Date", "Taxable Value", "CGST", "SGST"];
    const r = readRegister([header, [NAVKAR, "INV-1", "05-03-2026", 1000, 90, 90]], detectColumns(header), "books.xlsx");
    expect(r.entries[0]).toMatchObject({ igst: undefined, cess: undefined, cgst: 90, kind: "invoice", documentType: "" });
  });

  it("refuses to read while a required column is not chosen, naming the file and the fields", () => {
    const header = ["Invoice No", "Amount"];
    expect(() => readRegister([header], detectColumns(header), "books.xlsx")).toThrowError(ImsFileError);
    expect(() => readRegister([header], detectColumns(header), "books.xlsx")).toThrowError(
      "books.xlsx: the purchase register has no column chosen for: Supplier GSTIN, Document date. Choose the column that holds each.",
    );
  });
});

describe("readDocumentKind", () => {
  it.each([
    ["", "invoice"], ["Invoice", "invoice"], ["Tax Invoice", "invoice"], ["Purchase", "invoice"], ["Bill", "invoice"], ["Regular", "invoice"],
    ["Credit Note", "credit-note"], ["CN", "credit-note"], ["credit", "credit-note"], ["Vendor Credit", "credit-note"],
    ["Debit Note", "debit-note"], ["D/N", "debit-note"], ["DN", "debit-note"],
    ["Purchase Return", undefined], ["Journal", undefined], ["Payment", undefined],
  ])("reads %j as %s", (text, kind) => {
    expect(readDocumentKind(text)).toBe(kind);
  });
});
