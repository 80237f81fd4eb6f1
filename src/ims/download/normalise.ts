import { NO_DECLARED_AMOUNTS, TAX_HEADS, isUnreadable, parseAction, type ActionCode, type Decision, type DeclaredAmount, type TaxHead } from "../decision";
import { ImsFileError } from "../file-error";
import { isPlainObject } from "../json";
import { recordKey, type ImsRecord } from "../record";
import { sectionSpec, type SectionKey, type SectionSpec } from "../sections";

/**
 * Normalisation of one downloaded record (ims-formats §3.5): every tolerated
 * spelling of a flag or field is read here and nowhere else.
 */

/** `"Y"`/`"N"`, booleans, `"true"`/`"false"`, `"Yes"`/`"No"`, any case and spacing; anything else is unknown. */
export function readFlag(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return undefined;
  // The portal's own spellings, without building a trimmed, lower-case copy of each.
  if (value === "Y") return true;
  if (value === "N") return false;
  const t = value.trim().toLowerCase();
  if (t === "y" || t === "yes" || t === "true") return true;
  if (t === "n" || t === "no" || t === "false") return false;
  return undefined;
}

/** The spellings a download may give the keys of its decision, the upload's own first. */
const DECISION_KEY_SPELLINGS = {
  action: ["action"],
  remarks: ["remarks"],
  itcRedReq: ["itcRedReq", "itc_red_req"],
  declIgst: ["declIgst", "decl_igst"],
  declCgst: ["declCgst", "decl_cgst"],
  declSgst: ["declSgst", "decl_sgst"],
  declCess: ["declCess", "decl_cess"],
} as const satisfies Record<string, readonly [string, string?]>;
export type DecisionKey = keyof typeof DECISION_KEY_SPELLINGS;

/** Every spelling of a decision key, for the lists of keys the readers and the upload writer know. */
export const DECISION_KEYS_SPELLED: readonly string[] = Object.values(DECISION_KEY_SPELLINGS).flat();

/**
 * The spellings the readers look keys up under. A record whose keys are all
 * among them (as the portal's are) needs no key map of its own: a key that
 * matches a name case-insensitively must then be the one known spelling with
 * that lower-case form. Spellings that share a lower-case form with another
 * are left out, so that stays true.
 */
const KNOWN_SPELLINGS = [
  "stin", "inum", "idt", "nt_num", "nt_dt", "oinum", "oidt", "ont_num", "ont_dt", "inv_typ", "boenum",
  "val", "txval", "iamt", "camt", "samt", "cess", "pos", "srcform", "rtnTyp", "rtnprd", "sRtnPrd", "srcfilstatus",
  "tradenm", "trdnm", "lglnm", "hash", "ispendactblocked", "ispendactnallwd",
  "isRemarksBlocked", "isItcRedReqBlocked", "itcRedReqBlocked", ...DECISION_KEYS_SPELLED,
];
const knownByLowerCase: ReadonlyMap<string, string> = (() => {
  const byLower = new Map<string, string | null>();
  for (const name of KNOWN_SPELLINGS) byLower.set(name.toLowerCase(), byLower.has(name.toLowerCase()) ? null : name);
  return new Map([...byLower].filter((entry): entry is [string, string] => entry[1] !== null));
})();
const knownSpellings = new Set(knownByLowerCase.values());

/**
 * How a record's keys are found whatever their letter case: lower-cased key →
 * actual key. A record whose keys are all known spellings (as the portal's are)
 * shares the map of those spellings instead of building its own: a key that
 * matches a name case-insensitively must then be the one known spelling with
 * that lower-case form.
 */
type KeyIndex = ReadonlyMap<string, string>;

function keyIndexOf(raw: Readonly<Record<string, unknown>>): KeyIndex {
  // for…in lists a parsed object's keys without building a list (its prototype has none to add).
  for (const key in raw) if (!knownSpellings.has(key)) return new Map(Object.keys(raw).map((k) => [k.toLowerCase(), k]));
  return knownByLowerCase;
}

