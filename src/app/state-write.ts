import type { ImsRecord } from "../ims/record";
import type { WorkbookGateway } from "../workbook/gateway";
import { STATE_SHEET, STATE_SHEET_SPEC, STATUS_ROW, stateRows, statusRow, type WorkbookState } from "../workbook/state";
import type { WorkOptions } from "./contracts";
import { rememberState } from "./read-workbook";

/**
 * Writes the hidden state holding `records` under a new stamp, and keeps the
 * records for the use cases that follow. The state is written marked as still
 * importing, then marked complete with its stamp once every row is in: it takes
 * several requests, and one cut short must not read as a complete state missing
 * records (docs/workbook.md, "Stamp").
 */
export async function writeState(
  gateway: WorkbookGateway,
  state: Pick<WorkbookState, "enteredRecipient" | "meta">,
  records: readonly ImsRecord[],
  work?: WorkOptions,
): Promise<void> {
  const complete: WorkbookState = { ...state, status: "complete", stamp: crypto.randomUUID(), records };
  await gateway.writeSheet(STATE_SHEET_SPEC, stateRows({ ...complete, status: "importing", stamp: undefined }), work);
  await gateway.writeCells(STATE_SHEET, STATUS_ROW, 0, [statusRow("complete", complete.stamp)]);
  rememberState(complete, records);
}
