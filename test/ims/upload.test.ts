import { describe, expect, it } from "vitest";
import { changeSet, type DecidedRecord } from "../../src/ims/changes";
import { normaliseRecord } from "../../src/ims/download/normalise";
import { readDownloads } from "../../src/ims/download/read";
import type { ImsRecord } from "../../src/ims/record";
import { echoKeys, sectionSpec } from "../../src/ims/sections";
import { checkDecision, checkWorkbook } from "../../src/ims/rules";
import { DEFAULT_MAX_RECORDS, NOTHING_TO_UPLOAD, buildUpload, chooseRecipient, type CheckedItems, type UploadInput, type UploadResult } from "../../src/ims/upload";
import { validateUpload } from "../../src/generated/schemas.js";
import { SAMPLE_RECIPIENT, decide, findRecord, fixtureText, loadDownload, sampleDecisions, unchanged } from "./decided-fixtures";

const { records } = loadDownload("ims_download_offline.json");
/** 15 Apr 2026, 09:30 in India. */
const NOW = new Date(Date.UTC(2026, 3, 15, 4, 0));

function build(items: readonly DecidedRecord[], options: Partial<UploadInput> = {}): UploadResult {
  return buildUpload({ recipientGstin: SAMPLE_RECIPIENT, items, now: NOW, ...options });
}

function files(result: UploadResult) {
  if (result.kind !== "files") throw new Error(`Expected files, got ${result.kind}: ${JSON.stringify(result).slice(0, 500)}`);
  return result;
}

type UploadJson = { rtin: string; reqtyp: string; invdata: Record<string, Record<string, unknown>[]> };

/** The records of a file, each with the text of its own line (the writer puts one record per line). */
function recordLines(text: string): { section: string; json: Record<string, unknown>; line: string }[] {
  const upload = JSON.parse(text) as UploadJson;
  const lines = text.split("\n").filter((l) => l.startsWith("{\"stin\""));
  const parsed = Object.entries(upload.invdata).flatMap(([section, list]) => list.map((json) => ({ section, json })));
  expect(lines).toHaveLength(parsed.length);
  return parsed.map((p, i) => ({ ...p, line: lines[i] }));
}

/** The downloaded record an uploaded one echoes, found by its identity. */
function sourceOf(pool: readonly ImsRecord[], section: string, json: Record<string, unknown>): ImsRecord {
  const spec = sectionSpec(section as ImsRecord["section"]);
  const found = pool.filter((r) => r.section === section && r.raw.stin === json.stin
    && r.raw[spec.numberKey] === json[spec.numberKey] && r.raw[spec.dateKey] === json[spec.dateKey]);
  expect(found).toHaveLength(1);
  return found[0];
}

describe("buildUpload on the sample scenario", () => {
  const result = files(build(sampleDecisions(records)));
  const expected = JSON.parse(fixtureText("ims_upload.json")) as UploadJson;

  it("reproduces ims_upload.json exactly, as parsed objects and in key order", () => {
    expect(result.files).toHaveLength(1);
    const actual = JSON.parse(result.files[0].text) as UploadJson;
    expect(actual).toEqual(expected);
    expect(Object.keys(actual.invdata)).toEqual(Object.keys(expected.invdata));
    for (const section of Object.keys(expected.invdata)) {
      actual.invdata[section].forEach((rec, i) => expect(Object.keys(rec)).toEqual(Object.keys(expected.invdata[section][i])));
    }
  });

  it("echoes the downloaded text of every echoed value, and keeps a 16-digit document number a string", () => {
    for (const { section, json, line } of recordLines(result.files[0].text)) {
      const raw = sourceOf(records, section, json).raw;
      for (const key of echoKeys(sectionSpec(section as ImsRecord["section"]))) {
        expect(line).toContain(`"${key}":${JSON.stringify(raw[key])}`);
        expect(typeof json[key]).toBe(typeof raw[key]);
      }
    }
    expect(result.files[0].text).toContain('"inum":"2025260000000417"');
    expect(fixtureText("ims_download_offline.json")).toContain('"inum": "2025260000000417"');
  });

  it("never writes hash, tradenm, srcfilstatus or the flags", () => {
    for (const key of ["hash", "tradenm", "srcfilstatus", "ispendactblocked", "isRemarksBlocked", "itcRedReqBlocked"]) {
      expect(result.files[0].text).not.toContain(`"${key}"`);
    }
  });

  it("names the file after the recipient and the time in India, as UTF-8 without a BOM", () => {
    expect(result.files[0].name).toBe("IMS_Upload_27AAGCK4821M1Z8_20260415-0930.json");
    expect(result.files[0].text.charCodeAt(0)).toBe("{".charCodeAt(0));
    expect(result.files[0].recordCount).toBe(9);
  });

  it("counts the records by section and action and lists what was uploaded", () => {
    expect(result.counts).toEqual({ b2b: { A: 1, P: 1, R: 1 }, b2ba: { A: 1 }, b2bdn: { R: 1 }, b2bcn: { A: 2 }, b2bcna: { A: 1 }, ecom: { A: 1 } });
    expect(result.uploaded.map((u) => u.record.documentNumber)).toEqual([
      "NF/2526/1187", "RT-00931", "2025260000000417", "VL/2526/0710", "DN-26-0009", "TTM/CN/0042", "RT-CN-0007", "NF/CN/0019", "EW-MH-26-552310",
    ]);
  });

  it("passes on the rules' warnings for the export summary, naming the record", () => {
    expect(result.notices.find((n) => n.code === "WRN-03")?.recordKeys).toHaveLength(2);
    expect(result.notices.find((n) => n.code === "ACT-05")?.message).toMatch(/^B2B RT-00931 of 29AABFR7623Q1ZI: /);
  });

  it("gives the records left at No Action one summary, not a notice each", () => {
    const noAction = result.notices.filter((n) => n.code === "WRN-04");
    expect(noAction).toHaveLength(1);
    expect(noAction[0].message).toMatch(/^\d+ records? \(.* tax\) have No Action\./);
  });
});

