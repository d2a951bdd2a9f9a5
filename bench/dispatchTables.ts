/**
 * README tables of the dispatch benchmarks (used by tables.bench.ts): the target day per strategy
 * (bench/results/dispatch-district300.json, dispatch.bench.ts) and the strategies compared on
 * scenarios/city-day.json over 10 seeds (bench/results/compare-city-day-10seeds.json, written by
 * `npm run compare -- … --out`).
 */
import { readJson, thousands, type BenchTable } from './tableKit.ts';

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const pct = (x: number, d = 1) => `${(100 * x).toFixed(d)} %`;

interface DispatchRow {
  strategy: string;
  wallSeconds: number;
  solverSeconds: number;
  replans: number;
  churn: number;
  onTimeRate: number;
  vanKm: number;
  costPerParcel: number;
  vanKmSavingVsFirst: number;
}

/** The target day (orders all day) and the same district with parcels in waves. */
const DISPATCH_DAYS: readonly { file: string; day: string }[] = [
  { file: 'dispatch-district300.json', day: 'orders all day' },
  { file: 'dispatch-district300-waves.json', day: 'three waves' },
];

export function dispatchTable(dir: string): BenchTable {
  const lines = [
    row(['day', 'strategy', 'wall s', 'in strategy s', 're-plans', 'churn', 'van-km', 'saving vs first', 'on time', 'cost/parcel']),
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { file, day } of DISPATCH_DAYS) {
    const r = readJson<{ rows: DispatchRow[] }>(dir, file);
    for (const x of r.rows) lines.push(row([day, x.strategy, x.wallSeconds.toFixed(1), x.solverSeconds.toFixed(1), x.replans, thousands(x.churn), thousands(x.vanKm), pct(x.vanKmSavingVsFirst), pct(x.onTimeRate), x.costPerParcel.toFixed(3)]));
  }
  return { name: 'dispatch', sources: DISPATCH_DAYS.map((d) => d.file), markdown: lines.join('\n') };
}

interface Summary { mean: number; ci95: number }
interface Diff { mean: number; ci95: number; significant: boolean }
interface CompareOut {
  seeds: number[];
  variants: { label: string; metrics: Record<string, Summary>; vsFirst: Record<string, Diff> | null }[];
}

const KPIS: readonly { key: string; label: string; digits: number }[] = [
  { key: 'onTime', label: 'on time %', digits: 2 },
  { key: 'failed', label: 'failed', digits: 1 },
  { key: 'vanKm', label: 'van-km', digits: 0 },
  { key: 'costPerParcel', label: 'cost/parcel', digits: 3 },
];

export function cityDayTable(dir: string): BenchTable {
  const file = 'compare-city-day-10seeds.json';
  const r = readJson<CompareOut>(dir, file);
  const first = r.variants[0].label.replace(/^dispatch\.strategy=/, '');
  const name = (label: string) => label.replace(/^dispatch\.strategy=/, '');
  const fmt = (x: number, d: number) => x.toFixed(d);
  const lines = [
    row(['strategy', ...KPIS.map((k) => `${k.label} (mean ± 95 % CI)`), ...KPIS.map((k) => `Δ ${k.label} vs ${first}`)]),
    `|---|${'---:|'.repeat(2 * KPIS.length)}`,
    ...r.variants.map((v) =>
      row([
        name(v.label),
        ...KPIS.map((k) => `${fmt(v.metrics[k.key].mean, k.digits)} ± ${fmt(v.metrics[k.key].ci95, k.digits)}`),
        ...KPIS.map((k) => {
          const d = v.vsFirst?.[k.key];
          if (!d) return '—';
          return `${d.mean >= 0 ? '+' : ''}${fmt(d.mean, k.digits)} ± ${fmt(d.ci95, k.digits)}${d.significant ? ' *' : ''}`;
        }),
      ]),
    ),
  ];
  return { name: 'city-day', sources: [file], markdown: lines.join('\n') };
}
