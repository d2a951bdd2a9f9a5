/**
 * Charger ports as a constraint across routes: at no time may more vehicles charge at a station
 * than it has ports (ProblemData.stationPorts; 0 = unlimited). Routes are searched one by one
 * (RouteEval knows nothing of other routes), so the constraint lives at the level of whole
 * solutions, as HGS handles other solution-level constraints (Vidal et al. 2014, penalised search):
 *
 *   - repair (`schedulePorts`): charges are taken in order of their earliest start and each gets
 *     the port that frees first at its station; a charge that finds every port busy waits at the
 *     station until one frees (a `notBefore` on that visit, Solution.evaluateRoute), which shifts
 *     the rest of its route. A greedy list schedule, not an optimal one: it never reorders charges
 *     to save a late route, and a route's departure may move with the wait, so the result is
 *     measured again afterwards;
 *   - penalty: what the repair cannot resolve (charging time overlapping beyond the ports, plus
 *     lateness the waits cause) counts as time warp in the individual's cost, so the genetic search
 *     steers away from it; the solution is feasible only when both are zero.
 */
import type { ProblemData } from '../ProblemData.ts';
import { evaluateRoute, visitServices } from '../Solution.ts';
import type { SolutionRoute } from '../Solution.ts';

export interface PortSchedule {
  /** Per route: earliest service start imposed per visit (waits for a port), or undefined. */
  readonly notBefore: (Float64Array | undefined)[];
  /** Charging time overlapping beyond the ports, summed over stations (0 = constraint met). */
  readonly overlap: number;
  /** Time warp of the routes after the waits (the sum of SolutionRoute.timeWarp). */
  readonly timeWarp: number;
  readonly routes: SolutionRoute[];
}

export function schedulePorts(p: ProblemData, routes: readonly { type: number; visits: Int32Array }[]): PortSchedule {
  const first = p.numDepots + p.numClients;
  const limited = (l: number) => l >= first && p.stationPorts[l - first] > 0;
  const notBefore: (Float64Array | undefined)[] = routes.map(() => undefined);
  const evals = routes.map((r) => evaluateRoute(p, r.type, r.visits));
  const services = routes.map((r) => visitServices(p, r.type, r.visits).service);
  const pending: { r: number; i: number }[] = [];
  routes.forEach((r, ri) => r.visits.forEach((l, i) => limited(l) && pending.push({ r: ri, i })));
  const portFree = new Map<number, Float64Array>();
  while (pending.length > 0) {
    // The charge that can start first (ties: route, then visit order).
    let k = 0;
    for (let j = 1; j < pending.length; j++) {
      const a = pending[j];
      const b = pending[k];
      const sa = evals[a.r].serviceStart[a.i];
      const sb = evals[b.r].serviceStart[b.i];
      if (sa < sb || (sa === sb && (a.r < b.r || (a.r === b.r && a.i < b.i)))) k = j;
    }
    const { r, i } = pending[k];
    pending.splice(k, 1);
    const l = routes[r].visits[i];
    let free = portFree.get(l);
    if (!free) portFree.set(l, (free = new Float64Array(p.stationPorts[l - first])));
    let port = 0;
    for (let q = 1; q < free.length; q++) if (free[q] < free[port]) port = q;
    const start = evals[r].serviceStart[i];
    if (free[port] > start) {
      const nb = (notBefore[r] ??= new Float64Array(routes[r].visits.length));
      nb[i] = free[port];
      evals[r] = evaluateRoute(p, routes[r].type, routes[r].visits, nb);
    }
    free[port] = evals[r].serviceStart[i] + services[r][i];
  }
  return { notBefore, overlap: overlapBeyondPorts(p, evals, services), timeWarp: evals.reduce((a, e) => a + e.timeWarp, 0), routes: evals };
}

/** Charging time beyond the ports at each station, from the routes' final schedules (a sweep). */
export function overlapBeyondPorts(p: ProblemData, routes: readonly SolutionRoute[], services: readonly Float64Array[]): number {
  const first = p.numDepots + p.numClients;
  const events = new Map<number, [number, number][]>();
  routes.forEach((r, ri) =>
    r.visits.forEach((l, i) => {
      if (l < first || p.stationPorts[l - first] === 0 || services[ri][i] <= 0) return;
      const ev = events.get(l) ?? [];
      ev.push([r.serviceStart[i], 1], [r.serviceStart[i] + services[ri][i], -1]);
      events.set(l, ev);
    }),
  );
  let overlap = 0;
  for (const [l, ev] of events) {
    ev.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const ports = p.stationPorts[l - first];
    let active = 0;
    let last = 0;
    for (const [t, d] of ev) {
      if (active > ports) overlap += (active - ports) * (t - last);
      active += d;
      last = t;
    }
  }
  return overlap;
}