describe("buildUpload: what is written", () => {
  const pendingInvoice = findRecord(records, "b2b", "2025260000000417");

  it("says plainly that nothing changed and writes no file", () => {
    const result = build(records.map(unchanged));
    expect(result).toMatchObject({ kind: "nothing-changed", message: NOTHING_TO_UPLOAD });
    expect("files" in result).toBe(false);
  });

  it("treats an action changed and changed back as nothing changed (CHG-04)", () => {
    expect(build([decide(pendingInvoice, { action: "P" })]).kind).toBe("nothing-changed");
  });

  it("writes a remark-only change with the same action as prev_status (CHG-02), re-sending nothing else", () => {
    const result = files(build([decide(pendingInvoice, { remarks: "Goods received\r\ndamaged " })]));
    const [{ json }] = recordLines(result.files[0].text);
    expect(json).toMatchObject({ prev_status: "P", action: "P", remarks: "Goods received damaged" });
  });

  it("re-sends an untouched downloaded remark when the new action carries remarks", () => {
    const result = files(build([decide(pendingInvoice, { action: "R" })]));
    expect(recordLines(result.files[0].text)[0].json).toMatchObject({ prev_status: "P", action: "R", remarks: "Goods not yet received" });
  });

  it("does not write a remark edit the action cannot carry, and says why (CHG-03)", () => {
    const invoice = findRecord(records, "b2b", "MC/118");
    const result = build([decide(invoice, { remarks: "Checked" })]);
    expect(result.kind).toBe("nothing-changed");
    if (result.kind === "nothing-changed") expect(result.notices.map((n) => n.code)).toContain("CHG-03");
  });

  it("writes a change back to No Action as action N, and warns (ACT-07)", () => {
    const result = files(build([decide(pendingInvoice, { action: "N" })]));
    const { json } = recordLines(result.files[0].text)[0];
    expect(json).toMatchObject({ prev_status: "P", action: "N" });
    expect(json).not.toHaveProperty("remarks");
    expect(result.notices.map((n) => n.code)).toContain("ACT-07");
  });

  it("writes the download's other spellings under the upload's keys and warns; leaves out keys it does not know", () => {
    const { srcform, rtnprd, ...rest } = pendingInvoice.raw;
    const record = normaliseRecord("b2b", { ...rest, rtnTyp: srcform, sRtnPrd: rtnprd, newPortalField: "x" }, { file: "old.json", position: 1 });
    const result = files(build([decide(record, { action: "R" })]));
    const { json } = recordLines(result.files[0].text)[0];
    expect(json).toMatchObject({ srcform: "R1A", rtnprd: "022026" });
    expect(json).not.toHaveProperty("rtnTyp");
    expect(json).not.toHaveProperty("newPortalField");
    expect(result.notices.find((n) => n.code === "UPL-01")?.message).toMatch(/rtnTyp → srcform, sRtnPrd → rtnprd/);
    expect(result.notices.find((n) => n.code === "UPL-02")?.message).toMatch(/`newPortalField`/);
  });

  it("writes a large partial reduction to the paisa, and the strict schema accepts it", () => {
    const note = findRecord(records, "b2bcn", "TTM/CN/0042");
    const big = normaliseRecord("b2bcn", { ...note.raw, val: 58_573_440.78, txval: 49_638_509.14, iamt: 8_934_931.64 }, { file: "big.json", position: 1 });
    const result = files(build([decide(big, {
      action: "A", itc: "partial", remarks: "Half the ITC was availed",
      declared: { igst: 4_468_016.26, cgst: 0, sgst: 0, cess: 0 },
    })]));
    expect(result.files[0].text).toContain('"declIgst":4468016.26,"declCgst":0,"declSgst":0,"declCess":0');
  });

  it("fails loudly, handing out nothing, when a file would not pass the strict schema", () => {
    // A place of supply that is not text cannot be echoed into a valid upload: a writer bug to report, not a file to send.
    const record = normaliseRecord("b2b", { ...pendingInvoice.raw, pos: { code: "27" } }, { file: "odd.json", position: 1 });
    expect(() => build([decide(record, { action: "R" })])).toThrow(/^Bug: the upload file .* fails the upload schema/);
  });
});

