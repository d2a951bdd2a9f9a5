/**
 * Shared fuzzing harness (issue 13): mutators over valid seed files plus fully random input, and a
 * property that every parser either returns a value or throws its own clean error class — a
 * non-empty message whose lines carry no stack-trace-looking "at …" — within a time bound. Runs
 * are seeded (FUZZ_SEED, default 13) and counted per parser (FUZZ_RUNS, default 200), so a failure
 * is replayed with the seed and path fast-check prints.
 */
import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 13);
/** Per-input bound: a robustness limit, not a benchmark. */
export const MAX_MS = Number(process.env.FUZZ_MAX_MS ?? 2000);

const root = fileURLToPath(new URL('../../', import.meta.url));
export const readText = (path: string): string => readFileSync(root + path, 'utf8');
export const readBytes = (path: string): Uint8Array => new Uint8Array(readFileSync(root + path));

/** Figures across the whole fuzz run in this process (printed by each file's afterAll). */
export const stats = { inputs: 0, maxMs: 0, maxMsParser: '', peakRssMb: 0 };

const weird = ['NaN', '-NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '-0', '0', '-1', '-999999999999', '9007199254740993', '1e-400', '4294967296', '-2147483649', '1000000000', '1e15', '1e300', '0x10', '1_000', '', ' ', 'null', 'true', '"x"', '[]', '{}'];
const weirdStrings = ['', 'é', '\u0000', '\uFFFD', '\uD800', '😀'.repeat(50), 'x'.repeat(100_000), '\u202Eevil', '\r\n', '"', '\\', ',', '<', '&amp;', '&#xD800;', '&#99999999;'];

/** One text mutation of a seed; indices and choices come from fast-check so runs shrink and replay. */
const textMutation = (seed: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat(seed.length).map((n) => seed.slice(0, n)), // truncate
    fc.tuple(fc.nat(seed.length), fc.nat(seed.length)).map(([a, b]) => seed.slice(0, Math.min(a, b)) + seed.slice(Math.max(a, b))), // cut a chunk
    fc.tuple(fc.nat(seed.length), fc.nat(seed.length), fc.integer({ min: 1, max: 20 })).map(([a, b, k]) => {
      const [s, e] = [Math.min(a, b), Math.max(a, b)];
      return seed.slice(0, e) + seed.slice(s, e).repeat(k) + seed.slice(e); // duplicate a chunk
    }),
    fc.tuple(fc.nat(seed.length), fc.string({ unit: 'binary', maxLength: 40 })).map(([a, s]) => seed.slice(0, a) + s + seed.slice(a)), // splice random text
    fc.tuple(fc.nat(seed.length), fc.constantFrom(...weirdStrings)).map(([a, s]) => seed.slice(0, a) + s + seed.slice(a)),
    fc.tuple(fc.infiniteStream(fc.constantFrom(...weird)), fc.double({ min: 0, max: 1 })).map(([vals, p]) => {
      // Replace numbers with huge, negative, NaN, 1e309, -0 and wrong types.
      const it = vals[Symbol.iterator]();
      let k = 0;
      return seed.replace(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g, (m) => (((k++ * 2654435761) % 1000) / 1000 < p ? it.next().value : m));
    }),
    fc.tuple(fc.nat(seed.length), fc.integer({ min: 0, max: 0xff })).map(([a, c]) => seed.slice(0, a) + String.fromCharCode(c) + seed.slice(a + 1)), // flip a character
  );

/** A seed's text after 1..4 stacked mutations. */
export const mutatedText = (seeds: readonly string[]): fc.Arbitrary<string> =>
  fc.constantFrom(...seeds).chain((s) =>
    fc.integer({ min: 1, max: 4 }).chain((n) => {
      let a: fc.Arbitrary<string> = fc.constant(s);
      for (let i = 0; i < n; i++) a = a.chain((t) => textMutation(t));
      return a;
    }),
  );

/** Deep nesting: `[[[[…]]]]` or `{"a":{"a":…}}` to 10^5 levels, closed or not. */
export const deepJson = (): fc.Arbitrary<string> =>
  fc.tuple(fc.integer({ min: 1000, max: 100_000 }), fc.boolean(), fc.boolean()).map(([n, arr, closed]) =>
    arr ? '['.repeat(n) + (closed ? ']'.repeat(n) : '') : '{"a":'.repeat(n) + '1' + (closed ? '}'.repeat(n) : ''),
  );

/** Wrong types at the top or inside a seed's JSON: every value replaced by one of another kind. */
export const wrongTypesJson = (seeds: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...seeds), fc.jsonValue({ maxDepth: 3 }), fc.double({ min: 0, max: 1 })).map(([s, repl, p]) => {
    let k = 0;
    const walk = (v: unknown): unknown => {
      if (((k++ * 2654435761) % 1000) / 1000 < p / 4) return repl;
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([key, x]) => [key, walk(x)]));
      return v;
    };
    return JSON.stringify(walk(JSON.parse(s)));
  });

