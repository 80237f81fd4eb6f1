import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { normaliseRecord } from "../../../src/ims/download/normalise";
import type { ImsRecord } from "../../../src/ims/record";
import { isSectionKey } from "../../../src/ims/sections";
import { parseCsv } from "../../../src/ims/reconcile/csv";
import { reconcile, DEFAULT_RECONCILE_OPTIONS, type RecordMatch } from "../../../src/ims/reconcile/match";
import { locateHeader, readRegister } from "../../../src/ims/reconcile/register";
import { APEX, bookRow, books, fixtureJson, fixtureText, imsRecord, MEHTA, NAVKAR, RIVERLINE, RIVERLINE_MH } from "./support";

const one = (record: ImsRecord, rows: unknown[][], options = DEFAULT_RECONCILE_OPTIONS): RecordMatch => {
  const result = reconcile([record], books(rows), options);
  return result.records[0];
};

describe("statuses", () => {
  it("Exact: same supplier, number, date and amounts", () => {
    const m = one(imsRecord({}), [bookRow()]);
    expect(m.status).toBe("exact");
    expect(m.pass).toBe("number");
    expect(m.entry?.row).toBe(2);
    expect(m.summary).toBe("Exact: matches row 2 of books.csv.");
  });

  it("Exact despite spaces around the number in the books", () => {
    expect(one(imsRecord({}), [bookRow({ number: "  INV-1 " })]).status).toBe("exact");
  });

  it("Probable: number format, naming the step", () => {
    const m = one(imsRecord({ number: "RT-00931" }), [bookRow({ number: "rt 931" })]);
    expect(m.status).toBe("probable");
    expect(m.pass).toBe("normalised-number");
    expect(m.reasons).toHaveLength(1);
    expect(m.reasons[0]).toMatchObject({ code: "number-format", steps: ["case", "spaces", "separators", "leading-zeros"] });
    expect(m.reasons[0].message).toBe(
      "the document number is written differently (letter case, spaces, separators such as / and - and leading zeros): RT-00931 in IMS, rt 931 in the books",
    );
  });

  it("Probable: a financial-year fragment the books left out", () => {
    const m = one(imsRecord({ number: "NF/25-26/1187" }), [bookRow({ number: "NF/1187" })]);
    expect(m.reasons).toMatchObject([{ code: "number-format", steps: ["financial-year"] }]);
  });

  it("Probable: amounts within the tolerance (rounding), saying by how much", () => {
    const m = one(imsRecord({ iamt: 1800, camt: 0, samt: 0 }), [bookRow({ igst: 1800.49, cgst: 0, sgst: 0 })]);
    expect(m.status).toBe("probable");
    expect(m.reasons).toEqual([{ code: "amount", field: "igst", difference: -0.49, message: "IGST within the tolerance (₹0.49 less in IMS)" }]);
  });

  it("Mismatch once a difference exceeds the tolerance, with both values and the difference", () => {
    const m = one(imsRecord({ iamt: 1800, camt: 0, samt: 0 }), [bookRow({ igst: 1798.99, cgst: 0, sgst: 0 })]);
    expect(m.status).toBe("mismatch");
    expect(m.differences).toEqual([{
      field: "igst", ims: 1800, books: 1798.99, difference: 1.01,
      message: "IGST: ₹1,800 in IMS, ₹1,798.99 in the books (₹1.01 more in IMS)",
    }]);
    expect(m.summary).toBe("Mismatch with row 2 of books.csv: IGST: ₹1,800 in IMS, ₹1,798.99 in the books (₹1.01 more in IMS).");
  });

  it("uses the tolerance the user sets", () => {
    const record = imsRecord({ txval: 100000 });
    const row = bookRow({ taxable: 100003 });
    expect(one(record, [row], { tolerance: 0, dateWindowDays: 30 }).status).toBe("mismatch");
    expect(one(record, [row], { tolerance: 5, dateWindowDays: 30 }).status).toBe("probable");
    expect(one(imsRecord({ camt: 90.01 }), [bookRow()], { tolerance: 0, dateWindowDays: 30 }).differences).toMatchObject([{ field: "cgst", difference: 0.01 }]);
  });

  it("lists every differing field: taxable value, each tax head, cess, place of supply", () => {
    const m = one(
      imsRecord({ txval: 1000, iamt: 0, camt: 90, samt: 90, cess: 10, pos: "27" }),
      [bookRow({ taxable: 900, cgst: 81, sgst: 81, cess: 0, pos: "29" })],
    );
    expect(m.differences.map((d) => [d.field, d.difference ?? null])).toEqual([
      ["taxableValue", 100], ["cgst", 9], ["sgst", 9], ["cess", 10], ["placeOfSupply", null],
    ]);
  });

  it("Probable when the date differs within the window; Mismatch beyond it (same financial year)", () => {
    const near = one(imsRecord({ date: "05-03-2026" }), [bookRow({ date: "08-03-2026" })]);
    expect(near.status).toBe("probable");
    expect(near.reasons).toMatchObject([{ code: "date", difference: -3, message: "the date differs by 3 days: 05-03-2026 in IMS, 08-03-2026 in the books" }]);
    const far = one(imsRecord({ date: "05-03-2026" }), [bookRow({ date: "05-12-2025" })]);
    expect(far.status).toBe("mismatch");
    expect(far.differences).toMatchObject([{ field: "documentDate", difference: 90 }]);
  });

  it("Missing in books, and the books row Missing in IMS", () => {
    const result = reconcile([imsRecord({ number: "INV-1" })], books([bookRow({ number: "INV-9", taxable: 5000 })]));
    expect(result.records[0].status).toBe("missing-in-books");
    expect(result.records[0].entry).toBeUndefined();
    expect(result.missingInIms.map((m) => [m.entry.documentNumber, m.status])).toEqual([["INV-9", "missing-in-ims"]]);
    expect(result.counts).toEqual({ exact: 0, probable: 0, mismatch: 0, "missing-in-books": 1, "missing-in-ims": 1 });
  });

  it("never pairs the same number from another financial year: suppliers restart numbering each year", () => {
    const result = reconcile([imsRecord({ number: "17", date: "10-04-2025" })], books([bookRow({ number: "17", date: "10-04-2024" })]));
    expect(result.records[0].status).toBe("missing-in-books");
    expect(result.missingInIms).toHaveLength(1);
  });

  it("pairs across the 31 March boundary when the dates are within the window", () => {
    expect(one(imsRecord({ date: "31-03-2026" }), [bookRow({ date: "02-04-2026" })]).status).toBe("probable");
  });
});