/** The value under a key that is `name` in another letter case, if the record has one. */
function inOtherCase(raw: Readonly<Record<string, unknown>>, index: KeyIndex, name: string): unknown {
  // With only known spellings, a known name not found as spelled is not there in any case.
  if (index === knownByLowerCase && knownSpellings.has(name)) return undefined;
  const actual = index.get(name.toLowerCase());
  // The shared map names keys a record may not have.
  return actual !== undefined && Object.hasOwn(raw, actual) ? raw[actual] : undefined;
}

/**
 * The value under the first of the names present, compared exactly first, then
 * case-insensitively. Only the known spellings above are looked up here, none of
 * which Object.prototype has, so a plain read finds own keys only. Up to three
 * names, without a list to allocate: this runs some thirty times for every record read.
 */
function lookUp(raw: Readonly<Record<string, unknown>>, index: KeyIndex, a: string, b?: string, c?: string): unknown {
  // One read rather than a check and a read: a parsed value is never undefined, and no name looked up here is one Object.prototype has.
  const first = raw[a];
  if (first !== undefined) return first;
  const second = b === undefined ? undefined : raw[b];
  if (second !== undefined) return second;
  const third = c === undefined ? undefined : raw[c];
  if (third !== undefined) return third;
  return inOtherCase(raw, index, a)
    ?? (b === undefined ? undefined : inOtherCase(raw, index, b))
    ?? (c === undefined ? undefined : inOtherCase(raw, index, c));
}

