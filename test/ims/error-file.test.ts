import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { normaliseRecord } from "../../src/ims/download/normalise";
import { matchErrors, readErrorFiles, type PortalError } from "../../src/ims/error-file";
import { ImsFileError } from "../../src/ims/file-error";
import { UNKNOWN_CODE_GUIDANCE, WHOLE_FILE_REJECTED_GUIDANCE, guidanceFor, knownPortalCode } from "../../src/ims/portal-codes";
import { findRecord, fixtureBytes, fixtureText, loadDownload } from "./decided-fixtures";

const { records } = loadDownload("ims_download_offline.json");
const shreeji = findRecord(records, "b2b", "2025260000000417");
const tirupurNote = findRecord(records, "b2bcn", "TTM/CN/0042");

const encoder = new TextEncoder();
function jsonFile(name: string, content: unknown) {
  return { name, bytes: encoder.encode(JSON.stringify(content)) };
}

/** The two errors both sample files report, as matched. */
function expectSampleErrorsMatched(errors: readonly PortalError[]) {
  const result = matchErrors({ errors }, records);
  expect(result.unmatched).toEqual([]);
  expect(result.matched.map((m) => [m.record, m.error.code, m.quality])).toEqual([
    [shreeji, "IMSSAV0010", "exact"],
    [tirupurNote, "IMSSAV0054", "exact"],
  ]);
  const [stale, missingDeclaration] = result.matched;
  expect(stale.error.message).toBe("Either previous action is incorrect/ invoice might have edited by supplier");
  expect(stale.error.guidance).toMatch(/Download a fresh JSON/);
  expect(missingDeclaration.error.message).toBe("Error! Please enter value for the column itcRedReq.");
  expect(missingDeclaration.error.guidance).toMatch(/Choose Full, Partial or No reduction/);
}

describe("readErrorFiles: the two known shapes", () => {
  it("reads shape A (imsDetailsErr: full records with error_cd and error_msg), dates included", () => {
    const report = readErrorFiles([{ name: "ims_error_offline.json", bytes: fixtureBytes("ims_error_offline.json") }]);
    expect(report.errors).toHaveLength(2);
    expect(report.errors[0]).toMatchObject({
      file: "ims_error_offline.json", section: "b2b", alias: "b2b", supplierGstin: "24AAJCS5501L1ZA",
      documentNumber: "2025260000000417", documentDate: "28-02-2026", returnPeriod: "022026", code: "IMSSAV0010",
    });
    expect(report.errors[1]).toMatchObject({ section: "b2bcn", alias: "b2bcn", documentNumber: "TTM/CN/0042", documentDate: "18-03-2026" });
    expect(report.requestFailures).toEqual([]);
    expectSampleErrorsMatched(report.errors);
  });

  it("reads shape B (REQSTS error_report), maps the alias cn to b2bcn and takes the note number from inum", () => {
    const report = readErrorFiles([{ name: "ims_reqsts_error_api.json", bytes: fixtureBytes("ims_reqsts_error_api.json") }]);
    expect(report.statuses).toEqual([{ file: "ims_reqsts_error_api.json", status: "PE", processed: "7", failed: "2" }]);
    expect(report.errors[1]).toMatchObject({ section: "b2bcn", alias: "cn", documentNumber: "TTM/CN/0042", returnPeriod: "032026" });
    expect(report.errors[1].documentDate).toBeUndefined();
    expectSampleErrorsMatched(report.errors);
  });

  it("reads a zip of error files, naming each entry, and skips what is not JSON", () => {
    const zip = zipSync({
      "errors/reqsts.json": fixtureBytes("ims_reqsts_error_api.json"),
      "readme.txt": encoder.encode("not json"),
    });
    const report = readErrorFiles([{ name: "IMS_errors.zip", bytes: zip }]);
    expect(report.errors.map((e) => e.file)).toEqual(["IMS_errors.zip/errors/reqsts.json", "IMS_errors.zip/errors/reqsts.json"]);
    expectSampleErrorsMatched(report.errors);
  });

  it("unwraps a `data` wrapper and reads a bare error_report object", () => {
    const response = JSON.parse(fixtureText("ims_reqsts_error_api.json"));
    expectSampleErrorsMatched(readErrorFiles([jsonFile("wrapped.json", { status_cd: "1", data: response })]).errors);
    expectSampleErrorsMatched(readErrorFiles([jsonFile("bare.json", response.error_report)]).errors);
  });

  it("does not treat a shape-A record without error fields as an error, and says so", () => {
    const file = JSON.parse(fixtureText("ims_error_offline.json"));
    const { error_cd: _cd, error_msg: _msg, ...processed } = file.imsDetailsErr.b2bcn[0];
    file.imsDetailsErr.b2bcn.push({ ...processed, nt_num: "TTM/CN/0043" });
    const report = readErrorFiles([jsonFile("mixed.json", file)]);
    expect(report.errors).toHaveLength(2);
    expect(report.notices).toEqual([{ severity: "info", file: "mixed.json", message: expect.stringMatching(/^1 record\(s\) in the error file carry no error/) }]);
  });
});