describe("near-miss numbers (fuzzy pass)", () => {
  it("matches a typing slip of the same supplier within the date window, as Probable", () => {
    const m = one(imsRecord({ number: "NF/1187" }), [bookRow({ number: "NF/1178" })]);
    expect(m.status).toBe("probable");
    expect(m.pass).toBe("near-number");
    expect(m.reasons[0]).toMatchObject({ code: "near-number", message: "the document number differs slightly: NF/1187 in IMS, NF/1178 in the books" });
  });

  it("allows two slips in a long number", () => {
    expect(one(imsRecord({ number: "2025260000000417" }), [bookRow({ number: "2025260000000471" })]).pass).toBe("near-number");
    expect(one(imsRecord({ number: "2025260000000417" }), [bookRow({ number: "2025260000000999" })]).status).toBe("missing-in-books");
  });

  it("does not pair the next invoice in the series when the amounts differ", () => {
    expect(one(imsRecord({ number: "NF/1187" }), [bookRow({ number: "NF/1188", taxable: 2000 })]).status).toBe("missing-in-books");
  });

  it("does not pair near numbers outside the date window, of another supplier, or too short to judge", () => {
    expect(one(imsRecord({ number: "NF/1187", date: "05-03-2026" }), [bookRow({ number: "NF/1178", date: "05-01-2026" })]).status).toBe("missing-in-books");
    expect(one(imsRecord({ number: "NF/1187" }), [bookRow({ number: "NF/1178", gstin: APEX })]).status).toBe("missing-in-books");
    expect(one(imsRecord({ number: "A12" }), [bookRow({ number: "A13" })]).status).toBe("missing-in-books");
  });

  it("prefers the closest of several near numbers", () => {
    const result = reconcile([imsRecord({ number: "NF/118700" })], books([bookRow({ number: "NF/118711" }), bookRow({ number: "NF/118701" })]));
    expect(result.records[0].entry?.documentNumber).toBe("NF/118701");
  });
});

