/**
 * Bytes of a text in UTF-8, as TextEncoder writes it (a lone surrogate becomes
 * U+FFFD, three bytes), counted without encoding it. Upload files are cut by
 * their size in bytes (4 MB), and Excel's requests by theirs (5 MB); most of
 * the product's text is ASCII, which is counted in one scan.
 */

const NON_ASCII = /[\u0080-\uffff]/;

export function utf8Length(text: string): number {
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a pair: two units, four bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}
