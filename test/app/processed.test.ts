import { describe, expect, it } from "vitest";
import { applyErrorFile } from "../../src/app/error-file";
import { generateUpload } from "../../src/app/generate";
import { importDownloads } from "../../src/app/import";
import { lastUploadParts, markUploadProcessed, NothingToMarkError } from "../../src/app/processed";
import { readState, readWorkbook, rememberState } from "../../src/app/read-workbook";
import type { UploadResult } from "../../src/ims/upload";
import { LAST_UPLOAD_SHEET_SPEC } from "../../src/workbook/last-upload";
import { MemoryGateway } from "../support/memory-gateway";
import { NOW, SAMPLE_RECIPIENT, enter, enterSampleDecisions, fixture, fixtureJson, jsonFile, rowOf } from "../support/workbook";

const LATER = new Date(NOW.getTime() + 60 * 60 * 1000);

async function uploaded(): Promise<{ gateway: MemoryGateway; first: Extract<UploadResult, { kind: "files" }> }> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
  enterSampleDecisions(gateway);
  const first = await generateUpload(gateway, { now: NOW });
  if (first.kind !== "files") throw new Error(`the sample decisions should upload, not ${first.kind}`);
  return { gateway, first };
}

/** The upload's records by document number. */
function linesOf(result: UploadResult): Map<string, Record<string, unknown>> {
  if (result.kind !== "files") return new Map();
  const records = result.files.flatMap((f) => Object.values((JSON.parse(f.text) as { invdata: Record<string, Record<string, unknown>[]> }).invdata).flat());
  return new Map(records.map((r) => [String(r.inum ?? r.nt_num), r]));
}

async function splitUpload(): Promise<{ gateway: MemoryGateway; split: Extract<UploadResult, { kind: "files" }> }> {
  const gateway = new MemoryGateway();
  await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
  enterSampleDecisions(gateway);
  const split = await generateUpload(gateway, { now: NOW, maxRecords: 3 });
  if (split.kind !== "files") throw new Error(`the sample decisions should upload, not ${split.kind}`);
  return { gateway, split };
}

/** The document numbers in part `n` (from 1) of an upload. */
function documentsOf(upload: Extract<UploadResult, { kind: "files" }>, n: number): string[] {
  return [...linesOf({ ...upload, files: [upload.files[n - 1]] }).keys()];
}

/** Makes the next read start from the workbook alone, as a pane opened afresh does. */
async function forget(gateway: MemoryGateway): Promise<void> {
  rememberState({ ...(await readState(gateway)), stamp: undefined }, []);
}

