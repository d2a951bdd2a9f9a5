/**
 * Sweep files: a base scenario, a grid of scenario settings (the same dotted paths as
 * `compare --vary`) and seeds. Every combination of the grid's values is a point; every (point,
 * seed) pair is one run, an item, numbered point by point. Problems name the file, line and field.
 *
 *   { "name": "…", "scenario": "small.json",
 *     "grid": { "dispatch.strategy": ["insertion", "nearest"], "fleet.size": [4, 6, 8] },
 *     "seeds": { "count": 2, "first": 1 } }
 */
import { JsonSyntaxError, parseJsonWithLines } from './jsonWithLines.ts';
import { lineOf, parseScenario, ScenarioError } from './loadScenario.ts';
import type { Scenario } from './scenarioSchema.ts';
import { maybe, num, obj, opt, req, show, str, type Issue, type Schema } from './schema.ts';
import { applyVariant, combineAxes, isFieldPath, type Variant, type VariantAxis } from './variants.ts';

/** One thing wrong with a sweep: where (file, line, field) and what. */
export interface SweepProblem {
  readonly source: string;
  readonly line?: number;
  readonly path?: string;
  readonly message: string;
}

/** A sweep that cannot be run, with every problem found. */
export class SweepError extends Error {
  constructor(readonly problems: readonly SweepProblem[]) {
    super(problems.map(formatSweepProblem).join('\n'));
  }
}

/** `file:line: path: message`, as scenario problems are printed. */
export function formatSweepProblem(p: SweepProblem): string {
  const where = p.line !== undefined ? `${p.source}:${p.line}` : p.source;
  return p.path ? `${where}: ${p.path}: ${p.message}` : `${where}: ${p.message}`;
}

export interface SweepFile {
  readonly name?: string;
  readonly description?: string;
  /** The base scenario, relative to the sweep file. */
  readonly scenario: string;
  /** The varied settings in file order: the first varies slowest. */
  readonly grid: readonly VariantAxis[];
  readonly seeds: { readonly count: number; readonly first: number };
}

/** At most this many runs in one sweep: a typo (seeds 1e6) is caught before shards are handed out. */
export const MAX_SWEEP_RUNS = 1_000_000;

const anything: Schema<unknown> = { parse: (v) => v, jsonSchema: () => ({}) };

const sweepSchema = obj({
  name: maybe(str({ description: 'shown in shard files and the merge summary' })),
  description: maybe(str()),
  scenario: req(str({ pattern: /\.json$/, patternHint: 'a scenario file ending .json (relative to this sweep file)' })),
  grid: maybe(anything),
  seeds: req(
    obj({
      count: req(num({ integer: true, min: 1, max: 100_000, description: 'runs per point' })),
      first: opt(num({ integer: true, min: 0, description: 'first seed; seeds are consecutive' }), 1),
    }),
  ),
});

/** A grid key as printed: `grid["fleet.size"]`, `grid["fleet.size"][2]`. */
const gridPath = (key: string, index?: number) => `grid[${JSON.stringify(key)}]${index === undefined ? '' : `[${index}]`}`;

/** The grid's axes, or problems (each with the line of its key or value). */
function parseGrid(v: unknown, lines: ReadonlyMap<string, number>, source: string, out: SweepProblem[]): VariantAxis[] {
  if (v === undefined) return [];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    out.push({ source, line: lines.get('grid'), path: 'grid', message: `expected an object of "path": [values], got ${show(v)}` });
    return [];
  }
  const axes: VariantAxis[] = [];
  for (const [key, values] of Object.entries(v as Record<string, unknown>)) {
    const at = (index?: number, message = '') => out.push({ source, line: lines.get(`grid.${key}${index === undefined ? '' : `[${index}]`}`), path: gridPath(key, index), message });
    if (!isFieldPath(key)) {
      at(undefined, `"${key}" is not a field path like fleet.size or demand.waves[0].share`);
      continue;
    }
    if (!Array.isArray(values) || values.length === 0) {
      at(undefined, `expected a non-empty array of the values it takes, got ${show(values)}`);
      continue;
    }
    const seen = new Map<string, number>();
    values.forEach((x, i) => {
      const k = JSON.stringify(x);
      if (seen.has(k)) at(i, `${show(x)} is listed twice (also at [${seen.get(k)}])`);
      else seen.set(k, i);
    });
    const outer = axes.find((a) => key.startsWith(`${a.path}.`) || key.startsWith(`${a.path}[`) || a.path.startsWith(`${key}.`) || a.path.startsWith(`${key}[`));
    if (outer) at(undefined, `overlaps ${gridPath(outer.path)}: one path lies inside the other, so one would overwrite the other`);
    axes.push({ path: key, values });
  }
  return axes;
}

/** Problems by file, then line (stable: problems on one line keep the order they were found in). */
function inFileOrder(ps: readonly SweepProblem[]): SweepProblem[] {
  const files = [...new Set(ps.map((p) => p.source))];
  return [...ps].sort((a, b) => files.indexOf(a.source) - files.indexOf(b.source) || (a.line ?? 0) - (b.line ?? 0));
}

