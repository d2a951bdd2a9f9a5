/**
 * A small RFC 4180 CSV reader: comma-separated fields, optionally in double quotes (a quote inside
 * a quoted field is doubled, and a quoted field may hold commas and line breaks), records ended by
 * CRLF or LF. A leading UTF-8 byte-order mark is skipped. Each record keeps the line it starts on,
 * so errors can point into the file. Blank lines are skipped (spreadsheets leave them at the end).
 */

export interface CsvRecord {
  /** 1-based line of the file the record starts on. */
  readonly line: number;
  readonly fields: readonly string[];
}

/** A CSV syntax error (an unclosed quote, text after a closing quote), at a line. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const out: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let field = '';
      if (text[i] === '"') {
        const openLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(openLine, 'a quoted field is not closed (missing ")');
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
          if (c === '\n') line++;
          field += c;
          i++;
        }
        if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new CsvSyntaxError(line, `unexpected text after a closing quote: "${text.slice(i, i + 10)}"`);
      } else {
        const start = i;
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          i++;
        }
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i >= n) endOfRecord = true;
      else if (text[i] === ',') i++;
      else {
        if (text[i] === '\r') i++;
        if (text[i] === '\n') i++;
        line++;
        endOfRecord = true;
      }
    }
    if (!(fields.length === 1 && fields[0] === '')) out.push({ line: startLine, fields });
    // A blank line: skip it.
  }
  return out;
}