/** The value under the first of `names` present in `raw`, compared case-insensitively. */
export function pick(raw: Readonly<Record<string, unknown>>, ...names: string[]): unknown {
  for (const name of names) if (Object.hasOwn(raw, name)) return raw[name];
  const index = keyIndexOf(raw);
  for (const name of names) {
    const value = inOtherCase(raw, index, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

function decisionValue(raw: Readonly<Record<string, unknown>>, index: KeyIndex, key: DecisionKey): unknown {
  const [spelling, alias] = DECISION_KEY_SPELLINGS[key] as readonly [string, string?];
  return lookUp(raw, index, spelling, alias);
}

/** The key the record holds a value under: the first of `names` present, exactly spelled, else in another letter case. */
export function keyHolding(raw: Readonly<Record<string, unknown>>, names: readonly string[]): string | undefined {
  for (const name of names) if (Object.hasOwn(raw, name)) return name;
  const wanted = names.map((n) => n.toLowerCase());
  return Object.keys(raw).find((k) => wanted.includes(k.toLowerCase()));
}

/**
 * The key under which a downloaded record holds a key of its decision (`key`
 * spelled as the upload spells it: action, remarks, itcRedReq, declIgst …),
 * whichever spelling and letter case the download used; `key` itself when the
 * record has none.
 */
export function decisionKeyIn(raw: Readonly<Record<string, unknown>>, key: string): string {
  const spellings: readonly string[] = Object.hasOwn(DECISION_KEY_SPELLINGS, key) ? DECISION_KEY_SPELLINGS[key as DecisionKey] : [key];
  return keyHolding(raw, spellings) ?? key;
}

/** Numbers, or numeric strings (defensive); missing or unreadable amounts count as 0 for validation. */
export function readAmount(value: unknown): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return 0;
}

function readOptionalAmount(value: unknown): DeclaredAmount {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && Number.isFinite(Number(value.trim()))) return Number(value.trim());
  // JSON text for an object: String() throws on one whose own `toString` is not a function.
  return { unreadable: typeof value === "object" ? JSON.stringify(value) : String(value) };
}

const FILED = new Set(["filed", "f"]);
const NOT_FILED = new Set(["not filed", "notfiled", "nf", "saved"]);

export function readFilingStatus(value: unknown): boolean | undefined {
  if (typeof value !== "string") return undefined;
  if (value === "Filed" || value === "F") return true;
  if (value === "Not Filed" || value === "NF") return false;
  const t = value.trim().toLowerCase();
  if (FILED.has(t)) return true;
  if (NOT_FILED.has(t)) return false;
  return undefined;
}

/** The API's words for a known spelling ("F" → "Filed"); an unknown value as the portal wrote it (ims-formats §3.5). */
function filingStatusText(value: unknown): string {
  const filed = readFilingStatus(value);
  return filed === undefined ? text(value) : filed ? "Filed" : "Not Filed";
}

/**
 * Pending blocked: `ispendactblocked` (Y = blocked) or the older, inverted
 * `ispendactnallwd` (N = blocked). If both are present and disagree, blocked wins.
 */
export function readPendingBlocked(raw: Readonly<Record<string, unknown>>, index: KeyIndex = keyIndexOf(raw)): boolean | undefined {
  const blocked = readFlag(lookUp(raw, index, "ispendactblocked"));
  const allowed = readFlag(lookUp(raw, index, "ispendactnallwd"));
  const fromOld = allowed === undefined ? undefined : !allowed;
  if (blocked === undefined) return fromOld;
  if (fromOld === undefined) return blocked;
  return blocked || fromOld;
}

/** Both pending flags are given and say opposite things (the record is then read as blocked, with a warning). */
export function pendingFlagsDisagree(raw: Readonly<Record<string, unknown>>): boolean {
  const blocked = readFlag(pick(raw, "ispendactblocked"));
  const allowed = readFlag(pick(raw, "ispendactnallwd"));
  return blocked !== undefined && allowed !== undefined && blocked === allowed;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  // JSON text for an object: String() throws on one whose own `toString` is not a function ({"toString": 1}).
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * The downloaded decision of a record with no remark and no ITC declaration,
 * by action: most records of a month, which share these instead of each
 * getting its own. Frozen, since every record holding one shares it.
 */
const PLAIN_DECISIONS: Readonly<Record<ActionCode, Decision>> = Object.freeze({
  A: Object.freeze({ action: "A", remarks: "", itc: null, declared: NO_DECLARED_AMOUNTS }),
  R: Object.freeze({ action: "R", remarks: "", itc: null, declared: NO_DECLARED_AMOUNTS }),
  P: Object.freeze({ action: "P", remarks: "", itc: null, declared: NO_DECLARED_AMOUNTS }),
  N: Object.freeze({ action: "N", remarks: "", itc: null, declared: NO_DECLARED_AMOUNTS }),
});

function readDownloadedDecision(raw: Readonly<Record<string, unknown>>, index: KeyIndex): Decision {
  const actionText = text(decisionValue(raw, index, "action"));
  const action = parseAction(actionText) ?? { unreadable: actionText };
  const remarks = text(decisionValue(raw, index, "remarks"));
  const itcFlag = readFlag(decisionValue(raw, index, "itcRedReq"));
  if (itcFlag === undefined && remarks === "" && !isUnreadable(action)) return PLAIN_DECISIONS[action];
  // The amounts count only with a Y: they tell a partial reduction from a full one.
  const declared: Record<TaxHead, DeclaredAmount> | undefined = itcFlag === true ? {
    igst: readOptionalAmount(decisionValue(raw, index, DECLARED_KEY.igst)),
    cgst: readOptionalAmount(decisionValue(raw, index, DECLARED_KEY.cgst)),
    sgst: readOptionalAmount(decisionValue(raw, index, DECLARED_KEY.sgst)),
    cess: readOptionalAmount(decisionValue(raw, index, DECLARED_KEY.cess)),
  } : undefined;
  const partial = declared !== undefined && (declared.igst !== null || declared.cgst !== null || declared.sgst !== null || declared.cess !== null);
  const itc = itcFlag === undefined ? null : itcFlag ? (partial ? "partial" : "full") : "none";
  return { action, remarks, itc, declared: partial ? declared : NO_DECLARED_AMOUNTS };
}

/** The key of the declared amount of each tax head, in the upload and as a download holds it. */
export const DECLARED_KEY: Readonly<Record<TaxHead, DecisionKey>> = { igst: "declIgst", cgst: "declCgst", sgst: "declSgst", cess: "declCess" };

/**
 * A decision written the way a download holds one, under the upload's keys:
 * the action code, the remark, the ITC-reduction flag (Y for Full or Partial,
 * N for No Reduction) and a Partial reduction's amounts; null for what the
 * decision does not have. readDownloadedDecision reads it back as the same
 * decision. Undefined when a part of it cannot be read: a download's own
 * decision may hold an unreadable amount.
 */
export function decisionAsDownloaded(decision: Decision): Record<DecisionKey, string | number | null> | undefined {
  const { action, itc } = decision;
  if (isUnreadable(action) || isUnreadable(itc)) return undefined;
  const written: Record<DecisionKey, string | number | null> = {
    action, remarks: decision.remarks, itcRedReq: itc === null ? null : itc === "none" ? "N" : "Y",
    declIgst: null, declCgst: null, declSgst: null, declCess: null,
  };
  if (itc === "partial") {
    for (const head of TAX_HEADS) {
      const amount = decision.declared[head];
      if (isUnreadable(amount)) return undefined;
      written[DECLARED_KEY[head]] = amount;
    }
  }
  return written;
}

/**
 * A decision kept as decisionAsDownloaded wrote it, read back from where anyone
 * could have edited it (the workbook's hidden record of the last upload): the
 * object itself when it is exactly what decisionAsDownloaded writes for the
 * decision it holds, every key a decision key; otherwise undefined. Put into a
 * stored download, anything else could change what identifies the record, or
 * leave a status the upload cannot state.
 */
export function readDecisionAsDownloaded(value: unknown): Record<DecisionKey, string | number | null> | undefined {
  if (!isPlainObject(value)) return undefined;
  const kept: Readonly<Record<string, unknown>> = value;
  const written = decisionAsDownloaded(readDownloadedDecision(kept, keyIndexOf(kept)));
  if (!written) return undefined;
  const keys = Object.keys(kept);
  const same = keys.length === Object.keys(written).length && keys.every((k) => Object.hasOwn(written, k) && Object.is(written[k as DecisionKey], kept[k]));
  return same ? written : undefined;
}

/** A key of the record's identity, which must be a non-empty text; the message names the record and the key. */
function requireText(value: unknown, key: string, section: SectionKey, source: { file: string; position: number }, documentNumber: string): string {
  if (typeof value === "string" && value.trim() !== "") return value;
  const where = `${section} record ${source.position}`;
  const label = documentNumber ? `${where} (${documentNumber})` : where;
  throw new ImsFileError(
    source.file,
    value === undefined
      ? `${label}: the key \`${key}\` is missing.`
      : `${label}: the key \`${key}\` must be a non-empty text, not ${JSON.stringify(value)}.`,
  );
}

/**
 * Turns one downloaded object into a record. Refuses (with the file, section,
 * position, document number and key named) a record that lacks its identity.
 */
export function normaliseRecord(
  section: SectionKey,
  raw: unknown,
  source: { file: string; position: number },
): ImsRecord {
  const spec = sectionSpec(section);
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ImsFileError(source.file, `${section} record ${source.position} is not a JSON object.`);
  }
  const r = raw as Record<string, unknown>;
  const index = keyIndexOf(r);
  // A record may carry its number under either key in any section (EY's parser accepts both).
  const numberValue = lookUp(r, index, spec.numberKey, spec.numberKey === "inum" ? "nt_num" : "inum");
  const dateValue = lookUp(r, index, spec.dateKey, spec.dateKey === "idt" ? "nt_dt" : "idt");
  // Only a text number is valid (checked below); an object must not name the record as "[object Object]".
  const documentNumber = typeof numberValue === "number" ? String(numberValue) : typeof numberValue === "string" ? numberValue : "";
  const supplierGstin = requireText(lookUp(r, index, "stin"), "stin", section, source, documentNumber);
  requireText(numberValue, spec.numberKey, section, source, documentNumber);
  const documentDate = requireText(dateValue, spec.dateKey, section, source, documentNumber);
  return new DownloadedRecord(section, spec, r, index, source, supplierGstin, documentNumber, documentDate);
}

/**
 * A record as read from a download. Its amounts are read from the downloaded
 * object each time they are asked for (the layout, and a few rules, read them
 * once or twice) rather than copied into the record: kept for each of
 * 1,00,000 records, six numbers are 6,00,000 more objects for the garbage
 * collector to copy (docs/performance.md).
 */
class DownloadedRecord implements ImsRecord {
  readonly key: string;
  readonly supplierName: string;
  readonly originalNumber: string | undefined;
  readonly originalDate: string | undefined;
  readonly invoiceType: string | undefined;
  readonly placeOfSupply: string;
  readonly sourceForm: string;
  readonly returnPeriod: string;
  readonly supplierFiled: boolean | undefined;
  readonly filingStatusText: string;
  readonly pendingBlocked: boolean | undefined;
  readonly remarksBlocked: boolean;
  readonly itcDeclarationBlocked: boolean | undefined;
  readonly hash: string;
  readonly downloaded: Decision;

  constructor(
    readonly section: SectionKey,
    spec: SectionSpec,
    readonly raw: Readonly<Record<string, unknown>>,
    private readonly keyIndex: KeyIndex,
    readonly source: { readonly file: string; readonly position: number },
    readonly supplierGstin: string,
    readonly documentNumber: string,
    readonly documentDate: string,
  ) {
    const filing = lookUp(raw, keyIndex, "srcfilstatus");
    this.key = recordKey(section, supplierGstin, documentNumber, documentDate);
    this.supplierName = text(lookUp(raw, keyIndex, "tradenm", "trdnm", "lglnm"));
    this.originalNumber = spec.originalNumberKey ? text(lookUp(raw, keyIndex, spec.originalNumberKey, spec.originalNumberKey === "oinum" ? "ont_num" : "oinum")) : undefined;
    this.originalDate = spec.originalDateKey ? text(lookUp(raw, keyIndex, spec.originalDateKey, spec.originalDateKey === "oidt" ? "ont_dt" : "oidt")) : undefined;
    this.invoiceType = spec.hasInvoiceType ? text(lookUp(raw, keyIndex, "inv_typ")) : undefined;
    this.placeOfSupply = text(lookUp(raw, keyIndex, "pos"));
    this.sourceForm = text(lookUp(raw, keyIndex, "srcform", "rtnTyp"));
    this.returnPeriod = text(lookUp(raw, keyIndex, "rtnprd", "sRtnPrd"));
    this.supplierFiled = readFilingStatus(filing);
    this.filingStatusText = filingStatusText(filing);
    this.pendingBlocked = readPendingBlocked(raw, keyIndex);
    this.remarksBlocked = readFlag(lookUp(raw, keyIndex, "isRemarksBlocked")) ?? false;
    this.itcDeclarationBlocked = readFlag(lookUp(raw, keyIndex, "isItcRedReqBlocked", "itcRedReqBlocked"));
    this.hash = text(lookUp(raw, keyIndex, "hash"));
    this.downloaded = readDownloadedDecision(raw, keyIndex);
  }

  get value(): number {
    return readAmount(lookUp(this.raw, this.keyIndex, "val"));
  }

  get taxableValue(): number {
    return readAmount(lookUp(this.raw, this.keyIndex, "txval"));
  }

  get igst(): number {
    return readAmount(lookUp(this.raw, this.keyIndex, "iamt"));
  }

  get cgst(): number {
    return readAmount(lookUp(this.raw, this.keyIndex, "camt"));
  }

  get sgst(): number {
    return readAmount(lookUp(this.raw, this.keyIndex, "samt"));
  }

  get cess(): number {
    return readAmount(lookUp(this.raw, this.keyIndex, "cess"));
  }
}
