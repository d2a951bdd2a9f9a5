/**
 * A small schema language that validates untrusted JSON into typed values with defaults, reports
 * every problem with its path ("fleet.size: expected a positive integer, got -3"), and emits the
 * equivalent JSON Schema for editors — one definition, so the two cannot drift apart.
 */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export interface Schema<T> {
  /** Returns the typed value, or undefined after pushing issues. */
  parse(value: unknown, path: string, issues: Issue[]): T | undefined;
  jsonSchema(): Record<string, unknown>;
}

export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

interface NumberOpts {
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound (e.g. "positive"). */
  readonly above?: number;
  readonly integer?: boolean;
  readonly description?: string;
}

/** What a number must be, phrased from its lower bound ("a positive integer"), or as a range for shares. */
function describeNumber(o: NumberOpts): string {
  const kind = o.integer ? 'integer' : 'number';
  if (o.min !== undefined && o.max !== undefined && !o.integer && o.max - o.min <= 1) return `a number between ${o.min} and ${o.max}`;
  if (o.above === 0 || (o.integer && o.min === 1)) return `a positive ${kind}`;
  if (o.min === 0) return `a non-negative ${kind}`;
  if (o.min !== undefined) return `${o.integer ? 'an integer' : 'a number'} >= ${o.min}`;
  if (o.above !== undefined) return `${o.integer ? 'an integer' : 'a number'} above ${o.above}`;
  return o.integer ? 'an integer' : 'a number';
}

export function num(o: NumberOpts = {}): Schema<number> {
  const what = describeNumber(o);
  return {
    parse(v, path, issues) {
      const ok =
        typeof v === 'number' &&
        Number.isFinite(v) &&
        (!o.integer || Number.isInteger(v)) &&
        (o.min === undefined || v >= o.min) &&
        (o.above === undefined || v > o.above);
      if (!ok) {
        issues.push({ path, message: `expected ${what}, got ${show(v)}` });
        return undefined;
      }
      if (o.max !== undefined && (v as number) > o.max) {
        issues.push({ path, message: what.includes('between') ? `expected ${what}, got ${show(v)}` : `expected at most ${o.max}, got ${show(v)}` });
        return undefined;
      }
      return v as number;
    },
    jsonSchema: () => ({
      type: o.integer ? 'integer' : 'number',
      ...(o.min !== undefined && { minimum: o.min }),
      ...(o.max !== undefined && { maximum: o.max }),
      ...(o.above !== undefined && { exclusiveMinimum: o.above }),
      ...(o.description && { description: o.description }),
    }),
  };
}

export function str(o: { readonly oneOf?: readonly string[]; readonly pattern?: RegExp; readonly patternHint?: string; readonly description?: string; readonly what?: string } = {}): Schema<string> {
  return {
    parse(v, path, issues) {
      if (typeof v !== 'string') {
        issues.push({ path, message: `expected ${o.what ?? 'a string'}, got ${show(v)}` });
        return undefined;
      }
      if (o.oneOf && !o.oneOf.includes(v)) {
        issues.push({ path, message: `unknown ${o.what ?? 'value'} ${show(v)}; expected one of: ${o.oneOf.join(', ')}` });
        return undefined;
      }
      if (o.pattern && !o.pattern.test(v)) {
        issues.push({ path, message: `expected ${o.patternHint ?? `a string matching ${o.pattern}`}, got ${show(v)}` });
        return undefined;
      }
      return v;
    },
    jsonSchema: () => ({
      type: 'string',
      ...(o.oneOf && { enum: [...o.oneOf] }),
      ...(o.pattern && { pattern: o.pattern.source }),
      ...(o.description && { description: o.description }),
    }),
  };
}

export function bool(description?: string): Schema<boolean> {
  return {
    parse(v, path, issues) {
      if (typeof v !== 'boolean') {
        issues.push({ path, message: `expected true or false, got ${show(v)}` });
        return undefined;
      }
      return v;
    },
    jsonSchema: () => ({ type: 'boolean', ...(description && { description }) }),
  };
}

/** A schema whose parsed value is transformed (e.g. "06:30" → 23400 s). */
export function map<A, B>(inner: Schema<A>, f: (a: A, path: string, issues: Issue[]) => B | undefined): Schema<B> {
  return {
    parse(v, path, issues) {
      const a = inner.parse(v, path, issues);
      return a === undefined ? undefined : f(a, path, issues);
    },
    jsonSchema: () => inner.jsonSchema(),
  };
}

