import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readDownloads } from "../../src/ims/download/read";
import { readErrorFiles } from "../../src/ims/error-file";
import { ImsFileError } from "../../src/ims/file-error";
import { CountBudget, InputSizeBudget, LIMITS, formatSize } from "../../src/ims/limits";
import { detectColumns, readRegister } from "../../src/ims/reconcile/register";
import { downloadBytes, generateDownload } from "../../src/dev/generate";

/**
 * The stated limits (src/ims/limits.ts, docs/performance.md) are enforced with
 * a message that names the file and the limit, before the input is decoded or
 * its records built: beyond them the product refuses instead of running out of memory.
 */

function refusal(read: () => unknown): ImsFileError {
  try {
    read();
  } catch (error) {
    if (error instanceof ImsFileError) return error;
    throw error;
  }
  throw new Error("expected the reader to refuse the input");
}

const encode = (text: string) => new TextEncoder().encode(text);

/**
 * A download whose b2b section lists `n` empty objects. The count is checked
 * before any record is built, so the refusal is about the count, not about the
 * empty records (which would be refused for their missing keys).
 */
function emptyRecords(n: number): Uint8Array {
  return encode(`{"b2b":[${Array.from({ length: n }, () => "{}").join(",")}]}`);
}

/**
 * A zip whose JSON entry claims `declared` bytes once inflated: the shape of a
 * zip bomb. The sizes in both the local header and the central directory are patched.
 */
function zipDeclaring(declared: number): Uint8Array {
  const zip = zipSync({ "ims.json": downloadBytes(generateDownload({ records: 3 }).root) }, { level: 9 });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 4 <= zip.length; at++) {
    const signature = view.getUint32(at, true);
    if (signature === 0x04034b50) view.setUint32(at + 22, declared, true);
    if (signature === 0x02014b50) view.setUint32(at + 24, declared, true);
  }
  return zip;
}

describe("the largest input", () => {
  it("refuses a file over the size limit before reading it, naming the file, its size and the limit", () => {
    const error = refusal(() => readDownloads([{ name: "huge.json", bytes: new Uint8Array(LIMITS.inputBytes + 1) }]));
    expect(error.file).toBe("huge.json");
    expect(error.message).toBe("huge.json: is 257 MB; the most this version reads is 256 MB. Check that it is the file downloaded from the portal.");
  });

  it("counts the files read together", () => {
    const half = new Uint8Array(LIMITS.inputBytes / 2 + 1);
    const error = refusal(() => readDownloads([{ name: "a.json", bytes: half }, { name: "b.json", bytes: half }]));
    expect(error.file).toBe("b.json");
    expect(error.message).toContain("takes the files read together to 257 MB; the most this version reads at once is 256 MB");
  });

  it("refuses a zip entry that would inflate beyond the limit, before inflating it (a zip bomb)", () => {
    const error = refusal(() => readDownloads([{ name: "bomb.zip", bytes: zipDeclaring(0xffff_fff0) }]));
    expect(error.file).toBe("bomb.zip/ims.json");
    expect(error.message).toContain("is 4096 MB; the most this version reads is 256 MB");
  });

  it("refuses the error file reader's input by the same limit", () => {
    const error = refusal(() => readErrorFiles([{ name: "errors.zip", bytes: zipDeclaring(LIMITS.inputBytes + 1) }]));
    expect(error.file).toBe("errors.zip/ims.json");
    expect(error.message).toContain("the most this version reads is 256 MB");
  });

  it("still reads a zip whose entry declares its true size", () => {
    const zip = zipSync({ "ims.json": downloadBytes(generateDownload({ records: 3 }).root) });
    expect(readDownloads([{ name: "ok.zip", bytes: zip }]).records).toHaveLength(3);
  });
});

