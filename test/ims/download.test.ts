import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ImsFileError } from "../../src/ims/file-error";
import { pick } from "../../src/ims/download/normalise";
import { readDownloads, type Download } from "../../src/ims/download/read";
import { checkDownloadStructure } from "../../src/ims/download/structure";
import type { InputFile } from "../../src/ims/download/files";
import type { ImsRecord } from "../../src/ims/record";

const WHERE = "Download the IMS data on the GST portal: Services → Returns → IMS Dashboard → Offline → Download JSON.";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const fixtureText = (name: string): string => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
const fixture = (name: string): InputFile => ({ name, bytes: encode(fixtureText(name)) });
const jsonFile = (name: string, content: unknown): InputFile => ({ name, bytes: encode(JSON.stringify(content)) });
const textFile = (name: string, text: string): InputFile => ({ name, bytes: encode(text) });
const read = (...files: InputFile[]): Download => readDownloads(files);

/** The message of the ImsFileError the call throws (the test fails if it throws nothing or something else). */
function messageOf(call: () => unknown): string {
  try {
    call();
  } catch (e) {
    expect(e).toBeInstanceOf(ImsFileError);
    return (e as Error).message;
  }
  throw new Error("expected an ImsFileError, but nothing was thrown");
}

/** A plain b2b record as the API writes it; `over` replaces or adds keys. */
function b2b(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    stin: "27AAJFN3309H1ZA", inum: "NF/2526/1187", inv_typ: "R", idt: "05-03-2026", val: 59000, action: "N",
    pos: "27", txval: 50000, iamt: 0, camt: 4500, samt: 4500, cess: 0, srcform: "R1", rtnprd: "032026",
    srcfilstatus: "Filed", ispendactblocked: "N", isRemarksBlocked: "N",
    hash: "e5ee4db1e5c785ed2b9a0da3e91a655f7ba7c7cf44d21b44302a8c2f380d6185",
    ...over,
  };
}

/** A b2bcn record (ITC declaration section). */
function b2bcn(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    stin: "33AADCT1180B1ZY", nt_num: "TTM/CN/0042", inv_typ: "R", nt_dt: "18-03-2026", val: 11800, action: "N",
    pos: "27", txval: 10000, iamt: 1800, camt: 0, samt: 0, cess: 0, srcform: "R1", rtnprd: "032026",
    srcfilstatus: "Filed", ispendactblocked: "N", isRemarksBlocked: "N", isItcRedReqBlocked: "N",
    hash: "38e7b89bba4d695ec4a0e2e6ca7b8edfb099f46cfcb56be0070793f3bee0e85f",
    ...over,
  };
}

const only = (download: Download): ImsRecord => {
  expect(download.records).toHaveLength(1);
  return download.records[0];
};

function withoutFileSpecifics(record: ImsRecord): Omit<ImsRecord, "raw" | "source" | "supplierName"> {
  const { raw: _raw, source: _source, supplierName: _name, ...rest } = record;
  return rest;
}

