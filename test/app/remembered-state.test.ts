import { describe, expect, it } from "vitest";
import { generateUpload } from "../../src/app/generate";
import { importDownloads } from "../../src/app/import";
import { readState, readWorkbook, rememberState } from "../../src/app/read-workbook";
import { validateWorkbook } from "../../src/app/validate";
import { readDownloads } from "../../src/ims/download/read";
import { STATE_SHEET, type WorkbookState } from "../../src/workbook/state";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, enterSampleDecisions, fixture } from "../support/workbook";

async function imported(name: string): Promise<MemoryGateway> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture(name)], { now: NOW });
  return gateway;
}

/** Makes the next read start from nothing, as a pane opened afresh does. */
async function forget(gateway: MemoryGateway): Promise<void> {
  rememberState({ ...(await readState(gateway)), stamp: undefined }, []);
}

const stateReads = (gateway: MemoryGateway) => gateway.calls.filter((c) => c.startsWith("read") && c.endsWith(` ${STATE_SHEET}`));

describe("the records of the hidden state are rebuilt once per stamp", () => {
  it("after an import, Validate and Generate read the first rows of the hidden state, not all of it", async () => {
    const gateway = await imported("ims_download_offline.json");
    enterSampleDecisions(gateway);
    gateway.calls.length = 0;
    await validateWorkbook(gateway, { now: NOW });
    await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW });
    expect(stateReads(gateway).length).toBeGreaterThan(0);
    expect(stateReads(gateway).every((c) => c === `readCells ${STATE_SHEET}`)).toBe(true);
  });

  it("gives the same records and decisions as reading the whole hidden state afresh", async () => {
    const gateway = await imported("ims_download_api.json");
    enterSampleDecisions(gateway);
    const remembered = await readWorkbook(gateway);
    await forget(gateway);
    gateway.calls.length = 0;
    const afresh = await readWorkbook(gateway);
    expect(stateReads(gateway)).toContain(`readSheet ${STATE_SHEET}`);
    expect(afresh.records).toEqual(remembered.records);
    expect(afresh.entries).toEqual(remembered.entries);
    // The remembered state holds the records the import made; read afresh, what the sheet stores of them.
    const stored = (state: WorkbookState) => ({ ...state, records: state.records.map((r) => ({ section: r.section, source: r.source, raw: r.raw })) });
    expect(stored(afresh.state)).toEqual(stored(remembered.state));
  });

  it("finds each row's record on a sheet the user sorted, remembered or read afresh", async () => {
    const gateway = await imported("ims_download_offline.json");
    enterSampleDecisions(gateway);
    const before = await readWorkbook(gateway);
    const sheet = before.entries[0].row.sheet;
    const { rows } = await gateway.readSheet(sheet);
    await gateway.writeCells(sheet, 0, 0, [...rows].reverse());
    const last = rows.length - 1;
    const expected = before.entries.map((e) => (e.row.sheet === sheet ? { ...e, row: { sheet, dataRow: last - e.row.dataRow } } : e));
    const byKey = (entries: readonly { record: { key: string } }[]) => [...entries].sort((a, b) => a.record.key.localeCompare(b.record.key));
    for (const read of [() => readWorkbook(gateway), async () => (await forget(gateway), readWorkbook(gateway))]) {
      const after = await read();
      expect(after.problems).toEqual([]);
      expect(byKey(after.entries)).toEqual(byKey(expected));
    }
  });

  it("does not take another workbook's records for this one's", async () => {
    const first = await imported("ims_download_offline.json");
    await imported("gstn_sandbox_api.json");
    const data = await readWorkbook(first);
    expect(data.records.map((r) => r.key)).toEqual(readDownloads([fixture("ims_download_offline.json")]).records.map((r) => r.key));
  });

  it("reads the recipient GSTIN stored after the import", async () => {
    const gateway = await imported("ims_download_offline.json");
    enterSampleDecisions(gateway);
    expect((await readState(gateway)).enteredRecipient).toBeUndefined();
    await generateUpload(gateway, { recipientGstin: SAMPLE_RECIPIENT, now: NOW });
    expect((await readState(gateway)).enteredRecipient).toBe(SAMPLE_RECIPIENT);
  });
});
