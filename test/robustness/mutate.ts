import fc from "fast-check";
import { strToU8, zipSync } from "fflate";
import { expect } from "vitest";
import { ImsFileError } from "../../src/ims/file-error";
import { isPlainObject } from "../../src/ims/json";
import type { InputFile } from "../../src/ims/download/files";
import type { CellValue } from "../../src/workbook/gateway";

/**
 * Fuzzing support: arbitraries that damage a valid file the ways files get
 * damaged (edited by hand, cut short, re-saved in another encoding, zipped,
 * produced by another program), and the check every reader must pass: it
 * returns a result, or throws its documented error naming the file.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Stands for a value nested 20,000 levels deep, deeper than any recursive walk
 * survives: jsonText writes it out in place (the harness itself could not hold it).
 */
const DEEP = "\u0000deeply nested\u0000";
const DEEP_TEXT = "[".repeat(20_000) + "]".repeat(20_000);

/** Values that trip careless readers: wrong types, empty and blank text, huge and odd numbers, control and lone surrogate characters. */
const NASTY_VALUES: readonly Json[] = [
  null, true, false, 0, -1, 1e308, -1e-300, 0.1 + 0.2, 2 ** 53 + 1, "", " ", "  Y ", "n", "NaN", "Infinity", "-0", "1e999",
  "\u0000", "\ud800", "\u202e", "😀", "x".repeat(5000), "=1+1", "__proto__", "constructor", [], {}, [null], [[[]]],
  { __proto__: null, a: 1 } as unknown as Json, { toString: "x", valueOf: 1 }, ["A", "R"],
  DEEP,
];

const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

/** Keys a record or envelope might carry under another spelling, or that collide with object internals. */
const NASTY_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "STIN", "Inum", " idt", "data", "imsDetails", "b2b", "error_report", "inv", ""];

export type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "replace"; at: number; value: Json }
  | { kind: "rename"; at: number; key: string }
  | { kind: "add"; at: number; key: string; value: Json }
  | { kind: "duplicate"; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat() }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), value: nastyValue }),
  fc.record({ kind: fc.constant("rename" as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })) }),
  fc.record({ kind: fc.constant("add" as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 8 })), value: nastyValue }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
);

type Slot = { parent: Json[] | { [key: string]: Json }; key: string | number };

/** Every place in the tree a value sits, parents before children. */
function slots(root: Json): Slot[] {
  const found: Slot[] = [];
  const walk = (value: Json) => {
    if (Array.isArray(value)) {
      value.forEach((child, i) => {
        found.push({ parent: value, key: i });
        walk(child);
      });
    } else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) {
        found.push({ parent: value, key });
        walk(value[key]);
      }
    }
  };
  walk(root);
  return found;
}

/** Sets a key as JSON.parse would: as an own property, even `__proto__`. */
function setOwn(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of an inserted value: the same constant may be inserted twice, and a later mutation must not change both. */
const fresh = (value: Json): Json => JSON.parse(JSON.stringify(value)) as Json;

/** A damaged copy of the JSON value. */
export function mutateJson(original: Json, mutations: readonly Mutation[]): Json {
  const root = JSON.parse(JSON.stringify(original)) as Json;
  for (const m of mutations) {
    const all = slots(root);
    if (all.length === 0) break;
    const { parent, key } = all[m.at % all.length];
    const isList = Array.isArray(parent);
    const obj = parent as { [key: string]: Json };
    switch (m.kind) {
      case "delete":
        if (isList) parent.splice(key as number, 1);
        else delete obj[key as string];
        break;
      case "replace":
        if (isList) parent[key as number] = fresh(m.value);
        else setOwn(obj, key as string, fresh(m.value));
        break;
      case "rename":
        if (!isList) {
          const value = obj[key as string];
          delete obj[key as string];
          setOwn(obj, m.key, value);
        }
        break;
      case "add": {
        const target = isList ? parent[key as number] : obj[key as string];
        if (Array.isArray(target)) target.push(fresh(m.value));
        else if (target !== null && typeof target === "object") setOwn(target, m.key, fresh(m.value));
        break;
      }
      case "duplicate":
        if (isList) parent.push(JSON.parse(JSON.stringify(parent[key as number])) as Json);
        break;
    }
  }
  return root;
}

/** What can happen to the bytes of a file on its way to the reader. */
export type ByteDamage =
  | { kind: "none" }
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; byte: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "utf16"; bom: boolean }
  | { kind: "utf8-bom" }
  | { kind: "zip"; corruptAt?: number; extraEntry: boolean };

