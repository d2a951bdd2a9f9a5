/**
 * The Lab's downloads:
 *  - JSON: exactly what `npm run compare -- … --out` writes for the same scenario, --vary rows and
 *    seeds (`seeds`, `variants[].{label, settings, metrics[k].{n, mean, sd, ci95}, vsFirst}`,
 *    `runs[v][s].{seed, kpis, costs}`), the same bytes; with a baseline other than the first
 *    variant it adds `baseline` (its label) and `variants[].vsBaseline`.
 *  - CSV (RFC 4180): one row per run (variant × seed), columns `variant`, one per varied path,
 *    `seed`, then one per KPI by its key (COMPARE_METRICS: deliveredShare, onTime, …).
 *  - Per variant, its KPIs over the day averaged across seeds, as CSV (one row per variant × hour).
 */
import { COMPARE_METRICS } from '../../core/scenario/compareRuns.ts';
import { csvField } from '../../core/replay/exportStops.ts';
import { onTimeShare } from '../../core/replay/dayProfile.ts';
import { formatClock } from '../../core/util/clock.ts';
import type { LabResults } from './labResults.ts';

export function compareJson(r: LabResults): string {
  const runs = r.reports.map((l) => l.map((x) => ({ seed: x.seed, kpis: x.kpis, costs: x.costs })));
  const b = r.study.baseline;
  const body =
    b === 0
      ? { ...r.summary, runs }
      : { ...r.summary, baseline: r.study.variants[b].label, variants: r.summary.variants.map((v, i) => ({ ...v, vsBaseline: r.vsBaseline[i] })), runs };
  return `${JSON.stringify(body, null, 1)}\n`;
}

const cell = (v: unknown) => csvField(typeof v === 'string' || typeof v === 'number' ? v : JSON.stringify(v));

export function runsCsv(r: LabResults): string {
  const paths = Object.keys(r.study.variants[0]?.settings ?? {});
  const head = ['variant', ...paths, 'seed', ...COMPARE_METRICS.map((m) => m.key)];
  const rows = [head.map(cell).join(',')];
  r.study.variants.forEach((v, i) =>
    r.study.seeds.forEach((seed, s) => rows.push([v.label, ...paths.map((p) => v.settings[p]), seed, ...r.values[i][s]].map(cell).join(','))),
  );
  return `${rows.join('\r\n')}\r\n`;
}

export function hourlyCsv(r: LabResults): string {
  const rows = [['variant', 'hour', 'delivered', 'on_time', 'on_time_share', 'failed_attempts', 'vans_busy', 'vans_charging'].join(',')];
  r.study.variants.forEach((v, i) => {
    const p = r.profiles[i];
    if (!p) return;
    const share = onTimeShare(p);
    const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : '');
    p.delivered.forEach((_, h) =>
      rows.push([v.label, formatClock(p.startS + h * p.bucketS, false), r4(p.delivered[h]), r4(p.onTime[h]), r4(share[h]), r4(p.failedAttempts[h]), r4(p.busyVans[h]), r4(p.chargingVans[h])].map(cell).join(',')),
    );
  });
  return `${rows.join('\r\n')}\r\n`;
}

/** Hand text to the browser as a downloaded file. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a scenario key and a variant label (letters, digits, dots and dashes). */
export function fileStem(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '')).filter(Boolean).join('-');
}
