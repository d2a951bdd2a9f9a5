/**
 * A finished Lab study's numbers, from the same core functions `npm run compare` prints and writes:
 * summarizeRuns over the runs in (variant, seed) order gives each metric's mean, sd and 95 %
 * interval and the paired differences from the first variant; the differences from another chosen
 * baseline are summarizeRuns over the variants with that baseline put first (the same pairing on
 * the same seeds). KPIs over the day are averaged per variant across its seeds.
 */
import { COMPARE_METRICS, summarizeRuns } from '../../core/scenario/compareRuns.ts';
import { averageProfiles, type DayProfile } from '../../core/replay/dayProfile.ts';
import type { RunReport } from '../../core/sim/report.ts';
import type { Summary } from '../../core/stats/summary.ts';
import type { OkRun } from './labPool.ts';
import type { Study } from './labStudy.ts';

export type Difference = Summary & { readonly significant: boolean };

export interface LabResults {
  readonly study: Study;
  /** summarizeRuns in the study's order: what `compare --out` holds. */
  readonly summary: ReturnType<typeof summarizeRuns>;
  /** Per variant, per metric key, the paired difference from the baseline (null for the baseline itself). */
  readonly vsBaseline: (Record<string, Difference> | null)[];
  /** Per variant, per seed, each metric's value (COMPARE_METRICS order). */
  readonly values: number[][][];
  readonly reports: RunReport[][];
  /** Per variant, its KPIs over the day averaged across seeds. */
  readonly profiles: (DayProfile | null)[];
}

export function labResults(study: Study, runs: readonly OkRun[]): LabResults {
  const n = study.seeds.length;
  const reports = study.variants.map((_, v) => runs.slice(v * n, (v + 1) * n).map((r) => r.report));
  const summary = summarizeRuns(study.variants, reports, n, study.seeds[0]);
  const b = study.baseline;
  let vsBaseline: (Record<string, Difference> | null)[];
  if (b === 0) vsBaseline = summary.variants.map((v) => v.vsFirst);
  else {
    const order = [b, ...study.variants.map((_, i) => i).filter((i) => i !== b)];
    const moved = summarizeRuns(order.map((i) => study.variants[i]), order.map((i) => reports[i]), n, study.seeds[0]);
    vsBaseline = study.variants.map((_, i) => moved.variants[order.indexOf(i)].vsFirst);
  }
  const values = reports.map((list) => list.map((r) => COMPARE_METRICS.map((m) => m.get(r))));
  const profiles = study.variants.map((_, v) => averageProfiles(runs.slice(v * n, (v + 1) * n).map((r) => r.profile)));
  return { study, summary, vsBaseline, values, reports, profiles };
}

/** A number as the CLI table prints it (∞ for an interval of one run). */
export function fmt(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '∞';
}
