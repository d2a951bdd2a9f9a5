/**
 * A strict JSON (RFC 8259) parser that remembers the line of every value by its path
 * ("fleet.size", "demand.waves[1].at"), so validation errors can point into the file, and whose
 * syntax errors carry line and column in every JavaScript engine (JSON.parse's messages differ
 * between engines and versions).
 */
export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${line}:${column}: invalid JSON: ${detail}`);
  }
}

export interface ParsedJson {
  readonly value: unknown;
  /** Line (1-based) where the value at a path starts. */
  readonly lines: ReadonlyMap<string, number>;
}

/** Deeper nesting is refused (no scenario or sweep comes near it), before recursion could exhaust the stack. */
export const MAX_JSON_DEPTH = 256;

export function parseJsonWithLines(text: string): ParsedJson {
  let i = 0;
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  const lines = new Map<string, number>();

  const fail = (detail: string): never => {
    throw new JsonSyntaxError(line, i - lineStart + 1, detail);
  };
  const describe = () => (i >= text.length ? 'end of file' : `'${text[i]}'`);
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13) break;
      i++;
    }
  };
  const expect = (ch: string) => {
    if (text[i] !== ch) fail(`expected '${ch}' but found ${describe()}`);
    i++;
  };

  const str = (): string => {
    expect('"');
    let out = '';
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text[i++];
      if (c === '"') return out;
      if (c === '\n') fail('line break inside a string');
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e in simple) out += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
        out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
        i += 4;
      } else fail(`bad escape '\\${e ?? ''}' in string`);
    }
  };

  const num = (): number => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!m) fail(`unexpected ${describe()}`);
    i += m![0].length;
    return Number(m![0]);
  };

  const value = (path: string): unknown => {
    ws();
    lines.set(path, line);
    const c = text[i];
    if (c === '{' || c === '[') {
      if (++depth > MAX_JSON_DEPTH) fail(`nested deeper than ${MAX_JSON_DEPTH} levels`);
      const v = c === '{' ? obj(path) : arr(path);
      depth--;
      return v;
    }
    if (c === '"') return str();
    if (c === '-' || (c >= '0' && c <= '9')) return num();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    return fail(`unexpected ${describe()}`);
  };

  const obj = (path: string): Record<string, unknown> => {
    expect('{');
    const out: Record<string, unknown> = {};
    ws();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(`expected a property name in double quotes but found ${describe()}`);
      const key = str();
      if (Object.prototype.hasOwnProperty.call(out, key)) fail(`duplicate key "${key}"`);
      ws();
      expect(':');
      out[key] = value(path ? `${path}.${key}` : key);
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      fail(`expected ',' or '}' but found ${describe()}`);
    }
  };

  const arr = (path: string): unknown[] => {
    expect('[');
    const out: unknown[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(value(`${path}[${out.length}]`));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      fail(`expected ',' or ']' but found ${describe()}`);
    }
  };

  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  ws();
  if (i >= text.length) fail('the file is empty');
  const v = value('');
  ws();
  if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
  return { value: v, lines };
}