describe("reading the sample downloads", () => {
  it("reads the offline download: all 8 sections, 12 records, in the imsDetails envelope", () => {
    const d = read(fixture("ims_download_offline.json"));
    expect(d.files).toEqual([{ name: "ims_download_offline.json", envelope: "offline", recordCount: 12, recipientGstin: undefined, metadata: {} }]);
    expect(d.records.map((r) => `${r.section} ${r.documentNumber}`)).toEqual([
      "b2b NF/2526/1187", "b2b RT-00931", "b2b 2025260000000417", "b2b MC/118", "b2ba VL/2526/0710",
      "b2bdn DN-26-0009", "b2bdna DN-26-0004", "b2bcn TTM/CN/0042", "b2bcn RT-CN-0007", "b2bcna NF/CN/0019",
      "ecom EW-MH-26-552310", "ecoma EW-MH-26-511087",
    ]);
    expect(d.notices).toEqual([]);
    expect(d.importOfGoods).toEqual([]);
    expect(d.unsupported).toEqual([]);
  });

  it("normalises each scenario of the samples README", () => {
    const byNumber = new Map(read(fixture("ims_download_offline.json")).records.map((r) => [r.documentNumber, r]));
    const riverline = byNumber.get("RT-00931")!;
    expect(riverline.supplierFiled).toBe(false);
    expect(riverline.filingStatusText).toBe("Not Filed");
    expect(riverline.source).toEqual({ file: "ims_download_offline.json", position: 2 });
    expect(riverline.key).toBe("b2b|29AABFR7623Q1ZI|RT-00931|21-03-2026");

    const shreeji = byNumber.get("2025260000000417")!;
    expect(shreeji.raw.inum).toBe("2025260000000417");
    expect(shreeji.sourceForm).toBe("R1A");
    expect(shreeji.downloaded).toEqual({ action: "P", remarks: "Goods not yet received", itc: null, declared: { igst: null, cgst: null, sgst: null, cess: null } });

    const vega = byNumber.get("VL/2526/0710")!;
    expect([vega.originalNumber, vega.originalDate, vega.itcDeclarationBlocked]).toEqual(["VL/2526/0710", "14-11-2025", false]);
    expect(byNumber.get("NF/CN/0019")!.pendingBlocked).toBe(true);
    expect(byNumber.get("EW-MH-26-511087")!.itcDeclarationBlocked).toBe(true);
    expect(byNumber.get("EW-MH-26-552310")!.invoiceType).toBeUndefined();
    expect(byNumber.get("MC/118")!.pendingBlocked).toBe(false);
  });

  it("reads the API-style download (sections at the root, other key order, variant flags)", () => {
    const d = read(fixture("ims_download_api.json"));
    expect(d.files[0].envelope).toBe("api");
    expect(d.records).toHaveLength(12);
    expect(d.notices).toEqual([]);
  });

  it("normalises the offline and the API download to identical records apart from names, raw objects and sources", () => {
    const offline = read(fixture("ims_download_offline.json")).records;
    const api = read(fixture("ims_download_api.json")).records;
    expect(api.map(withoutFileSpecifics)).toEqual(offline.map(withoutFileSpecifics));
    expect(offline.every((r) => r.supplierName !== "")).toBe(true);
    expect(api.every((r) => r.supplierName === "")).toBe(true);
  });

  it("reads the GSTN sandbox data as it is: failing supplier GSTIN kept, odd amounts echoed, one hash for all", () => {
    const d = read(fixture("gstn_sandbox_api.json"));
    expect(d.records).toHaveLength(6);
    expect(new Set(d.records.map((r) => r.supplierGstin))).toEqual(new Set(["24MAYAS0100J1JD"]));
    const cn = d.records.find((r) => r.section === "b2bcn")!;
    expect(cn.raw.val).toBe(1000.1);
    expect(cn.value).toBe(1000.1);
    expect(cn.downloaded.action).toBe("A");
    expect(cn.downloaded.itc).toBeNull();
  });
});

