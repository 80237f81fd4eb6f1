import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validateDownload, validateErrorFile, validateUpload } from "../../src/generated/schemas";
import { IMPORT_OF_GOODS_SECTIONS, SECTIONS, echoKeys } from "../../src/ims/sections";

const root = fileURLToPath(new URL("../../", import.meta.url));
const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");
/** The parts of a JSON Schema these tests look at. */
interface Schema {
  readonly properties: Record<string, Schema>;
  readonly $defs: Record<string, Schema>;
  readonly required?: string[];
  readonly additionalProperties?: unknown;
  readonly allOf?: unknown[];
  readonly anyOf?: { required: string[] }[];
  readonly items: { $ref: string };
}
type UploadRecord = Record<string, unknown>;
interface Upload {
  [key: string]: unknown;
  invdata: Record<string, UploadRecord[]>;
}

const json = <T>(path: string): T => JSON.parse(read(path)) as T;
const fixture = (name: string): Record<string, unknown> => json(`test/fixtures/${name}`);

const downloadSchema = json<Schema>("schemas/ims-download.schema.json");
const uploadSchema = json<Schema>("schemas/ims-upload.schema.json");

const SECTION_KEYS = SECTIONS.map((s) => s.key);
const ITC_KEYS = ["itcRedReq", "declIgst", "declCgst", "declSgst", "declCess"];

describe("the schemas follow the one section table (src/ims/sections.ts)", () => {
  it("lists the download sections and import-of-goods sections of the table", () => {
    expect(Object.keys(downloadSchema.$defs.sections.properties)).toEqual([...SECTION_KEYS, ...IMPORT_OF_GOODS_SECTIONS]);
    expect(downloadSchema.$defs.holdsASection.anyOf!.map((b) => b.required[0]))
      .toEqual([...SECTION_KEYS, ...IMPORT_OF_GOODS_SECTIONS]);
  });

  it("allows in the upload exactly the table's sections", () => {
    expect(Object.keys(uploadSchema.properties.invdata.properties)).toEqual(SECTION_KEYS);
  });

  it("gives each upload record the section's echo keys, then the decision keys, and nothing else", () => {
    for (const spec of SECTIONS) {
      const record = uploadSchema.$defs[`${spec.key}Record`];
      expect(Object.keys(record.properties), spec.key).toEqual([
        ...echoKeys(spec), "prev_status", "action", "remarks", ...(spec.itcDeclaration ? ITC_KEYS : []),
      ]);
      expect(record.required, spec.key).toEqual(["stin", spec.numberKey, spec.dateKey, "prev_status", "action"]);
      expect(record.additionalProperties, spec.key).toBe(false);
      expect(record.allOf ?? [], spec.key).toEqual(spec.itcDeclaration ? [{ $ref: "#/$defs/itcDeclarationRules" }] : []);
      expect(uploadSchema.properties.invdata.properties[spec.key].items.$ref).toBe(`#/$defs/${spec.key}Record`);
    }
  });
});

