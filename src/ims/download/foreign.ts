import { isPlainObject } from "../json";

export const WHERE_TO_DOWNLOAD =
  "Download the IMS data on the GST portal: Services → Returns → IMS Dashboard → Offline → Download JSON.";

/**
 * Recognises the files a taxpayer is likely to pick by mistake, so the message
 * says what the file is and where the right one is, instead of "invalid file".
 */
export type FileKind = "ims-upload" | "ims-error" | "gstr1" | "gstr2a" | "gstr2b" | "other";

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return isPlainObject(value) ? value : undefined;
}

/** The first supplier group of the GSTR-1/2A tables that group documents by counterparty (`ctin`). */
function firstSupplierGroup(root: Json): Json | undefined {
  for (const table of ["b2b", "b2ba", "cdnr", "cdnra", "cdn", "cdna"]) {
    const list = root[table];
    if (Array.isArray(list) && list.length > 0) return asObject(list[0]);
  }
  return undefined;
}

function identify(root: Json): FileKind {
  if ("invdata" in root || "reqtyp" in root) return "ims-upload";
  if ("imsDetailsErr" in root || "error_report" in root) return "ims-error";
  // A REQSTS answer without errors: `{"status_cd":"P","transTypCd":"SAV","proc_cnt":"9",…}`.
  if ("status_cd" in root && ("transTypCd" in root || "proc_cnt" in root || "err_cnt" in root)) return "ims-error";
  if ("docdata" in root || "itcsumm" in root) return "gstr2b";
  const group = firstSupplierGroup(root);
  if (group && "ctin" in group && ("inv" in group || "nt" in group)) {
    // GSTR-2A marks whether the supplier filed (`cfs`, `cfs3b`); GSTR-1 has no such marks.
    return "cfs" in group || "cfs3b" in group ? "gstr2a" : "gstr1";
  }
  if ("fp" in root && ("b2cs" in root || "hsn" in root || "doc_issue" in root || "nil" in root)) return "gstr1";
  return "other";
}

export function identifyForeignFile(root: Json): FileKind {
  const kind = identify(root);
  if (kind !== "other") return kind;
  // The same files inside a transport wrapper (`{"data": {…}}`, as GSTR-2B always is).
  const data = asObject(root.data);
  return data ? identify(data) : "other";
}

const DESCRIPTIONS: Record<Exclude<FileKind, "other">, string> = {
  "ims-upload": "is an IMS upload file (the decisions sent to the portal), not an IMS download.",
  "ims-error": "is a portal error file (\"Processed with Error\"), not an IMS download. Open it with \"Open error file\" instead.",
  gstr1: "looks like a GSTR-1 file, not an IMS download.",
  gstr2a: "looks like a GSTR-2A file, not an IMS download.",
  gstr2b: "looks like a GSTR-2B file, not an IMS download.",
};

/** A sentence naming what the file is, for files that are not IMS downloads; undefined otherwise. */
export function describeForeignFile(root: Json): string | undefined {
  const kind = identifyForeignFile(root);
  if (kind === "other") return undefined;
  return kind === "ims-error" ? DESCRIPTIONS[kind] : `${DESCRIPTIONS[kind]} ${WHERE_TO_DOWNLOAD}`;
}
