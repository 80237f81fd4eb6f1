import { readFileSync } from "node:fs";
import { normaliseRecord } from "../../../src/ims/download/normalise";
import type { ImsRecord } from "../../../src/ims/record";
import { sectionSpec, type SectionKey } from "../../../src/ims/sections";
import { detectColumns, readRegister, type RegisterEntry } from "../../../src/ims/reconcile/register";

/** Hand-made IMS records and register rows for the reconciliation tests. */

export const NAVKAR = "27AAJFN3309H1ZA";
export const RIVERLINE = "29AABFR7623Q1ZI";
/** Riverline's Maharashtra registration: the same PAN (AABFR7623Q) as RIVERLINE. */
export const RIVERLINE_MH = "27AABFR7623Q1ZM";
export const MEHTA = "07AAKPM9934D1ZG";
export const APEX = "29AAPCA1234B1ZZ";

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), "utf8");
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

let position = 0;

/**
 * An IMS record as the reader would produce it from a downloaded object:
 * defaults for a filed, undecided b2b invoice, overridden by `fields`
 * (portal keys: inum, idt, txval, iamt, ...; `number`/`date` fill the section's own keys).
 */
export function imsRecord(
  fields: Record<string, unknown> & { number?: string; date?: string },
  section: SectionKey = "b2b",
): ImsRecord {
  const spec = sectionSpec(section);
  const { number, date, ...rest } = fields;
  const raw: Record<string, unknown> = {
    stin: NAVKAR,
    [spec.numberKey]: number ?? "INV-1",
    ...(spec.hasInvoiceType ? { inv_typ: "R" } : {}),
    [spec.dateKey]: date ?? "05-03-2026",
    val: 1180, pos: "27", txval: 1000, iamt: 0, camt: 90, samt: 90, cess: 0,
    srcform: "R1", rtnprd: "032026", srcfilstatus: "Filed",
    action: "N", ispendactblocked: "N", isRemarksBlocked: "N",
    ...(spec.itcDeclaration ? { isItcRedReqBlocked: "N" } : {}),
    ...(spec.originalNumberKey ? { [spec.originalNumberKey]: number ?? "INV-1", [spec.originalDateKey!]: date ?? "05-03-2026" } : {}),
    hash: "0".repeat(64),
    ...rest,
  };
  position++;
  return normaliseRecord(section, raw, { file: "ims.json", position });
}

export const BOOKS_HEADER = ["Supplier GSTIN", "Document Type", "Invoice No", "Invoice Date", "Taxable Value", "IGST", "CGST", "SGST", "Cess", "Place of Supply"];

/** A books row in BOOKS_HEADER order; defaults mirror imsRecord's. */
export function bookRow(fields: Partial<Record<"gstin" | "type" | "number" | "date" | "taxable" | "igst" | "cgst" | "sgst" | "cess" | "pos", unknown>> = {}): unknown[] {
  return [
    fields.gstin ?? NAVKAR, fields.type ?? "Invoice", fields.number ?? "INV-1", fields.date ?? "05-03-2026",
    fields.taxable ?? 1000, fields.igst ?? 0, fields.cgst ?? 90, fields.sgst ?? 90, fields.cess ?? 0, fields.pos ?? "27",
  ];
}

/** Register entries read through the real reader; fails loudly if a row is unreadable. */
export function books(rows: unknown[][], header: unknown[] = BOOKS_HEADER): RegisterEntry[] {
  const { entries, problems } = readRegister([header, ...rows], detectColumns(header), "books.csv");
  if (problems.length > 0) throw new Error(problems.map((p) => p.message).join("\n"));
  return entries;
}
