import type { WorkbookGateway } from "../../workbook/gateway";
import { createOfficeGateway } from "../office/gateway";
import { createFakeExcel, type FakeExcel, type FakeExcelOptions } from "./index";

/**
 * The product's in-memory host: the real office gateway running on a fresh
 * fake Excel. The browser preview, the tests and the command line's
 * cross-checks use it, so they exercise the code path a taxpayer's Excel runs.
 */

export interface InMemoryGateway extends WorkbookGateway {
  /** The workbook underneath, for inspection, saving (toJSON) and reopening (fromJSON). */
  readonly excel: FakeExcel;
}

export function inMemoryGateway(options: FakeExcelOptions & { readonly hostName?: string } = {}): InMemoryGateway {
  const excel = createFakeExcel(options);
  const gateway = createOfficeGateway({
    excel,
    platform: excel.platform,
    isSetSupported: excel.isSetSupported,
    hostName: options.hostName ?? "in-memory workbook",
  });
  return { ...gateway, excel };
}

/** The task pane outside Office: Excel on the web's limits, so the preview shows what the web would refuse. */
export function createPreviewGateway(): InMemoryGateway {
  return inMemoryGateway({ platform: "web", hostName: "Excel (browser preview)" });
}