describe("tolerated variants", () => {
  it("reads a `data` wrapper (portal web API) and keeps the other root keys as metadata", () => {
    const d = read(jsonFile("web.json", { data: { b2b: [b2b()] }, status: 1, rtnprd: "032026" }));
    expect(d.files[0].envelope).toBe("data-wrapper");
    expect(d.files[0].metadata).toEqual({ status: 1, rtnprd: "032026" });
    expect(only(d).documentNumber).toBe("NF/2526/1187");
  });

  it("takes the recipient GSTIN from `rtin` or `gstin`, at the root or inside the envelope", () => {
    expect(read(jsonFile("a.json", { rtin: "27AAGCK4821M1Z8", b2b: [b2b()] })).recipientGstin).toBe("27AAGCK4821M1Z8");
    expect(read(jsonFile("b.json", { gstin: " 27aagck4821m1z8 ", data: { b2b: [b2b()] } })).recipientGstin).toBe("27AAGCK4821M1Z8");
    const inside = read(jsonFile("c.json", { imsDetails: { gstin: "27AAGCK4821M1Z8", version: "1.1", b2b: [b2b()] } }));
    expect(inside.recipientGstin).toBe("27AAGCK4821M1Z8");
    expect(inside.files[0].metadata).toEqual({ version: "1.1" });
  });

  it.each([
    ["Y", true], ["y", true], [" Yes ", true], [true, true], ["TRUE", true],
    ["N", false], ["no", false], [false, false], ["false", false],
    ["X", undefined], [null, undefined],
  ])("reads the pending-blocked flag %j as %s", (flag, expected) => {
    expect(only(read(jsonFile("f.json", { b2b: [b2b({ ispendactblocked: flag })] }))).pendingBlocked).toBe(expected);
  });

  it("finds a key in any letter case, whether the record's keys are the portal's usual ones or not", () => {
    const usual = { stin: "27AAJFN3309H1ZA", inum: "NF/1", ispendactblocked: "Y" };
    expect(pick(usual, "ispendactnallwd")).toBeUndefined();
    expect(pick(usual, "INUM")).toBe("NF/1");
    expect(pick(usual, "toString", "constructor")).toBeUndefined();
    expect(pick({ ...usual, ISPENDACTNALLWD: "N" }, "ispendactnallwd")).toBe("N");
    expect(pick({ stin: "x", DeclIgst: 5 }, "declIgst", "decl_igst")).toBe(5);
    expect(pick({ stin: "x", Decl_Igst: 6 }, "declIgst", "decl_igst")).toBe(6);
    expect(pick({ stin: "x", Extra: 1 }, "extra")).toBe(1);
  });

  it("reads the older, inverted `ispendactnallwd` (N = Pending not allowed)", () => {
    const record = (flag: string) => b2b({ ispendactblocked: undefined, ispendactnallwd: flag });
    expect(only(read(jsonFile("old.json", { b2b: [record("N")] }))).pendingBlocked).toBe(true);
    expect(only(read(jsonFile("old.json", { b2b: [record("Y")] }))).pendingBlocked).toBe(false);
  });

  it("treats a record whose two pending flags disagree as blocked, and warns", () => {
    const d = read(jsonFile("both.json", { b2b: [b2b({ ispendactblocked: "N", ispendactnallwd: "N" })] }));
    expect(only(d).pendingBlocked).toBe(true);
    expect(d.notices).toEqual([{
      severity: "warning",
      file: "both.json",
      message: "b2b record 1 (NF/2526/1187): the flags `ispendactblocked` and `ispendactnallwd` disagree, so Pending is treated as not allowed.",
    }]);
  });

  it("reads the ITC-blocked flag under either name, and `unknown` when neither is there", () => {
    const cn = (over: Record<string, unknown>) => only(read(jsonFile("cn.json", { b2bcn: [b2bcn({ isItcRedReqBlocked: undefined, ...over })] })));
    expect(cn({ isItcRedReqBlocked: "Y" }).itcDeclarationBlocked).toBe(true);
    expect(cn({ itcRedReqBlocked: "Y" }).itcDeclarationBlocked).toBe(true);
    expect(cn({ itcRedReqBlocked: false }).itcDeclarationBlocked).toBe(false);
    expect(cn({}).itcDeclarationBlocked).toBeUndefined();
  });

  it("reads a downloaded ITC declaration in camelCase or snake_case", () => {
    const camel = only(read(jsonFile("c.json", { b2bcn: [b2bcn({ action: "A", itcRedReq: "Y", declIgst: 900, declCgst: 0, declSgst: 0, declCess: 0 })] })));
    const snake = only(read(jsonFile("s.json", { b2bcn: [b2bcn({ action: "A", itc_red_req: "Y", decl_igst: 900, decl_cgst: 0, decl_sgst: 0, decl_cess: 0 })] })));
    const expected = { action: "A", remarks: "", itc: "partial", declared: { igst: 900, cgst: 0, sgst: 0, cess: 0 } };
    expect(camel.downloaded).toEqual(expected);
    expect(snake.downloaded).toEqual(expected);
    expect(only(read(jsonFile("n.json", { b2bcn: [b2bcn({ action: "A", itc_red_req: "N" })] }))).downloaded.itc).toBe("none");
    expect(only(read(jsonFile("f.json", { b2bcn: [b2bcn({ action: "A", itcRedReq: "Y" })] }))).downloaded.itc).toBe("full");
  });

  it("reads empty sections given as [], null or left out", () => {
    const d = read(jsonFile("e.json", { imsDetails: { b2b: [b2b()], b2ba: [], b2bcn: null } }));
    expect(only(d).section).toBe("b2b");
    expect(d.notices).toEqual([]);
    expect(read(jsonFile("none.json", { imsDetails: { b2b: [] } })).records).toEqual([]);
  });

  it("strips a UTF-8 byte-order mark, and reads a file re-saved as UTF-16", () => {
    const text = JSON.stringify({ b2b: [b2b({ tradenm: "नवकार" })] });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...encode(text)]);
    expect(only(read({ name: "bom.json", bytes: bom })).supplierName).toBe("नवकार");
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2);
    expect(only(read({ name: "utf16.json", bytes: utf16 })).supplierName).toBe("नवकार");
  });

  it("tolerates amounts given as numeric strings: read as numbers, kept as the strings they were", () => {
    const r = only(read(jsonFile("s.json", { b2b: [b2b({ val: "59000.50", txval: " 50000 ", cess: null })] })));
    expect([r.value, r.taxableValue, r.cess]).toEqual([59000.5, 50000, 0]);
    expect([r.raw.val, r.raw.txval, r.raw.cess]).toEqual(["59000.50", " 50000 ", null]);
  });

  it.each([
    ["Filed", true, "Filed"], ["F", true, "Filed"], ["FILED", true, "Filed"],
    ["Not Filed", false, "Not Filed"], ["NotFiled", false, "Not Filed"], ["NF", false, "Not Filed"],
    ["Saved", false, "Not Filed"], ["SAVED", false, "Not Filed"],
    ["Under review", undefined, "Under review"], [undefined, undefined, ""],
  ])("reads the filing status %j as filed=%s, shown as %j", (status, filed, shown) => {
    const r = only(read(jsonFile("s.json", { b2b: [b2b({ srcfilstatus: status })] })));
    expect([r.supplierFiled, r.filingStatusText]).toEqual([filed, shown]);
  });

  it("reads a document number given under the other section's key (EY's parser accepts both)", () => {
    const r = only(read(jsonFile("x.json", { b2bdn: [b2bcn({ nt_num: undefined, nt_dt: undefined, inum: "DN-1", idt: "01-03-2026" })] })));
    expect([r.documentNumber, r.documentDate]).toEqual(["DN-1", "01-03-2026"]);
  });
});

