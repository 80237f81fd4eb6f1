import { describe, it, expect } from "vitest";
import { ImsFileError } from "../../../src/ims/file-error";
import { parseCsv } from "../../../src/ims/reconcile/csv";

describe("parseCsv (RFC 4180)", () => {
  it("splits on commas and line ends, keeping every value as text", () => {
    expect(parseCsv("a,b,c\n1,2,3\n")).toEqual([["a", "b", "c"], ["1", "2", "3"]]);
  });

  it("reads CRLF, LF and lone CR line ends alike", () => {
    expect(parseCsv("a,b\r\n1,2\r\n")).toEqual([["a", "b"], ["1", "2"]]);
    expect(parseCsv("a,b\r1,2")).toEqual([["a", "b"], ["1", "2"]]);
  });

  it("needs no line end after the last row, and adds no empty row after one", () => {
    expect(parseCsv("a,b")).toEqual([["a", "b"]]);
    expect(parseCsv("a,b\n")).toEqual([["a", "b"]]);
  });

  it("keeps empty fields and blank lines", () => {
    expect(parseCsv(",x,\n\n1,,")).toEqual([["", "x", ""], [""], ["1", "", ""]]);
  });

  it("reads quoted values with commas, doubled quotes and line breaks inside", () => {
    expect(parseCsv('"Riverline Traders, Mumbai","RT-00931 ""A""","two\r\nlines"\n')).toEqual([
      ["Riverline Traders, Mumbai", 'RT-00931 "A"', "two\r\nlines"],
    ]);
    expect(parseCsv('"",x')).toEqual([["", "x"]]);
  });

  it("ignores a leading byte-order mark", () => {
    expect(parseCsv("\ufeffBill#,Bill Date\n1,2")).toEqual([["Bill#", "Bill Date"], ["1", "2"]]);
    expect(parseCsv('\ufeff"a",b')).toEqual([["a", "b"]]);
  });

  it("keeps a quote inside an unquoted value as text", () => {
    expect(parseCsv('5" pipe,2')).toEqual([['5" pipe', "2"]]);
  });

  it("keeps spaces around values (the register reader trims what it needs)", () => {
    expect(parseCsv(" a , b ")).toEqual([[" a ", " b "]]);
  });

  it("refuses an unclosed quote, naming the file and the line it opened on", () => {
    expect(() => parseCsv('a,b\n1,"never closed\n2,3', "books.csv")).toThrowError(ImsFileError);
    expect(() => parseCsv('a,b\n1,"never closed\n2,3', "books.csv")).toThrowError(/^books\.csv: line 2: a quoted value is never closed/);
  });

  it("refuses text after a closing quote", () => {
    expect(() => parseCsv('"a"b,c', "books.csv")).toThrowError(/books\.csv: line 1: text follows a closing quote/);
  });

  it("returns no rows for an empty file", () => {
    expect(parseCsv("")).toEqual([]);
    expect(parseCsv("\ufeff")).toEqual([]);
  });
});