export const byteDamage: fc.Arbitrary<ByteDamage> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 8 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("utf16" as const), bom: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: "utf8-bom" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("zip" as const), corruptAt: fc.option(fc.nat(), { nil: undefined }), extraEntry: fc.boolean() }) },
);

function utf16le(text: string, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let at = 0;
  if (bom) {
    out[at++] = 0xff;
    out[at++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[at++] = c & 0xff;
    out[at++] = c >> 8;
  }
  return out;
}

export function damageBytes(text: string, damage: ByteDamage): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  switch (damage.kind) {
    case "none":
      return bytes;
    case "truncate":
      return bytes.subarray(0, damage.at % (bytes.length + 1));
    case "flip": {
      const copy = bytes.slice();
      if (copy.length > 0) copy[damage.at % copy.length] = damage.byte;
      return copy;
    }
    case "insert": {
      const at = damage.at % (bytes.length + 1);
      return new Uint8Array([...bytes.subarray(0, at), ...damage.bytes, ...bytes.subarray(at)]);
    }
    case "utf16":
      return utf16le(text, damage.bom);
    case "utf8-bom":
      return new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    case "zip": {
      const zip = zipSync({ "ims.json": bytes, ...(damage.extraEntry ? { "readme.txt": strToU8("hello"), "__MACOSX/._ims.json": strToU8("x") } : {}) });
      if (damage.corruptAt !== undefined) zip[damage.corruptAt % zip.length] ^= 0x5a;
      return zip;
    }
  }
}

/** Random bytes, random text and random JSON: what another program might have written under the same name. */
export const foreignBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => new TextEncoder().encode(JSON.stringify(v))),
  fc.constantFrom("<!DOCTYPE html><html>", "%PDF-1.7", "PK\u0003\u0004", "{\"imsDetails\":", "[", "\ufeff{}", "{}", "null").map((s) => new TextEncoder().encode(s)),
);

export type Outcome<T> = { ok: T } | { refused: ImsFileError };

/**
 * Runs a reader on files: it must return, or throw ImsFileError naming one of
 * the files with a message a person can read. Anything else is the bug the
 * fuzzing looks for, and is rethrown so fast-check reports and shrinks it.
 */
export function readOrRefuse<T>(files: readonly InputFile[], read: (files: readonly InputFile[]) => T): Outcome<T> {
  try {
    return { ok: read(files) };
  } catch (error) {
    if (!(error instanceof ImsFileError)) throw error;
    expectClearMessage(error, files.map((f) => f.name));
    return { refused: error };
  }
}

