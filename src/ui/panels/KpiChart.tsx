import { useCallback, useEffect, useState } from 'react';
import type { Series } from '../../../workers/simApi.ts';
import { VAN_STATUS_COUNT } from '../../core/sim/VanStatus.ts';
import { formatClock } from '../../core/util/clock.ts';
import type { SimClient } from '../simClient.ts';
import { STATUS_COLORS } from '../statusColors.ts';
import { usePoll } from './usePoll.ts';

const W = 250;
const H = 120;

/**
 * The day so far as a small SVG chart: the fleet's state mix as stacked bands (vans by state),
 * with delivered (share of all parcels) and on-time rate as lines, up to the displayed moment.
 * Reads the worker's KPI samples every few seconds; needs no WebGL.
 */
export function KpiChart({ client, runId }: { client: SimClient; runId: number }) {
  const [series, setSeries] = useState<Series | null>(null);
  // Fetch the samples again while the run is still being recorded (a second apart), then stop.
  useEffect(() => {
    let live = true;
    let timer = 0;
    const load = () =>
      void client.api.series().then((s) => {
        if (!live) return;
        setSeries(s);
        if (!s.finished) timer = window.setTimeout(load, 1000);
      });
    load();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, runId]);
  const now = usePoll(useCallback(() => Math.round(client.displayT / 30) * 30, [client]), 500);
  if (!series || series.count < 2) return <figure className="panel chart" data-testid="kpi-chart" />;
  const { rows, rowLength, count, startS, kpiOffset, statusOffset, kpiKeys } = series;
  // A fixed axis (the working day, or the whole run once it is known to run over), so the chart does not rescale as the run is recorded.
  const endS = Math.max(series.dayEndS, series.finished ? rows[(count - 1) * rowLength] : series.dayEndS);
  const x = (t: number) => ((t - startS) / Math.max(1, endS - startS)) * W;
  const upTo = Math.max(1, Math.min(count, Math.floor((now - startS) / series.stepS) + 1));
  const fleet = statusSum(rows, 0, rowLength, statusOffset) || 1;
  const bands: string[] = [];
  for (let s = VAN_STATUS_COUNT - 1; s >= 0; s--) {
    const top: string[] = [];
    const bottom: string[] = [];
    for (let i = 0; i < upTo; i++) {
      const o = i * rowLength;
      let below = 0;
      for (let k = 0; k < s; k++) below += rows[o + statusOffset + k];
      const t = x(rows[o]);
      top.push(`${t.toFixed(1)},${(H - ((below + rows[o + statusOffset + s]) / fleet) * H).toFixed(1)}`);
      bottom.unshift(`${t.toFixed(1)},${(H - (below / fleet) * H).toFixed(1)}`);
    }
    bands.push(`M${top.join('L')}L${bottom.join('L')}Z`);
  }
  const deliveredAt = kpiOffset + kpiKeys.indexOf('delivered');
  /** A KPI as a polyline; `fromFirstDelivery` skips the samples before anything was delivered (a rate of 0/0). */
  const line = (key: string, scale: (v: number) => number, fromFirstDelivery = false) => {
    const k = kpiOffset + kpiKeys.indexOf(key);
    const pts: string[] = [];
    for (let i = 0; i < upTo; i++) {
      if (fromFirstDelivery && rows[i * rowLength + deliveredAt] === 0) continue;
      pts.push(`${x(rows[i * rowLength]).toFixed(1)},${(H - scale(rows[i * rowLength + k]) * H).toFixed(1)}`);
    }
    return pts.length > 0 ? `M${pts.join('L')}` : '';
  };
  const parcels = rows[kpiOffset + kpiKeys.indexOf('parcels')] || 1;
  return (
    <figure className="panel chart" data-testid="kpi-chart" data-complete={series.finished}>
      <figcaption>
        Over the day <span className="key delivered">delivered</span> <span className="key ontime">on time</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label="Vans by state, delivered share and on-time rate over the day">
        {bands.map((d, i) => (
          <path key={i} d={d} fill={STATUS_COLORS[VAN_STATUS_COUNT - 1 - i]} opacity={0.55} />
        ))}
        <path d={line('delivered', (v) => v / parcels)} className="line delivered" />
        <path d={line('onTimeRate', (v) => v, true)} className="line ontime" />
        <line x1={x(now)} x2={x(now)} y1={0} y2={H} className="cursor" />
      </svg>
      <div className="axis">
        <span>{formatClock(startS)}</span>
        <span>{formatClock(endS)}</span>
      </div>
    </figure>
  );
}

function statusSum(rows: Float64Array, row: number, rowLength: number, offset: number): number {
  let n = 0;
  for (let k = 0; k < VAN_STATUS_COUNT; k++) n += rows[row * rowLength + offset + k];
  return n;
}
