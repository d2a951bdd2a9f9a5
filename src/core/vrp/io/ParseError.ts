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

/**
 * Costs are 32-bit integers after scaling (×10 000 at most for times and distances), so values
 * past these limits would wrap around silently; they are refused by line instead.
 */
export const MAX_COORDINATE = 50_000;
export const MAX_TIME = 200_000;
export const MAX_AMOUNT = 1_000_000_000;

/** `value` if |value| <= limit, else a ParseError naming the line and the column. */
export function inRange(file: string, lineNo: number, name: string, value: number, limit: number): number {
  if (!(Math.abs(value) <= limit)) throw new ParseError(file, lineNo, `${name} ${value} is out of range (at most ${limit} in absolute value, so scaled costs stay 32-bit integers)`);
  return value;
}
