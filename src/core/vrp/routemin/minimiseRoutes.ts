/**
 * Fleet-minimisation phase of the hierarchical objective: find a feasible solution (HGS initial
 * population), then remove routes until the budget runs out or the capacity bound is reached. The
 * distance phase then runs HGS with the fleet capped at the number found, seeded with this
 * solution (Vidal et al. 2013 likewise optimise distance under a fixed fleet).
 *
 * Classic VRPTW/CVRP and E-VRPTW: the Nagata–Bräysy heuristic (`RouteMinimizer`, station-aware
 * with stations). Richer constraints (charger ports, multi-trip, pickups, heterogeneous fleets): a generic scheme that drops the smallest
 * route, caps the fleet one lower and lets HGS's penalties find a feasible solution within a slice
 * of the budget (Vidal et al. 2014 handle fleet limits through the same penalised search).
 */
import { Rng } from '../../util/rng.ts';
import type { ProblemData } from '../ProblemData.ts';
import { Hgs } from '../hgs/Hgs.ts';
import { computeNeighbours, defaultNeighbourParams } from '../search/neighbours.ts';
import { SearchState } from '../search/SearchState.ts';
import { RouteMinimizer } from './RouteMinimizer.ts';
import { constructions } from '../construct/insertion.ts';

export interface MinimiseRoutesOptions {
  readonly seed: number;
  /** True when the whole run must stop (checked between steps). */
  readonly stop: () => boolean;
  /** True when the route-minimisation phase must end, given the work done (steps, pool pops). */
  readonly phaseStop: (work: number) => boolean;
  readonly onRoutes?: (numRoutes: number) => void;
}

/**
 * Whether the ejection search's assumptions hold: classic VRPTW/CVRP constraints, or E-VRPTW
 * (charging stations with unlimited ports, the range as the only trip limit; `stationEjection.ts`).
 */
export function routeMinApplicable(p: ProblemData): boolean {
  const f = p.flags;
  if (f.pickups || f.multiTrip || f.maxDistance || f.heterogeneous || f.durationCost) return false;
  if (f.stations ? f.stationPorts : f.tripDistance) return false;
  for (let t = 0; t < p.vehicles.numTypes; t++) if (p.vehicles.maxDuration[t] < Infinity) return false;
  return true;
}

const used = (routes: readonly Int32Array[]) => routes.filter((r) => r.length > 0).length;

/** Returns routes (per fleet slot) of a feasible solution with as few routes as found, or null. */
export function minimiseRoutes(p: ProblemData, opts: MinimiseRoutesOptions): Int32Array[] | null {
  const hgs = new Hgs(p, { seed: opts.seed ^ 0x5bd1e995, params: { initialPenaltyBoost: 10 }, initial: constructions(p) });
  let work = 0;
  const phaseStop = () => opts.stop() || opts.phaseStop(work);
  // A feasible start: the first feasible individual once ten have been built.
  while (!(hgs.best && hgs.initialBuiltCount() >= 10) && !phaseStop()) {
    hgs.step();
    work++;
  }
  if (!hgs.best) return null;
  const counted: MinimiseRoutesOptions = { ...opts, phaseStop: (w) => opts.phaseStop(work + w) };
  const first: Int32Array[] = hgs.best.routes.map((r) => Int32Array.from(r));
  opts.onRoutes?.(used(first));
  return routeMinApplicable(p) ? nagataBraysy(p, first, hgs, counted) : generic(p, first, counted);
}

function nagataBraysy(p: ProblemData, first: Int32Array[], hgs: Hgs, opts: MinimiseRoutesOptions): Int32Array[] {
  let best = first;
  const s = new SearchState(p);
  const nbs = computeNeighbours(p, { ...defaultNeighbourParams, granularity: 40 });
  const rng = new Rng(opts.seed + 17);
  const rm = new RouteMinimizer(s, nbs, rng.fork(4));
  s.load(best, hgs.penalties);
  const bound = RouteMinimizer.capacityBound(s);
  const stop = () => opts.stop() || opts.phaseStop(rm.work);
  while (rm.usedRoutes() > bound && !stop()) {
    if (!rm.deleteRoute(stop)) break;
    best = s.exportRoutes();
    opts.onRoutes?.(rm.usedRoutes());
  }
  return best;
}

/** Per attempt at m − 1 routes: HGS steps without a feasible solution before giving up. */
const ATTEMPT_STEPS = 1500;

function generic(p: ProblemData, first: Int32Array[], opts: MinimiseRoutesOptions): Int32Array[] {
  let best = first;
  let attempt = 0;
  let work = 0;
  const stop = () => opts.stop() || opts.phaseStop(work);
  while (used(best) > 1 && !stop()) {
    const m = used(best) - 1;
    // Seed: the best solution with its smallest route's clients appended to their nearest route
    // tails; split/local search and penalties repair the rest.
    const seed = dropSmallestRoute(p, best);
    const hgs = new Hgs(p, { seed: opts.seed + 101 * ++attempt, maxRoutes: m, initial: [seed], params: { initialPenaltyBoost: 10 } });
    let steps = 0;
    while (!hgs.best && steps++ < ATTEMPT_STEPS && !stop()) {
      hgs.step();
      work++;
    }
    if (!hgs.best) break;
    best = hgs.best.routes.map((r) => Int32Array.from(r));
    opts.onRoutes?.(used(best));
  }
  return best;
}

function dropSmallestRoute(p: ProblemData, routes: Int32Array[]): Int32Array[] {
  let small = -1;
  for (let r = 0; r < routes.length; r++)
    if (routes[r].length > 0 && (small < 0 || routes[r].length < routes[small].length)) small = r;
  const out = routes.map((r) => Array.from(r));
  const moved = out[small].filter((l) => l >= p.numDepots && l < p.numDepots + p.numClients);
  out[small] = [];
  const n = p.numLocations;
  for (const c of moved) {
    let bestR = -1;
    let bestD = Infinity;
    for (let r = 0; r < out.length; r++) {
      if (out[r].length === 0) continue;
      const last = out[r][out[r].length - 1];
      if (p.distance[last * n + c] < bestD) {
        bestD = p.distance[last * n + c];
        bestR = r;
      }
    }
    out[bestR].push(c);
  }
  return out.map((r) => Int32Array.from(r));
}
