/**
 * GSTIN format and check character (ims-formats §7; patterns from GSTN's API as
 * reproduced in India Compliance `constants/__init__.py`, check character mod-36).
 */

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

const PATTERNS: readonly RegExp[] = [
  /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z][Z1-9ABD-J][0-9A-Z]$/, // regular, SEZ, casual
  /^[0-9]{2}[A-Z]{4}[0-9]{5}[A-Z][0-9]Z[0-9]$/, // government department
  /^[0-9]{4}[A-Z]{3}[0-9]{5}[UO]N[0-9A-Z]$/, // UIN
  /^[0-9]{4}[A-Z]{3}[0-9]{5}NR[0-9A-Z]$/, // non-resident
  /^99[0-9]{2}[A-Z]{3}[0-9]{5}OS[0-9A-Z]$/, // OIDAR
  /^[0-9]{2}[A-Z]{4}[A-Z0-9][0-9]{4}[A-Z][1-9A-Z]D[0-9A-Z]$/, // TDS deductor
  /^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][1-9A-Z]C[0-9A-Z]$/, // TCS collector (e-commerce operator)
];

/** The check character for the first 14 characters (of a GSTIN, or of its first 14), or undefined if there are fewer or one is outside 0-9, A-Z. */
export function gstinCheckCharacter(first14: string): string | undefined {
  if (first14.length < 14) return undefined;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    // By character code rather than by searching the alphabet: every supplier GSTIN of a month is checked.
    const c = first14.charCodeAt(i);
    const value = c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 90 ? c - 55 : -1;
    if (value < 0) return undefined;
    const product = value * (i % 2 === 0 ? 1 : 2);
    sum += Math.floor(product / 36) + (product % 36);
  }
  return ALPHABET[(36 - (sum % 36)) % 36];
}

const AS_WRITTEN = /^[0-9A-Z]{15}$/;

function matchesAPattern(g: string): boolean {
  for (const p of PATTERNS) if (p.test(g)) return true;
  return false;
}

export type GstinProblem = "length" | "characters" | "format" | "check-character";

/** Why a GSTIN is not valid, or undefined when it is. Trims and upper-cases before checking. */
export function gstinProblem(gstin: string): GstinProblem | undefined {
  // A GSTIN as the portal writes it needs no trimmed, upper-case copy (Validate checks every supplier's).
  const g = AS_WRITTEN.test(gstin) ? gstin : gstin.trim().toUpperCase();
  if (g.length !== 15) return "length";
  if (!/^[0-9A-Z]+$/.test(g)) return "characters";
  if (!matchesAPattern(g)) return "format";
  if (gstinCheckCharacter(g) !== g[14]) return "check-character";
  return undefined;
}

export function isValidGstin(gstin: string): boolean {
  return gstinProblem(gstin) === undefined;
}

/** A sentence for the user saying what is wrong with a GSTIN. */
export function describeGstinProblem(gstin: string): string | undefined {
  const problem = gstinProblem(gstin);
  const g = gstin.trim().toUpperCase();
  // A value far too long is quoted by its start: the message must stay readable.
  const shown = gstin.length > 24 ? `${gstin.slice(0, 20)}…` : gstin;
  switch (problem) {
    case undefined:
      return undefined;
    case "length":
      return `GSTIN "${shown}" must be 15 characters long (it has ${g.length}).`;
    case "characters":
      return `GSTIN "${shown}" may hold only the letters A-Z and the digits 0-9.`;
    case "format":
      return `GSTIN "${shown}" does not have the form of a GSTIN (2-digit state code, PAN, entity number, Z, check character).`;
    case "check-character":
      return `GSTIN "${shown}" has a wrong check character: the last character should be "${gstinCheckCharacter(g.slice(0, 14))}".`;
  }
}

/** The PAN inside a GSTIN (characters 3-12), for PAN-level grouping. */
export function panOf(gstin: string): string {
  return gstin.trim().toUpperCase().slice(2, 12);
}

/** The 2-digit state code a GSTIN starts with. */
export function stateCodeOf(gstin: string): string {
  return gstin.trim().slice(0, 2);
}