/** Fully random text: printable, binary, and full unicode. */
export const randomText = (): fc.Arbitrary<string> =>
  fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 500 }), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.json({ maxDepth: 6 }));

/** Byte mutations (for binary formats): truncate, flip, splice, duplicate, cut. */
export const mutatedBytes = (seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> =>
  fc.constantFrom(...seeds).chain((s) =>
    fc.oneof(
      fc.nat(s.length).map((n) => s.slice(0, n)),
      fc.array(fc.tuple(fc.nat(s.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }).map((flips) => {
        const out = s.slice();
        for (const [i, v] of flips) out[i] = v;
        return out;
      }),
      fc.tuple(fc.nat(s.length), fc.uint8Array({ maxLength: 64 })).map(([a, ins]) => concat(s.subarray(0, a), ins, s.subarray(a))),
      fc.tuple(fc.nat(s.length), fc.nat(s.length)).map(([a, b]) => concat(s.subarray(0, Math.max(a, b)), s.subarray(Math.min(a, b), Math.max(a, b)), s.subarray(Math.max(a, b)))),
      fc.tuple(fc.nat(s.length), fc.nat(s.length)).map(([a, b]) => concat(s.subarray(0, Math.min(a, b)), s.subarray(Math.max(a, b)))),
    ),
  );

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Why an outcome is not clean, or null: the error must be the parser's class with a one-line-per-problem, trace-free message. */
export function uncleanError(e: unknown, errorClass: abstract new (...args: never[]) => Error): string | null {
  if (!(e instanceof errorClass)) return `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 300)}` : String(e)} instead of ${errorClass.name}`;
  if (e.message.trim() === '') return `${errorClass.name} with an empty message`;
  if (/^\s*at .+\(.*:\d+:\d+\)/m.test(e.message) || /\n\s+at /.test(e.message)) return `${errorClass.name} message looks like a stack trace: ${e.message.slice(0, 300)}`;
  return null;
}

export interface FuzzTarget<T> {
  readonly name: string;
  readonly parse: (input: T) => unknown;
  readonly errorClass: abstract new (...args: never[]) => Error;
}

/** Check one input: clean result or clean error, under MAX_MS. Throws (a property failure) otherwise. */
export function checkInput<T>(t: FuzzTarget<T>, input: T): void {
  const start = performance.now();
  let problem: string | null = null;
  try {
    t.parse(input);
  } catch (e) {
    problem = uncleanError(e, t.errorClass);
  }
  const ms = performance.now() - start;
  stats.inputs++;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.maxMsParser = t.name;
  }
  if (stats.inputs % 16 === 0) stats.peakRssMb = Math.max(stats.peakRssMb, process.memoryUsage().rss / 2 ** 20);
  if (problem) throw new Error(`${t.name}: ${problem}`);
  if (ms > MAX_MS) throw new Error(`${t.name}: took ${ms.toFixed(0)} ms (bound ${MAX_MS} ms)`);
}

/** Run the property over `arb` with the shared seed and count. */
export function fuzz<T>(t: FuzzTarget<T>, arb: fc.Arbitrary<T>, runs = FUZZ_RUNS): void {
  const r = fc.check(fc.property(arb, (input) => checkInput(t, input)), { numRuns: runs, seed: FUZZ_SEED, path: process.env.FUZZ_PATH });
  if (!r.failed) return;
  // Counterexamples can be megabytes (deep nesting, PBF bytes): show their start and how to replay.
  const shown = fc.stringify(r.counterexample).slice(0, 600);
  if (process.env.FUZZ_DUMP) writeFileSync(process.env.FUZZ_DUMP, r.counterexample![0] as string | Uint8Array);
  const cause = r.errorInstance instanceof Error ? r.errorInstance.message : String(r.errorInstance);
  throw new Error(`${cause}\nreplay: FUZZ_SEED=${r.seed} FUZZ_PATH=${r.counterexamplePath} after ${r.numRuns} runs\ncounterexample (first 600 characters): ${shown}`);
}

export function report(file: string): void {
  stats.peakRssMb = Math.max(stats.peakRssMb, process.memoryUsage().rss / 2 ** 20);
  if (process.env.FUZZ_REPORT) console.log(`fuzz ${file}: ${stats.inputs} inputs, max ${stats.maxMs.toFixed(0)} ms (${stats.maxMsParser}), peak RSS ${stats.peakRssMb.toFixed(0)} MB`);
}
