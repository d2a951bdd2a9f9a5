/**
 * A malformed instance file: the message names file and line, e.g.
 * `C101.txt:12: expected 7 numbers, got 5`.
 */
export class ParseError extends Error {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, message: string) {
    super(line > 0 ? `${file}:${line}: ${message}` : `${file}: ${message}`);
    this.file = file;
    this.line = line;
  }
}

/** Lines of a text file without line terminators (LF or CRLF), 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** Whitespace-separated fields of a line. */
export function fields(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Parse every field as a finite number or throw a ParseError naming the line. */
export function numbers(file: string, lineNo: number, parts: string[], expected: number): number[] {
  if (parts.length !== expected) throw new ParseError(file, lineNo, `expected ${expected} numbers, got ${parts.length}`);
  return parts.map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v)) throw new ParseError(file, lineNo, `expected a number, got "${s}"`);
    return v;
  });
}
