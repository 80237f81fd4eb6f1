/**
 * Remark text handling shared by the rules and the upload writer (ims-rules §4).
 */

/** The portal's limit is unconfirmed; 250 is the conservative cap (ims-rules RMK-05, TP-VBA). */
export const REMARKS_MAX_LENGTH = 250;

const LINE_BREAKS_AND_TABS = /[\r\n\t]+/g;

/**
 * RMK-07 auto-fix: each run of CR, LF or TAB becomes one space; both ends are
 * trimmed. The upload writer sends exactly this text; the rules compare remarks
 * in this form, so a remark that differs only by line breaks or surrounding
 * spaces is not a change.
 */
export function normaliseRemarks(text: string): string {
  // Most records have no remark: the rules normalise both the downloaded and the entered one of every record.
  if (text === "") return text;
  return text.replace(LINE_BREAKS_AND_TABS, " ").trim();
}

/** Whether the text holds a line break or tab (which normaliseRemarks replaces). */
export function hasLineBreaks(text: string): boolean {
  return /[\r\n\t]/.test(text);
}

/** Control characters other than CR, LF and TAB (U+0000–U+001F, U+007F): invisible and refused (RMK-08). */
export function hasOtherControlCharacters(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

/**
 * Up to three distinct characters outside printable ASCII (U+0020–U+007E),
 * control characters excluded (RMK-08 reports those). Whole code points, so an
 * emoji is one character.
 */
export function nonAsciiCharacters(text: string, limit = 3): string[] {
  const found: string[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x7f) continue;
    if (!found.includes(ch)) found.push(ch);
    if (found.length === limit) break;
  }
  return found;
}

/** Length as a person counts it: code points, so ₹ or an emoji is one character. */
export function remarksLength(text: string): number {
  return [...text].length;
}
