import type { SectionKey } from "./sections";
import type { Decision } from "./decision";

/**
 * One IMS record as the product works with it: the downloaded JSON object kept
 * exactly (`raw`, the only source the upload echoes from), plus a normalised view
 * used for display, validation and matching (ims-formats §3.6).
 */
export interface ImsRecord {
  readonly section: SectionKey;
  /** Identity: section | supplier GSTIN | document number | document date, exact strings (ims-formats §6). */
  readonly key: string;
  /** The downloaded object, untouched: same keys, same strings, same JSON types. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Where it came from, for messages: file name and 1-based position in its section. */
  readonly source: { readonly file: string; readonly position: number };

  readonly supplierGstin: string;
  readonly supplierName: string;
  readonly documentNumber: string;
  /** `dd-mm-yyyy`, as downloaded. */
  readonly documentDate: string;
  readonly originalNumber?: string;
  readonly originalDate?: string;
  readonly invoiceType?: string;
  /** Amounts as numbers (0 where missing), for display and validation only. */
  readonly value: number;
  readonly taxableValue: number;
  readonly igst: number;
  readonly cgst: number;
  readonly sgst: number;
  readonly cess: number;
  readonly placeOfSupply: string;
  readonly sourceForm: string;
  /** `MMYYYY` (or `MM` in some offline files), as downloaded. */
  readonly returnPeriod: string;
  /** true = filed, false = saved but not filed, undefined = not said or not understood. */
  readonly supplierFiled: boolean | undefined;
  /** For display: "Filed" / "Not Filed" for the spellings the reader knows, otherwise the value as the portal wrote it. */
  readonly filingStatusText: string;
  /** true = Pending is not allowed; undefined = the portal did not say. */
  readonly pendingBlocked: boolean | undefined;
  readonly remarksBlocked: boolean;
  /** true = no ITC-reduction declaration may be sent; undefined = the portal did not say. */
  readonly itcDeclarationBlocked: boolean | undefined;
  /** Version stamp; changes when the supplier edits the record. Never part of the identity. */
  readonly hash: string;
  /** The decision as downloaded: the baseline the change set compares against. */
  readonly downloaded: Decision;
}

export function recordKey(section: SectionKey, supplierGstin: string, documentNumber: string, documentDate: string): string {
  // Joined rather than concatenated: one flat text, which the maps keyed by it hash without flattening first.
  return [section, supplierGstin, documentNumber, documentDate].join("|");
}

/** The tax the record carries under a head, for ITC checks. */
export function taxOf(record: ImsRecord, head: "igst" | "cgst" | "sgst" | "cess"): number {
  return record[head];
}

/** Total tax (IGST + CGST + SGST + cess). */
export function totalTax(record: ImsRecord): number {
  return record.igst + record.cgst + record.sgst + record.cess;
}
