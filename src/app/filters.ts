import type { WorkbookGateway } from "../workbook/gateway";
import { layoutBySheetName, sectionLayouts, type SectionLayout } from "../workbook/section-sheet";

/**
 * Filtering the section sheets: "show only rows with errors" and "show all".
 * Rows with errors are those whose hidden Error Codes cell is filled: a sheet
 * error (after Validate) or a portal error (after loading the error file).
 */

async function presentLayouts(gateway: WorkbookGateway, sheet?: string): Promise<SectionLayout[]> {
  const names = new Set(await gateway.sheetNames());
  if (sheet !== undefined) {
    const layout = layoutBySheetName(sheet);
    if (!layout) throw new Error(`${sheet} is not a section sheet. Choose one of ${sectionLayouts().map((l) => l.sheet.name).join(", ")}.`);
    if (!names.has(sheet)) throw new Error(`Sheet ${sheet} is missing from this workbook. Import the download again to restore it.`);
    return [layout];
  }
  return sectionLayouts().filter((l) => names.has(l.sheet.name));
}

/** Clears every filter on the section sheets (or on one), so every row shows. */
export async function clearSectionFilters(gateway: WorkbookGateway, sheet?: string): Promise<void> {
  for (const layout of await presentLayouts(gateway, sheet)) await gateway.clearFilters(layout.sheet.name);
}

/**
 * Shows only the rows with errors on every section sheet (or on one). Returns
 * how many rows each sheet now shows.
 */
export async function showOnlyRowsWithErrors(gateway: WorkbookGateway, sheet?: string): Promise<{ sheet: string; rows: number }[]> {
  const shown: { sheet: string; rows: number }[] = [];
  for (const layout of await presentLayouts(gateway, sheet)) {
    const name = layout.sheet.name;
    // Section sheets are written by the import and protected, so their columns are where the layout puts them.
    await gateway.filterNonEmpty(name, layout.column("errorCodes"));
    shown.push({ sheet: name, rows: (await gateway.visibleRows(name)).length });
  }
  return shown;
}