describe("sections this version does not act on", () => {
  it("keeps an unknown section aside and warns, inside an envelope or at the root", () => {
    const isd = [{ stin: "27AAGCK4821M1Z8", docnum: "ISD-1" }];
    for (const content of [{ imsDetails: { b2b: [b2b()], isd } }, { b2b: [b2b()], isd }]) {
      const d = read(jsonFile("isd.json", content));
      expect(d.records).toHaveLength(1);
      expect(d.unsupported).toEqual([{ file: "isd.json", section: "isd", records: isd }]);
      expect(d.notices).toEqual([{
        severity: "warning",
        file: "isd.json",
        message: "Section `isd` is not supported by this version; its 1 record(s) were kept aside and are not shown or uploaded.",
      }]);
    }
  });

  it("keeps import-of-goods sections read-only, with a note", () => {
    const boe = [{ boenum: "1234567", boedt: "01-11-2025", portcd: "INNSA1", txval: 100000, igst: 18000, cess: 0, action: "N" }];
    const d = read(jsonFile("impg.json", { b2b: [b2b()], impg: boe, impgsez: [] }));
    expect(d.records).toHaveLength(1);
    expect(d.importOfGoods).toEqual([{ file: "impg.json", section: "impg", records: boe }]);
    expect(d.notices).toEqual([{
      severity: "info",
      file: "impg.json",
      message: "Import-of-goods section `impg` (1 bill(s) of entry) is read-only in this version; act on it on the portal.",
    }]);
  });

  it("reads a download holding only import-of-goods records", () => {
    const d = read(jsonFile("impg.json", { impg: [{ boenum: "1234567", boedt: "01-11-2025" }] }));
    expect(d.records).toEqual([]);
    expect(d.importOfGoods).toHaveLength(1);
  });
});

