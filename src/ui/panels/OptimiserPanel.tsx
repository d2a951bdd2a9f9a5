import { useEffect, useState } from 'react';
import type { PlanRecord } from '../../core/sim/Decision.ts';
import { formatClock } from '../../core/util/clock.ts';
import type { SimClient } from '../simClient.ts';

const W = 230;
const H = 56;

/**
 * What the optimiser did for the latest station plan up to the displayed moment: which station,
 * how many vans and stops, and its best cost by iteration (a convergence curve). Shown for
 * strategies that plan whole stations (vrp). Polls the worker twice a second.
 */
export function OptimiserPanel({ client, runId, facilityIds }: { client: SimClient; runId: number; facilityIds: readonly string[] }) {
  const [plans, setPlans] = useState<PlanRecord[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => void client.api.plans(client.displayT, 3).then((p) => live && setPlans(p));
    load();
    const id = window.setInterval(load, 500);
    return () => {
      live = false;
      clearInterval(id);
    };
  }, [client, runId]);
  const last = plans[plans.length - 1];
  if (!last) {
    return (
      <aside className="panel optimiser" data-testid="optimiser">
        <h2>Optimiser</h2>
        <p className="sub">No station plan yet.</p>
      </aside>
    );
  }
  const h = last.history.length ? last.history : [{ iteration: 0, cost: last.cost }];
  const first = h[0].cost;
  const best = h[h.length - 1].cost;
  const maxIt = Math.max(1, last.iterations);
  const lo = Math.min(...h.map((p) => p.cost));
  const hi = Math.max(...h.map((p) => p.cost));
  const y = (c: number) => (hi > lo ? 4 + ((hi - c) / (hi - lo)) * (H - 8) : H / 2);
  // A step line: the best cost holds until the next improvement, and to the last iteration.
  const pts = h.flatMap((p, i) => {
    const x = (p.iteration / maxIt) * W;
    const prev = i > 0 ? h[i - 1].cost : p.cost;
    return i > 0 ? [`${x.toFixed(1)},${y(prev).toFixed(1)}`, `${x.toFixed(1)},${y(p.cost).toFixed(1)}`] : [`${x.toFixed(1)},${y(p.cost).toFixed(1)}`];
  });
  pts.push(`${W},${y(best).toFixed(1)}`);
  return (
    <aside className="panel optimiser" data-testid="optimiser">
      <h2>Optimiser</h2>
      <p>
        <b>{facilityIds[last.facility] ?? `facility ${last.facility}`}</b> at {formatClock(last.t)}: {last.vans} van{last.vans === 1 ? '' : 's'}, {last.stops} stops,{' '}
        {last.iterations} iterations
      </p>
      <svg width={W} height={H} role="img" aria-label="best cost by iteration">
        <polyline points={pts.join(' ')} fill="none" stroke="#2f80ed" strokeWidth="2" />
      </svg>
      <p className="sub">
        {Number.isFinite(best) ? `best ${(best / 1000).toFixed(1)} (km + van cost)` : 'kept the insertion plan'}
        {Number.isFinite(best) && first > best ? `, ${(((first - best) / first) * 100).toFixed(1)} % below its start` : ''}; {last.leftForLater} stops left for later
      </p>
    </aside>
  );
}
