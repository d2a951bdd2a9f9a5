/**
 * One KPI of a Lab study, drawn in SVG: on the left each variant's runs as a strip plot (one dot per
 * seed) with its mean (tick) and 95 % interval (bar); on the right each variant's paired difference
 * from the baseline with its 95 % interval against zero, solid where the interval excludes zero.
 */
import type { CompareMetric } from '../../core/scenario/compareRuns.ts';
import type { Summary } from '../../core/stats/summary.ts';
import { fmt, type Difference } from './labResults.ts';

export const VARIANT_COLOURS = ['#2f80ed', '#eb5757', '#27ae60', '#f2994a', '#9b51e0', '#00a3a3', '#c2185b', '#6d7a88'];
export const colourOf = (v: number) => VARIANT_COLOURS[v % VARIANT_COLOURS.length];

const ROW = 20;
const LABEL_W = 150;
const PANEL_W = 230;
const GAP = 26;
const TOP = 6;
const AXIS = 18;

interface Props {
  readonly metric: CompareMetric;
  readonly labels: readonly string[];
  /** Per variant, its value on each seed. */
  readonly values: readonly (readonly number[])[];
  readonly summaries: readonly Summary[];
  readonly diffs: readonly (Difference | null)[];
  readonly baseline: number;
  readonly seeds: readonly number[];
}

/** [lo, hi] covering the finite numbers given, padded; a flat range is widened so it can be drawn. */
function extent(xs: readonly number[], digits: number): [number, number] {
  const f = xs.filter(Number.isFinite);
  if (f.length === 0) return [0, 1];
  let lo = Math.min(...f);
  let hi = Math.max(...f);
  if (hi - lo < 1e-9) {
    const w = Math.max(Math.abs(lo) * 0.05, 10 ** -digits);
    lo -= w;
    hi += w;
  }
  const pad = (hi - lo) * 0.06;
  return [lo - pad, hi + pad];
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function KpiCard({ metric, labels, values, summaries, diffs, baseline, seeds }: Props) {
  const n = labels.length;
  const h = TOP + n * ROW + AXIS;
  const w = LABEL_W + PANEL_W + GAP + PANEL_W + 8;
  const d = metric.digits;
  // The axis follows the runs; an interval wider than the runs' spread on either side (few seeds) is cut at the edge, marked by an arrow.
  const [vlo, vhi] = extent(values.flat(), d);
  const reach = vhi - vlo;
  const ends = summaries.flatMap((s) => [s.mean - s.ci95, s.mean + s.ci95]).filter(Number.isFinite);
  const [lo, hi] = [Math.max(vlo - reach, Math.min(vlo, ...ends)), Math.min(vhi + reach, Math.max(vhi, ...ends))];
  const x = (v: number) => LABEL_W + ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * PANEL_W;
  const finiteDiffs = diffs.filter((d): d is Difference => d !== null);
  const [dlo0, dhi0] = extent([0, ...finiteDiffs.flatMap((f) => [f.mean - f.ci95, f.mean + f.ci95])], d);
  const span = Math.max(Math.abs(dlo0), Math.abs(dhi0));
  const [dlo, dhi] = [-span, span];
  const dx0 = LABEL_W + PANEL_W + GAP;
  const dx = (v: number) => dx0 + ((Math.min(dhi, Math.max(dlo, v)) - dlo) / (dhi - dlo)) * PANEL_W;
  const y = (v: number) => TOP + v * ROW + ROW / 2;
  return (
    <figure className="lab-card" data-testid={`kpi-${metric.key}`}>
      <figcaption>
        <b>{metric.label}</b> <span className="sub">({metric.better} is better)</span>
        <span className="sub lab-card-right">Δ from {clip(labels[baseline], 28)}</span>
      </figcaption>
      <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`${metric.label} by variant`}>
        <rect x={LABEL_W} y={TOP - 2} width={PANEL_W} height={n * ROW + 4} className="lab-panel" />
        <rect x={dx0} y={TOP - 2} width={PANEL_W} height={n * ROW + 4} className="lab-panel" />
        <line x1={dx(0)} x2={dx(0)} y1={TOP - 2} y2={TOP + n * ROW + 2} className="lab-zero" />
        {labels.map((label, v) => {
          const s = summaries[v];
          const diff = diffs[v];
          const c = colourOf(v);
          return (
            <g key={v}>
              <text x={LABEL_W - 6} y={y(v) + 4} textAnchor="end" className="lab-label">
                <title>{label}</title>
                {clip(label, 22)}
              </text>
              {Number.isFinite(s.ci95) && <line x1={x(s.mean - s.ci95)} x2={x(s.mean + s.ci95)} y1={y(v)} y2={y(v)} stroke={c} strokeWidth={4} strokeOpacity={0.35} />}
              {!(s.mean - s.ci95 >= lo) && <path d={`M${LABEL_W + 1},${y(v)}l6,-4v8z`} fill={c} fillOpacity={0.6} />}
              {!(s.mean + s.ci95 <= hi) && <path d={`M${LABEL_W + PANEL_W - 1},${y(v)}l-6,-4v8z`} fill={c} fillOpacity={0.6} />}
              {values[v].map((val, i) => (
                <circle key={i} cx={x(val)} cy={y(v) + (((i * 7) % 9) - 4) * 0.9} r={2.6} fill={c} fillOpacity={0.75}>
                  <title>{`seed ${seeds[i]}: ${fmt(val, d)}`}</title>
                </circle>
              ))}
              <line x1={x(s.mean)} x2={x(s.mean)} y1={y(v) - 7} y2={y(v) + 7} stroke="#1d2733" strokeWidth={2}>
                <title>{`mean ${fmt(s.mean, d)} ± ${fmt(s.ci95, d)}`}</title>
              </line>
              {diff ? (
                <g>
                  {Number.isFinite(diff.ci95) && <line x1={dx(diff.mean - diff.ci95)} x2={dx(diff.mean + diff.ci95)} y1={y(v)} y2={y(v)} stroke={c} strokeWidth={2} />}
                  <circle cx={dx(diff.mean)} cy={y(v)} r={4} fill={diff.significant ? c : 'white'} stroke={c} strokeWidth={1.5}>
                    <title>{`Δ ${diff.mean >= 0 ? '+' : ''}${fmt(diff.mean, d)} ± ${fmt(diff.ci95, d)}${diff.significant ? ' (interval excludes 0)' : ''}`}</title>
                  </circle>
                </g>
              ) : (
                <text x={dx(0) + 6} y={y(v) + 4} className="lab-axis">baseline</text>
              )}
            </g>
          );
        })}
        <text x={LABEL_W} y={h - 4} className="lab-axis">{fmt(lo, d)}</text>
        <text x={LABEL_W + PANEL_W} y={h - 4} textAnchor="end" className="lab-axis">{fmt(hi, d)}</text>
        <text x={dx0} y={h - 4} className="lab-axis">{fmt(dlo, d)}</text>
        <text x={dx(0)} y={h - 4} textAnchor="middle" className="lab-axis">0</text>
        <text x={dx0 + PANEL_W} y={h - 4} textAnchor="end" className="lab-axis">+{fmt(dhi, d)}</text>
      </svg>
    </figure>
  );
}
