import { it, expect } from "vitest";
import { inMemoryGateway } from "../../../src/hosts/fake-excel/preview";
import type { SheetSpec } from "../../../src/workbook/gateway";

it("smoke", async () => {
  const g = inMemoryGateway();
  const spec: SheetSpec = {
    name: "B2B", visibility: "visible", grid: true,
    columns: [
      { header: "GSTIN", kind: "text", width: 17, editable: false },
      { header: "Date", kind: "date", width: 12, editable: false },
      { header: "Action", kind: "text", width: 12, editable: true, list: ["Accept", "Reject"] },
      { header: "Errors", kind: "text", width: 12, editable: false, hidden: true },
    ],
    highlights: [{ column: 3, fill: "#FDE2E1", cellColumns: [2], cellFill: "#F4A6A3" }],
  };
  await g.writeSheet(spec, [["=1+1", 45000, "Accept", null], ["0012", 45001, null, "|Action|"]]);
  console.log(g.excel.syncs.map(s => [s.requestBytes, s.operations.length, s.failed]));
  const back = await g.readSheet("B2B");
  console.log(back);
  console.log(g.excel.inspect.sheet("B2B"));
  await g.writeCells("B2B", 0, 3, [["x"]]);
  await g.filterNonEmpty("B2B", 3);
  console.log(await g.visibleRows("B2B"));
  await g.clearFilters("B2B");
  console.log(await g.visibleRows("B2B"));
  await g.select("B2B", 1, 2);
  console.log(await g.selectedRows());
  console.log(await g.sheetNames());
  expect(g.excel.inspect.formulas()).toEqual([]);
});
