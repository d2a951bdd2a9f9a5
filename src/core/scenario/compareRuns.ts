import type { RunReport } from '../sim/report.ts';
import { pairedDifference, summarize } from '../stats/summary.ts';
import type { Variant } from './variants.ts';

/** A KPI compared across variants: how to read it from a run report, how to print it, which way is better. */
export interface CompareMetric {
  readonly key: string;
  readonly label: string;
  get(r: RunReport): number;
  readonly digits: number;
  readonly better: 'higher' | 'lower';
}

/** The KPIs `compare`, the Lab page and sweeps report, in table order. */
export const COMPARE_METRICS: readonly CompareMetric[] = [
  { key: 'deliveredShare', label: 'delivered %', get: (r) => (100 * r.kpis.delivered) / Math.max(1, r.kpis.parcels), digits: 2, better: 'higher' },
  { key: 'onTime', label: 'on time %', get: (r) => 100 * r.kpis.onTimeRate, digits: 2, better: 'higher' },
  { key: 'failed', label: 'failed', get: (r) => r.kpis.failed, digits: 1, better: 'lower' },
  { key: 'vanKm', label: 'van-km', get: (r) => r.kpis.vanKm, digits: 0, better: 'lower' },
  { key: 'energyKWh', label: 'kWh', get: (r) => r.kpis.energyKWh, digits: 1, better: 'lower' },
  { key: 'utilisation', label: 'util %', get: (r) => 100 * r.kpis.utilisation, digits: 1, better: 'higher' },
  { key: 'electricityCost', label: 'electricity', get: (r) => r.kpis.electricityCost, digits: 1, better: 'lower' },
  { key: 'peakKW', label: 'peak kW', get: (r) => r.kpis.peakSiteKW, digits: 1, better: 'lower' },
  { key: 'chargerWaitMin', label: 'wait min', get: (r) => r.kpis.chargerWaitMeanS / 60, digits: 2, better: 'lower' },
  { key: 'cost', label: 'cost', get: (r) => r.costs.total, digits: 0, better: 'lower' },
  { key: 'costPerParcel', label: 'cost/parcel', get: (r) => r.costs.perDelivered, digits: 3, better: 'lower' },
];

/**
 * Per variant, each metric's mean with its 95 % interval over the seeds, and (after the first)
 * the paired difference from the first variant on the same seeds (common random numbers).
 */
export function summarizeRuns(variants: readonly Variant[], runs: readonly (readonly RunReport[])[], seeds: number, firstSeed: number) {
  return {
    seeds: Array.from({ length: seeds }, (_, i) => firstSeed + i),
    variants: variants.map((v, i) => ({
      label: v.label,
      settings: v.settings,
      metrics: Object.fromEntries(COMPARE_METRICS.map((m) => [m.key, summarize(runs[i].map(m.get))])),
      vsFirst: i === 0 ? null : Object.fromEntries(COMPARE_METRICS.map((m) => [m.key, pairedDifference(runs[0].map(m.get), runs[i].map(m.get))])),
    })),
  };
}