describe("PAN-level pass", () => {
  it("matches the same PAN under another GSTIN of the supplier, as Probable, saying so", () => {
    const m = one(imsRecord({ stin: RIVERLINE, number: "RT-CN-0007" }), [bookRow({ gstin: RIVERLINE_MH, number: "RT-CN-0007" })]);
    expect(m.status).toBe("probable");
    expect(m.pass).toBe("other-gstin");
    expect(m.reasons[0].message).toBe("the books have it under GSTIN 27AABFR7623Q1ZM, another registration of the same PAN (AABFR7623Q)");
  });

  it("prefers the supplier's own GSTIN to another registration", () => {
    const result = reconcile(
      [imsRecord({ stin: RIVERLINE, number: "RT-1" })],
      books([bookRow({ gstin: RIVERLINE_MH, number: "RT-1" }), bookRow({ gstin: RIVERLINE, number: "RT/1" })]),
    );
    expect(result.records[0]).toMatchObject({ pass: "normalised-number", entry: { row: 3 } });
    expect(result.missingInIms.map((m) => m.entry.row)).toEqual([2]);
  });

  it("needs the date within the window: each registration numbers its own invoices", () => {
    expect(one(imsRecord({ stin: RIVERLINE, number: "RT-1", date: "05-03-2026" }), [bookRow({ gstin: RIVERLINE_MH, number: "RT-1", date: "05-05-2025" })]).status)
      .toBe("missing-in-books");
  });

  it("never matches another PAN", () => {
    expect(one(imsRecord({ stin: RIVERLINE, number: "RT-1" }), [bookRow({ gstin: APEX, number: "RT-1" })]).status).toBe("missing-in-books");
  });
});

describe("credit and debit notes", () => {
  it("matches notes as notes, with the minus sign books often give them", () => {
    const m = one(
      imsRecord({ number: "CN-42", iamt: 1800, camt: 0, samt: 0, txval: 10000 }, "b2bcn"),
      [bookRow({ type: "Credit Note", number: "CN-42", taxable: -10000, igst: "(1,800.00)", cgst: 0, sgst: 0 })],
    );
    expect(m.status).toBe("exact");
  });

  it("never matches a note with an invoice", () => {
    const result = reconcile([imsRecord({ number: "CN-42" }, "b2bcn")], books([bookRow({ type: "Invoice", number: "CN-42" })]));
    expect(result.records[0].status).toBe("missing-in-books");
    expect(result.missingInIms).toHaveLength(1);
  });

  it("matches a credit note booked as a debit-note voucher, as Probable, saying why", () => {
    const m = one(imsRecord({ number: "CN-42" }, "b2bcn"), [bookRow({ type: "Debit Note", number: "CN-42" })]);
    expect(m.status).toBe("probable");
    expect(m.reasons).toMatchObject([{ code: "note-type" }]);
  });

  it("matches amended documents by their revised number", () => {
    const m = one(imsRecord({ number: "VL/0710" }, "b2ba"), [bookRow({ number: "VL/0710" })]);
    expect(m.status).toBe("exact");
  });
});

