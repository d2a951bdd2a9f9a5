import type { World } from '../sim/World.ts';
import { anyOf, createProblem, maxIterations, maxIterationsWithoutImprovement, solve, type ClientSpec, type VehicleTypeSpec } from '../vrp/index.ts';
import type { DispatchStrategy, StationPlan } from './DispatchStrategy.ts';
import { insertionStrategy } from './insertion.ts';
import { evaluateRoute, expectedServiceS, StopMatrix, type TourRequest, type TourStop } from './tour.ts';

/**
 * Per-second cost of van time. Zero: with a duration cost the solver's move evaluation falls back
 * to walking routes visit by visit (10× slower here); windows and the tour-length limit already
 * bound time, and distance is what costs energy.
 */
const DURATION_COST = 0;
/** Cost of sending one more van out (in metres): keeps vans at the station unless they pay off. */
const VAN_COST = 1500;
/**
 * A small population for a small, repeated problem: the sim re-plans hundreds of times a day, so
 * each plan gets a few dozen HGS iterations on a population of about a dozen (Vidal 2022's
 * defaults, mu = 25 and lambda = 40, are tuned for one long run on a benchmark).
 */
const DISPATCH_HGS = { mu: 8, lambda: 12, initialFactor: 2, nbElite: 2, nbClose: 3 };
/** Integer units for the solver, rounded up so its problem is never lighter than reality. */
const KG = 100; // 10 g
const M3 = 10_000; // 0.1 l
/**
 * Windows close this much earlier for the solver: its tight routes use up the slack the greedy
 * plan leaves, and curbside waits are random (a customer slower than average, a no-show's wait).
 */
const WINDOW_MARGIN_S = 1200;
/** Vans whose energy budgets differ by less than this are one vehicle type for the solver. */
const BUDGET_STEP_WH = 2000;

/**
 * Station-level re-planning with the HGS solver (src/core/vrp; Vidal 2022): every van available
 * at the station now gets a route in one vehicle routing problem with two capacity dimensions
 * (kg, m³), the parcels' windows, each van's energy budget (as a distance limit) and the
 * tour-length limit. The solver visits every client it is given, so the stops to serve now are
 * chosen first by urgent-first cheapest insertion, van by van — a feasible start that is also the
 * solver's first individual; HGS then re-assigns and re-orders them across the vans. Stops not
 * chosen wait for a later plan (rolling horizon: plans are redone whenever the station's stock or
 * fleet changes). Deterministic: iteration-bounded, seeded by the caller.
 */
export const vrpStrategy: DispatchStrategy = {
  name: 'vrp',
  description: 'all vans at a station planned together by the HGS solver (capacity, windows, range)',
  planTour(world, req, stops) {
    return planStationVrp(world, [req], stops, 1).routes[0];
  },
  planStation(world, reqs, stops, seed) {
    return planStationVrp(world, reqs, stops, seed);
  },
};

/** HGS iterations for one plan: base + perStop × stops, or fewer if withoutImprovement pass with no better solution. */
export interface SearchBudget {
  readonly base: number;
  readonly perStop: number;
  readonly withoutImprovement: number;
  /** HGS population settings (mu, lambda, initial population factor, elites). */
  readonly hgs: { readonly mu: number; readonly lambda: number; readonly initialFactor: number; readonly nbElite: number; readonly nbClose: number };
}

/** The vrp strategy's budget: it plans each time a van is free at a station, from the greedy start. */
const STATION_BUDGET: SearchBudget = { base: 60, perStop: 1, withoutImprovement: 40, hgs: DISPATCH_HGS };

/** Van by van, the insertion strategy's routes over the stops still open (indices into stops). */
function greedyRoutes(world: World, reqs: readonly TourRequest[], stops: readonly TourStop[]): number[][] {
  let open = stops.map((_, i) => i);
  return reqs.map((req) => {
    const route = insertionStrategy.planTour(world, req, open.map((i) => stops[i])).map((j) => open[j]);
    const used = new Set(route);
    open = open.filter((i) => !used.has(i));
    return route;
  });
}

/**
 * `warm` (optional): each van's stops from an earlier plan (indices into allStops); it becomes a
 * second seed of the search, completed with the greedy routes' other stops.
 */
