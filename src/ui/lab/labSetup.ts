/**
 * A Lab comparison's set-up as it lives in the address bar, so a link opens the same study:
 *
 *   ?page=lab&scenario=small&vary=dispatch.strategy=insertion,nearest&vary=fleet.size=6,8&seeds=3&first=1&baseline=…
 *
 * `vary` repeats, one `path=v1,v2,…` row each (as `npm run compare -- --vary`); `seeds` runs per
 * variant (2–200), `first` the first seed (consecutive seeds, as `--first-seed`), `baseline` the
 * label of the variant differences are taken from (default: the first). A parameter that cannot
 * be read is named in `problems` and replaced by its default: the page opens anyway.
 */

export interface LabSetup {
  readonly scenario: string;
  /** Rows of `path=v1,v2,…`, as typed (validated separately, inline). */
  readonly vary: readonly string[];
  readonly seeds: number;
  readonly firstSeed: number;
  /** A variant's label, or undefined for the first variant. */
  readonly baseline?: string;
}

export const MIN_SEEDS = 2;
export const MAX_SEEDS = 200;
export const DEFAULT_VARY = ['dispatch.strategy=insertion,nearest'];

export function defaultSetup(scenario: string): LabSetup {
  return { scenario, vary: DEFAULT_VARY, seeds: 5, firstSeed: 1 };
}

function intParam(q: URLSearchParams, name: string, lo: number, hi: number, fallback: number, problems: string[]): number {
  const text = q.get(name);
  if (text === null) return fallback;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < lo || n > hi) {
    problems.push(`${name}: expected an integer from ${lo} to ${hi}, got "${text}" (using ${fallback})`);
    return fallback;
  }
  return n;
}

/** The set-up a query string names; `scenarios` are the shipped keys (the first is the default). */
export function parseLabSetup(search: string, scenarios: readonly string[]): { setup: LabSetup; problems: string[] } {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  const fallback = scenarios.includes('small') ? 'small' : (scenarios[0] ?? 'default');
  let scenario = q.get('scenario') ?? fallback;
  if (!scenarios.includes(scenario)) {
    problems.push(`scenario: no shipped scenario "${scenario}"; expected one of ${scenarios.join(', ')} (using ${fallback})`);
    scenario = fallback;
  }
  const rows = q.getAll('vary').map((r) => r.trim()).filter((r) => r !== '');
  const seeds = intParam(q, 'seeds', MIN_SEEDS, MAX_SEEDS, 5, problems);
  const firstSeed = intParam(q, 'first', 0, 2 ** 31 - 1, 1, problems);
  const baseline = q.get('baseline') ?? undefined;
  return { setup: { scenario, vary: q.has('vary') ? rows : DEFAULT_VARY, seeds, firstSeed, baseline: baseline || undefined }, problems };
}

/** The query string of a set-up (stable order; commas and `=` inside values left readable). */
export function formatLabSetup(s: LabSetup): string {
  const q = new URLSearchParams();
  q.set('page', 'lab');
  q.set('scenario', s.scenario);
  for (const r of s.vary) q.append('vary', r);
  if (s.vary.length === 0) q.set('vary', '');
  q.set('seeds', String(s.seeds));
  if (s.firstSeed !== 1) q.set('first', String(s.firstSeed));
  if (s.baseline !== undefined) q.set('baseline', s.baseline);
  return q.toString().replace(/%2C/g, ',').replace(/%3D/g, '=');
}