describe("files that are not IMS downloads", () => {
  it.each([
    ["ims.json", "hello world", "ims.json: is not a JSON file (it cannot be read). Choose the .json file downloaded from the portal."],
    ["ims.json", "{\"b2b\": [1, 2]}\n}", "ims.json: is not a JSON file (it cannot be read at line 2, column 1). Choose the .json file downloaded from the portal."],
    ["ims.json", "", "ims.json: is empty. Download the file again from the portal."],
    ["ims.json", "  \n ", "ims.json: is empty. Download the file again from the portal."],
    ["ims.json", "<!DOCTYPE html><html><body>Session expired</body></html>", "ims.json: is a web page (HTML), not a JSON file: the portal session may have expired while downloading. Log in again and download the JSON again."],
    ["ims.json", "%PDF-1.7 ...", "ims.json: is a PDF document, not a JSON file. Choose the .json file downloaded from the portal."],
    ["list.json", "[{\"b2b\": []}]", `list.json: is not an IMS download: it holds a JSON list, not an object with IMS sections. ${WHERE}`],
    ["num.json", "42", `num.json: is not an IMS download: it holds a single JSON number, not an object with IMS sections. ${WHERE}`],
    ["other.json", "{\"name\": \"my purchases\", \"rows\": []}", `other.json: is not an IMS download: it has none of the IMS sections (b2b, b2ba, b2bdn, b2bdna, b2bcn, b2bcna, ecom, ecoma). ${WHERE}`],
  ])("refuses %s holding %j", (name, text, message) => {
    expect(messageOf(() => read(textFile(name, text)))).toBe(message);
  });

  it("says a download was cut short, wherever it stops", () => {
    const text = fixtureText("ims_download_offline.json");
    for (const cut of [1, 200, Math.floor(text.length / 2), text.length - 3]) {
      expect(messageOf(() => read(textFile("ims.json", text.slice(0, cut)))))
        .toBe("ims.json: ends unexpectedly: the file looks cut short. Download it again from the portal.");
    }
  });

  it("refuses bytes that are not UTF-8 rather than replacing characters", () => {
    const bytes = new Uint8Array([...encode("{\"b2b\":[{\"stin\":\"X"), 0xff, ...encode("\"}]}")]);
    expect(messageOf(() => read({ name: "latin.json", bytes })))
      .toBe("latin.json: is not UTF-8 text, so it is not a portal download (it may have been re-saved by another program). Download it again from the portal.");
  });

  it.each([
    ["gstr1.json", { gstin: "27AAGCK4821M1Z8", fp: "032026", b2b: [{ ctin: "29AABFR7623Q1ZI", inv: [{ inum: "S-1" }] }], b2cs: [] }, `gstr1.json: looks like a GSTR-1 file, not an IMS download. ${WHERE}`],
    ["gstr1-notes.json", { gstin: "27AAGCK4821M1Z8", fp: "032026", b2b: [], cdnr: [{ ctin: "29AABFR7623Q1ZI", nt: [{ nt_num: "C-1" }] }] }, `gstr1-notes.json: looks like a GSTR-1 file, not an IMS download. ${WHERE}`],
    ["gstr2a.json", { gstin: "27AAGCK4821M1Z8", fp: "032026", b2b: [{ ctin: "29AABFR7623Q1ZI", cfs: "Y", cfs3b: "Y", inv: [{ inum: "RT-00931" }] }] }, `gstr2a.json: looks like a GSTR-2A file, not an IMS download. ${WHERE}`],
    ["gstr2a-cdn.json", { cdn: [{ ctin: "29AABFR7623Q1ZI", cfs: "Y", nt: [{ nt_num: "RT-CN-0007" }] }] }, `gstr2a-cdn.json: looks like a GSTR-2A file, not an IMS download. ${WHERE}`],
    ["gstr2b.json", { data: { gstin: "27AAGCK4821M1Z8", rtnprd: "032026", docdata: { b2b: [] }, itcsumm: {} } }, `gstr2b.json: looks like a GSTR-2B file, not an IMS download. ${WHERE}`],
    ["reqsts.json", { status_cd: "P", transTypCd: "SAV", proc_cnt: "9", err_cnt: "0" }, "reqsts.json: is a portal error file (\"Processed with Error\"), not an IMS download. Open it with \"Open error file\" instead."],
    ["wrapped-upload.json", { data: { rtin: "27AAGCK4821M1Z8", reqtyp: "SAVE", invdata: {} } }, `wrapped-upload.json: is an IMS upload file (the decisions sent to the portal), not an IMS download. ${WHERE}`],
  ])("says what %s is and where the IMS download is", (name, content, message) => {
    expect(messageOf(() => read(jsonFile(name, content)))).toBe(message);
  });

  it("recognises the product's own upload file and both portal error files", () => {
    expect(messageOf(() => read(fixture("ims_upload.json"))))
      .toBe(`ims_upload.json: is an IMS upload file (the decisions sent to the portal), not an IMS download. ${WHERE}`);
    for (const name of ["ims_error_offline.json", "ims_reqsts_error_api.json"]) {
      expect(messageOf(() => read(fixture(name))))
        .toBe(`${name}: is a portal error file ("Processed with Error"), not an IMS download. Open it with "Open error file" instead.`);
    }
  });

  it("refuses an empty choice of files", () => {
    expect(messageOf(() => readDownloads([]))).toBe("(no file): no file was chosen.");
  });
});

