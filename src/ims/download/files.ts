import { unzipSync } from "fflate";
import { ImsFileError } from "../file-error";

/** A file as the user picked it: its name and its bytes. */
export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Expands zips into their `.json` entries (the portal may split a large download
 * and zip it), named `archive.zip/entry.json` so messages point at the right file.
 */
export function unpackFiles(inputs: readonly InputFile[]): InputFile[] {
  if (inputs.length === 0) throw new ImsFileError("(no file)", "no file was chosen.");
  return inputs.flatMap((input) => {
    if (!isZip(input.bytes)) return [input];
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(input.bytes);
    } catch (e) {
      throw new ImsFileError(input.name, `is a damaged zip file (${(e as Error).message}). Download it again.`);
    }
    const json = Object.entries(entries)
      .filter(([path]) => path.toLowerCase().endsWith(".json") && !path.startsWith("__MACOSX/"))
      .sort(([a], [b]) => a.localeCompare(b));
    if (json.length === 0) throw new ImsFileError(input.name, "is a zip file with no .json file inside.");
    return json.map(([path, bytes]) => ({ name: `${input.name}/${path}`, bytes }));
  });
}

const decoder = new TextDecoder("utf-8");

/** Decodes UTF-8 (dropping an optional BOM) and parses JSON, with a message a taxpayer can act on. */
export function parseJsonFile(file: InputFile): unknown {
  let text = decoder.decode(file.bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new ImsFileError(file.name, "is empty. Download the file again from the portal.");
  try {
    return JSON.parse(text);
  } catch (e) {
    const detail = (e as Error).message;
    if (/end of (JSON )?input|Unterminated|Unexpected end/i.test(detail)) {
      throw new ImsFileError(file.name, "ends unexpectedly: the file looks cut short. Download it again from the portal.");
    }
    throw new ImsFileError(file.name, `is not a JSON file (${detail}). Choose the .json file downloaded from the portal.`);
  }
}
