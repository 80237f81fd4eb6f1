import { summarise, type Summary } from "../ims/summary";
import type { WorkbookGateway } from "../workbook/gateway";
import type { WorkOptions } from "./contracts";
import { readWorkbook } from "./read-workbook";

/** Counts and amounts by section and action, before and after the decisions in the sheets. */
export async function summariseWorkbook(gateway: WorkbookGateway, options?: WorkOptions): Promise<Summary> {
  const data = await readWorkbook(gateway, options);
  return summarise(data.entries);
}
