export const WHERE_TO_DOWNLOAD =
  "Download the IMS data on the GST portal: Services → Returns → IMS Dashboard → Offline → Download JSON.";

/**
 * Recognises the files a taxpayer is likely to pick by mistake, so the message
 * says what the file is and where the right one is, instead of "invalid file".
 */
export type FileKind = "ims-upload" | "ims-error" | "gstr1" | "gstr2a" | "gstr2b" | "other";

function firstItem(value: unknown): Record<string, unknown> | undefined {
  return Array.isArray(value) && typeof value[0] === "object" && value[0] !== null ? (value[0] as Record<string, unknown>) : undefined;
}

export function identifyForeignFile(root: Record<string, unknown>): FileKind {
  if ("invdata" in root || "reqtyp" in root) return "ims-upload";
  if ("imsDetailsErr" in root || "error_report" in root) return "ims-error";
  const data = typeof root.data === "object" && root.data !== null ? (root.data as Record<string, unknown>) : undefined;
  if ((data && ("docdata" in data || "itcsumm" in data)) || "docdata" in root || "itcsumm" in root) return "gstr2b";
  const supplierGroup = firstItem(root.b2b) ?? firstItem(root.cdnr);
  if (supplierGroup && "ctin" in supplierGroup && ("inv" in supplierGroup || "nt" in supplierGroup)) {
    // GSTR-1 carries the filer's own period `fp` and supply tables; GSTR-2A groups by `ctin` with `cfs`.
    return "cfs" in supplierGroup || "cfs3b" in supplierGroup ? "gstr2a" : "gstr1";
  }
  if ("fp" in root && ("b2cs" in root || "hsn" in root || "doc_issue" in root || "nil" in root)) return "gstr1";
  return "other";
}

const DESCRIPTIONS: Record<Exclude<FileKind, "other">, string> = {
  "ims-upload": "is an IMS upload file (the decisions sent to the portal), not an IMS download.",
  "ims-error": "is a portal error file (\"Processed with Error\"), not an IMS download. Open it with \"Open error file\" instead.",
  gstr1: "looks like a GSTR-1 file, not an IMS download.",
  gstr2a: "looks like a GSTR-2A file, not an IMS download.",
  gstr2b: "looks like a GSTR-2B file, not an IMS download.",
};

/** A sentence naming what the file is, for files that are not IMS downloads; undefined otherwise. */
export function describeForeignFile(root: Record<string, unknown>): string | undefined {
  const kind = identifyForeignFile(root);
  if (kind === "other") return undefined;
  return kind === "ims-error" ? DESCRIPTIONS[kind] : `${DESCRIPTIONS[kind]} ${WHERE_TO_DOWNLOAD}`;
}
