import { unzipSync } from "fflate";
import { ImsFileError } from "../file-error";
import { InputSizeBudget, LIMITS, nestedDeeperThan } from "../limits";

/** A file as the user picked it: its name and its bytes. */
export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Local-file header, or the end record of an empty archive. */
function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b
    && ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06));
}

const isJsonEntry = (path: string): boolean => path.toLowerCase().endsWith(".json") && !path.startsWith("__MACOSX/");

/**
 * Expands zips into their `.json` entries (the portal may split a large download
 * and zip it), named `archive.zip/entry.json` so messages point at the right file.
 */
export function unpackFiles(inputs: readonly InputFile[]): InputFile[] {
  if (inputs.length === 0) throw new ImsFileError("(no file)", "no file was chosen.");
  // The size limit (limits.ts) is checked before anything is decoded or inflated.
  const budget = new InputSizeBudget();
  return inputs.flatMap((input) => {
    if (!isZip(input.bytes)) {
      budget.take(input.name, input.bytes.length);
      return [input];
    }
    const names: string[] = [];
    let entries: Record<string, Uint8Array>;
    try {
      // Inflate only the JSON entries; the names of the others tell an Excel workbook apart.
      // An entry is inflated into a buffer of the size it declares, so the declared size is what is counted.
      entries = unzipSync(input.bytes, {
        filter: (f) => {
          names.push(f.name);
          if (!isJsonEntry(f.name)) return false;
          budget.take(`${input.name}/${f.name}`, f.originalSize);
          return true;
        },
      });
    } catch (error) {
      if (error instanceof ImsFileError) throw error;
      throw new ImsFileError(input.name, "is a damaged zip file and cannot be opened. Download it again from the portal.");
    }
    const json = Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (json.length === 0) {
      if (names.includes("[Content_Types].xml")) {
        throw new ImsFileError(input.name, "is an Excel or Office file, not a portal download. Choose the .json file (or the .zip holding it) downloaded from the portal.");
      }
      throw new ImsFileError(input.name, "is a zip file with no .json file inside.");
    }
    return json.map(([path, bytes]) => ({ name: `${input.name}/${path}`, bytes }));
  });
}

/**
 * Text of the file: UTF-8 (the portal's encoding), or UTF-16 when a byte-order
 * mark says so (a file re-saved as "Unicode" in Notepad). Invalid UTF-8 is
 * refused rather than replaced, since a replaced character in a document number
 * would be echoed to the portal changed.
 */
function decodeText(file: InputFile): string {
  const b = file.bytes;
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return new TextDecoder("utf-16be").decode(b.subarray(2));
  const hasBom = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(hasBom ? b.subarray(3) : b);
  } catch {
    throw new ImsFileError(file.name, "is not UTF-8 text, so it is not a portal download (it may have been re-saved by another program). Download it again from the portal.");
  }
}

/**
 * True when the text stops inside a string or with brackets still open: the
 * mark of a download cut short. Engine-independent (browsers word JSON errors differently).
 */
function looksCutShort(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === "\"") inString = false;
    } else if (c === "\"") inString = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") depth--;
  }
  return inString || depth > 0;
}

/** " at line L, column C" from a V8 "at position N" message; "" where the engine gives no position. */
function whereItFailed(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return "";
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf("\n")}`;
}

/** Decodes the text (dropping an optional BOM) and parses JSON, with a message a taxpayer can act on. */
export function parseJsonFile(file: InputFile): unknown {
  const text = decodeText(file);
  const start = text.trimStart();
  if (start === "") throw new ImsFileError(file.name, "is empty. Download the file again from the portal.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (/^<(!doctype|html|\?xml|head|body)/i.test(start)) {
      throw new ImsFileError(file.name, "is a web page (HTML), not a JSON file: the portal session may have expired while downloading. Log in again and download the JSON again.");
    }
    if (start.startsWith("%PDF")) throw new ImsFileError(file.name, "is a PDF document, not a JSON file. Choose the .json file downloaded from the portal.");
    if (looksCutShort(text)) {
      throw new ImsFileError(file.name, "ends unexpectedly: the file looks cut short. Download it again from the portal.");
    }
    throw new ImsFileError(
      file.name,
      `is not a JSON file (it cannot be read${whereItFailed(text, (e as Error).message)}). Choose the .json file downloaded from the portal.`,
    );
  }
  // Every later step that walks a value (comparing, storing) would overflow the stack on a deeper one (limits.ts).
  if (nestedDeeperThan(value)) {
    throw new ImsFileError(file.name, `holds values nested more than ${LIMITS.nesting} levels deep, which no portal file does. Check that it is the file downloaded from the portal.`);
  }
  return value;
}