describe("readErrorFiles: whole-request failures and wrong files", () => {
  it("reports status ER as a failure of the whole upload, marking no record", () => {
    const report = readErrorFiles([jsonFile("er.json", { status_cd: "ER", err_cd: "GEN5001", err_msg: "Missing Mandatory Params" })]);
    expect(report.errors).toEqual([]);
    expect(report.requestFailures).toEqual([{
      file: "er.json", status: "ER", code: "GEN5001", message: "Missing Mandatory Params",
      guidance: "The portal rejected the whole file as incomplete. Export it again from the add-in. If it fails again, report it with the file.",
    }]);
  });

  it("reports a request-level err_cd without error_report as a failure, with the code's guidance", () => {
    const report = readErrorFiles([jsonFile("busy.json", {
      err_cd: "IMSSAV0015", err_msg: "Previous Save or Reset request is already under progress. Please try after some time.",
    })]);
    expect(report.requestFailures[0].guidance).toMatch(/^Wait until the previous upload shows 'Processed'/);
  });

  it("reports an ER with no code as the whole file rejected", () => {
    const report = readErrorFiles([jsonFile("er.json", { status_cd: "ER" })]);
    expect(report.requestFailures[0]).toMatchObject({ message: "(the portal gave no message)", guidance: WHOLE_FILE_REJECTED_GUIDANCE });
  });

  it("warns that an upload still In Progress has no result yet", () => {
    const report = readErrorFiles([jsonFile("ip.json", { status_cd: "IP" })]);
    expect(report.notices[0]).toMatchObject({ severity: "warning", message: expect.stringMatching(/still processing/) });
  });

  it("refuses a download or an upload file, naming the file and saying what it is", () => {
    expect(() => readErrorFiles([{ name: "ims_download_offline.json", bytes: fixtureBytes("ims_download_offline.json") }]))
      .toThrow(/^ims_download_offline\.json: is an IMS download, not an error file/);
    expect(() => readErrorFiles([{ name: "ims_download_api.json", bytes: fixtureBytes("ims_download_api.json") }]))
      .toThrow(/^ims_download_api\.json: is an IMS download/);
    expect(() => readErrorFiles([{ name: "ims_upload.json", bytes: fixtureBytes("ims_upload.json") }]))
      .toThrow(/^ims_upload\.json: is an upload file/);
    expect(() => readErrorFiles([jsonFile("list.json", [1, 2])])).toThrow(ImsFileError);
  });

  it("refuses a section that is not a list, naming file and section", () => {
    expect(() => readErrorFiles([jsonFile("bad.json", { imsDetailsErr: { b2b: "oops" } })])).toThrow("bad.json: section `b2b` is not a list.");
  });
});

