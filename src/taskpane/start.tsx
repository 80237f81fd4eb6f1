import type { ReactElement } from "react";
import { createOfficeGateway } from "../hosts/office/gateway";
import type { HostInfo } from "./host/office-host";
import { createPaneServices } from "./pane-services";
import { saveMethodFor } from "./save/save-file";
import { App } from "./App";

/**
 * Chooses the workbook: Excel itself or, outside Office, the strict in-memory
 * Excel, installed as the global `Excel` behind the same office gateway, so the
 * preview runs the very host code that runs in Excel. The in-memory Excel and
 * the sheet view load only in the preview, never inside Excel.
 */
export async function startPane(host: HostInfo): Promise<ReactElement> {
  const common = { officeBackground: host.officeBackground, saveMethod: saveMethodFor(host.platform), makeServices: createPaneServices };
  if (host.inExcel) return <App gateway={createOfficeGateway()} {...common} />;

  const [{ createPreviewGateway }, { SheetView }] = await Promise.all([
    import("../hosts/fake-excel/preview"),
    import("./preview/SheetView"),
  ]);
  const gateway = createPreviewGateway();
  (globalThis as unknown as { Excel: unknown }).Excel = gateway.excel;
  return <App gateway={gateway} workbookView={SheetView} {...common} />;
}