describe("marking the last upload as processed", () => {
  it("after Processed with Error, takes what was sent as the baseline of the rows without portal errors; the next upload carries only the others", async () => {
    const { gateway, first } = await uploaded();
    await applyErrorFile(gateway, [fixture("ims_reqsts_error_api.json")]); // 2025260000000417 and TTM/CN/0042
    const sentBefore = linesOf(first);

    const result = await markUploadProcessed(gateway);
    expect(result).toEqual({ rebased: first.uploaded.length - 2, withPortalErrors: 2, withoutRow: 0, marked: [1], parts: 1, stillToMark: [] });
    // A rebased row now shows the action sent as its previous action.
    expect(gateway.cell("B2B", rowOf(gateway, "B2B", "RT-00931"), "Previous Action")).toBe("Pending");

    const next = await generateUpload(gateway, { now: LATER });
    expect(next.kind).toBe("files");
    const lines = linesOf(next);
    expect([...lines.keys()].sort()).toEqual(["2025260000000417", "TTM/CN/0042"]);
    // The refused records are sent as they were the first time: the portal did not take them.
    expect(lines.get("2025260000000417")).toEqual(sentBefore.get("2025260000000417"));
    expect(next.kind === "files" && next.notices.map((n) => n.code)).not.toContain("CHG-06");
  });

  it("marks an upload sent after an error file whole: the rows still show that older upload's errors, which this one answered", async () => {
    const { gateway } = await uploaded();
    await applyErrorFile(gateway, [fixture("ims_reqsts_error_api.json")]); // 2025260000000417 and TTM/CN/0042
    await markUploadProcessed(gateway);
    enter(gateway, "B2B", "2025260000000417", { Remarks: "Goods returned; credit note awaited" });
    const second = await generateUpload(gateway, { now: LATER });
    expect([...linesOf(second).keys()].sort()).toEqual(["2025260000000417", "TTM/CN/0042"]);

    // The portal took the second upload: no error file this time. Portal Errors still shows the first one's.
    expect(gateway.cell("B2B", rowOf(gateway, "B2B", "2025260000000417"), "Portal Errors")).not.toBeNull();
    expect(await markUploadProcessed(gateway)).toMatchObject({ rebased: 2, withPortalErrors: 0 });
    expect((await generateUpload(gateway, { now: LATER })).kind).toBe("nothing-changed");
  });

  it("before marking, warns of sending again only the records the portal did not refuse", async () => {
    const { gateway, first } = await uploaded();
    await applyErrorFile(gateway, [fixture("ims_reqsts_error_api.json")]); // 2025260000000417 and TTM/CN/0042
    const again = await generateUpload(gateway, { now: LATER });
    const resent = again.kind === "files" ? again.notices.find((n) => n.code === "CHG-06") : undefined;
    const refused = new Set(first.uploaded.filter((u) => ["2025260000000417", "TTM/CN/0042"].includes(u.record.documentNumber)).map((u) => u.record.key));
    expect(refused.size).toBe(2);
    expect(new Set(resent?.recordKeys)).toEqual(new Set(first.uploaded.map((u) => u.record.key).filter((k) => !refused.has(k))));
  });

  it("an error file opened only after the marking puts the records the portal refused back to their starting point", async () => {
    const { gateway, first } = await uploaded();
    const sentBefore = linesOf(first);
    const previousBefore = gateway.cell("B2B", rowOf(gateway, "B2B", "2025260000000417"), "Previous Action");
    expect((await markUploadProcessed(gateway)).rebased).toBe(first.uploaded.length);
    expect(gateway.cell("B2B", rowOf(gateway, "B2B", "2025260000000417"), "Previous Action")).toBe("Reject");

    const late = await applyErrorFile(gateway, [fixture("ims_reqsts_error_api.json")]); // 2025260000000417 and TTM/CN/0042
    expect(late.restored).toBe(2);
    expect(gateway.cell("B2B", rowOf(gateway, "B2B", "2025260000000417"), "Previous Action")).toBe(previousBefore);
    // Opened again, it finds nothing more to put back.
    expect((await applyErrorFile(gateway, [fixture("ims_reqsts_error_api.json")])).restored).toBe(0);

    await forget(gateway);
    const next = await generateUpload(gateway, { now: LATER });
    const lines = linesOf(next);
    expect([...lines.keys()].sort()).toEqual(["2025260000000417", "TTM/CN/0042"]);
    for (const [number, line] of lines) expect(line, number).toEqual(sentBefore.get(number));
  });

  it("keeps no starting point for a record whose downloaded decision holds an unreadable amount, and so cannot put it back", async () => {
    // Digits the schema lets through, too many for a number: the amount is read as unreadable.
    const tooLarge = "9".repeat(400);
    const text = JSON.stringify(fixtureJson("ims_download_offline.json")).replace(/("inum":"2025260000000417",)/, `$1"itc_red_req":"Y","decl_igst":"${tooLarge}",`);
    expect(text).toContain(tooLarge);
    const gateway = new MemoryGateway();
    await importDownloads(gateway, [jsonFile("ims_download_offline.json", JSON.parse(text))], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
    enterSampleDecisions(gateway);
    const first = await generateUpload(gateway, { now: NOW });
    expect(first.kind === "files" && first.uploaded.map((u) => u.record.documentNumber)).toContain("2025260000000417");
    const { lastUpload, byKey } = await readWorkbook(gateway);
    const unreadable = lastUpload!.records.filter((r) => byKey.get(r.key)!.record.documentNumber === "2025260000000417");
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0].startingPoint).toBeUndefined();
    expect(lastUpload!.records.filter((r) => r.startingPoint === undefined)).toHaveLength(1);

    await markUploadProcessed(gateway);
    // Both refused; only TTM/CN/0042 has a starting point to go back to.
    expect((await applyErrorFile(gateway, [fixture("ims_reqsts_error_api.json")])).restored).toBe(1);
    expect(gateway.cell("B2B", rowOf(gateway, "B2B", "2025260000000417"), "Previous Action")).toBe("Reject");
  });

  it("after Processed, leaves nothing to send, also in a pane opened afresh; a later change is sent against the new baseline", async () => {
    const { gateway } = await uploaded();
    expect((await markUploadProcessed(gateway)).withPortalErrors).toBe(0);
    expect((await generateUpload(gateway, { now: LATER })).kind).toBe("nothing-changed");

    await forget(gateway);
    expect((await generateUpload(gateway, { now: LATER })).kind).toBe("nothing-changed");
    const reopened = await readWorkbook(gateway);
    const pending = reopened.entries.find((e) => e.record.documentNumber === "RT-00931")!;
    expect(pending.record.downloaded).toMatchObject({ action: "P", remarks: "Awaiting goods receipt; supplier return not yet filed" });
    const partial = reopened.entries.find((e) => e.record.documentNumber === "TTM/CN/0042")!;
    expect(partial.record.downloaded).toMatchObject({ action: "A", itc: "partial", declared: { igst: 900, cgst: 0, sgst: 0, cess: 0 } });

    enter(gateway, "B2B", "RT-00931", { Action: "Accept" });
    const later = linesOf(await generateUpload(gateway, { now: LATER }));
    expect([...later.keys()]).toEqual(["RT-00931"]);
    expect(later.get("RT-00931")).toMatchObject({ prev_status: "P", action: "A" });
  });

  it("marks a split upload as a whole, and says how many parts it had", async () => {
    const { gateway, split } = await splitUpload();
    expect(await markUploadProcessed(gateway)).toEqual({
      rebased: split.uploaded.length, withPortalErrors: 0, withoutRow: 0, marked: split.files.map((_, i) => i + 1), parts: split.files.length, stillToMark: [],
    });
    // Kept, every part flagged, for an error file opened later.
    expect((await lastUploadParts(gateway)).map((p) => p.processed)).toEqual(split.files.map(() => true));
    expect((await generateUpload(gateway, { now: LATER })).kind).toBe("nothing-changed");
  });

  it("marks a split upload part by part: the parts not yet marked are sent again, and only they are warned about", async () => {
    const { gateway, split } = await splitUpload();
    const inPart = (n: number) => documentsOf(split, n);
    expect(split.files.length).toBe(3);

    const first = await markUploadProcessed(gateway, [2]);
    expect(first).toEqual({ rebased: inPart(2).length, withPortalErrors: 0, withoutRow: 0, marked: [2], parts: 3, stillToMark: [1, 3] });
    expect((await lastUploadParts(gateway)).map((p) => [p.number, p.file, p.records, p.processed])).toEqual(
      split.files.map((f, i) => [i + 1, f.name, f.recordCount, i === 1]),
    );
    await expect(markUploadProcessed(gateway, [2])).rejects.toThrow(/Part 2 of the last upload .* is marked processed already/);
    await expect(markUploadProcessed(gateway, [4])).rejects.toThrow(/in 3 parts, so there is no part 4/);
    await expect(markUploadProcessed(gateway, [])).rejects.toThrow(NothingToMarkError);

    // In a pane opened afresh too, the part marked stays marked and the others are still the last upload's.
    await forget(gateway);
    const again = await generateUpload(gateway, { now: LATER });
    expect([...linesOf(again).keys()].sort()).toEqual([...inPart(1), ...inPart(3)].sort());
    const resent = again.kind === "files" ? again.notices.find((n) => n.code === "CHG-06") : undefined;
    expect(resent?.recordKeys.length).toBe(inPart(1).length + inPart(3).length);
  });

  it("marks the remaining parts with the rest, then has nothing more to mark", async () => {
    const { gateway, split } = await splitUpload();
    await markUploadProcessed(gateway, [1]);
    const rest = await markUploadProcessed(gateway);
    expect(rest).toMatchObject({ marked: [2, 3], stillToMark: [], rebased: split.uploaded.length - split.files[0].recordCount });
    await expect(markUploadProcessed(gateway)).rejects.toThrow(/marked processed already, every part of it/);
    expect((await generateUpload(gateway, { now: LATER })).kind).toBe("nothing-changed");
  });

  it("says so when there is no upload to mark, or the upload was marked already", async () => {
    const gateway = new MemoryGateway();
    await importDownloads(gateway, [fixture("ims_download_offline.json")], { now: NOW, recipientGstin: SAMPLE_RECIPIENT });
    await expect(markUploadProcessed(gateway)).rejects.toThrow(NothingToMarkError);

    const { gateway: marked } = await uploaded();
    await markUploadProcessed(marked);
    await expect(markUploadProcessed(marked)).rejects.toThrow(/marked processed already/);
  });

  it("refuses an upload kept by an earlier version, which did not keep what it sent", async () => {
    const { gateway, first } = await uploaded();
    await gateway.writeSheet(LAST_UPLOAD_SHEET_SPEC, first.uploaded.map((u) => [u.record.key, first.files[0].name, NOW.toISOString(), null, null, "", ""]));
    await expect(markUploadProcessed(gateway)).rejects.toThrow(/earlier version .* Download the JSON from the portal again/);
  });
});
