/**
 * A shard's result file: the sweep's fingerprint (so a merge can tell a foreign shard), the shard's
 * index and count, the sweep's points and seeds, and per run the point's settings, the seed and the
 * KPIs compare reports (COMPARE_METRICS, by key). No times or host names: the same sweep and shard
 * give the same bytes on any machine.
 */
import type { RunReport } from '../sim/report.ts';
import { COMPARE_METRICS } from './compareRuns.ts';
import type { SweepPlan } from './sweepFile.ts';
import type { SweepItem } from './sweepShard.ts';

export const SHARD_FORMAT = 'vanfleet-sweep-shard/1';

/** A KPI value; a non-finite one ("Infinity", "NaN") as a string, since JSON has no such numbers. */
export type KpiValue = number | 'Infinity' | '-Infinity' | 'NaN';

export interface ShardRun {
  readonly item: number;
  readonly point: number;
  readonly label: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly seed: number;
  readonly kpis: Readonly<Record<string, KpiValue>>;
}

export interface ShardFile {
  readonly format: typeof SHARD_FORMAT;
  readonly name: string;
  readonly fingerprint: string;
  readonly shard: { readonly index: number; readonly count: number };
  /** Runs in the whole sweep (points × seeds). */
  readonly items: number;
  readonly seeds: { readonly count: number; readonly first: number };
  /** The varied paths, in grid order: the table's setting columns. */
  readonly paths: readonly string[];
  readonly points: readonly { readonly label: string; readonly settings: Readonly<Record<string, unknown>> }[];
  /** KPI keys, in table order. */
  readonly metrics: readonly string[];
  readonly runs: readonly ShardRun[];
}

export const kpiValue = (x: number): KpiValue => (Number.isFinite(x) ? x : (String(x) as KpiValue));

/**
 * The text a sweep's fingerprint is the hash of: the sweep as validated, the base scenario as
 * parsed (its formatting does not matter), the KPI keys, and digests of the files runs read (maps,
 * order files, strategy files) keyed by the name the sweep gives them.
 */
export function sweepFingerprintText(plan: SweepPlan, fileDigests: Readonly<Record<string, string>>): string {
  const { sweep } = plan;
  return JSON.stringify({
    format: SHARD_FORMAT,
    name: sweep.name ?? null,
    grid: sweep.grid,
    seeds: sweep.seeds,
    scenario: plan.base,
    metrics: COMPARE_METRICS.map((m) => m.key),
    files: Object.fromEntries(Object.keys(fileDigests).sort().map((k) => [k, fileDigests[k]])),
  });
}

/** The KPIs of one run, by key, as the shard file stores them. */
export function runKpis(report: RunReport): Record<string, KpiValue> {
  return Object.fromEntries(COMPARE_METRICS.map((m) => [m.key, kpiValue(m.get(report))]));
}

/** A shard file's text (JSON, one space indent, final newline): the same runs give the same bytes. */
export function shardFileText(plan: SweepPlan, fingerprint: string, shard: { index: number; count: number }, items: readonly SweepItem[], kpis: readonly Record<string, KpiValue>[]): string {
  const file: ShardFile = {
    format: SHARD_FORMAT,
    name: plan.sweep.name ?? '',
    fingerprint,
    shard: { index: shard.index, count: shard.count },
    items: plan.points.length * plan.sweep.seeds.count,
    seeds: plan.sweep.seeds,
    paths: plan.sweep.grid.map((a) => a.path),
    points: plan.points.map((p) => ({ label: p.label, settings: p.settings })),
    metrics: COMPARE_METRICS.map((m) => m.key),
    runs: items.map((it, i) => ({ item: it.item, point: it.point, label: plan.points[it.point].label, settings: plan.points[it.point].settings, seed: it.seed, kpis: kpis[i] })),
  };
  return `${JSON.stringify(file, null, 1)}\n`;
}