describe("duplicates and one-to-one matching", () => {
  it("matches a document booked twice once, and reports the second booking", () => {
    const result = reconcile([imsRecord({ number: "INV-1" })], books([bookRow({ number: "INV-1" }), bookRow({ number: "INV/1" })]));
    expect(result.records[0]).toMatchObject({ status: "exact", entry: { row: 2 }, sameDocumentInBooks: [3] });
    expect(result.missingInIms).toHaveLength(1);
    expect(result.missingInIms[0]).toMatchObject({ entry: { row: 3 }, sameDocumentInBooks: [2] });
    expect(result.missingInIms[0].summary).toBe("Missing in IMS. The books hold this document more than once (rows 2, 3): booked twice?");
    expect(result.duplicates.books).toEqual([[2, 3]]);
  });

  it("gives a duplicated IMS document the closer books row, and the earlier row on a tie", () => {
    const r1 = imsRecord({ number: "INV-5", date: "05-03-2026" });
    const r2 = imsRecord({ number: "INV-5", date: "06-03-2026" });
    const result = reconcile([r1, r2], books([bookRow({ number: "INV-5", date: "06-03-2026" }), bookRow({ number: "INV-5", date: "05-03-2026" })]));
    expect(result.records.map((m) => [m.status, m.entry?.row])).toEqual([["exact", 3], ["exact", 2]]);
    expect(result.records[0].sameDocumentInIms).toEqual([r2.key]);
    expect(result.duplicates.ims).toEqual([[r1.key, r2.key]]);

    const tie = reconcile([imsRecord({ number: "INV-6" })], books([bookRow({ number: "INV-6" }), bookRow({ number: "INV-6" })]));
    expect(tie.records[0].entry?.row).toBe(2);
    expect(tie.missingInIms.map((m) => m.entry.row)).toEqual([3]);
  });

  it("leaves the second of two IMS records for one books row Missing in books", () => {
    const a = imsRecord({ number: "INV-7" });
    const b = imsRecord({ number: "inv 7" });
    const result = reconcile([b, a], books([bookRow({ number: "INV-7" })]));
    expect(result.records.map((m) => m.status)).toEqual(["missing-in-books", "exact"]);
    expect(result.records[0].sameDocumentInIms).toEqual([a.key]);
  });

  it("matches each record and each row at most once, whatever the input, and is deterministic", () => {
    const numbers = ["INV-1", "inv/1", "INV-01", "INV-2", "INV-12", "CN-1"];
    const dates = ["05-03-2026", "07-03-2026", "05-03-2025"];
    const arbRecord = fc.record({ n: fc.constantFrom(...numbers), d: fc.constantFrom(...dates), s: fc.constantFrom(NAVKAR, RIVERLINE), cn: fc.boolean(), tx: fc.constantFrom(1000, 1000.5, 2000) });
    fc.assert(fc.property(fc.array(arbRecord, { maxLength: 12 }), fc.array(arbRecord, { maxLength: 12 }), (imsSpecs, bookSpecs) => {
      const records = imsSpecs.map((s) => imsRecord({ number: s.n, date: s.d, stin: s.s, txval: s.tx }, s.cn ? "b2bcn" : "b2b"));
      const entries = books(bookSpecs.map((s) => bookRow({ number: s.n, date: s.d, gstin: s.s, taxable: s.tx, type: s.cn ? "Credit Note" : "Invoice" })));
      const result = reconcile(records, entries);
      const matchedRows = result.records.filter((m) => m.entry).map((m) => m.entry!.row);
      expect(new Set(matchedRows).size).toBe(matchedRows.length);
      expect(matchedRows.length + result.missingInIms.length).toBe(entries.length);
      expect(result.records.map((m) => m.record)).toEqual(records);
      expect(reconcile(records, entries)).toEqual(result);
    }));
  });
});

describe("options", () => {
  it("refuses a negative tolerance or a fractional window", () => {
    expect(() => reconcile([], [], { tolerance: -1, dateWindowDays: 30 })).toThrowError(RangeError);
    expect(() => reconcile([], [], { tolerance: 1, dateWindowDays: 1.5 })).toThrowError(RangeError);
  });

  it("does not compare an amount the register has no column for", () => {
    const header = ["GSTIN", "Invoice No", "Invoice Date", "Taxable Value", "CGST", "SGST"];
    const entries = books([[NAVKAR, "INV-1", "05-03-2026", 1000, 90, 90]], header);
    expect(reconcile([imsRecord({ cess: 25 })], entries).records[0].status).toBe("exact");
  });
});

