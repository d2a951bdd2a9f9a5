/**
 * Merging a sweep's shard files into one table. The shards must be of one sweep (one fingerprint)
 * and one count, each index exactly once, each holding exactly its items; anything else is named
 * file by file and no table is made. The table is ordered by item (the sweep's own order), so it is
 * the same bytes whatever order the shards ran, finished or were read in.
 */
import { csvField } from '../replay/exportStops.ts';
import { summarize, type Summary } from '../stats/summary.ts';
import { SHARD_FORMAT, type KpiValue, type ShardFile, type ShardRun } from './sweepShardFile.ts';
import { shardFileName, shardItemNumbers } from './sweepShard.ts';

/** Shards that do not make one complete sweep: one line per problem. */
export class SweepMergeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

export interface ShardInput {
  /** The file's name as it is to be reported (e.g. "out/shard-1-of-3.json"). */
  readonly name: string;
  readonly text: string;
}

export interface MergedSweep {
  readonly header: Omit<ShardFile, 'runs' | 'shard'> & { readonly shards: number };
  /** Every run, in item order. */
  readonly runs: readonly ShardRun[];
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isKpi = (x: unknown) => typeof x === 'number' || x === 'Infinity' || x === '-Infinity' || x === 'NaN';

/** What is structurally wrong with a parsed shard file, or null. */
function shapeProblem(f: Record<string, unknown>): string | null {
  const shard = f.shard as Record<string, unknown> | undefined;
  if (typeof f.fingerprint !== 'string') return 'fingerprint: expected a string';
  if (!shard || !isInt(shard.index) || !isInt(shard.count) || shard.index >= shard.count) return 'shard: expected {index, count} with index < count';
  if (!isInt(f.items)) return 'items: expected a non-negative integer';
  if (!Array.isArray(f.paths) || !Array.isArray(f.points) || !Array.isArray(f.metrics) || !Array.isArray(f.runs)) return 'expected paths, points, metrics and runs arrays';
  const metrics = f.metrics as string[];
  for (const [i, r] of (f.runs as Record<string, unknown>[]).entries()) {
    const kpis = r?.kpis as Record<string, unknown> | undefined;
    if (!isInt(r?.item) || !isInt(r?.point) || !isInt(r?.seed) || typeof r?.label !== 'string' || typeof r?.settings !== 'object' || !kpis) return `runs[${i}]: expected item, point, label, settings, seed and kpis`;
    const bad = metrics.find((k) => !isKpi(kpis[k]));
    if (bad !== undefined) return `runs[${i}].kpis.${bad}: expected a number, got ${JSON.stringify(kpis[bad])}`;
  }
  return null;
}

/** The most frequent value (ties: the first seen), for telling the sweep's shards from a stray one. */
function mostCommon<T>(xs: readonly T[]): T {
  const counts = new Map<T, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best = xs[0];
  for (const [x, c] of counts) if (c > counts.get(best)!) best = x;
  return best;
}

const short = (fp: string) => (fp.length > 19 ? `${fp.slice(0, 19)}…` : fp);
const list = (ks: readonly number[]) => (ks.length > 8 ? `${ks.slice(0, 8).join(', ')}, … (${ks.length})` : ks.join(', ') || 'none');

/**
 * Check the shard files of `dir` (their names sorted by the caller) and put their runs in item
 * order. `expected`: the fingerprint of the sweep file, when the caller has it; otherwise the one
 * most shards carry. Throws SweepMergeError naming every missing, duplicated or foreign shard.
 */
export function mergeShards(inputs: readonly ShardInput[], dir: string, expected?: string): MergedSweep {
  const problems: string[] = [];
  if (inputs.length === 0) throw new SweepMergeError([`${dir}: no shard files (shard-*.json)`]);
  const files: { name: string; f: ShardFile }[] = [];
  for (const { name, text } of inputs) {
    let f: Record<string, unknown>;
    try {
      f = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      problems.push(`${name}: not a sweep shard file: invalid JSON (${(e as Error).message})`);
      continue;
    }
    if (typeof f !== 'object' || f === null || f.format !== SHARD_FORMAT) {
      problems.push(`${name}: not a sweep shard file (format ${JSON.stringify((f as { format?: unknown } | null)?.format ?? null)}, expected "${SHARD_FORMAT}")`);
      continue;
    }
    const bad = shapeProblem(f);
    if (bad) problems.push(`${name}: damaged shard file: ${bad}`);
    else files.push({ name, f: f as unknown as ShardFile });
  }
  if (files.length === 0) throw new SweepMergeError(problems);

  const fingerprint = expected ?? mostCommon(files.map((x) => x.f.fingerprint));
  const ours = files.filter((x) => {
    if (x.f.fingerprint === fingerprint) return true;
    const why = expected ? 'the sweep file gives' : 'the other shards have';
    problems.push(`${x.name}: foreign shard (of another sweep, or of this one before it, its scenario or a file it reads changed): fingerprint ${short(x.f.fingerprint)}, ${why} ${short(fingerprint)}`);
    return false;
  });
  if (ours.length === 0) throw new SweepMergeError(problems);
  const count = mostCommon(ours.map((x) => x.f.shard.count));
  const same = ours.filter((x) => {
    if (x.f.shard.count === count) return true;
    problems.push(`${x.name}: shard ${x.f.shard.index} of ${x.f.shard.count}, but the other shards are of ${count} (this sweep was sharded twice, with different counts)`);
    return false;
  });

  const byIndex = new Map<number, string[]>();
  for (const x of same) byIndex.set(x.f.shard.index, [...(byIndex.get(x.f.shard.index) ?? []), x.name]);
  for (let i = 0; i < count; i++) {
    const names = byIndex.get(i);
    if (!names) problems.push(`shard ${i} of ${count} missing: ${dir.replace(/\/+$/, '')}/${shardFileName(i, count)}`);
    else if (names.length > 1) problems.push(`shard ${i} of ${count} duplicated: ${names.join(', ')}`);
  }
  const head = same[0]?.f;
  for (const x of same) {
    const want = shardItemNumbers(head.items, x.f.shard.index, count);
    const got = x.f.runs.map((r) => r.item);
    if (got.length !== want.length || got.some((k, j) => k !== want[j])) problems.push(`${x.name}: holds runs ${list(got)}, but shard ${x.f.shard.index} of ${count} runs ${list(want)} (a damaged or edited file)`);
  }
  if (problems.length > 0) throw new SweepMergeError(problems);

  const runs: ShardRun[] = new Array(head.items);
  for (const x of same) for (const r of x.f.runs) runs[r.item] = r;
  const { name, fingerprint: fp, items, seeds, paths, points, metrics, format } = head;
  return { header: { format, name, fingerprint: fp, items, seeds, paths, points, metrics, shards: count }, runs };
}

const cell = (v: unknown) => csvField(typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v));

/** RFC 4180 CSV (CRLF): point, each varied path, seed, then each KPI by key; one row per run in item order. */
export function sweepTableCsv(m: MergedSweep): string {
  const { paths, metrics } = m.header;
  const rows = [['point', ...paths, 'seed', ...metrics].map(cell).join(',')];
  for (const r of m.runs) rows.push([r.label, ...paths.map((p) => r.settings[p]), r.seed, ...metrics.map((k) => r.kpis[k])].map(cell).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

const num = (v: KpiValue) => (typeof v === 'number' ? v : Number(v));

/** Per point, each KPI's mean with its 95 % interval over the seeds (stats/summary, as compare). */
export function sweepSummary(m: MergedSweep): { label: string; metrics: Record<string, Summary> }[] {
  const n = m.header.seeds.count;
  return m.header.points.map((p, i) => ({
    label: p.label,
    metrics: Object.fromEntries(m.header.metrics.map((k) => [k, summarize(m.runs.slice(i * n, (i + 1) * n).map((r) => num(r.kpis[k])))])),
  }));
}