export function arr<T>(item: Schema<T>, o: { readonly minItems?: number; readonly description?: string } = {}): Schema<T[]> {
  return {
    parse(v, path, issues) {
      if (!Array.isArray(v)) {
        issues.push({ path, message: `expected an array, got ${show(v)}` });
        return undefined;
      }
      if (o.minItems !== undefined && v.length < o.minItems) {
        issues.push({ path, message: `expected at least ${o.minItems} item${o.minItems === 1 ? '' : 's'}, got ${v.length}` });
        return undefined;
      }
      const out: T[] = [];
      let ok = true;
      v.forEach((x, i) => {
        const r = item.parse(x, `${path}[${i}]`, issues);
        if (r === undefined) ok = false;
        else out.push(r);
      });
      return ok ? out : undefined;
    },
    jsonSchema: () => ({ type: 'array', items: item.jsonSchema(), ...(o.minItems !== undefined && { minItems: o.minItems }), ...(o.description && { description: o.description }) }),
  };
}

/** A field of an object: its schema, and a default when it may be omitted. */
export interface Field<T> {
  readonly schema: Schema<T>;
  readonly default?: T;
  readonly required?: boolean;
  /** When omitted, parse `{}`: the nested object's own field defaults apply. */
  readonly fromEmpty?: boolean;
}

export const req = <T>(schema: Schema<T>): Field<T> => ({ schema, required: true });
export const opt = <T>(schema: Schema<T>, dflt: T): Field<T> => ({ schema, default: dflt });
export const sub = <T>(schema: Schema<T>): Field<T> => ({ schema, fromEmpty: true });
/** An optional field with no default: undefined when omitted. */
export const maybe = <T>(schema: Schema<T>): Field<T | undefined> => ({ schema: schema as Schema<T | undefined> });

type Shape = Record<string, Field<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: S[K] extends Field<infer T> ? T : never };

/** An object with known fields; unknown fields are errors (they are usually typos). */
export function obj<S extends Shape>(shape: S, description?: string, check?: (o: Out<S>, path: string, issues: Issue[]) => void): Schema<Out<S>> {
  return {
    parse(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path, message: `expected an object, got ${show(v)}` });
        return undefined;
      }
      const rec = v as Record<string, unknown>;
      const at = (k: string) => (path ? `${path}.${k}` : k);
      for (const k of Object.keys(rec)) {
        if (!(k in shape) && k !== '$schema') issues.push({ path: at(k), message: `unknown field; expected one of: ${Object.keys(shape).join(', ')}` });
      }
      const before = issues.length;
      const out: Record<string, unknown> = {};
      for (const [k, f] of Object.entries(shape)) {
        if (rec[k] === undefined) {
          if (f.required) issues.push({ path: at(k), message: 'required field is missing' });
          else if (f.fromEmpty) out[k] = f.schema.parse({}, at(k), issues);
          else out[k] = structuredClone(f.default);
          continue;
        }
        out[k] = f.schema.parse(rec[k], at(k), issues);
      }
      if (issues.length > before) return undefined;
      check?.(out as Out<S>, path, issues);
      return issues.length > before ? undefined : (out as Out<S>);
    },
    jsonSchema: () => ({
      type: 'object',
      ...(description && { description }),
      properties: Object.fromEntries(Object.entries(shape).map(([k, f]) => [k, { ...f.schema.jsonSchema(), ...(f.default !== undefined && { default: f.default }) }])),
      required: Object.entries(shape).filter(([, f]) => f.required).map(([k]) => k),
      additionalProperties: false,
    }),
  };
}

/** A discriminated union on a string field such as "kind". */
type Union<V> = { [K in keyof V]: V[K] extends Schema<infer T> ? T : never }[keyof V];

export function tagged<V extends Record<string, Schema<unknown>>>(tag: string, variants: V, description?: string): Schema<Union<V>> {
  const names = Object.keys(variants);
  return {
    parse(v, path, issues) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        issues.push({ path, message: `expected an object, got ${show(v)}` });
        return undefined;
      }
      const kind = (v as Record<string, unknown>)[tag];
      const at = path ? `${path}.${tag}` : tag;
      if (typeof kind !== 'string' || !(kind in variants)) {
        issues.push({ path: at, message: `expected one of: ${names.join(', ')}; got ${show(kind)}` });
        return undefined;
      }
      return variants[kind].parse(v, path, issues) as Union<V> | undefined;
    },
    jsonSchema: () => ({ ...(description && { description }), oneOf: names.map((n) => variants[n].jsonSchema()) }),
  };
}

export function constant<const K extends string>(value: K): Schema<K> {
  return str({ oneOf: [value] }) as Schema<K>;
}