describe("the generated validators", () => {
  const generated = read("src/generated/schemas.js");

  it("are up to date with schemas/", () => {
    // Exits 1 (and the call throws) when a schema was edited but not recompiled.
    expect(() => execFileSync(process.execPath, ["scripts/compile-schemas.mjs", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });

  it("hold no eval, no new Function and no CommonJS require (the task pane's CSP and ESM)", () => {
    expect(generated).not.toMatch(/new\s+Function/);
    expect(generated).not.toMatch(/\beval\s*\(/);
    expect(generated).not.toMatch(/\brequire\s*\(/);
    // Self-contained: no import at all, so Node ESM and Vite load it the same way.
    expect(generated).not.toMatch(/^\s*import\b/m);
    expect(generated).toMatch(/^export const validateDownload = /m);
  });

  it("load and run under plain Node ESM", () => {
    const script = `import { validateUpload } from ${JSON.stringify(new URL("src/generated/schemas.js", `file://${root}`).href)};
      import { readFileSync } from "node:fs";
      const upload = JSON.parse(readFileSync(${JSON.stringify(`${root}test/fixtures/ims_upload.json`)}, "utf8"));
      process.stdout.write(String(validateUpload(upload)) + " " + String(validateUpload({ ...upload, extra: 1 })));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(out).toBe("true false");
  });
});

describe("download schema (tolerant)", () => {
  it.each(["ims_download_offline.json", "ims_download_api.json", "gstn_sandbox_api.json"])("accepts %s", (name) => {
    expect(validateDownload(fixture(name))).toBe(true);
  });

  it("accepts the documented variants", () => {
    const record = { stin: "27AAJFN3309H1ZA", inum: "X-1", idt: "01-03-2026", val: "100.50", cess: null, ispendactblocked: false, itc_red_req: "Y", decl_igst: "0", extra: { any: "thing" } };
    expect(validateDownload({ data: { b2b: [record], b2bcn: null }, status: 1 })).toBe(true);
    expect(validateDownload({ imsDetails: { b2b: [record], isd: [1, 2] } })).toBe(true);
    expect(validateDownload({ imsDetails: {} })).toBe(true);
    expect(validateDownload({ ecom: [], impg: [{ boenum: "1" }] })).toBe(true);
  });

  it("refuses what is not a download", () => {
    expect(validateDownload(fixture("ims_upload.json"))).toBe(false);
    expect(validateDownload({ data: { gstin: "x" } })).toBe(false);
    expect(validateDownload({ b2b: [{ inum: "X-1", idt: "01-03-2026" }] })).toBe(false);
    expect(validateDownload({ b2b: [{ stin: "27AAJFN3309H1ZA", idt: "01-03-2026" }] })).toBe(false);
    expect(validateDownload({ b2b: [{ stin: "27AAJFN3309H1ZA", inum: "X-1", idt: "01-03-2026", val: "1,000" }] })).toBe(false);
  });
});

describe("upload schema (strict)", () => {
  const upload = (): Upload => json("test/fixtures/ims_upload.json");
  const firstB2b = (u: Upload) => u.invdata.b2b[0];
  const partialCn = (u: Upload) => u.invdata.b2bcn[0];
  const fullCna = (u: Upload) => u.invdata.b2bcna[0];

  it("accepts the sample upload", () => {
    expect(validateUpload(upload())).toBe(true);
  });

  const rejected: [string, (u: Upload) => void][] = [
    ["a hash (never written)", (u) => { firstB2b(u).hash = "e5ee4db1e5c785ed2b9a0da3e91a655f7ba7c7cf44d21b44302a8c2f380d6185"; }],
    ["a trade name", (u) => { firstB2b(u).tradenm = "NAVKAR FASTENERS"; }],
    ["a flag", (u) => { firstB2b(u).ispendactblocked = "N"; }],
    ["an unknown key", (u) => { firstB2b(u).note = "x"; }],
    ["an action that is not a code", (u) => { firstB2b(u).action = "Accept"; }],
    ["a missing prev_status", (u) => { delete firstB2b(u).prev_status; }],
    ["a missing document number", (u) => { delete firstB2b(u).inum; }],
    ["a document number written as a number", (u) => { u.invdata.b2b[2].inum = 2025260000000417; }],
    ["itcRedReq in b2b", (u) => { firstB2b(u).itcRedReq = "Y"; }],
    ["itcRedReq in ecom", (u) => { u.invdata.ecom[0].itcRedReq = "Y"; }],
    ["itcRedReq with Reject", (u) => { fullCna(u).action = "R"; }],
    ["itcRedReq spelled y", (u) => { fullCna(u).itcRedReq = "y"; }],
    ["only some decl* amounts", (u) => { delete partialCn(u).declCess; }],
    ["decl* amounts without itcRedReq", (u) => { delete partialCn(u).itcRedReq; }],
    ["decl* amounts with itcRedReq N", (u) => { partialCn(u).itcRedReq = "N"; }],
    ["a negative declared amount", (u) => { partialCn(u).declIgst = -1; }],
    ["a declared amount with 3 decimals", (u) => { partialCn(u).declIgst = 900.005; }],
    ["a declared amount as a string", (u) => { partialCn(u).declIgst = "900"; }],
    ["remarks of 251 characters", (u) => { partialCn(u).remarks = "x".repeat(251); }],
    ["remarks with a line break", (u) => { partialCn(u).remarks = "first\nsecond"; }],
    ["remarks with a control character", (u) => { partialCn(u).remarks = "a\u0007b"; }],
    ["untrimmed remarks", (u) => { partialCn(u).remarks = " padded"; }],
    ["empty remarks", (u) => { partialCn(u).remarks = ""; }],
    ["an empty section", (u) => { u.invdata.b2bdna = []; }],
    ["no section at all", (u) => { u.invdata = {}; }],
    ["an import-of-goods section", (u) => { u.invdata.impg = [{ boenum: "1" }]; }],
    ["an error-report alias as a section", (u) => { u.invdata.cn = u.invdata.b2bcn; }],
    ["another request type", (u) => { u.reqtyp = "RESET"; }],
    ["a lowercase recipient GSTIN", (u) => { u.rtin = "27aagck4821m1z8"; }],
    ["a missing recipient", (u) => { delete u.rtin; }],
    ["an extra root key", (u) => { u.gstin = u.rtin; }],
  ];

  it.each(rejected)("rejects %s", (_what, change) => {
    const u = upload();
    change(u);
    expect(validateUpload(u)).toBe(false);
  });

  it("counts remarks in characters, not UTF-16 units, and accepts 2-decimal amounts despite binary floats", () => {
    const u = upload();
    partialCn(u).remarks = "😀".repeat(250);
    partialCn(u).declIgst = 900.07;
    partialCn(u).declCgst = 0.29;
    expect(validateUpload(u)).toBe(true);
    partialCn(u).remarks = "😀".repeat(251);
    expect(validateUpload(u)).toBe(false);
  });

  it("accepts echoed amounts as the numeric strings they were downloaded as", () => {
    const u = upload();
    firstB2b(u).val = "59000.00";
    expect(validateUpload(u)).toBe(true);
  });

  it("lists every problem, not only the first", () => {
    const u = upload();
    firstB2b(u).hash = "x";
    partialCn(u).declIgst = -1;
    expect(validateUpload(u)).toBe(false);
    expect(validateUpload.errors?.map((e) => `${e.instancePath} ${e.keyword}`)).toEqual([
      "/invdata/b2b/0 additionalProperties",
      "/invdata/b2bcn/0/declIgst minimum",
    ]);
  });
});

describe("error-file schema (tolerant)", () => {
  it.each(["ims_error_offline.json", "ims_reqsts_error_api.json"])("accepts %s, bare and inside a data wrapper", (name) => {
    expect(validateErrorFile(fixture(name))).toBe(true);
    expect(validateErrorFile({ data: fixture(name) })).toBe(true);
  });

  it("accepts a request-level failure, a bare error report and numeric counts", () => {
    expect(validateErrorFile({ status_cd: "ER", err_cd: "GEN5001", err_msg: "Missing Mandatory Params" })).toBe(true);
    expect(validateErrorFile(fixture("ims_reqsts_error_api.json").error_report)).toBe(true);
    expect(validateErrorFile({ status_cd: "PE", proc_cnt: 7, err_cnt: 2, error_report: { cna: [{ stin: "x", error_msg: "m", inv: [] }], isd: null } })).toBe(true);
  });

  it("refuses downloads, uploads and malformed error entries", () => {
    expect(validateErrorFile(fixture("ims_download_offline.json"))).toBe(false);
    expect(validateErrorFile(fixture("ims_download_api.json"))).toBe(false);
    expect(validateErrorFile(fixture("ims_upload.json"))).toBe(false);
    expect(validateErrorFile({})).toBe(false);
    expect(validateErrorFile({ imsDetailsErr: { b2b: [{ stin: "x", error_msg: 54 }] } })).toBe(false);
    expect(validateErrorFile({ status_cd: "PE", error_report: { cn: [{ stin: "x", inv: "TTM/CN/0042" }] } })).toBe(false);
  });
});
