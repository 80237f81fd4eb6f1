/**
 * The one table of IMS sections. Every other part of the product (schemas,
 * reader, sheets, rules, upload, error-file matching) is driven by this table,
 * so adding or renaming a section is a change here alone.
 *
 * Source: ims-formats §1.3, §3.3 and §4.2 (GSTN API, EY DigiGST, India Compliance).
 */

export type SectionKey = "b2b" | "b2ba" | "b2bdn" | "b2bdna" | "b2bcn" | "b2bcna" | "ecom" | "ecoma";

/** What kind of document the section holds, for messages and reconciliation. */
export type DocumentKind = "invoice" | "debit-note" | "credit-note";

export interface SectionSpec {
  readonly key: SectionKey;
  /** Worksheet name, as in GSTN's offline tool. */
  readonly sheetName: string;
  /** What a taxpayer calls it. */
  readonly label: string;
  readonly documentKind: DocumentKind;
  readonly isAmendment: boolean;
  /** JSON keys of the document number and date (the revised ones, for amendments). */
  readonly numberKey: "inum" | "nt_num";
  readonly dateKey: "idt" | "nt_dt";
  /** JSON keys of the original document, on amendments only. */
  readonly originalNumberKey?: "oinum" | "ont_num";
  readonly originalDateKey?: "oidt" | "ont_dt";
  /** Whether records carry `inv_typ` (absent in the e-commerce sections). */
  readonly hasInvoiceType: boolean;
  /** Whether the ITC-reduction declaration (`itcRedReq`, `decl*`) applies on Accept. */
  readonly itcDeclaration: boolean;
  /**
   * Whether a missing ITC-blocked flag makes a missing declaration an error
   * (b2bcn: certain) rather than a warning (the other sections: ims-rules ITC-04a).
   */
  readonly declarationCertain: boolean;
  /** Names the portal's REQSTS error report uses for this section (compared case-insensitively). */
  readonly errorAliases: readonly string[];
}

export const SECTIONS: readonly SectionSpec[] = [
  {
    key: "b2b", sheetName: "B2B", label: "B2B invoices", documentKind: "invoice", isAmendment: false,
    numberKey: "inum", dateKey: "idt", hasInvoiceType: true, itcDeclaration: false, declarationCertain: false,
    errorAliases: ["b2b"],
  },
  {
    key: "b2ba", sheetName: "B2BA", label: "Amended B2B invoices", documentKind: "invoice", isAmendment: true,
    numberKey: "inum", dateKey: "idt", originalNumberKey: "oinum", originalDateKey: "oidt",
    hasInvoiceType: true, itcDeclaration: true, declarationCertain: false,
    errorAliases: ["b2ba"],
  },
  {
    key: "b2bdn", sheetName: "B2B-DN", label: "Debit notes", documentKind: "debit-note", isAmendment: false,
    numberKey: "nt_num", dateKey: "nt_dt", hasInvoiceType: true, itcDeclaration: false, declarationCertain: false,
    errorAliases: ["dn", "b2bdn"],
  },
  {
    key: "b2bdna", sheetName: "B2B-DNA", label: "Amended debit notes", documentKind: "debit-note", isAmendment: true,
    numberKey: "nt_num", dateKey: "nt_dt", originalNumberKey: "ont_num", originalDateKey: "ont_dt",
    hasInvoiceType: true, itcDeclaration: true, declarationCertain: false,
    errorAliases: ["dna", "b2bdna"],
  },
  {
    key: "b2bcn", sheetName: "B2B-CN", label: "Credit notes", documentKind: "credit-note", isAmendment: false,
    numberKey: "nt_num", dateKey: "nt_dt", hasInvoiceType: true, itcDeclaration: true, declarationCertain: true,
    errorAliases: ["cn", "b2bcn"],
  },
  {
    key: "b2bcna", sheetName: "B2B-CNA", label: "Amended credit notes", documentKind: "credit-note", isAmendment: true,
    numberKey: "nt_num", dateKey: "nt_dt", originalNumberKey: "ont_num", originalDateKey: "ont_dt",
    hasInvoiceType: true, itcDeclaration: true, declarationCertain: false,
    errorAliases: ["cna", "b2bcna"],
  },
  {
    key: "ecom", sheetName: "ECO", label: "E-commerce operator documents", documentKind: "invoice", isAmendment: false,
    numberKey: "inum", dateKey: "idt", hasInvoiceType: false, itcDeclaration: false, declarationCertain: false,
    errorAliases: ["ecom", "e_b2b", "e_c2b"],
  },
  {
    key: "ecoma", sheetName: "ECOA", label: "Amended e-commerce operator documents", documentKind: "invoice",
    isAmendment: true, numberKey: "inum", dateKey: "idt", originalNumberKey: "oinum", originalDateKey: "oidt",
    hasInvoiceType: false, itcDeclaration: true, declarationCertain: false,
    errorAliases: ["ecoma", "e_b2ba", "e_c2ba"],
  },
];