describe("buildUpload: refusals", () => {
  const items = sampleDecisions(records);

  it("refuses without a recipient GSTIN (the offline download carries none) with the FMT-01 message", () => {
    expect(loadDownload("ims_download_offline.json").recipientGstin).toBeUndefined();
    const result = build(items, { recipientGstin: undefined });
    expect(result.kind).toBe("refused");
    if (result.kind === "refused") {
      expect(result.reasons).toEqual([expect.stringMatching(/^Enter the GSTIN of the taxpayer who downloaded this data\. .*\(FMT-01\)$/)]);
      expect(result.exportErrors.map((f) => f.code)).toEqual(["FMT-01"]);
    }
    expect(build(items, { recipientGstin: "   " }).kind).toBe("refused");
  });

  it("refuses a recipient GSTIN with a wrong check character, saying which character is expected", () => {
    const result = build(items, { recipientGstin: "27AAGCK4821M1Z9" });
    expect(result.kind).toBe("refused");
    if (result.kind === "refused") expect(result.reasons[0]).toMatch(/should be "8"/);
  });

  it("takes the recipient from the download where it carries one", () => {
    const withGstin = { gstin: SAMPLE_RECIPIENT, ...JSON.parse(fixtureText("ims_download_offline.json")) };
    const download = readDownloads([{ name: "with-gstin.json", bytes: new TextEncoder().encode(JSON.stringify(withGstin)) }]);
    const result = files(build(sampleDecisions(download.records), { recipientGstin: undefined, fileRecipients: [download.recipientGstin!] }));
    expect((JSON.parse(result.files[0].text) as UploadJson).rtin).toBe(SAMPLE_RECIPIENT);
    expect(chooseRecipient(" ", [SAMPLE_RECIPIENT, "27aagck4821m1z8"])).toBe(SAMPLE_RECIPIENT);
    expect(chooseRecipient(undefined, [SAMPLE_RECIPIENT, "33AADCT1180B1ZY"])).toBeUndefined();
  });

  it("refuses an upload for another GSTIN than the downloads name (FMT-02)", () => {
    const result = build(items, { fileRecipients: ["33AADCT1180B1ZY"] });
    expect(result.kind === "refused" && result.exportErrors.map((f) => f.code)).toEqual(["FMT-02"]);
  });

  it("refuses while any record's error stands, naming the record and the rule", () => {
    const blocked = findRecord(records, "b2bcna", "NF/CN/0019");
    const result = build(items.map((item) => (item.record === blocked ? decide(blocked, { action: "P", remarks: "Still checking" }) : item)));
    expect(result.kind).toBe("refused");
    if (result.kind === "refused") {
      expect(result.recordErrors.map((e) => [e.record, e.finding.code])).toEqual([[blocked, "ACT-01"]]);
      expect(result.reasons).toEqual([expect.stringMatching(/^B2B-CNA NF\/CN\/0019 of 27AAJFN3309H1ZA: Pending is not allowed.*\(ACT-01\)$/)]);
    }
  });
});

