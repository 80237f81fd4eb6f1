import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sectionLayouts } from "../../src/workbook/section-sheet";

/**
 * docs/workbook.md must describe every column of every section sheet, in sheet
 * order, with its kind and whether it is editable or hidden.
 */

const doc = readFileSync(new URL("../../docs/workbook.md", import.meta.url), "utf8");

interface DocColumn {
  header: string;
  sheets: string;
  kind: string;
  editable: string;
}

function documentedColumns(): DocColumn[] {
  const start = doc.indexOf("<!-- columns-table:start");
  const end = doc.indexOf("<!-- columns-table:end -->");
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return doc.slice(doc.indexOf("\n", start) + 1, end).split("\n")
    .filter((line) => line.startsWith("| ") && !line.startsWith("| Header ") && !line.startsWith("|---"))
    .map((line) => {
      const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
      return { header: cells[0], sheets: cells[1], kind: cells[2], editable: cells[3] };
    });
}

describe("docs/workbook.md", () => {
  const columns = documentedColumns();

  for (const layout of sectionLayouts()) {
    it(`lists the columns of ${layout.sheet.name} in order, with kind and editability`, () => {
      const onSheet = columns.filter((c) => c.sheets === "all" || c.sheets.split(", ").includes(layout.sheet.name));
      expect(onSheet.map((c) => c.header)).toEqual(layout.sheet.columns.map((c) => c.header));
      onSheet.forEach((doc, i) => {
        const spec = layout.sheet.columns[i];
        expect(doc.kind, spec.header).toBe(spec.kind);
        const expected = spec.hidden ? "hidden" : spec.editable ? (spec.list ? "yes, dropdown" : "yes") : "no";
        expect(doc.editable, spec.header).toBe(expected);
      });
    });
  }

  it("names only real sheets", () => {
    const names = new Set(sectionLayouts().map((l) => l.sheet.name));
    for (const c of columns) if (c.sheets !== "all") for (const s of c.sheets.split(", ")) expect(names.has(s), `${c.header}: ${s}`).toBe(true);
  });
});
