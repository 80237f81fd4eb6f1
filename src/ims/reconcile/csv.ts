import { ImsFileError } from "../file-error";

/**
 * A small RFC 4180 reader for registers saved as CSV: comma-separated, fields
 * optionally in double quotes ("" for a quote inside), line breaks inside quotes
 * kept, CRLF, LF or CR line ends, a leading byte-order mark ignored. Every value
 * stays text, exactly as written; the register reader decides what it means.
 */
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

export function parseCsv(text: string, fileName = "CSV file"): string[][] {
  const rows: string[][] = [];
  const end = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  // Each value is cut out of the text whole, not built a character at a time: a register of
  // 1,00,000 rows has millions of characters, and building them one by one was most of its reading.
  while (i < end) {
    const row: string[] = [];
    for (;;) {
      let value: string;
      // A quote opens a quoted value only at the start of a field; elsewhere it is text, as spreadsheet programs read it.
      if (text.charCodeAt(i) === QUOTE) {
        const startLine = line;
        value = "";
        let from = ++i;
        for (;;) {
          if (i >= end) throw new ImsFileError(fileName, `line ${startLine}: a quoted value is never closed (a " is missing).`);
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              value += text.slice(from, i + 1);
              i += 2;
              from = i;
              continue;
            }
            value += text.slice(from, i);
            i++;
            break;
          }
          if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
          i++;
        }
        const after = text.charCodeAt(i);
        if (i < end && after !== COMMA && after !== CR && after !== LF) {
          throw new ImsFileError(fileName, `line ${line}: text follows a closing quote; write "" for a quote inside a quoted value.`);
        }
      } else {
        const from = i;
        while (i < end) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          i++;
        }
        value = text.slice(from, i);
      }
      row.push(value);
      // The last line needs no line end, and a final line end adds no empty row.
      if (i >= end) break;
      if (text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }
    rows.push(row);
  }
  return rows;
}
