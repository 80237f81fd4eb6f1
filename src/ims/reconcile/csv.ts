import { ImsFileError } from "../file-error";

/**
 * A small RFC 4180 reader for registers saved as CSV: comma-separated, fields
 * optionally in double quotes ("" for a quote inside), line breaks inside quotes
 * kept, CRLF, LF or CR line ends, a leading byte-order mark ignored. Every value
 * stays text, exactly as written; the register reader decides what it means.
 */
export function parseCsv(text: string, fileName = "CSV file"): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let rowStarted = false;

  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
    rowStarted = false;
  };

  while (i < text.length) {
    const ch = text[i];
    // A quote opens a quoted value only at the start of a field; elsewhere it is text, as spreadsheet programs read it.
    if (ch === '"' && field === "") {
      // A quoted field: read to the closing quote.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new ImsFileError(fileName, `line ${startLine}: a quoted value is never closed (a " is missing).`);
        }
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line++;
        field += c;
        i++;
      }
      rowStarted = true;
      const after = text[i];
      if (after !== undefined && after !== "," && after !== "\r" && after !== "\n") {
        throw new ImsFileError(fileName, `line ${line}: text follows a closing quote; write "" for a quote inside a quoted value.`);
      }
      continue;
    }
    if (ch === ",") {
      endField();
      rowStarted = true;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    } else {
      field += ch;
      rowStarted = true;
      i++;
    }
  }
  // The last line needs no line end; a final line end adds no empty row.
  if (rowStarted || field !== "" || row.length > 0) endRow();
  return rows;
}

