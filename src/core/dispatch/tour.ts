import type { Plan, Step } from '../sim/Plan.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { expectedServiceS, tripEnergyWh, type World } from '../sim/World.ts';

export { expectedServiceS };

/** One door on a tour and the parcels handed over there. */
export interface TourStop {
  readonly door: number;
  readonly node: number;
  readonly parcels: number[];
  readonly weightKg: number;
  readonly volumeM3: number;
  /** Service may not start before this (window opening), s. */
  readonly earliestS: number;
  /** Arrival must not be later than this (window closing); Infinity for parcels already overdue. */
  readonly latestS: number;
}

/** What a tour must fit in: the van, its battery and the clock. */
export interface TourRequest {
  readonly startNode: number;
  readonly endNode: number;
  readonly startS: number;
  readonly capacityKg: number;
  readonly capacityM3: number;
  /** Energy the tour may use, Wh (battery minus reserve minus the way to a charger afterwards). */
  readonly energyBudgetWh: number;
  readonly maxStops: number;
  /** The van must be back by then, s. */
  readonly maxEndS: number;
}

/**
 * Travel times and lengths among the tour's candidate nodes, copied once per planning request into
 * a small dense matrix so that route evaluation in the inner loops is array indexing only.
 * Index 0 is the start node, 1 the end node, 2 + i the i-th stop.
 */
export class StopMatrix {
  readonly size: number;
  readonly timeS: Float64Array;
  readonly lengthM: Float64Array;

  constructor(world: World, req: TourRequest, stops: readonly TourStop[]) {
    const nodes = [req.startNode, req.endNode, ...stops.map((s) => s.node)];
    const m = nodes.length;
    this.size = m;
    this.timeS = new Float64Array(m * m);
    this.lengthM = new Float64Array(m * m);
    world.costs.matrix(nodes, nodes, this.timeS, this.lengthM);
    for (let k = 0; k < m * m; k++) {
      this.timeS[k] /= 1000;
      this.lengthM[k] /= 1000;
    }
  }
}

/** Group parcels by door (and window), marking overdue ones as late-allowed. */
export function makeStops(world: World, parcelIds: readonly number[], nowS: number): TourStop[] {
  const P = world.parcels;
  const byKey = new Map<string, number[]>();
  for (const p of parcelIds) {
    const key = `${P.door[p]}:${P.windowStartS[p]}:${P.windowEndS[p]}`;
    const list = byKey.get(key);
    if (list) list.push(p);
    else byKey.set(key, [p]);
  }
  const stops: TourStop[] = [];
  for (const list of byKey.values()) {
    const p0 = list[0];
    let kg = 0;
    let m3 = 0;
    for (const p of list) {
      kg += P.weightKg[p];
      m3 += P.volumeM3[p];
    }
    const end = P.windowEndS[p0];
    stops.push({
      door: P.door[p0],
      node: world.city.doors.node[P.door[p0]],
      parcels: list,
      weightKg: kg,
      volumeM3: m3,
      earliestS: P.windowStartS[p0],
      latestS: end <= nowS ? Infinity : end,
    });
  }
  return stops;
}


export interface RouteEval {
  readonly feasible: boolean;
  readonly endS: number;
  readonly lengthM: number;
  readonly energyWh: number;
}

/** Longest time a van can stand at a door with k parcels once the window is open: the full wait, then the lockers. */
export function worstServiceS(world: World, k: number): number {
  const h = world.params.handover;
  return h.customerWaitS + h.perParcelS * k;
}

/**
 * Walk a route (stop indices into `stops`, matrix indices 2 + i) forward in time: wait for windows
 * to open, fail if a window closes before arrival, the van is back late, or the energy budget is
 * exceeded. Energy is the energy model's bound for each leg at the departure load (an upper
 * bound, since the load only falls along the tour) plus the autonomy stack's draw while the van
 * waits for a window and stands at the door for as long as it might.
 */
export function evaluateRoute(world: World, req: TourRequest, stops: readonly TourStop[], mx: StopMatrix, route: ArrayLike<number>): RouteEval {
  const m = mx.size;
  let loadKg = 0;
  for (let i = 0; i < route.length; i++) loadKg += stops[route[i]].weightKg;
  let t = req.startS;
  let at = 0;
  let lengthM = 0;
  let energyWh = 0;
  let standS = 0;
  let feasible = true;
  for (let i = 0; i < route.length; i++) {
    const s = stops[route[i]];
    const k = 2 + route[i];
    t += mx.timeS[at * m + k];
    lengthM += mx.lengthM[at * m + k];
    energyWh += tripEnergyWh(world, mx.lengthM[at * m + k], mx.timeS[at * m + k], loadKg);
    if (t > s.latestS) feasible = false;
    if (t < s.earliestS) {
      standS += s.earliestS - t;
      t = s.earliestS;
    }
    standS += worstServiceS(world, s.parcels.length);
    t += expectedServiceS(world, s.parcels.length);
    at = k;
  }
  t += mx.timeS[at * m + 1];
  lengthM += mx.lengthM[at * m + 1];
  energyWh += tripEnergyWh(world, mx.lengthM[at * m + 1], mx.timeS[at * m + 1], loadKg) + world.energy.dwellWh(standS);
  if (t > req.maxEndS || energyWh > req.energyBudgetWh || !Number.isFinite(t)) feasible = false;
  return { feasible, endS: t, lengthM, energyWh };
}

/** A last-mile tour from station k (at `node`): load the stops' parcels, visit them in order, come back and unload. */
export function tourPlan(k: number, node: number, stops: readonly TourStop[]): Plan {
  const parcels: number[] = [];
  const steps: Step[] = [];
  for (const s of stops) {
    steps.push({ kind: 'drive', to: s.node, status: VanStatus.Delivering }, { kind: 'handover', door: s.door, parcels: s.parcels });
    parcels.push(...s.parcels);
  }
  return [{ kind: 'load', facility: k, parcels }, ...steps, { kind: 'drive', to: node, status: VanStatus.Returning }, { kind: 'unload', facility: k }];
}
