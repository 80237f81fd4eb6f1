import type { CellValue, ColumnSpec, SheetSpec } from "../../../src/workbook/gateway";

/** A section sheet shaped like the product's: locked record columns, editable decision columns, hidden machine columns. */
export const SECTION: SheetSpec = {
  name: "B2B",
  visibility: "visible",
  grid: true,
  tabColor: "#1F6FB2",
  columns: [
    { header: "Supplier GSTIN", kind: "text", width: 17, editable: false },
    { header: "Supplier Name", kind: "text", width: 30, editable: false },
    { header: "Document No", kind: "text", width: 18, editable: false },
    { header: "Document Date", kind: "date", width: 12, editable: false },
    { header: "Taxable Value", kind: "amount", width: 14, editable: false },
    { header: "IGST", kind: "amount", width: 12, editable: false },
    { header: "Place of Supply", kind: "text", width: 16, editable: false },
    { header: "Action", kind: "text", width: 12, editable: true, list: ["Accept", "Reject", "Pending", "No action"] },
    { header: "Remarks", kind: "text", width: 30, editable: true },
    { header: "ITC Reduction", kind: "text", width: 14, editable: true, list: ["Full", "Partial", "No reduction"] },
    { header: "Declared IGST", kind: "amount", width: 14, editable: true },
    { header: "Error Codes", kind: "text", width: 12, editable: false, hidden: true },
    { header: "Record Key", kind: "text", width: 40, editable: false, hidden: true },
  ],
  highlights: [{ column: 11, fill: "#FDE2E1", cellColumns: [7, 8, 9], cellFill: "#F4A6A3" }],
};

export const column = (spec: SheetSpec, header: string): number => {
  const index = spec.columns.findIndex((c) => c.header === header);
  if (index < 0) throw new Error(`no column ${header}`);
  return index;
};

/** A small deterministic generator, so large tests are repeatable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NAMES = ["Shree Ganesh Traders", "Mahalaxmi Steel Pvt Ltd", "Annapurna Foods", "K. R. Enterprises", "Sai Krupa Logistics LLP", "ಕನ್ನಡ ಟ್ರೇಡರ್ಸ್", "Ramesh & Sons"];
const STATES = ["27-Maharashtra", "29-Karnataka", "07-Delhi", "33-Tamil Nadu", "24-Gujarat"];

type Cell = (index: number, next: () => number) => CellValue;

/** How one column's cells look: GSTINs, names, document numbers, serial dates, amounts, decisions, mostly empty remarks. */
function cellMaker(c: ColumnSpec): Cell {
  const h = c.header;
  if (c.kind === "date") return (i) => 45748 + (i % 365);
  if (c.kind === "amount") {
    return h.startsWith("Declared") ? (_i, next) => (next() < 0.05 ? Math.round(next() * 1e6) / 100 : null) : (_i, next) => Math.round(next() * 1e9) / 100;
  }
  if (c.kind === "integer") return (i) => i;
  if (h.includes("GSTIN")) return (i) => `27AAPFU${1000 + (i % 9000)}F1Z${i % 10}`;
  if (h.includes("Name")) return (i) => NAMES[i % NAMES.length];
  if (h.includes("Document No")) return (i) => `INV/2025-26/${100000 + i}`;
  if (h.includes("Place")) return (i) => STATES[i % STATES.length];
  const list = c.list;
  if (list) return (_i, next) => (next() < 0.7 ? list[Math.floor(next() * list.length)] : null);
  if (h.includes("Remarks")) return (_i, next) => (next() < 0.1 ? "Goods returned, credit note awaited from supplier" : null);
  if (h.includes("Error")) return (_i, next) => (next() < 0.02 ? "|Action|" : null);
  if (h.includes("Key")) return (i) => `b2b|27AAPFU${i}|INV/2025-26/${i}|01-04-2025`;
  return (i, next) => (next() < 0.5 ? `${h} ${i}` : null);
}

/** Realistic rows for a spec, the same every time for the same seed. */
export function sampleRows(spec: SheetSpec, count: number, seed = 1): CellValue[][] {
  const next = random(seed);
  const makers = spec.columns.map(cellMaker);
  return Array.from({ length: count }, (_, i) => makers.map((make) => make(i, next)));
}

/** The first cell where two grids differ, or null: a fast check for large sheets. */
export function firstDifference(a: readonly (readonly CellValue[])[], b: readonly (readonly CellValue[])[]): string | null {
  if (a.length !== b.length) return `${a.length} rows against ${b.length}`;
  for (let r = 0; r < a.length; r++) {
    if (a[r].length !== b[r].length) return `row ${r}: ${a[r].length} cells against ${b[r].length}`;
    for (let c = 0; c < a[r].length; c++) if (a[r][c] !== b[r][c]) return `row ${r}, column ${c}: ${JSON.stringify(a[r][c])} against ${JSON.stringify(b[r][c])}`;
  }
  return null;
}