describe("matchErrors", () => {
  const group = (alias: string, stin: string, inum: string, rtnprd: string, error_cd = "IMSSAV0054") =>
    ({ [alias]: [{ stin, error_cd, error_msg: "Error! Please enter value for the column itcRedReq.", inv: [{ inum, rtnprd }] }] });

  function errorsOf(content: unknown) {
    return readErrorFiles([jsonFile("err.json", content)]).errors;
  }

  it("reports errors that match no record, never dropping them: unknown alias, unknown document, no document", () => {
    const errors = errorsOf({
      status_cd: "PE",
      error_report: {
        ...group("isd", "33AADCT1180B1ZY", "TTM/CN/0042", "032026"),
        ...group("cn", "33AADCT1180B1ZY", "TTM/CN/9999", "032026"),
        b2b: [{ stin: "24AAJCS5501L1ZA", error_cd: "RET191106", error_msg: "Something else", inv: [] }],
      },
    });
    const result = matchErrors({ errors }, records);
    expect(result.matched).toEqual([]);
    expect(result.unmatched.map((e) => [e.alias, e.section, e.documentNumber, e.message])).toEqual([
      ["isd", undefined, "TTM/CN/0042", "Error! Please enter value for the column itcRedReq."],
      ["cn", "b2bcn", "TTM/CN/9999", "Error! Please enter value for the column itcRedReq."],
      ["b2b", "b2b", "", "Something else"],
    ]);
    expect(result.unmatched[2].guidance).toBe(UNKNOWN_CODE_GUIDANCE);
  });

  it("does not match a different supplier or a different return period", () => {
    const errors = errorsOf({ error_report: {
      ...group("cn", "29AABFR7623Q1ZI", "TTM/CN/0042", "032026"),
      ...group("b2bcn", "33AADCT1180B1ZY", "TTM/CN/0042", "022026"),
    } });
    expect(matchErrors({ errors }, records).unmatched).toHaveLength(2);
  });

  it("labels a match that holds only ignoring case and spaces as approximate", () => {
    const errors = errorsOf({ error_report: group("cn", " 33aadct1180b1zy", "ttm/cn/0042 ", "032026") });
    const result = matchErrors({ errors }, records);
    expect(result.matched.map((m) => [m.record, m.quality])).toEqual([[tirupurNote, "approximate"]]);
  });

  it("compares months only when one side gives the period as MM", () => {
    const errors = errorsOf({ error_report: group("cn", "33AADCT1180B1ZY", "TTM/CN/0042", "03") });
    expect(matchErrors({ errors }, records).matched.map((m) => m.record)).toEqual([tirupurNote]);
  });

  it("marks every candidate ambiguous when several records fit, and prefers the last upload's records", () => {
    // The same note number twice from one supplier, with different dates: shape B carries no date.
    const twin = normaliseRecord("b2bcn", { ...tirupurNote.raw, nt_dt: "19-03-2026" }, { file: "later.json", position: 1 });
    const all = [...records, twin];
    const errors = errorsOf({ error_report: group("cn", "33AADCT1180B1ZY", "TTM/CN/0042", "032026") });

    const ambiguous = matchErrors({ errors }, all);
    expect(ambiguous.matched.map((m) => [m.record, m.quality])).toEqual([[tirupurNote, "ambiguous"], [twin, "ambiguous"]]);

    const narrowed = matchErrors({ errors }, all, { lastUploadKeys: new Set([twin.key]) });
    expect(narrowed.matched.map((m) => [m.record, m.quality])).toEqual([[twin, "exact"]]);
  });

  it("uses the date that shape A carries to tell such records apart", () => {
    const twin = normaliseRecord("b2bcn", { ...tirupurNote.raw, nt_dt: "19-03-2026" }, { file: "later.json", position: 1 });
    const report = readErrorFiles([{ name: "ims_error_offline.json", bytes: fixtureBytes("ims_error_offline.json") }]);
    const result = matchErrors(report, [...records, twin]);
    expect(result.matched.filter((m) => m.record.section === "b2bcn").map((m) => [m.record, m.quality])).toEqual([[tirupurNote, "exact"]]);
  });

  it("prefers an exact match anywhere to an approximate one among the last upload's records", () => {
    const lookalike = normaliseRecord("b2bcn", { ...tirupurNote.raw, nt_num: "ttm/cn/0042" }, { file: "t.json", position: 1 });
    const errors = errorsOf({ error_report: group("cn", "33AADCT1180B1ZY", "TTM/CN/0042", "032026") });
    const result = matchErrors({ errors }, [...records, lookalike], { lastUploadKeys: new Set([lookalike.key]) });
    expect(result.matched.map((m) => [m.record, m.quality])).toEqual([[tirupurNote, "exact"]]);
  });
});

describe("portal codes", () => {
  it("knows the three IMSSAV codes and shows unknown codes' messages with generic guidance", () => {
    expect(knownPortalCode(" imssav0010 ")?.relatedRule).toBe("CHG-06");
    expect(guidanceFor("IMSSAV0015", "")).toMatch(/Upload split files one at a time/);
    expect(guidanceFor("IMSSAV0054", "")).toMatch(/Choose Full, Partial or No reduction/);
    expect(guidanceFor("RET191106", "anything")).toBe(UNKNOWN_CODE_GUIDANCE);
  });

  it("reads the code-less 'No action taken in B2B Credit Notes' as the IMSSAV0054 cause", () => {
    expect(guidanceFor(undefined, "No action taken in B2B Credit Notes")).toBe(guidanceFor("IMSSAV0054", ""));
  });
});