export function planStationVrp(world: World, reqs: readonly TourRequest[], allStops: readonly TourStop[], seed: number, warm?: readonly (readonly number[])[], budget: SearchBudget = STATION_BUDGET): StationPlan {
  const greedy = greedyRoutes(world, reqs, allStops);
  const chosen = greedy.flat().sort((a, b) => a - b);
  const fallback: StationPlan = { routes: greedy, iterations: 0, history: [], cost: NaN, leftForLater: allStops.length - chosen.length };
  if (chosen.length < 2) return fallback;
  const stops = chosen.map((i) => allStops[i]);
  const local = new Map(chosen.map((i, j) => [i, j]));
  const t0 = Math.min(...reqs.map((r) => r.startS));
  const mx = new StopMatrix(world, reqs[0], stops); // all requests start and end at the same station
  const types = vehicleTypes(world, reqs, t0);
  const problem = createProblem({ name: 'station', numDepots: 1, numDims: 2, ...integerMatrices(mx, stops.length), clients: clients(world, stops, t0), vehicleTypes: types.specs });
  // The greedy routes are the first individual; fleet slots come grouped by vehicle type.
  const slots: Int32Array[] = [];
  types.members.forEach((ids) => ids.forEach((i) => slots.push(Int32Array.from(greedy[i], (s) => 1 + local.get(s)!))));
  const initial = [slots];
  if (warm?.some((r) => r.length > 0)) {
    const seen = new Set<number>();
    const own = reqs.map((_, i) => (warm[i] ?? []).filter((s) => local.has(s) && !seen.has(s) && (seen.add(s), true)));
    greedy.forEach((r, i) => r.forEach((s) => !seen.has(s) && (seen.add(s), own[i].push(s))));
    const warmSlots: Int32Array[] = [];
    types.members.forEach((ids) => ids.forEach((i) => warmSlots.push(Int32Array.from(own[i], (s) => 1 + local.get(s)!))));
    initial.push(warmSlots);
  }
  const iters = budget.base + Math.ceil(budget.perStop * stops.length);
  const result = solve(problem, { seed, params: budget.hgs, initial, stop: anyOf(maxIterations(iters), maxIterationsWithoutImprovement(budget.withoutImprovement)) });
  if (!result.feasible) return { ...fallback, iterations: result.iterations, history: result.history };
  const routes: number[][] = reqs.map(() => []);
  const next = types.members.map(() => 0);
  for (const r of result.best.routes) {
    if (r.visits.length === 0) continue;
    const van = types.members[r.vehicleType][next[r.vehicleType]++];
    const visits = Array.from(r.visits, (loc) => loc - 1);
    // Our own unrounded model must agree, or the greedy plan stands.
    if (!evaluateRoute(world, reqs[van], stops, mx, visits).feasible) return { ...fallback, iterations: result.iterations, history: result.history };
    routes[van] = visits.map((j) => chosen[j]);
  }
  return { routes, iterations: result.iterations, history: result.history, cost: result.best.cost, leftForLater: fallback.leftForLater };
}

/** Distances (m) and durations (s) rounded up, location 0 = the station, 1 + i = stop i. */
function integerMatrices(mx: StopMatrix, k: number): { distance: Int32Array; duration: Int32Array } {
  const n = 1 + k;
  const m = mx.size;
  const at = (loc: number) => (loc === 0 ? 0 : 1 + loc); // StopMatrix: 0 start, 1 end (the same node), 2 + i stops
  const distance = new Int32Array(n * n);
  const duration = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      distance[i * n + j] = Math.ceil(mx.lengthM[at(i) * m + at(j)]);
      duration[i * n + j] = Math.ceil(mx.timeS[at(i) * m + at(j)]);
    }
  }
  return { distance, duration };
}

function clients(world: World, stops: readonly TourStop[], t0: number): ClientSpec[] {
  return stops.map((s) => ({
    delivery: [Math.ceil(s.weightKg * KG), Math.ceil(s.volumeM3 * M3)],
    service: Math.ceil(expectedServiceS(world, s.parcels.length)),
    twEarly: Math.max(0, Math.ceil(s.earliestS - t0)),
    twLate: s.latestS === Infinity ? Infinity : Math.max(Math.max(0, Math.ceil(s.earliestS - t0)), Math.floor(s.latestS - WINDOW_MARGIN_S - t0)),
  }));
}

/** One vehicle type per group of vans alike but for small battery differences (cheaper to solve). */
function vehicleTypes(world: World, reqs: readonly TourRequest[], t0: number): { specs: VehicleTypeSpec[]; members: number[][] } {
  // Conservative: full payload at the city's fastest speed, and the autonomy stack on for the whole tour.
  const whPerM = world.energy.maxTractionWhPerM(world.params.van.payloadKg, world.speedHiKmh);
  const groups = new Map<string, number[]>();
  reqs.forEach((r, i) => {
    const key = `${Math.floor(r.energyBudgetWh / BUDGET_STEP_WH)}|${r.startS}|${r.maxEndS}|${r.capacityKg}|${r.capacityM3}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const members = [...groups.values()];
  const specs = members.map((ids): VehicleTypeSpec => {
    const r = reqs[ids[0]];
    const budgetWh = Math.max(0, Math.floor(r.energyBudgetWh / BUDGET_STEP_WH) * BUDGET_STEP_WH - world.energy.dwellWh(r.maxEndS - r.startS));
    return {
      count: ids.length,
      capacity: [Math.floor(r.capacityKg * KG), Math.floor(r.capacityM3 * M3)],
      twEarly: Math.ceil(r.startS - t0),
      twLate: Math.floor(r.maxEndS - t0),
      // One trip per plan, so the energy budget is a distance limit (the per-trip energy model
      // costs the solver more for the same effect).
      maxDistance: Math.floor(budgetWh / whPerM),
      distanceCost: 1,
      durationCost: DURATION_COST,
      fixedCost: VAN_COST,
    };
  });
  return { specs, members };
}
