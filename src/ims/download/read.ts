import { isValidGstin, describeGstinProblem } from "../gstin";
import { ImsFileError, type FileNotice } from "../file-error";
import { downloadRecordBudget, type CountBudget } from "../limits";
import type { ImsRecord } from "../record";
import { IMPORT_OF_GOODS_SECTIONS, SECTIONS, isSectionKey, type SectionKey } from "../sections";
import { parseJsonFile, unpackFiles, type InputFile } from "./files";
import { describeForeignFile, WHERE_TO_DOWNLOAD } from "./foreign";
import { isPlainObject } from "../json";
import { normaliseRecord, pendingFlagsDisagree } from "./normalise";
import { checkDownloadStructure } from "./structure";

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

function hasSectionKey(obj: Record<string, unknown>): boolean {
  return Object.keys(obj).some((k) => SECTION_KEYS.has(k) || SET_ASIDE.has(k));
}

/** Finds the object holding the sections, refusing files that are not IMS downloads. */
function locateSections(file: string, root: unknown): { envelope: Envelope; sections: Record<string, unknown>; outer: Record<string, unknown> } {
  if (!isPlainObject(root)) {
    const held = Array.isArray(root) ? "a JSON list" : root === null ? "only null" : `a single JSON ${typeof root}`;
    throw new ImsFileError(file, `is not an IMS download: it holds ${held}, not an object with IMS sections. ${WHERE_TO_DOWNLOAD}`);
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

function isKnownSection(key: string): boolean {
  return SECTION_KEYS.has(key) || SET_ASIDE.has(key);
}

/**
 * The recipient GSTIN a file names (`gstin` or `rtin`, at the root or inside the
 * envelope). A malformed one, or two different ones, refuse the file: the upload
 * must go to the taxpayer the data belongs to.
 */
function readRecipient(name: string, places: readonly Record<string, unknown>[]): string | undefined {
  let found: { gstin: string; key: string } | undefined;
  for (const place of places) {
    for (const key of RECIPIENT_KEYS) {
      const value = place[key];
      if (typeof value !== "string" || value.trim() === "") continue;
      const problem = describeGstinProblem(value);
      if (problem) throw new ImsFileError(name, `the recipient GSTIN at \`${key}\` is not valid. ${problem}`);
      const gstin = value.trim().toUpperCase();
      if (found && found.gstin !== gstin) {
        throw new ImsFileError(name, `names two recipients: ${found.gstin} at \`${found.key}\` and ${gstin} at \`${key}\`. Download the file again from the portal.`);
      }
      found ??= { gstin, key };
    }
  }
  return found?.gstin;
}

function readOne(name: string, root: unknown, budget: CountBudget): ReadFile {
  const { envelope, sections, outer } = locateSections(name, root);
  const records: ImsRecord[] = [];
  const importOfGoods: SetAsideSection[] = [];
  const unsupported: SetAsideSection[] = [];
  const notices: FileNotice[] = [];
  const recipientGstin = readRecipient(name, outer === sections ? [outer] : [outer, sections]);

  // Everything that is neither a section nor the envelope is kept as download
  // metadata (period, version, timestamp …). Built with defineProperty-like
  // semantics (fromEntries), so a `__proto__` key stays an ordinary key.
  const metadataEntries: [string, unknown][] = [];
  const envelopeKey = envelope === "offline" ? "imsDetails" : envelope === "data-wrapper" ? "data" : undefined;
  for (const [key, value] of Object.entries(outer)) {
    if (key === envelopeKey || (outer === sections && isKnownSection(key)) || RECIPIENT_KEYS.includes(key)) continue;
    // An unknown list beside the sections is a section this version does not know (e.g. `isd`).
    if (outer === sections && Array.isArray(value)) {
      if (value.length > 0) unsupported.push({ file: name, section: key, records: value });
      continue;
    }
    metadataEntries.push([key, value]);
  }
  if (outer !== sections) {
    for (const [key, value] of Object.entries(sections)) {
      if (isKnownSection(key) || RECIPIENT_KEYS.includes(key)) continue;
      if (Array.isArray(value)) {
        if (value.length > 0) unsupported.push({ file: name, section: key, records: value });
      } else {
        metadataEntries.push([key, value]);
      }
    }
  }

  for (const [key, value] of Object.entries(sections)) {
    if (!isKnownSection(key)) continue;
    // `[]`, `null` and a missing key all mean an empty section (ims-formats §3.1).
    const list = value ?? [];
    if (!Array.isArray(list)) throw new ImsFileError(name, `section \`${key}\` is not a list.`);
    if (isSectionKey(key)) {
      // The record limit (limits.ts) is checked before the records are built.
      budget.take(name, list.length);
      list.forEach((raw, i) => {
        const record = normaliseRecord(key as SectionKey, raw, { file: name, position: i + 1 });
        records.push(record);
        // Flags that disagree are read as blocked, so only a blocked record can have them.
        if (record.pendingBlocked && pendingFlagsDisagree(record.raw)) {
          notices.push({
            severity: "warning",
            file: name,
            message: `${key} record ${i + 1} (${record.documentNumber}): the flags \`ispendactblocked\` and \`ispendactnallwd\` disagree, so Pending is treated as not allowed.`,
          });
        }
      });
    } else if (list.length > 0) {
      importOfGoods.push({ file: name, section: key, records: list });
    }
  }

  checkDownloadStructure(name, root);

  for (const s of unsupported) {
    notices.push({ severity: "warning", file: name, message: `Section \`${s.section}\` is not supported by this version; its ${s.records.length} record(s) were kept aside and are not shown or uploaded.` });
  }
  for (const s of importOfGoods) {
    notices.push({ severity: "info", file: name, message: `Import-of-goods section \`${s.section}\` (${s.records.length} bill(s) of entry) is read-only in this version; act on it on the portal.` });
  }
  return {
    info: { name, envelope, recordCount: records.length, recipientGstin, metadata: Object.fromEntries(metadataEntries) },
    records,
    importOfGoods,
    unsupported,
    notices,
  };
}

/** Same JSON value, whatever the key order (files from the API and the offline download order keys differently). */
function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length
    && ka.every((k) => Object.hasOwn(b, k) && sameContent((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Reads one or more portal downloads (JSON, or zips of JSON), merging them by
 * section. Exact duplicates are dropped; a record that appears twice with
 * different content, or files of different recipients, refuse the whole set:
 * nothing is half-read.
 */
export function readDownloads(inputs: readonly InputFile[]): Download {
  const budget = downloadRecordBudget();
  const read = unpackFiles(inputs).map((f) => readOne(f.name, parseJsonFile(f), budget));

  const recipients = new Map<string, string>();
  for (const f of read) if (f.info.recipientGstin) recipients.set(f.info.recipientGstin, f.info.name);
  if (recipients.size > 1) {
    const list = [...recipients].map(([g, file]) => `${g} (${file})`).join(" and ");
    throw new ImsFileError(read.map((f) => f.info.name).join(", "), `these downloads belong to different taxpayers: ${list}. Load the files of one GSTIN at a time.`);
  }

  const records: ImsRecord[] = [];
  const keys = new Set<string>();
  // The first record of each key, made at the first repeat: most downloads have none.
  let firstByKey: Map<string, ImsRecord> | undefined;
  const conflicts: string[] = [];
  const conflictFiles = new Set<string>();
  let duplicates = 0;
  for (const f of read) {
    for (const record of f.records) {
      const known = keys.size;
      keys.add(record.key);
      if (keys.size > known) {
        records.push(record);
        firstByKey?.set(record.key, record);
        continue;
      }
      firstByKey ??= new Map(records.map((r) => [r.key, r]));
      const seen = firstByKey.get(record.key)!;
      if (sameContent(seen.raw, record.raw)) {
        duplicates++;
      } else {
        conflictFiles.add(seen.source.file).add(record.source.file);
        conflicts.push(
          `${record.section} ${record.documentNumber} dated ${record.documentDate} of supplier ${record.supplierGstin} is in ${seen.source.file} (record ${seen.source.position}) and in ${record.source.file} (record ${record.source.position}) with different content`,
        );
      }
    }
  }
  if (conflicts.length > 0) {
    const shown = conflicts.slice(0, 5).join("; ") + (conflicts.length > 5 ? `; and ${conflicts.length - 5} more` : "");
    throw new ImsFileError(
      [...conflictFiles].join(", "),
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
    records,
    files: read.map((f) => f.info),
    importOfGoods: read.flatMap((f) => f.importOfGoods),
    unsupported: read.flatMap((f) => f.unsupported),
    notices,
  };
}
