import { validateDownload, type CompiledValidator } from "../../generated/schemas";
import { ImsFileError } from "../file-error";
import { isSectionKey, sectionSpec, IMPORT_OF_GOODS_SECTIONS } from "../sections";
import { pick } from "./normalise";

/**
 * The download's last gate: the tolerant JSON Schema (schemas/ims-download.schema.json),
 * run after the reader's own, friendlier checks. It catches what those do not
 * look at, such as an amount that is not a number, and says where in the words
 * a taxpayer can follow: "b2b record 3 (RT-00931): `val` must be a number, not "abc"."
 */

type SchemaError = NonNullable<CompiledValidator["errors"]>[number];

/** How many problems one message lists; the rest are counted. */
const SHOWN = 3;

function segments(pointer: string): string[] {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function at(root: unknown, path: readonly string[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A value as the message shows it: short, and never a whole object. */
function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "an object";
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

const isImportSection = (key: string): boolean => IMPORT_OF_GOODS_SECTIONS.includes(key);

/** The number a record is known by, for the message: its document number, or the bill-of-entry number. */
function documentNumberOf(section: string, record: unknown): string | undefined {
  if (typeof record !== "object" || record === null || Array.isArray(record)) return undefined;
  const r = record as Record<string, unknown>;
  const value = isSectionKey(section)
    ? pick(r, sectionSpec(section).numberKey, sectionSpec(section).numberKey === "inum" ? "nt_num" : "inum")
    : pick(r, "boenum");
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;
}

/** "b2b record 3 (RT-00931)" and the field path inside the record; or no record and the path from the root. */
function locate(root: unknown, instancePath: string): { record?: string; field: string[] } {
  const path = segments(instancePath);
  for (let i = 0; i + 1 < path.length; i++) {
    const section = path[i];
    if ((isSectionKey(section) || isImportSection(section)) && /^\d+$/.test(path[i + 1])) {
      const position = Number(path[i + 1]) + 1;
      const number = documentNumberOf(section, at(root, path.slice(0, i + 2)));
      return {
        record: `${section} record ${position}${number ? ` (${number})` : ""}`,
        field: path.slice(i + 2),
      };
    }
  }
  return { field: path };
}

/** What is wrong, in words: "`val` must be a number, not "abc"". */
function describe(error: SchemaError, field: readonly string[]): string {
  const name = field.length > 0 ? `\`${field.join(".")}\`` : undefined;
  if (error.keyword === "required") {
    return `the key \`${String(error.params.missingProperty)}\` is missing`;
  }
  const parent = error.parentSchema as { description?: string; anyOf?: { required?: string[] }[] } | undefined;
  if (error.keyword === "anyOf" && parent?.anyOf?.every((branch) => branch.required?.length === 1)) {
    return `the key ${parent.anyOf.map((b) => `\`${b.required![0]}\``).join(" or ")} is missing`;
  }
  const expected = parent?.description ?? error.message ?? "different";
  return `${name ?? "it"} must be ${expected}, not ${show(error.data)}`;
}

/**
 * The errors worth showing: not the if/then wrappers, and not the branch
 * failures of an `anyOf` that is itself reported (its message names the branches).
 */
function meaningful(errors: readonly SchemaError[]): SchemaError[] {
  const anyOfs = errors.filter((e) => e.keyword === "anyOf");
  const kept = errors.filter((e) =>
    e.keyword !== "if"
    && !anyOfs.some((a) => a !== e && a.instancePath === e.instancePath && e.schemaPath.startsWith(`${a.schemaPath}/`)));
  const seen = new Set<string>();
  return kept.filter((e) => {
    const id = `${e.instancePath}|${e.keyword}|${e.schemaPath}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** The sentence(s) for a failed validation, without the file name. */
export function describeSchemaErrors(root: unknown, errors: readonly SchemaError[]): string {
  const shown = meaningful(errors);
  const sentences = shown.slice(0, SHOWN).map((error) => {
    const { record, field } = locate(root, error.instancePath);
    const what = describe(error, field);
    return record ? `${record}: ${what}.` : `${what.charAt(0).toUpperCase()}${what.slice(1)}.`;
  });
  const more = shown.length - SHOWN;
  if (more > 0) sentences.push(`${more} more problem${more === 1 ? " was" : "s were"} found in this file.`);
  return sentences.join(" ");
}

/** Throws an ImsFileError naming the file, the record and the field when the download does not fit the schema. */
export function checkDownloadStructure(file: string, root: unknown): void {
  if (validateDownload(root)) return;
  throw new ImsFileError(file, describeSchemaErrors(root, validateDownload.errors ?? []));
}
