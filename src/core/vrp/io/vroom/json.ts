/**
 * Reading untrusted JSON with messages that say where: a syntax error names file, line and column;
 * a bad value names its field path (`vehicles[2].time_window: expected ...`).
 */
import { ParseError } from '../ParseError.ts';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function parseJson(text: string, file: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = Number(/position (\d+)/.exec(msg)?.[1] ?? NaN);
    if (Number.isFinite(pos)) {
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      throw new ParseError(file, line, `column ${col}: not valid JSON (${msg.replace(/ in JSON at position \d+.*$/, '')})`);
    }
    throw new ParseError(file, 0, `not valid JSON (${msg})`);
  }
}

/** Field checks that throw a ParseError naming the file and the field path. */
export class Fields {
  /** Keys the reader does not know: VROOM ignores them too, so they are warnings, not errors. */
  readonly warnings: string[] = [];

  constructor(readonly file: string) {}

  fail(path: string, what: string, got?: Json | undefined): never {
    const shown = got === undefined ? 'nothing' : preview(got, 4).slice(0, 80);
    throw new ParseError(this.file, 0, `${path}: expected ${what}, got ${shown}`);
  }

  unsupported(path: string, what: string): never {
    throw new ParseError(this.file, 0, `${path}: ${what} is not supported by vanfleet's solver yet`);
  }

  object(v: Json | undefined, path: string): JsonObject {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) this.fail(path, 'an object', v);
    return v as JsonObject;
  }

  array(v: Json | undefined, path: string, dflt?: Json[]): Json[] {
    if (v === undefined && dflt) return dflt;
    if (!Array.isArray(v)) this.fail(path, 'an array', v);
    return v as Json[];
  }

  int(v: Json | undefined, path: string, dflt?: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    if (v === undefined && dflt !== undefined) return dflt;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      this.fail(path, max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`, v);
    return v as number;
  }

  number(v: Json | undefined, path: string): number {
    if (typeof v !== 'number' || !Number.isFinite(v)) this.fail(path, 'a number', v);
    return v as number;
  }

  ints(v: Json | undefined, path: string): number[] {
    return this.array(v, path).map((x, i) => this.int(x, `${path}[${i}]`));
  }

  string(v: Json | undefined, path: string): string | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== 'string') this.fail(path, 'a string', v);
    return v as string;
  }

  /** A `[x, y]` coordinate pair (VROOM: `[lon, lat]`). */
  coords(v: Json | undefined, path: string): number[] {
    const a = this.array(v, path);
    if (a.length !== 2) this.fail(path, 'a [lon, lat] pair', v);
    return a.map((x, i) => this.number(x, `${path}[${i}]`));
  }

  /** Keys outside `known` become warnings by name: a misspelt key must not pass unnoticed. */
  keys(o: JsonObject, path: string, known: readonly string[]): void {
    for (const k of Object.keys(o)) if (!known.includes(k)) this.warnings.push(`${this.file}: ${path}.${k}: unknown key, ignored (known: ${known.join(', ')})`);
  }
}

/** JSON text of a value cut at `depth` levels (`[…]`, `{…}`): JSON.stringify overflows the stack on 10^5-deep arrays. */
function preview(v: Json, depth: number): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (depth === 0) return Array.isArray(v) ? '[…]' : '{…}';
  if (Array.isArray(v)) return `[${v.slice(0, 20).map((x) => preview(x, depth - 1)).join(',')}${v.length > 20 ? ',…' : ''}]`;
  const keys = Object.keys(v);
  return `{${keys.slice(0, 20).map((k) => `${JSON.stringify(k)}:${preview(v[k], depth - 1)}`).join(',')}${keys.length > 20 ? ',…' : ''}}`;
}
