/**
 * The solver's output: a plain, transferable value (no references into search state). Routes are
 * location lists; a depot inside a route is a reload (multi-trip), a station a charging stop.
 * `evaluateRoute` recomputes everything by forward simulation, independently of the O(1) segment
 * algebra the search uses, and derives the schedule (service start per visit).
 */
import type { ProblemData } from './ProblemData.ts';
import { chargeTime } from './ProblemData.ts';
import { PartialCharge } from './search/PartialCharge.ts';

export interface SolutionRoute {
  readonly vehicleType: number;
  readonly visits: Int32Array;
  /** Departure from the start depot and service start at each visit (same length as visits). */
  readonly departure: number;
  readonly serviceStart: Float64Array;
  readonly arrivalAtEnd: number;
  readonly distance: number;
  readonly duration: number;
  /** Lateness summed (time warp, incl. excess over max duration); 0 when feasible. */
  readonly timeWarp: number;
  /** Load excess over capacity summed over trips and dimensions. */
  readonly excessLoad: number;
  /** Distance over the range budget, summed over trips. */
  readonly excessRange: number;
  readonly excessDistance: number;
  readonly cost: number;
  readonly trips: number;
  /**
   * Energy added at each station visit, in visiting order (energy units of the vehicle type; range
   * units when it has no energy model): what is missing to full under full recharge, what the
   * route needs until its next station or depot under partial recharge (Keskin & Çatay 2016).
   */
  readonly charges: Float64Array;
}

export interface Solution {
  readonly routes: SolutionRoute[];
  /** Clients in no route (only for partial solutions; a solver result always covers all). */
  readonly unassigned: Int32Array;
  readonly numRoutes: number;
  readonly distance: number;
  readonly duration: number;
  /** Objective: distance, duration and fixed costs (no penalties). */
  readonly cost: number;
  readonly feasible: boolean;
  readonly timeWarp: number;
  readonly excessLoad: number;
  readonly excessRange: number;
  readonly excessDistance: number;
}

/**
 * Service time at every visit (charging time at stations) and the charge there in range units:
 * what is missing to full under full recharge; under partial recharge what the leg to the next
 * station or depot needs, plus what fits into the waiting the next leg's windows force anyway
 * (the policy of RouteEval.resolvePending, recomputed here from whole-route lookahead).
 */
export function visitServices(p: ProblemData, t: number, visits: ArrayLike<number>): { service: Float64Array; charges: Float64Array } {
  const v = p.vehicles;
  const n = p.numLocations;
  const mt = v.maxTripDistance[t];
  const service = new Float64Array(visits.length);
  const charges: number[] = [];
  if (v.partialRecharge[t] === 1) return partialServices(p, t, visits, service);
  let last = v.startDepot[t];
  let trip = 0;
  for (let i = 0; i < visits.length; i++) {
    const l = visits[i];
    trip += p.distance[last * n + l];
    last = l;
    if (l < p.numDepots) service[i] = v.reloadDuration[t];
    else if (l < p.numDepots + p.numClients) service[i] = p.service[l];
    else {
      service[i] = chargeTime(v, t, mt - trip, mt);
      charges.push(trip);
    }
    if (l < p.numDepots || l >= p.numDepots + p.numClients) trip = 0;
  }
  return { service, charges: Float64Array.from(charges) };
}

/** Partial recharge (Keskin & Çatay 2016): the charging policy of search/PartialCharge.ts over the whole route. */
function partialServices(p: ProblemData, t: number, visits: ArrayLike<number>, service: Float64Array): { service: Float64Array; charges: Float64Array } {
  const v = p.vehicles;
  const pc = new PartialCharge(p, visits.length + 1);
  const start = v.startDepot[t];
  pc.begin(0, 0, Math.max(v.twEarly[t], p.twEarly[start]), Math.min(v.twLate[t], p.twLate[start]), start, 0);
  const hi = p.numDepots + p.numClients;
  for (let i = 0; i < visits.length; i++) pc.push(visits[i], visits[i] < p.numDepots ? 1 : visits[i] < hi ? 0 : 2);
  const end = v.endDepot[t];
  pc.run(t, end, Math.min(v.twLate[t], p.twLate[end]));
  const charges: number[] = [];
  for (let i = 0; i < visits.length; i++) {
    service[i] = pc.service[i];
    if (visits[i] >= hi) charges.push(pc.charge[i]);
  }
  return { service, charges: Float64Array.from(charges) };
}

/** Duration-segment data of a whole route, for the earliest start that minimises duration. */
function bestDeparture(p: ProblemData, t: number, visits: ArrayLike<number>, services: Float64Array, notBefore?: Float64Array): number {
  const v = p.vehicles;
  const n = p.numLocations;
  let last = v.startDepot[t];
  let dur = 0;
  let tw = 0;
  let early = Math.max(v.twEarly[t], p.twEarly[last]);
  let late = Math.min(v.twLate[t], p.twLate[last]);
  const step = (l: number, service: number, e2: number, l2: number): void => {
    const at = dur - tw + p.duration[last * n + l];
    const wait = Math.max(e2 - at - late, 0);
    const warp = Math.max(early + at - l2, 0);
    const ne = Math.max(e2 - at, early) - wait;
    const nl = Math.min(l2 - at, late) + warp;
    dur += service + p.duration[last * n + l] + wait;
    tw += warp;
    early = ne;
    late = nl;
    last = l;
  };
  for (let i = 0; i < visits.length; i++) {
    const l = visits[i];
    step(l, services[i], notBefore ? Math.max(p.twEarly[l], notBefore[i]) : p.twEarly[l], p.twLate[l]);
  }
  return early;
}