describe("broken records and envelopes", () => {
  const offline = (): { imsDetails: Record<string, Record<string, unknown>[]> } => JSON.parse(fixtureText("ims_download_offline.json"));

  it("names the section, position, document number and key of a record missing its supplier GSTIN", () => {
    const content = offline();
    delete content.imsDetails.b2b[1].stin;
    expect(messageOf(() => read(jsonFile("ims.json", content)))).toBe("ims.json: b2b record 2 (RT-00931): the key `stin` is missing.");
  });

  it("names the record by position alone when its document number is missing", () => {
    const content = offline();
    delete content.imsDetails.b2bcn[1].nt_num;
    expect(messageOf(() => read(jsonFile("ims.json", content)))).toBe("ims.json: b2bcn record 2: the key `nt_num` is missing.");
  });

  it("names both spellings in the structural check of a record with neither document-number key or neither date key", () => {
    // The reader stops earlier on such a record (the key of its section is missing); the schema says the same to anyone checking a file with it.
    const content = offline();
    delete content.imsDetails.b2bcn[0].nt_num;
    delete content.imsDetails.b2bcn[1].nt_dt;
    expect(messageOf(() => checkDownloadStructure("ims.json", content))).toBe(
      "ims.json: b2bcn record 1: the key `inum` or `nt_num` is missing. b2bcn record 2 (RT-CN-0007): the key `idt` or `nt_dt` is missing.",
    );
  });

  it("refuses a document number that is a JSON number (a 16-digit one has already lost digits)", () => {
    expect(messageOf(() => read(jsonFile("n.json", { b2b: [b2b({ inum: 12345 })] }))))
      .toBe("n.json: b2b record 1 (12345): the key `inum` must be a non-empty text, not 12345.");
  });

  it("refuses a record that is not an object, and a section that is not a list", () => {
    expect(messageOf(() => read(jsonFile("r.json", { b2b: [b2b(), "RT-1"] })))).toBe("r.json: b2b record 2 is not a JSON object.");
    expect(messageOf(() => read(jsonFile("s.json", { imsDetails: { b2b: { stin: "x" } } })))).toBe("s.json: section `b2b` is not a list.");
    expect(messageOf(() => read(jsonFile("e.json", { imsDetails: [] })))).toBe("e.json: `imsDetails` must be an object holding the IMS sections.");
  });

  it("reports a field of the wrong type with the file, section, position, document number and field", () => {
    const content = offline();
    content.imsDetails.b2b[1].val = "abc";
    expect(messageOf(() => read(jsonFile("ims.json", content)))).toBe("ims.json: b2b record 2 (RT-00931): `val` must be a number, not \"abc\".");
  });

  it("describes each kind of wrong value in words", () => {
    const wrong = (over: Record<string, unknown>) => messageOf(() => read(jsonFile("w.json", { b2bcn: [b2bcn(over)] })));
    expect(wrong({ pos: 27 })).toBe("w.json: b2bcn record 1 (TTM/CN/0042): `pos` must be text in quotes, not 27.");
    expect(wrong({ rtnprd: 32026 })).toBe("w.json: b2bcn record 1 (TTM/CN/0042): `rtnprd` must be text in quotes, not 32026.");
    expect(wrong({ ispendactblocked: 1 })).toBe("w.json: b2bcn record 1 (TTM/CN/0042): `ispendactblocked` must be Y or N, not 1.");
    expect(wrong({ declIgst: "" })).toBe("w.json: b2bcn record 1 (TTM/CN/0042): `declIgst` must be a number, not \"\".");
    expect(wrong({ iamt: [1800] })).toBe("w.json: b2bcn record 1 (TTM/CN/0042): `iamt` must be a number, not a list.");
    expect(wrong({ remarks: { text: "x" } })).toBe("w.json: b2bcn record 1 (TTM/CN/0042): `remarks` must be text in quotes (or null), not an object.");
  });

  it("lists the first three problems and counts the rest", () => {
    const records = [1, 2, 3, 4, 5].map((n) => b2b({ inum: `INV-${n}`, cess: "nil" }));
    expect(messageOf(() => read(jsonFile("many.json", { b2b: records })))).toBe(
      "many.json: b2b record 1 (INV-1): `cess` must be a number, not \"nil\". "
      + "b2b record 2 (INV-2): `cess` must be a number, not \"nil\". "
      + "b2b record 3 (INV-3): `cess` must be a number, not \"nil\". "
      + "2 more problems were found in this file.",
    );
  });

  it("refuses a bill of entry that is not an object", () => {
    expect(messageOf(() => read(jsonFile("impg.json", { b2b: [b2b()], impg: [{ boenum: "1" }, 7] }))))
      .toBe("impg.json: impg record 2: it must be a JSON object, not 7.");
  });

  it("refuses a recipient GSTIN at the root that fails the check", () => {
    expect(messageOf(() => read(jsonFile("bad.json", { rtin: "27AABCU9603R1ZM", b2b: [b2b()] }))))
      .toBe("bad.json: the recipient GSTIN at `rtin` is not valid. GSTIN \"27AABCU9603R1ZM\" has a wrong check character: the last character should be \"N\".");
    expect(messageOf(() => read(jsonFile("short.json", { gstin: "27AAGCK4821M1Z", b2b: [b2b()] }))))
      .toBe("short.json: the recipient GSTIN at `gstin` is not valid. GSTIN \"27AAGCK4821M1Z\" must be 15 characters long (it has 14).");
  });

  it("refuses a file that names two different recipients", () => {
    expect(messageOf(() => read(jsonFile("two.json", { gstin: "27AAGCK4821M1Z8", rtin: "33AADCT1180B1ZY", b2b: [b2b()] }))))
      .toBe("two.json: names two recipients: 27AAGCK4821M1Z8 at `gstin` and 33AADCT1180B1ZY at `rtin`. Download the file again from the portal.");
  });

  it("keeps a `__proto__` root key as plain metadata", () => {
    const d = read(textFile("p.json", `{"__proto__": {"polluted": true}, "b2b": [${JSON.stringify(b2b())}]}`));
    expect(Object.keys(d.files[0].metadata)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("zips and several files", () => {
  it("reads every .json file in a zip, naming each as zip/entry", () => {
    const zip = zipSync({
      "b2b.json": encode(JSON.stringify({ b2b: [b2b()] })),
      "notes/b2bcn.json": encode(JSON.stringify({ b2bcn: [b2bcn()] })),
      "readme.txt": encode("not read"),
    });
    const d = read({ name: "ims.zip", bytes: zip });
    expect(d.files.map((f) => f.name)).toEqual(["ims.zip/b2b.json", "ims.zip/notes/b2bcn.json"]);
    expect(d.records.map((r) => [r.section, r.source.file])).toEqual([["b2b", "ims.zip/b2b.json"], ["b2bcn", "ims.zip/notes/b2bcn.json"]]);
  });

  it("names the entry inside a zip in record messages", () => {
    const zip = zipSync({ "part1.json": encode(JSON.stringify({ b2b: [b2b({ stin: undefined })] })) });
    expect(messageOf(() => read({ name: "ims.zip", bytes: zip }))).toBe("ims.zip/part1.json: b2b record 1 (NF/2526/1187): the key `stin` is missing.");
  });

  it("refuses a damaged zip, a zip with no JSON inside and an Office file", () => {
    const zip = zipSync({ "b2b.json": encode(JSON.stringify({ b2b: [b2b()] })) });
    expect(messageOf(() => read({ name: "ims.zip", bytes: zip.slice(0, zip.length - 30) })))
      .toBe("ims.zip: is a damaged zip file and cannot be opened. Download it again from the portal.");
    expect(messageOf(() => read({ name: "docs.zip", bytes: zipSync({ "a.txt": encode("x") }) })))
      .toBe("docs.zip: is a zip file with no .json file inside.");
    expect(messageOf(() => read({ name: "empty.zip", bytes: zipSync({}) })))
      .toBe("empty.zip: is a zip file with no .json file inside.");
    const xlsx = zipSync({ "[Content_Types].xml": encode("<Types/>"), "xl/workbook.xml": encode("<workbook/>") });
    expect(messageOf(() => read({ name: "IMS.xlsx", bytes: xlsx })))
      .toBe("IMS.xlsx: is an Excel or Office file, not a portal download. Choose the .json file (or the .zip holding it) downloaded from the portal.");
  });

  it("merges several files, reading a record found in two files with the same content once", () => {
    const first = { b2b: [b2b()], b2bcn: [b2bcn()] };
    // The same credit note with its keys in another order is the same record.
    const reordered = Object.fromEntries(Object.entries(b2bcn()).reverse());
    const second = { rtin: "27AAGCK4821M1Z8", b2bcn: [reordered], ecom: [b2b({ inv_typ: undefined, inum: "EW-1" })] };
    const d = read(jsonFile("part1.json", first), jsonFile("part2.json", second));
    expect(d.records.map((r) => `${r.section} ${r.documentNumber} ${r.source.file}`)).toEqual([
      "b2b NF/2526/1187 part1.json", "b2bcn TTM/CN/0042 part1.json", "ecom EW-1 part2.json",
    ]);
    expect(d.recipientGstin).toBe("27AAGCK4821M1Z8");
    expect(d.notices).toEqual([{
      severity: "info",
      file: "part1.json, part2.json",
      message: "1 record(s) appeared in more than one file with the same content and were read once.",
    }]);
  });

  it("compares a record repeated after the first repeat with the first record of its key", () => {
    const y = b2b({ inum: "NF/2526/1188" });
    const files = [jsonFile("a.json", { b2b: [b2b()] }), jsonFile("b.json", { b2b: [b2b(), y] }), jsonFile("c.json", { b2b: [{ ...y, val: 1 }] })];
    expect(messageOf(() => read(...files))).toMatch(/b2b NF\/2526\/1188 dated .* is in b\.json \(record 2\) and in c\.json \(record 1\) with different content/);
    expect(read(...files.slice(0, 2)).records.map((r) => r.documentNumber)).toEqual(["NF/2526/1187", "NF/2526/1188"]);
  });

  it("refuses the same document with different content, naming both files", () => {
    const older = jsonFile("march-10.json", { b2b: [b2b({ val: 59000 })] });
    const newer = jsonFile("march-15.json", { b2b: [b2b({ val: 60180, hash: "0".repeat(64) })] });
    expect(messageOf(() => read(older, jsonFile("other.json", { b2bcn: [b2bcn()] }), newer))).toBe(
      "march-10.json, march-15.json: the same document appears twice with different content, so it is not clear which version is current: "
      + "b2b NF/2526/1187 dated 05-03-2026 of supplier 27AAJFN3309H1ZA is in march-10.json (record 1) and in march-15.json (record 1) with different content. "
      + "Load only the newest download.",
    );
  });

  it("refuses downloads of different recipients", () => {
    const a = jsonFile("mh.json", { rtin: "27AAGCK4821M1Z8", b2b: [b2b()] });
    const b = jsonFile("tn.json", { rtin: "33AADCT1180B1ZY", b2bcn: [b2bcn()] });
    expect(messageOf(() => read(a, b))).toBe(
      "mh.json, tn.json: these downloads belong to different taxpayers: 27AAGCK4821M1Z8 (mh.json) and 33AADCT1180B1ZY (tn.json). Load the files of one GSTIN at a time.",
    );
  });
});
