import { describe, expect, it } from "vitest";
import { NO_DECLARED_AMOUNTS } from "../../src/ims/decision";
import { normaliseRecord } from "../../src/ims/download/normalise";
import { checkDecision } from "../../src/ims/rules";
import type { CellValue } from "../../src/workbook/gateway";
import { mapColumns, readDecision } from "../../src/workbook/read-back";
import { sectionLayout, type ColumnId } from "../../src/workbook/section-sheet";

const cn = sectionLayout("b2bcn");
const b2b = sectionLayout("b2b");

/** A B2B-CN credit note with 1,800 IGST, as in the samples; the ITC declaration is required. */
const creditNote = normaliseRecord("b2bcn", {
  stin: "33AADCT1180B1ZY", nt_num: "TTM/CN/0042", inv_typ: "R", nt_dt: "18-03-2026", val: 11800, action: "N", pos: "27",
  txval: 10000, iamt: 1800, camt: 0, samt: 0, cess: 0, srcform: "R1", rtnprd: "032026", srcfilstatus: "Filed",
  ispendactblocked: "N", isRemarksBlocked: "N", itcRedReqBlocked: "N",
}, { file: "f.json", position: 1 });

/** A row of the sheet as read back, with the given editable cells filled. */
function row(layout: typeof cn, cells: Partial<Record<ColumnId, CellValue>>): CellValue[] {
  const values = layout.row({ record: creditNote, decision: creditNote.downloaded });
  for (const [id, v] of Object.entries(cells)) values[layout.column(id as ColumnId)] = v;
  return values;
}

const read = (layout: typeof cn, cells: Partial<Record<ColumnId, CellValue>>) =>
  readDecision(mapColumns(layout, layout.sheet.columns.map((c) => c.header)), row(layout, cells));

describe("reading decisions back", () => {
  it("reads actions in any case, with stray spaces, as labels or codes", () => {
    for (const [text, code] of [[" accept ", "A"], ["ACCEPT", "A"], ["Reject", "R"], ["p", "P"], ["No action", "N"], ["no  Action", "N"], ["NoAction", "N"]] as const) {
      expect(read(b2b, { action: text }).action, text).toBe(code);
    }
  });

  it("reads ITC-reduction choices in any case", () => {
    expect(read(cn, { itc: "no reduction" }).itc).toBe("none");
    expect(read(cn, { itc: " FULL" }).itc).toBe("full");
    expect(read(cn, { itc: "Partial " }).itc).toBe("partial");
    expect(read(cn, { itc: "  " }).itc).toBeNull();
  });

  it("reads amounts as numbers, or as text with Indian or Western grouping", () => {
    const d = read(cn, { itc: "Partial", declIgst: "1,23,456.50", declCgst: 0, declSgst: " 900 ", declCess: null });
    expect(d.declared).toEqual({ igst: 123456.5, cgst: 0, sgst: 900, cess: null });
  });

  it("turns anything else into Unreadable, which the rules report with the text (FMT-04, ITC-05)", () => {
    const maybe = read(cn, { action: "Maybe" });
    expect(maybe.action).toEqual({ unreadable: "Maybe" });
    expect(checkDecision(creditNote, maybe).map((f) => f.code)).toContain("FMT-04");
    expect(checkDecision(creditNote, maybe).find((f) => f.code === "FMT-04")!.message).toContain("Maybe");

    const abc = read(cn, { action: "Accept", itc: "Partial", declIgst: "abc", declCgst: 0, declSgst: 0, declCess: 0, remarks: "part availed" });
    expect(abc.declared.igst).toEqual({ unreadable: "abc" });
    const itc05 = checkDecision(creditNote, abc).filter((f) => f.code === "ITC-05");
    expect(itc05.map((f) => f.field)).toEqual(["declIgst"]);
    expect(itc05[0].message).toContain("abc");

    expect(read(cn, { declIgst: "₹900" }).declared.igst).toEqual({ unreadable: "₹900" });
    expect(read(b2b, { action: 1 }).action).toEqual({ unreadable: "1" });
    expect(read(b2b, { action: null }).action).toEqual({ unreadable: "" });
    expect(read(cn, { itc: "Yes please" }).itc).toEqual({ unreadable: "Yes please" });
  });

  it("keeps remarks exactly as typed (the rules trim them), numbers as text", () => {
    expect(read(b2b, { remarks: "  two  spaces\n" }).remarks).toBe("  two  spaces\n");
    expect(read(b2b, { remarks: 42 }).remarks).toBe("42");
    expect(read(b2b, { remarks: null }).remarks).toBe("");
  });

  it("gives sections without the declaration no ITC choice and no amounts", () => {
    const d = read(b2b, { action: "Accept" });
    expect(d).toEqual({ action: "A", remarks: "", itc: null, declared: NO_DECLARED_AMOUNTS });
  });

  it("finds columns by header wherever they are, and names what is missing", () => {
    const headers = cn.sheet.columns.map((c) => c.header);
    const reversed = [...headers].reverse();
    const cells = row(cn, { action: "Reject", remarks: "wrong rate" }).reverse();
    expect(readDecision(mapColumns(cn, reversed), cells)).toMatchObject({ action: "R", remarks: "wrong rate" });

    const renamed = headers.map((h) => (h === "Action" ? "Status" : h === "Declared Cess" ? "Cess decl" : h));
    expect(() => mapColumns(cn, renamed)).toThrow(/Sheet B2B-CN has no column "Action", "Declared Cess"/);
  });
});
