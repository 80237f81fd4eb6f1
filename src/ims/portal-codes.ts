/**
 * What the portal's error codes mean for the taxpayer, written once
 * (ims-rules §8; sources: Vayana GSP docs and GSTN's API sheets for IMSSAV0010,
 * India Compliance for IMSSAV0015 and IMSSAV0054, GSTN-XLS for GEN5001).
 */

export interface PortalCodeGuidance {
  /** What went wrong, in plain words. */
  readonly meaning: string;
  /** What the user should do next. */
  readonly guidance: string;
  /** The add-in rule that catches the same problem before upload, if any. */
  readonly relatedRule?: string;
}

const IMSSAV0054: PortalCodeGuidance = {
  meaning: "An accepted credit note (or another specified record) was sent without the ITC-reduction choice.",
  guidance: "Choose Full, Partial or No reduction for this accepted document, then export again.",
  relatedRule: "ITC-04",
};

const KNOWN_CODES: Readonly<Record<string, PortalCodeGuidance>> = {
  IMSSAV0010: {
    meaning: "The previous status sent does not match the record's status on the portal: the supplier edited the record, someone acted on it elsewhere, or the same file was uploaded twice.",
    guidance: "This record changed on the portal after your download. Download a fresh JSON, load it (your decisions are carried over where the record is unchanged), check this record and upload again.",
    relatedRule: "CHG-06",
  },
  IMSSAV0015: {
    meaning: "An earlier upload is still being processed.",
    guidance: "Wait until the previous upload shows 'Processed' (or 'Processed with Error'), then upload this file again. Upload split files one at a time.",
    relatedRule: "CHG-08",
  },
  IMSSAV0054,
  GEN5001: {
    meaning: "The portal rejected the whole file as incomplete: a required field is missing.",
    guidance: "The portal rejected the whole file as incomplete. Export it again from the add-in. If it fails again, report it with the file.",
  },
};

/** A message without a code that one third party reports for the IMSSAV0054 cause [guess: TP-RECON]. */
const MESSAGES_LIKE_IMSSAV0054 = [/no action taken in b2b credit notes/i];

/** Added to the portal's own message when the code is not one we know. */
export const UNKNOWN_CODE_GUIDANCE =
  "Check this record against the add-in's validation messages; if none apply, download again and retry.";

/** For a whole-file rejection that carries no code. */
export const WHOLE_FILE_REJECTED_GUIDANCE =
  "The portal rejected the whole file. Check that it is the file exported by the add-in, for the right GSTIN, and not edited by hand.";

/** The known entry for a code (codes compared without case or stray spaces), or undefined. */
export function knownPortalCode(code: string | undefined): PortalCodeGuidance | undefined {
  if (!code) return undefined;
  return KNOWN_CODES[code.trim().toUpperCase()];
}

/**
 * Guidance for one portal error: the known code's advice, or for an unknown code
 * a pointer back to the add-in's own checks (the portal's message is always shown
 * as is, next to this).
 */
export function guidanceFor(code: string | undefined, message: string): string {
  const known = knownPortalCode(code);
  if (known) return known.guidance;
  if (!code?.trim() && MESSAGES_LIKE_IMSSAV0054.some((p) => p.test(message))) return IMSSAV0054.guidance;
  return UNKNOWN_CODE_GUIDANCE;
}

/** Guidance for a request-level failure (`status_cd` ER): the whole upload was refused. */
export function requestFailureGuidance(code: string | undefined): string {
  return knownPortalCode(code)?.guidance ?? WHOLE_FILE_REJECTED_GUIDANCE;
}