/** Parse and validate a sweep file's text. Throws SweepError naming every problem. */
export function parseSweep(text: string, source: string): { sweep: SweepFile; lines: ReadonlyMap<string, number> } {
  let parsed;
  try {
    parsed = parseJsonWithLines(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new SweepError([{ source, line: e.line, message: `column ${e.column}: invalid JSON: ${e.detail}` }]);
    throw e;
  }
  const issues: Issue[] = [];
  const top = sweepSchema.parse(parsed.value, '', issues);
  const problems: SweepProblem[] = issues.map((i) => ({ source, line: lineOf(parsed.lines, i.path), path: i.path, message: i.message }));
  const grid = parseGrid((parsed.value as { grid?: unknown } | null)?.grid, parsed.lines, source, problems);
  if (!top || problems.length > 0) throw new SweepError(inFileOrder(problems));
  const sweep: SweepFile = { name: top.name, description: top.description, scenario: top.scenario, grid, seeds: top.seeds };
  // Counted, not listed: a grid of 10 axes × 20 values would not fit in memory as points.
  const runs = grid.reduce((n, a) => n * a.values.length, 1) * sweep.seeds.count;
  if (runs > MAX_SWEEP_RUNS) throw new SweepError([{ source, line: parsed.lines.get('seeds.count'), path: 'seeds.count', message: `${runs} runs (points × seeds); at most ${MAX_SWEEP_RUNS} in one sweep` }]);
  return { sweep, lines: parsed.lines };
}

/** Every point of the grid (labelled as compare labels variants), the first axis slowest. */
export function sweepPoints(sweep: SweepFile): Variant[] {
  return combineAxes(sweep.grid);
}

/** A sweep checked against its base scenario: every point's scenario, validated. */
export interface SweepPlan {
  readonly sweep: SweepFile;
  readonly points: readonly Variant[];
  /** The base scenario as parsed (before any point's settings). */
  readonly base: unknown;
  /** Each point's scenario as JSON text (what worker threads parse) and validated. */
  readonly texts: readonly string[];
  readonly scenarios: readonly Scenario[];
}

/** Which points share a problem, in words: "(point 2: fleet.size=0)", "(points 1, 4 and 7)", "(every point)". */
function whichPoints(list: readonly number[], points: readonly Variant[]): string {
  if (points.length === 1) return '';
  if (list.length === points.length) return ' (every point)';
  if (list.length === 1) return ` (point ${list[0] + 1}: ${points[list[0]].label})`;
  const n = list.map((i) => i + 1);
  return ` (points ${n.slice(0, -1).join(', ')} and ${n[n.length - 1]})`;
}

/**
 * Validate every point's scenario (the base with the point's settings written in) before any run.
 * A problem in a varied value is reported at its line in the sweep file, one in the base scenario
 * at its line there; each names the points it breaks.
 */
export function planSweep(parsed: { sweep: SweepFile; lines: ReadonlyMap<string, number> }, sweepSource: string, baseText: string, baseSource: string): SweepPlan {
  const { sweep, lines } = parsed;
  let baseParsed;
  try {
    baseParsed = parseJsonWithLines(baseText);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new SweepError([{ source: baseSource, line: e.line, message: `column ${e.column}: invalid JSON: ${e.detail}` }]);
    throw e;
  }
  const points = sweepPoints(sweep);
  const found = new Map<string, { problem: SweepProblem; points: number[] }>();
  const texts: string[] = [];
  const scenarios: Scenario[] = [];
  points.forEach((point, k) => {
    const text = JSON.stringify(applyVariant(baseParsed.value, point));
    texts.push(text);
    try {
      scenarios.push(parseScenario(text, point.label));
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const p of e.problems) {
        const problem = attribute(p.path, p.message, point, sweep, lines, sweepSource, baseParsed.lines, baseSource);
        const key = JSON.stringify(problem);
        const entry = found.get(key) ?? { problem, points: [] };
        entry.points.push(k);
        found.set(key, entry);
      }
    }
  });
  if (found.size > 0) throw new SweepError(inFileOrder([...found.values()].map(({ problem, points: list }) => ({ ...problem, message: `${problem.message}${whichPoints(list, points)}` }))));
  return { sweep, points, base: baseParsed.value, texts, scenarios };
}

/** A point's scenario problem, placed on the grid value that sets its path, or else in the base scenario. */
function attribute(path: string, message: string, point: Variant, sweep: SweepFile, lines: ReadonlyMap<string, number>, sweepSource: string, baseLines: ReadonlyMap<string, number>, baseSource: string): SweepProblem {
  const axis = sweep.grid.find((a) => path === a.path || path.startsWith(`${a.path}.`) || path.startsWith(`${a.path}[`));
  if (axis) {
    const vi = axis.values.findIndex((v) => JSON.stringify(v) === JSON.stringify(point.settings[axis.path]));
    return { source: sweepSource, line: lines.get(`grid.${axis.path}[${vi}]`), path: gridPath(axis.path, vi), message: path === axis.path ? message : `${path}: ${message}` };
  }
  return { source: baseSource, line: lineOf(baseLines, path), path, message };
}