describe("the sample download against a Tally register", () => {
  const json = fixtureJson("ims_download_offline.json") as { imsDetails: Record<string, unknown[]> };
  const records = Object.entries(json.imsDetails).flatMap(([section, list]) =>
    isSectionKey(section) ? list.map((raw, i) => normaliseRecord(section, raw, { file: "ims_download_offline.json", position: i + 1 })) : []);
  const rows = parseCsv(fixtureText("register-tally.csv"), "register-tally.csv");
  const { entries } = readRegister(rows, locateHeader(rows)!, "register-tally.csv");
  const result = reconcile(records, entries);
  const byNumber = new Map(result.records.map((m) => [m.record.documentNumber, m]));

  it.each([
    ["NF/2526/1187", "probable", "normalised-number", ["number-format"]],
    ["RT-00931", "probable", "normalised-number", ["number-format", "amount"]],
    ["2025260000000417", "missing-in-books", undefined, []],
    ["MC/118", "mismatch", "number", []],
    ["VL/2526/0710", "exact", "number", []],
    ["DN-26-0009", "exact", "number", []],
    ["DN-26-0004", "probable", "near-number", ["near-number"]],
    ["TTM/CN/0042", "exact", "number", []],
    ["RT-CN-0007", "probable", "other-gstin", ["other-gstin"]],
    ["NF/CN/0019", "probable", "number", ["note-type"]],
    ["EW-MH-26-552310", "exact", "number", []],
    ["EW-MH-26-511087", "probable", "number", ["date"]],
  ])("%s: %s", (number, status, pass, reasons) => {
    const m = byNumber.get(number)!;
    expect(m.status).toBe(status);
    expect(m.pass).toBe(pass);
    expect(m.reasons.map((r) => r.code)).toEqual(reasons);
  });

  it("Mehta's invoice differs in IGST by ₹100", () => {
    expect(byNumber.get("MC/118")!.differences).toMatchObject([{ field: "igst", ims: 4500, books: 4400, difference: 100 }]);
  });

  it("lists the books rows IMS does not have, including the second booking of one invoice", () => {
    expect(result.missingInIms.map((m) => [m.entry.row, m.entry.supplierGstin, m.sameDocumentInBooks])).toEqual([
      [17, "27AAHCE4417N1ZB", [15]],
      [18, APEX, []],
    ]);
    expect(byNumber.get("EW-MH-26-552310")!.sameDocumentInBooks).toEqual([17]);
    expect(result.counts).toEqual({ exact: 4, probable: 6, mismatch: 1, "missing-in-books": 1, "missing-in-ims": 2 });
  });
});

describe("scale", () => {
  /** n distinct suppliers × documents, deterministic; every third books number written differently. */
  function generate(n: number): { records: ImsRecord[]; rows: unknown[][] } {
    const records: ImsRecord[] = [];
    const rows: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const stin = [NAVKAR, RIVERLINE, MEHTA, APEX][i % 4];
      const day = String((i % 28) + 1).padStart(2, "0");
      const number = `INV/25-26/${String(i).padStart(6, "0")}`;
      const txval = 1000 + (i % 997);
      records.push(imsRecord({ stin, number, date: `${day}-01-2026`, txval, camt: 9, samt: 9 }));
      rows.push(bookRow({ gstin: stin, number: i % 3 === 0 ? `inv/${i}` : number, date: `${day}-01-2026`, taxable: txval, cgst: 9, sgst: 9 }));
    }
    // Books list documents in another order than IMS.
    rows.reverse();
    return { records, rows };
  }

  it("reconciles 20,000 × 20,000 and matches them all", () => {
    const { records, rows } = generate(20_000);
    const result = reconcile(records, books(rows));
    expect(result.counts).toEqual({ exact: 13_333, probable: 6_667, mismatch: 0, "missing-in-books": 0, "missing-in-ims": 0 });
    expect(result.records.every((m) => m.entry!.documentNumber === m.record.documentNumber || m.pass === "normalised-number")).toBe(true);
  }, 60_000);
});
