import type { WorkbookGateway } from "../workbook/gateway";
import { HOME_HEADERS, HOME_SHEET } from "../workbook/home-sheet";
import { HEADERS, layoutBySheetName } from "../workbook/section-sheet";
import type { SheetFinding } from "./contracts";

/**
 * Selects the cell a finding points at, so clicking a message shows its cell.
 * A finding about a whole sheet (row 1) selects its first data row.
 */
export async function goToFinding(gateway: WorkbookGateway, finding: Pick<SheetFinding, "sheet" | "row" | "column">): Promise<void> {
  const layout = layoutBySheetName(finding.sheet);
  const headers: readonly string[] = layout ? layout.sheet.columns.map((c) => c.header) : finding.sheet === HOME_SHEET ? HOME_HEADERS : [];
  const column = Math.max(0, headers.indexOf(finding.column || HEADERS.documentNumber));
  // The gateway counts data rows: worksheet row 2 is data row 0.
  await gateway.select(finding.sheet, Math.max(0, finding.row - 2), column);
}
