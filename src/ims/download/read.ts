import { isValidGstin, describeGstinProblem } from "../gstin";
import { ImsFileError, type FileNotice } from "../file-error";
import type { ImsRecord } from "../record";
import { IMPORT_OF_GOODS_SECTIONS, SECTIONS, isSectionKey, type SectionKey } from "../sections";
import { parseJsonFile, unpackFiles, type InputFile } from "./files";
import { describeForeignFile, WHERE_TO_DOWNLOAD } from "./foreign";
import { normaliseRecord } from "./normalise";

/** Which of the three known envelopes a download came in (ims-formats §3.1). */
export type Envelope = "offline" | "data-wrapper" | "api";

export interface DownloadFileInfo {
  readonly name: string;
  readonly envelope: Envelope;
  readonly recordCount: number;
  /** `gstin` or `rtin` at the root, when the file carries one. */
  readonly recipientGstin?: string;
  /** Other root keys (period, version, timestamp ...), kept as they were. */
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** Sections the product does not act on, kept and reported rather than dropped. */
export interface SetAsideSection {
  readonly file: string;
  readonly section: string;
  readonly records: readonly unknown[];
}

export interface Download {
  /** The recipient GSTIN the files carry, if any (all files must agree). */
  readonly recipientGstin?: string;
  readonly records: readonly ImsRecord[];
  readonly files: readonly DownloadFileInfo[];
  /** Import-of-goods sections: shown as present, read-only in this version (ims-formats §3.8). */
  readonly importOfGoods: readonly SetAsideSection[];
  /** Section keys this version does not know (e.g. `isd`): kept and reported. */
  readonly unsupported: readonly SetAsideSection[];
  readonly notices: readonly FileNotice[];
}

const SECTION_KEYS = new Set<string>(SECTIONS.map((s) => s.key));
const SET_ASIDE = new Set(IMPORT_OF_GOODS_SECTIONS);
const RECIPIENT_KEYS = ["gstin", "rtin"];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasSectionKey(obj: Record<string, unknown>): boolean {
  return Object.keys(obj).some((k) => SECTION_KEYS.has(k) || SET_ASIDE.has(k));
}

/** Finds the object holding the sections, refusing files that are not IMS downloads. */
function locateSections(file: string, root: unknown): { envelope: Envelope; sections: Record<string, unknown>; outer: Record<string, unknown> } {
  if (!isPlainObject(root)) {
    throw new ImsFileError(file, "is not an IMS download: it holds a JSON " + (Array.isArray(root) ? "list" : typeof root) + ", not an object with IMS sections.");
  }
  const foreign = describeForeignFile(root);
  if (foreign) throw new ImsFileError(file, foreign);
  if ("imsDetails" in root) {
    if (!isPlainObject(root.imsDetails)) throw new ImsFileError(file, "`imsDetails` must be an object holding the IMS sections.");
    return { envelope: "offline", sections: root.imsDetails, outer: root };
  }
  if (isPlainObject(root.data) && hasSectionKey(root.data)) {
    return { envelope: "data-wrapper", sections: root.data, outer: root };
  }
  if (hasSectionKey(root)) return { envelope: "api", sections: root, outer: root };
  throw new ImsFileError(
    file,
    "is not an IMS download: it has none of the IMS sections (b2b, b2ba, b2bdn, b2bdna, b2bcn, b2bcna, ecom, ecoma). " + WHERE_TO_DOWNLOAD,
  );
}

interface ReadFile {
  info: DownloadFileInfo;
  records: ImsRecord[];
  importOfGoods: SetAsideSection[];
  unsupported: SetAsideSection[];
  notices: FileNotice[];
}

function readOne(name: string, root: unknown): ReadFile {
  const { envelope, sections, outer } = locateSections(name, root);
  const records: ImsRecord[] = [];
  const importOfGoods: SetAsideSection[] = [];
  const unsupported: SetAsideSection[] = [];
  const notices: FileNotice[] = [];
  const metadata: Record<string, unknown> = {};
  let recipientGstin: string | undefined;

  for (const [key, value] of Object.entries(outer)) {
    if (outer === sections && (SECTION_KEYS.has(key) || SET_ASIDE.has(key))) continue;
    if (key === "imsDetails" || (envelope === "data-wrapper" && key === "data")) continue;
    if (RECIPIENT_KEYS.includes(key) && typeof value === "string" && value.trim() !== "") {
      const problem = describeGstinProblem(value);
      if (problem) throw new ImsFileError(name, `the recipient GSTIN at \`${key}\` is not valid. ${problem}`);
      recipientGstin = value.trim().toUpperCase();
      continue;
    }
    if (outer === sections && Array.isArray(value)) {
      unsupported.push({ file: name, section: key, records: value });
      continue;
    }
    metadata[key] = value;
  }

  for (const [key, value] of Object.entries(sections)) {
    const sectionValue = value ?? [];
    if (isSectionKey(key) || SET_ASIDE.has(key)) {
      if (!Array.isArray(sectionValue)) throw new ImsFileError(name, `section \`${key}\` is not a list.`);
      if (isSectionKey(key)) {
        sectionValue.forEach((raw, i) => records.push(normaliseRecord(key as SectionKey, raw, { file: name, position: i + 1 })));
      } else if (sectionValue.length > 0) {
        importOfGoods.push({ file: name, section: key, records: sectionValue });
      }
    } else if (outer !== sections) {
      // Inside an envelope every key is a section; one we do not know is kept and reported.
      unsupported.push({ file: name, section: key, records: Array.isArray(sectionValue) ? sectionValue : [sectionValue] });
    }
  }

  for (const s of unsupported) {
    notices.push({ severity: "warning", file: name, message: `Section \`${s.section}\` is not supported by this version; its ${s.records.length} record(s) were kept aside and are not shown or uploaded.` });
  }
  for (const s of importOfGoods) {
    notices.push({ severity: "info", file: name, message: `Import-of-goods section \`${s.section}\` (${s.records.length} bill(s) of entry) is read-only in this version; act on it on the portal.` });
  }
  return {
    info: { name, envelope, recordCount: records.length, recipientGstin, metadata },
    records,
    importOfGoods,
    unsupported,
    notices,
  };
}

function sameContent(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Reads one or more portal downloads (JSON, or zips of JSON), merging them by
 * section. Exact duplicates are dropped; a record that appears twice with
 * different content, or files of different recipients, refuse the whole set:
 * nothing is half-read.
 */
export function readDownloads(inputs: readonly InputFile[]): Download {
  const read = unpackFiles(inputs).map((f) => readOne(f.name, parseJsonFile(f)));

  const recipients = new Map<string, string>();
  for (const f of read) if (f.info.recipientGstin) recipients.set(f.info.recipientGstin, f.info.name);
  if (recipients.size > 1) {
    const list = [...recipients].map(([g, file]) => `${g} (${file})`).join(" and ");
    throw new ImsFileError(read.map((f) => f.info.name).join(", "), `these downloads belong to different taxpayers: ${list}. Load the files of one GSTIN at a time.`);
  }

  const byKey = new Map<string, ImsRecord>();
  const conflicts: string[] = [];
  let duplicates = 0;
  for (const f of read) {
    for (const record of f.records) {
      const seen = byKey.get(record.key);
      if (!seen) {
        byKey.set(record.key, record);
      } else if (sameContent(seen.raw, record.raw)) {
        duplicates++;
      } else {
        conflicts.push(
          `${record.section} ${record.documentNumber} dated ${record.documentDate} of supplier ${record.supplierGstin} is in ${seen.source.file} (record ${seen.source.position}) and in ${record.source.file} (record ${record.source.position}) with different content`,
        );
      }
    }
  }
  if (conflicts.length > 0) {
    const shown = conflicts.slice(0, 5).join("; ") + (conflicts.length > 5 ? `; and ${conflicts.length - 5} more` : "");
    throw new ImsFileError(
      [...new Set(read.map((f) => f.info.name))].join(", "),
      `the same document appears twice with different content, so it is not clear which version is current: ${shown}. Load only the newest download.`,
    );
  }

  const notices = read.flatMap((f) => f.notices);
  if (duplicates > 0) {
    notices.push({ severity: "info", file: read.map((f) => f.info.name).join(", "), message: `${duplicates} record(s) appeared in more than one file with the same content and were read once.` });
  }
  const recipientGstin = [...recipients.keys()][0];
  return {
    recipientGstin: recipientGstin && isValidGstin(recipientGstin) ? recipientGstin : undefined,
    records: [...byKey.values()],
    files: read.map((f) => f.info),
    importOfGoods: read.flatMap((f) => f.importOfGoods),
    unsupported: read.flatMap((f) => f.unsupported),
    notices,
  };
}
