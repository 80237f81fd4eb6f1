import type { ImsRecord } from "../ims/record";
import type { WorkbookGateway } from "../workbook/gateway";
import { STATE_SHEET, STATE_SHEET_SPEC, STATUS_ROW, stateRows, statusRow, type WorkbookState } from "../workbook/state";
import { actionCellText } from "../workbook/section-sheet";
import type { WorkOptions } from "./contracts";
import { rememberState, type WorkbookData } from "./read-workbook";
import { columnValues, writeColumns } from "./sheet-writes";

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

/**
 * Gives records a new starting point (`rebased`, by record key, each read
 * again with its new downloaded decision): the hidden state is rewritten with
 * them in place of the records they replace, and their rows' Previous Action
 * cells show their new downloaded action.
 */
export async function writeStartingPoints(gateway: WorkbookGateway, data: WorkbookData, rebased: ReadonlyMap<string, ImsRecord>, work?: WorkOptions): Promise<void> {
  if (rebased.size === 0) return;
  const { enteredRecipient, meta } = data.state;
  await writeState(gateway, { enteredRecipient, meta }, data.records.map((r) => rebased.get(r.key) ?? r), work);
  for (const sheet of data.sheets.values()) {
    if (!sheet.entryAt.some((entry) => entry && rebased.has(entry.record.key))) continue;
    const shown = columnValues(sheet, "previousAction", 0, sheet.rows.length);
    const previousAction = shown.map((value, dataRow) => {
      const now = rebased.get(sheet.entryAt[dataRow]?.record.key ?? "");
      return now ? actionCellText(now.downloaded.action) : value;
    });
    await writeColumns(gateway, sheet, 0, { previousAction });
  }
}
