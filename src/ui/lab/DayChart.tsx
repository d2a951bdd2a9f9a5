/**
 * KPIs over the day for every variant of a Lab study (averaged across its seeds), one line per
 * variant by clock hour, in SVG: parcels delivered per hour, the on-time share of those, no-show
 * attempts, vans working and vans charging (mean over the hour).
 */
import { useState } from 'react';
import { onTimeShare, type DayProfile } from '../../core/replay/dayProfile.ts';
import { formatClock } from '../../core/util/clock.ts';
import { colourOf } from './KpiCard.tsx';

const SERIES = [
  { key: 'delivered', label: 'parcels delivered per hour', get: (p: DayProfile) => p.delivered, digits: 1 },
  { key: 'onTime', label: 'on-time share of those, %', get: (p: DayProfile) => onTimeShare(p).map((x) => 100 * x), digits: 1 },
  { key: 'failed', label: 'no-show attempts per hour', get: (p: DayProfile) => p.failedAttempts, digits: 1 },
  { key: 'busy', label: 'vans working (mean over the hour)', get: (p: DayProfile) => p.busyVans, digits: 2 },
  { key: 'charging', label: 'vans charging or queuing (mean)', get: (p: DayProfile) => p.chargingVans, digits: 2 },
] as const;

const W = 720;
const H = 220;
const L = 44;
const B = 22;
const T = 10;
const R = 12;

export function DayChart({ labels, profiles }: { readonly labels: readonly string[]; readonly profiles: readonly (DayProfile | null)[] }) {
  const [which, setWhich] = useState<(typeof SERIES)[number]['key']>('delivered');
  const series = SERIES.find((s) => s.key === which)!;
  const present = profiles.filter((p): p is DayProfile => p !== null);
  if (present.length === 0) return null;
  const bucketS = present[0].bucketS;
  const startS = Math.min(...present.map((p) => p.startS));
  const endS = Math.max(...present.map((p) => p.startS + p.delivered.length * bucketS));
  const lines = profiles.map((p) => (p ? series.get(p).map((v, i) => [p.startS + (i + 0.5) * bucketS, v] as const) : []));
  const ys = lines.flat().map(([, v]) => v).filter(Number.isFinite);
  const top = which === 'onTime' ? 100 : Math.max(1e-9, ...ys) * 1.08;
  const bottom = which === 'onTime' ? Math.max(0, Math.floor(Math.min(100, ...ys) / 10) * 10 - 10) : 0;
  const x = (t: number) => L + ((t - startS) / (endS - startS)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - bottom) / (top - bottom)) * (H - T - B);
  const hours: number[] = [];
  const every = (endS - startS) / bucketS > 14 ? 2 : 1;
  for (let t = startS; t <= endS; t += bucketS * every) hours.push(t);
  const path = (pts: readonly (readonly [number, number])[]) => {
    let d = '';
    let pen = false;
    for (const [t, v] of pts) {
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  return (
    <section className="lab-day" data-testid="day-chart">
      <h2>
        Over the day{' '}
        <select value={which} onChange={(e) => setWhich(e.target.value as typeof which)} aria-label="KPI over the day" data-testid="day-series">
          {SERIES.map((s) => (
            <option key={s.key} value={s.key}>{s.label}</option>
          ))}
        </select>{' '}
        <span className="sub">per clock hour, mean across seeds</span>
      </h2>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={series.label}>
        <rect x={L} y={T} width={W - L - R} height={H - T - B} className="lab-panel" />
        {[bottom, (bottom + top) / 2, top].map((v) => (
          <g key={v}>
            <line x1={L} x2={W - R} y1={y(v)} y2={y(v)} className="lab-grid" />
            <text x={L - 4} y={y(v) + 4} textAnchor="end" className="lab-axis">{v.toFixed(v >= 10 ? 0 : series.digits)}</text>
          </g>
        ))}
        {hours.map((t) => (
          <text key={t} x={x(t)} y={H - 6} textAnchor="middle" className="lab-axis">{formatClock(t)}</text>
        ))}
        {lines.map((pts, v) => (
          <g key={v}>
            <path d={path(pts)} fill="none" stroke={colourOf(v)} strokeWidth={2} />
            {pts.filter(([, val]) => Number.isFinite(val)).map(([t, val]) => (
              <circle key={t} cx={x(t)} cy={y(val)} r={2.5} fill={colourOf(v)}>
                <title>{`${labels[v]}, ${formatClock(t - bucketS / 2)}–${formatClock(t + bucketS / 2)}: ${val.toFixed(series.digits)}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul className="lab-legend">
        {labels.map((l, v) => (
          <li key={v}>
            <i style={{ background: colourOf(v) }} /> {l}
          </li>
        ))}
      </ul>
    </section>
  );
}