/**
 * Import-of-goods sections (bills of entry, from the Oct-2025 period). Read and
 * reported as present, but not actionable in this version (ims-formats §3.8).
 */
export const IMPORT_OF_GOODS_SECTIONS: readonly string[] = ["impg", "impga", "impgsez", "impgseza"];

/** The amount keys echoed on every record, in upload order (ims-formats §4.2). */
export const AMOUNT_ECHO_KEYS = ["val", "pos", "txval", "iamt", "camt", "samt", "cess", "srcform", "rtnprd"] as const;

/**
 * Other spellings a downloaded record may carry an echo key under (ims-formats
 * §3.5, §4.2): the note/invoice number keys in any section, and the offline
 * tool's `rtnTyp` / `sRtnPrd` [guess: TP-VBA]. The upload writes the value under
 * its own key; the rules do not count such a key as missing.
 */
export const ECHO_KEY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  inum: ["nt_num"], nt_num: ["inum"], idt: ["nt_dt"], nt_dt: ["idt"],
  oinum: ["ont_num"], ont_num: ["oinum"], oidt: ["ont_dt"], ont_dt: ["oidt"],
  srcform: ["rtnTyp"], rtnprd: ["sRtnPrd"],
};


const BY_KEY = new Map<string, SectionSpec>(SECTIONS.map((s) => [s.key, s]));
const BY_ALIAS = new Map<string, SectionSpec>(
  SECTIONS.flatMap((s) => s.errorAliases.map((a) => [a.toLowerCase(), s] as const)),
);

export function isSectionKey(key: string): key is SectionKey {
  return BY_KEY.has(key);
}

export function sectionSpec(key: SectionKey): SectionSpec {
  const spec = BY_KEY.get(key);
  if (!spec) throw new Error(`Unknown IMS section "${key}"`);
  return spec;
}

/** The section an error report's alias names (`cn` → b2bcn), or undefined. */
export function sectionByErrorAlias(alias: string): SectionSpec | undefined {
  return BY_ALIAS.get(alias.trim().toLowerCase());
}

/**
 * The keys the upload echoes from the downloaded record, in the order GSTN's
 * samples use: supplier, original document, document, invoice type, date, amounts.
 */
export function echoKeys(spec: SectionSpec): string[] {
  return [
    "stin",
    ...(spec.originalNumberKey ? [spec.originalNumberKey, spec.originalDateKey!] : []),
    spec.numberKey,
    ...(spec.hasInvoiceType ? ["inv_typ"] : []),
    spec.dateKey,
    ...AMOUNT_ECHO_KEYS,
  ];
}

/** An echo key and its spellings: the key itself, then its other spellings, in the order a reader should look for them. */
export interface EchoKey {
  readonly key: string;
  readonly spellings: readonly string[];
}

const ECHO_PLANS = new Map<SectionKey, readonly EchoKey[]>(
  SECTIONS.map((s) => [s.key, echoKeys(s).map((key) => ({ key, spellings: [key, ...(ECHO_KEY_ALIASES[key] ?? [])] }))]),
);

/** The section's echo keys with their spellings, worked out once rather than for each record. */
export function echoPlan(spec: SectionSpec): readonly EchoKey[] {
  return ECHO_PLANS.get(spec.key)!;
}