describe("the largest number of records", () => {
  it("refuses a download holding more records than the limit, with the limit in Indian digit grouping", () => {
    const error = refusal(() => readDownloads([{ name: "many.json", bytes: emptyRecords(LIMITS.records + 1) }]));
    expect(error.message).toBe("many.json: holds more than 3,00,000 IMS records, the most this version reads at once. Load fewer files at a time, each set into its own workbook.");
  });

  it("counts the records of the files read together and names the file that passes the limit", () => {
    const one = encode(`{"b2b":[{"stin":"27AAJFN3309H1ZA","inum":"N1","idt":"01-03-2026","action":"N"}]}`);
    const error = refusal(() => readDownloads([{ name: "part1.json", bytes: one }, { name: "part2.json", bytes: emptyRecords(LIMITS.records) }]));
    expect(error.file).toBe("part2.json");
    expect(error.message).toContain("holds more than 3,00,000 IMS records together with the files read before it");
  });

  it("refuses an error file naming more documents than the limit", () => {
    const inv = Array.from({ length: LIMITS.portalErrors + 1 }, () => "{}").join(",");
    const text = `{"status_cd":"PE","error_report":{"b2b":[{"stin":"27AAJFN3309H1ZA","error_cd":"IMSSAV0010","error_msg":"x","inv":[${inv}]}]}}`;
    const error = refusal(() => readErrorFiles([{ name: "errors.json", bytes: encode(text) }]));
    expect(error.message).toContain("errors.json: holds more than 3,00,000 portal errors");
  });

  it("refuses a purchase register with more rows than the limit", () => {
    const header = ["GSTIN", "Invoice No.", "Invoice Date"];
    const rows = [header, ...Array.from({ length: LIMITS.registerRows + 1 }, () => ["27AAJFN3309H1ZA", "1", "01-03-2026"])];
    const error = refusal(() => readRegister(rows, detectColumns(header), "books.csv"));
    expect(error.message).toBe(
      "books.csv: holds more than 5,00,000 rows, the most this version reads at once. Export the purchase register for a shorter period (for example one quarter) and reconcile each part.",
    );
  });
});

describe("the deepest nesting", () => {
  const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
  const record = (extra: string) => `{"stin":"27AAJFN3309H1ZA","inum":"N1","idt":"01-03-2026","action":"N","note":${extra}}`;

  it("reads a download with values nested up to the limit", () => {
    // Root, imsDetails, b2b, the record: four levels before the value.
    const text = `{"imsDetails":{"b2b":[${record(nested(LIMITS.nesting - 4))}]}}`;
    expect(readDownloads([{ name: "ims.json", bytes: encode(text) }]).records).toHaveLength(1);
  });

  it("refuses deeper nesting with a message, where walking the value would overflow the stack", () => {
    // Two copies of the record: comparing duplicates walks the value, as storing it in the workbook does.
    const deep = record(nested(20_000));
    for (const [name, text, read] of [
      ["ims.json", `{"b2b":[${deep},${deep}]}`, readDownloads],
      ["error.json", `{"imsDetailsErr":{"b2b":[{"stin":${nested(20_000)},"error_cd":"X"}]}}`, readErrorFiles],
    ] as const) {
      const error = refusal(() => read([{ name, bytes: encode(text) }]));
      expect(error.message).toBe(`${name}: holds values nested more than 64 levels deep, which no portal file does. Check that it is the file downloaded from the portal.`);
    }
  });
});

describe("the budgets themselves", () => {
  it("allow exactly the limit and refuse one more", () => {
    const budget = new CountBudget(10, "records", "Split it.");
    budget.take("a.json", 6);
    budget.take("b.json", 4);
    expect(() => budget.take("c.json", 1)).toThrow("c.json: holds more than 10 records together with the files read before it");
    const bytes = new InputSizeBudget(100);
    bytes.take("a.json", 100);
    expect(() => bytes.take("b.json", 1)).toThrow(ImsFileError);
  });

  it("rounds sizes up, so a file just over the limit never reads as equal to it", () => {
    expect(formatSize(256 * 1024 * 1024)).toBe("256 MB");
    expect(formatSize(256 * 1024 * 1024 + 1)).toBe("257 MB");
    expect(formatSize(1.25 * 1024 * 1024)).toBe("1.3 MB");
  });
});