describe("buildUpload: findings computed by the caller", () => {
  const items = sampleDecisions(records);
  const checkedHere = (list: readonly DecidedRecord[]): CheckedItems => ({
    byRecord: new Map(list.map((i) => [i.record, checkDecision(i.record, i.decision)] as const).filter(([, f]) => f.length > 0)),
    workbook: checkWorkbook({ recipientGstin: SAMPLE_RECIPIENT, fileRecipients: [], now: NOW, records: list }).findings,
    uploaded: changeSet(list).changed,
  });

  it("gives the same upload, notices included, as checking the records itself", () => {
    const own = files(build(items));
    const given = files(build(items, { checked: checkedHere(items) }));
    expect(given.files).toEqual(own.files);
    expect(given.notices).toEqual(own.notices);
    expect(given.notices.length).toBeGreaterThan(0);
  });

  it("goes by the findings given rather than checking again", () => {
    const blocked = findRecord(records, "b2bcna", "NF/CN/0019");
    const pending = items.map((item) => (item.record === blocked ? decide(blocked, { action: "P", remarks: "Still checking" }) : item));
    expect(build(pending).kind).toBe("refused");
    const result = build(pending, { checked: checkedHere(pending) });
    expect(result.kind === "refused" && result.recordErrors.map((e) => [e.record, e.finding.code])).toEqual([[blocked, "ACT-01"]]);
    // Findings that leave a record out are taken as given: none here, so the upload is built.
    expect(build(pending, { checked: { byRecord: new Map(), workbook: [], uploaded: changeSet(pending).changed } }).kind).toBe("files");
  });

  it("writes the records given as uploaded rather than working them out again", () => {
    const checked = checkedHere(items);
    const [first] = checked.uploaded;
    const result = files(build(items, { checked: { ...checked, uploaded: [first] } }));
    expect(result.uploaded).toEqual([first]);
  });
});

describe("buildUpload: splitting", () => {
  const items = sampleDecisions(records);
  const whole = files(build(items));
  const wholeRecords = recordLines(whole.files[0].text).map((r) => r.json);

  function expectCompleteParts(result: ReturnType<typeof files>, limits: { maxBytes?: number; maxRecords?: number }) {
    for (const file of result.files) {
      const data = JSON.parse(file.text) as UploadJson;
      expect(validateUpload(data)).toBe(true);
      expect(data).toMatchObject({ rtin: SAMPLE_RECIPIENT, reqtyp: "SAVE" });
      if (limits.maxBytes) expect(new TextEncoder().encode(file.text).length).toBeLessThanOrEqual(limits.maxBytes);
      if (limits.maxRecords) expect(file.recordCount).toBeLessThanOrEqual(limits.maxRecords);
      expect(recordLines(file.text)).toHaveLength(file.recordCount);
    }
    // Together the parts hold every record once, in the same order as the single file.
    expect(result.files.flatMap((f) => recordLines(f.text).map((r) => r.json))).toEqual(wholeRecords);
  }

  it("splits by size, each part a complete valid upload under the limit, no record split", () => {
    const result = files(build(items, { maxBytes: 1200 }));
    expect(result.files.length).toBeGreaterThan(2);
    expectCompleteParts(result, { maxBytes: 1200 });
    expect(result.files.map((f) => f.name)).toEqual(result.files.map((_, i) => `IMS_Upload_27AAGCK4821M1Z8_20260415-0930_part${i + 1}-of-${result.files.length}.json`));
    expect(result.notices.find((n) => n.code === "CHG-08")?.message).toBe(
      `The upload was split into ${result.files.length} files. Upload them one at a time and wait for 'Processed' before the next.`,
    );
  });

  it("splits by record count", () => {
    const result = files(build(items, { maxRecords: 4 }));
    expect(result.files.map((f) => f.recordCount)).toEqual([4, 4, 1]);
    expectCompleteParts(result, { maxRecords: 4 });
  });

  it("uses exactly the limit when a file fits it", () => {
    const size = new TextEncoder().encode(whole.files[0].text).length;
    expect(files(build(items, { maxBytes: size })).files).toHaveLength(1);
    expect(files(build(items, { maxBytes: size - 1 })).files).toHaveLength(2);
  });

  it("refuses when one record alone exceeds the size limit", () => {
    const result = build(items, { maxBytes: 300 });
    expect(result.kind === "refused" && result.reasons[0]).toMatch(
      /^The file size limit is too small: B2B RT-00931 of 29AABFR7623Q1ZI alone makes a file of \d+ bytes, more than the limit of 300 bytes\.$/,
    );
  });

  it("splits at 5,000 records by default", () => {
    const base = findRecord(records, "b2b", "MC/118");
    const many = Array.from({ length: DEFAULT_MAX_RECORDS * 2 + 1 }, (_, i) =>
      decide(normaliseRecord("b2b", { ...base.raw, inum: `MC/${i}` }, { file: "big.json", position: i + 1 }), { action: "R", remarks: "Not ours" }));
    const result = files(build(many));
    expect(result.files.map((f) => f.recordCount)).toEqual([5000, 5000, 1]);
    expect(result.files[2].name).toMatch(/_part3-of-3\.json$/);
  }, 120_000); // ten thousand records through every rule: generous, so a busy machine does not fail it
});