export function expectClearMessage(error: ImsFileError, names: readonly string[]): void {
  // A message about several files names them all, separated by commas; a zip entry as archive.zip/entry.json.
  expect(error.file.split(", ").every((part) => names.some((n) => part === n || part.startsWith(`${n}/`))), error.message).toBe(true);
  expect(error.message.startsWith(`${error.file}: `), error.message).toBe(true);
  expect(error.detail.trim().length, error.message).toBeGreaterThan(10);
  expect(error.message).not.toMatch(/\[object Object\]|undefined|function \(|=> /);
  // Values are quoted shortened; a message never dumps the file.
  expect(error.message.length, error.message.slice(0, 300)).toBeLessThan(1500);
}

export function jsonText(value: Json | unknown): string {
  return (JSON.stringify(value) ?? "null").replaceAll(JSON.stringify(DEEP), DEEP_TEXT);
}

/**
 * Runs per property: tuned so the robustness suite stays well under a minute
 * in `npm test`. `FUZZ_SCALE=20 npx vitest run test/robustness` fuzzes deeper.
 */
export function runs(n: number): number {
  const scale = Number(process.env.FUZZ_SCALE ?? "1");
  return Math.max(1, Math.round(n * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}

// ---------------------------------------------------------------------------
// Damage to a sheet's rows (the workbook's hidden sheets travel in files anyone can edit)

/** A value a cell may come to hold: what the hidden sheets' own cells hold, and anything else. */
const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom("status", "recipient", "meta", "shape", "record", "complete", "importing", "yes", "1", "2", "0", "-1", "1.5", "NaN", "", "[]", "{}", "null"),
  // Decisions as the record of the last upload keeps them, and objects that only look like one.
  fc.constantFrom(
    '{"action":"A","remarks":"","itcRedReq":null,"declIgst":null,"declCgst":null,"declSgst":null,"declCess":null}',
    '{"action":"R","remarks":"not ours","itcRedReq":null,"declIgst":null,"declCgst":null,"declSgst":null,"declCess":null}',
    '{"action":"Q"}', '{"inum":"HACK-1","action":"A"}', '{"action":{"x":1}}', '{"action":"A","itcRedReq":"Y","declIgst":"abc"}',
  ),
  fc.string(),
  fc.json(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

export type SheetDamage =
  | { kind: "cell"; row: number; column: number; value: CellValue }
  | { kind: "cut"; row: number; column: number; at: number }
  /** In a cell holding a JSON object: one of its keys (or one key of the object under it) given another value, or removed. */
  | { kind: "json"; row: number; column: number; key: number; inner: number | undefined; value: unknown; remove: boolean }
  | { kind: "drop"; row: number }
  | { kind: "repeat"; row: number }
  | { kind: "swap"; row: number; other: number };

/** One change to a sheet's rows of `width` columns: rows and columns are taken modulo the sheet's size. */
export function sheetDamage(width: number): fc.Arbitrary<SheetDamage> {
  return fc.oneof(
    fc.record({ kind: fc.constant("cell" as const), row: fc.nat(), column: fc.nat({ max: width - 1 }), value: cellValue }),
    fc.record({ kind: fc.constant("cut" as const), row: fc.nat(), column: fc.nat({ max: width - 1 }), at: fc.nat() }),
    fc.nat({ max: width - 1 }).chain(jsonEdit),
    fc.record({ kind: fc.constant("drop" as const), row: fc.nat() }),
    fc.record({ kind: fc.constant("repeat" as const), row: fc.nat() }),
    fc.record({ kind: fc.constant("swap" as const), row: fc.nat(), other: fc.nat() }),
  );
}

/** An edit of the JSON object a cell of `column` holds, if it holds one. */
export function jsonEdit(column: number): fc.Arbitrary<SheetDamage> {
  return fc.record({ kind: fc.constant("json" as const), row: fc.nat(), column: fc.constant(column), key: fc.nat(), inner: fc.option(fc.nat(), { nil: undefined }), value: fc.jsonValue(), remove: fc.boolean() });
}

/** The rows with the damages done in turn; the rows given are not changed. */
export function damageRows(rows: readonly (readonly CellValue[])[], damages: readonly SheetDamage[]): CellValue[][] {
  const out = rows.map((r) => [...r]);
  for (const d of damages) {
    if (out.length === 0) break;
    const i = d.row % out.length;
    if (d.kind === "cell") out[i][d.column] = d.value;
    else if (d.kind === "cut") out[i][d.column] = String(out[i][d.column] ?? "").slice(0, d.at % (String(out[i][d.column] ?? "").length + 1));
    else if (d.kind === "json") out[i][d.column] = editedJson(out[i][d.column], d);
    else if (d.kind === "drop") out.splice(i, 1);
    else if (d.kind === "repeat") out.splice(i, 0, [...out[i]]);
    else {
      const j = d.other % out.length;
      [out[i], out[j]] = [out[j], out[i]];
    }
  }
  return out;
}

function editedJson(cell: CellValue, d: Extract<SheetDamage, { kind: "json" }>): CellValue {
  let value: unknown;
  try {
    value = JSON.parse(String(cell));
  } catch {
    return cell;
  }
  if (!isPlainObject(value)) return cell;
  let target = value;
  let keys = Object.keys(target);
  if (keys.length === 0) return cell;
  const outer = keys[d.key % keys.length];
  if (d.inner !== undefined && isPlainObject(target[outer]) && Object.keys(target[outer]).length > 0) {
    target = target[outer];
    keys = Object.keys(target);
  }
  const key = target === value ? outer : keys[(d.inner ?? 0) % keys.length];
  if (d.remove) delete target[key];
  else target[key] = d.value;
  return JSON.stringify(value);
}
