import { useEffect, useRef } from 'react';
import type { Instance } from '../../core/vrp/index.ts';
import { reportedDistance } from '../../core/vrp/index.ts';
import type { Bks } from './instances.ts';
import type { LaneUpdate } from './solverLane.ts';

const COLOURS = ['#2f80ed', '#eb5757', '#27ae60', '#f2994a', '#9b51e0', '#00a3a3', '#c0392b', '#6d8a00', '#d35400', '#34495e'];

/** The best routes so far over the instance's coordinates: depot square, customers, stations, one colour per route. */
function RoutesCanvas({ inst, routes, testId }: { inst: Instance; routes: readonly number[][]; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    const g = c?.getContext('2d');
    if (!c || !g) return;
    const { xs, ys } = inst;
    const p = inst.problem;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < xs.length; i++) [x0, x1, y0, y1] = [Math.min(x0, xs[i]), Math.max(x1, xs[i]), Math.min(y0, ys[i]), Math.max(y1, ys[i])];
    const pad = 8;
    const k = Math.min((c.width - 2 * pad) / Math.max(1e-9, x1 - x0), (c.height - 2 * pad) / Math.max(1e-9, y1 - y0));
    const X = (i: number) => pad + (xs[i] - x0) * k;
    const Y = (i: number) => c.height - pad - (ys[i] - y0) * k;
    g.fillStyle = '#fff';
    g.fillRect(0, 0, c.width, c.height);
    g.lineWidth = 1.5;
    routes.forEach((r, ri) => {
      g.strokeStyle = COLOURS[ri % COLOURS.length];
      g.beginPath();
      g.moveTo(X(0), Y(0));
      for (const l of r) g.lineTo(X(l), Y(l));
      g.lineTo(X(0), Y(0));
      g.stroke();
    });
    for (let l = p.numDepots; l < p.numLocations; l++) {
      const station = l >= p.numDepots + p.numClients;
      g.fillStyle = station ? '#f2c94c' : '#333';
      g.fillRect(X(l) - (station ? 3 : 1.5), Y(l) - (station ? 3 : 1.5), station ? 6 : 3, station ? 6 : 3);
    }
    g.fillStyle = '#000';
    g.fillRect(X(0) - 5, Y(0) - 5, 10, 10);
  }, [inst, routes]);
  return <canvas ref={ref} width={420} height={320} data-testid={testId} className="solver-canvas" />;
}

/** Best cost over time, as a step line. */
function CostCurve({ curve, seconds, scale }: { curve: LaneUpdate['curve']; seconds: number; scale: number }) {
  const W = 420;
  const H = 90;
  if (curve.length === 0) return <svg width={W} height={H} role="img" aria-label="best cost over time" />;
  const costs = curve.map((c) => c[1] / scale);
  const lo = Math.min(...costs);
  const hi = Math.max(...costs);
  const x = (t: number) => (Math.min(t, seconds) / Math.max(seconds, 1e-9)) * (W - 4) + 2;
  const y = (v: number) => (hi > lo ? 4 + ((hi - v) / (hi - lo)) * (H - 8) : H / 2);
  const pts = curve.flatMap((c, i) => (i === 0 ? [`${x(c[0])},${y(costs[0])}`] : [`${x(c[0])},${y(costs[i - 1])}`, `${x(c[0])},${y(costs[i])}`]));
  pts.push(`${x(seconds)},${y(costs[costs.length - 1])}`);
  return (
    <svg width={W} height={H} role="img" aria-label="best cost over time" data-testid="cost-curve">
      <polyline points={pts.join(' ')} fill="none" stroke="#2f80ed" strokeWidth="2" />
      <text x={W - 4} y={12} textAnchor="end" fontSize="10">{hi.toFixed(1)}</text>
      <text x={W - 4} y={H - 2} textAnchor="end" fontSize="10">{lo.toFixed(1)}</text>
    </svg>
  );
}

export function LaneView({ label, inst, bks, update, seconds }: { label: string; inst: Instance; bks: Bks | null; update: LaneUpdate | null; seconds: number }) {
  const snap = update?.snapshot ?? null;
  const routes = snap?.routes ?? [];
  const distance = routes.length ? reportedDistance(inst, routes) : null;
  const ref = bks ? (inst.objective === 'distance' && bks.distanceOnly !== undefined ? bks.distanceOnly : bks.distance) : null;
  const gap = distance !== null && ref ? (100 * (distance - ref)) / ref : null;
  const ops = (snap?.stats?.operators ?? []).filter((o) => o.tried > 0);
  const totalGain = ops.reduce((a, o) => a + Math.max(0, o.gain), 0);
  return (
    <section className="solver-lane" data-testid={`lane-${label}`}>
      <h3>
        {label} <span className="sub">{update ? update.status : 'not started'}</span>
      </h3>
      <RoutesCanvas inst={inst} routes={routes} testId={`routes-${label}`} />
      <p data-testid={`figures-${label}`}>
        {distance === null ? 'no solution yet' : `distance ${distance.toFixed(2)}, ${routes.length} routes${snap && !snap.feasible ? ' (infeasible)' : ''}`}
        {gap !== null ? `, gap ${gap.toFixed(2)} % to the best-known ${ref!.toFixed(2)}${bks?.vehicles ? ` (${bks.vehicles} vehicles)` : ''}` : ''}
        {snap ? ` · ${snap.iterations} generations in ${snap.seconds.toFixed(1)} s` : ''}
      </p>
      {update?.error ? <p className="error">{update.error}</p> : null}
      <CostCurve curve={update?.curve ?? []} seconds={seconds} scale={inst.scale} />
      <table className="operators" data-testid={`operators-${label}`}>
        <thead>
          <tr><th>operator</th><th>tried</th><th>improved</th><th>gain share</th><th>time share</th></tr>
        </thead>
        <tbody>
          {ops.map((o) => (
            <tr key={o.name}>
              <td>{o.name}</td>
              <td>{o.tried.toLocaleString('en-US')}</td>
              <td>{o.improved.toLocaleString('en-US')}</td>
              <td>{totalGain > 0 ? `${((100 * Math.max(0, o.gain)) / totalGain).toFixed(1)} %` : '-'}</td>
              <td>{o.timeShare === null ? '-' : `${(100 * o.timeShare).toFixed(1)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