/**
 * Evaluate a route by forward simulation. `notBefore` (optional, per visit): earliest service start
 * imposed from outside, e.g. waiting at a station for a free charger port (hgs/chargerPorts.ts).
 */
export function evaluateRoute(p: ProblemData, t: number, visits: Int32Array, notBefore?: Float64Array): SolutionRoute {
  const v = p.vehicles;
  const n = p.numLocations;
  const D = p.numDims;
  const { service, charges } = visitServices(p, t, visits);
  const departure = bestDeparture(p, t, visits, service, notBefore);
  const serviceStart = new Float64Array(visits.length);
  let last = v.startDepot[t];
  let time = departure;
  let dist = 0;
  let timeWarp = 0;
  let trip = 0;
  let excessRange = 0;
  let excessLoad = 0;
  let trips = 1;
  // Loads of the current trip: goods for later deliveries are on board from the trip's start.
  const tripStart: number[] = [0];
  for (let i = 0; i < visits.length; i++) {
    const l = visits[i];
    const d = p.distance[last * n + l];
    dist += d;
    trip += d;
    time += p.duration[last * n + l];
    if (time < p.twEarly[l]) time = p.twEarly[l];
    if (notBefore && time < notBefore[i]) time = notBefore[i];
    if (time > p.twLate[l]) {
      timeWarp += time - p.twLate[l];
      time = p.twLate[l];
    }
    serviceStart[i] = time;
    time += service[i];
    const reset = l < p.numDepots || l >= p.numDepots + p.numClients;
    if (reset) {
      excessRange += Math.max(0, trip - v.maxTripDistance[t]);
      trip = 0;
    }
    if (l < p.numDepots) {
      tripStart.push(i + 1);
      trips++;
    }
    last = l;
  }
  const endLoc = v.endDepot[t];
  dist += p.distance[last * n + endLoc];
  trip += p.distance[last * n + endLoc];
  time += p.duration[last * n + endLoc];
  const endLate = Math.min(v.twLate[t], p.twLate[endLoc]);
  if (time > endLate) {
    timeWarp += time - endLate;
    time = endLate;
  }
  excessRange += Math.max(0, trip - v.maxTripDistance[t]);
  tripStart.push(visits.length + 1);
  for (let k = 0; k < D; k++)
    for (let j = 0; j + 1 < tripStart.length; j++) {
      const a = tripStart[j];
      const b = tripStart[j + 1] - 1; // exclusive end: the reload or the route end
      let load = 0;
      for (let i = a; i < b; i++) if (visits[i] >= p.numDepots) load += p.delivery[visits[i] * D + k];
      let peak = load;
      for (let i = a; i < b; i++) {
        const l = visits[i];
        if (l < p.numDepots) continue;
        load += p.pickup[l * D + k] - p.delivery[l * D + k];
        peak = Math.max(peak, load);
      }
      excessLoad += Math.max(0, peak - v.capacity[t * D + k]);
    }
  // As in duration segments (Vidal et al. 2013), warped time counts as elapsed for the duration.
  const duration = time - departure + timeWarp;
  if (duration > v.maxDuration[t]) timeWarp += duration - v.maxDuration[t];
  const excessDistance = Math.max(0, dist - v.maxDistance[t]);
  const cost = visits.length === 0 ? 0 : v.fixedCost[t] + v.distanceCost[t] * dist + v.durationCost[t] * duration;
  return {
    vehicleType: t, visits, departure, serviceStart, arrivalAtEnd: time, distance: dist, duration, timeWarp,
    excessLoad, excessRange, excessDistance, cost, trips,
    charges: v.energyPerDistance[t] > 0 ? charges.map((x) => x * v.energyPerDistance[t]) : charges,
  };
}

/**
 * Build a Solution from (vehicle type, visits) pairs; empty routes are dropped. `notBefore` (per
 * kept route, optional): imposed earliest service starts, e.g. waits for a charger port.
 */
export function makeSolution(
  p: ProblemData, routes: readonly { type: number; visits: Int32Array }[], notBefore?: readonly (Float64Array | undefined)[],
): Solution {
  const rs = routes.filter((r) => r.visits.length > 0).map((r, i) => evaluateRoute(p, r.type, r.visits, notBefore?.[i]));
  const seen = new Uint8Array(p.numLocations);
  for (const r of rs) for (const l of r.visits) seen[l] = 1;
  const unassigned: number[] = [];
  for (let c = p.numDepots; c < p.numDepots + p.numClients; c++) if (!seen[c]) unassigned.push(c);
  const sum = (f: (r: SolutionRoute) => number) => rs.reduce((a, r) => a + f(r), 0);
  const timeWarp = sum((r) => r.timeWarp);
  const excessLoad = sum((r) => r.excessLoad);
  const excessRange = sum((r) => r.excessRange);
  const excessDistance = sum((r) => r.excessDistance);
  return {
    routes: rs, unassigned: Int32Array.from(unassigned), numRoutes: rs.length, distance: sum((r) => r.distance),
    duration: sum((r) => r.duration), cost: sum((r) => r.cost),
    feasible: timeWarp === 0 && excessLoad === 0 && excessRange === 0 && excessDistance === 0 && unassigned.length === 0,
    timeWarp, excessLoad, excessRange, excessDistance,
  };
}
