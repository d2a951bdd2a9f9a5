/**
 * Split (Beasley 1983; Prins 2004; Vidal 2016 "Split algorithm in O(n) for the capacitated vehicle
 * routing problem"): optimal segmentation of a giant tour into routes, as a shortest path over
 * tour positions. Route costs are the penalized costs of the search (all constraints via
 * RouteEval), so the same code serves CVRP, VRPTW and the richer variants. Routes are extended
 * while the load stays below 1.5 × capacity (HGS-CVRP's cut-off) and a length cap, which makes it
 * O(n · L). Homogeneous fleets use the unlimited split and fall back to the limited-fleet version
 * (one DP layer per vehicle, HGS-CVRP `splitLF`) when more routes than vehicles come out;
 * heterogeneous fleets always use the per-vehicle layered DP, vehicles in slot order.
 */
import type { SearchState } from '../search/SearchState.ts';
import { linearSplit, linearSplitApplies } from './linearSplit.ts';

export interface SplitScratch {
  pot: Float64Array;
  pred: Int32Array;
}

/** Maximum clients per route considered by split (a cap for uncapacitated instances). */
const MAX_ROUTE_CLIENTS = 400;

/**
 * Whether extending the route further is pointless: load beyond `factor` × capacity (HGS-CVRP's
 * cut-off), or a time-warp penalty already above twice the route's distance cost (time warp only
 * grows as a route is extended; without this the split is quadratic on loose capacities).
 */
function loadTooHigh(s: SearchState, t: number, factor: number): boolean {
  const ev = s.ev;
  if (ev.tw > 0 && s.penalties.time * ev.tw > 2 * s.p.vehicles.distanceCost[t] * ev.dist + s.p.vehicles.fixedCost[t]) return true;
  const v = s.p.vehicles;
  const D = s.numDims;
  const f = Math.max(1, v.maxTrips[t]) * factor;
  for (let k = 0; k < D; k++) if (ev.max[k] + ev.closed[k] > f * v.capacity[t * D + k]) return true;
  return false;
}

/** Cut-off factor for R routes: 1.5, or more if the total demand needs heavier routes. */
function limitedFactor(s: SearchState, R: number): number {
  const p = s.p;
  const D = p.numDims;
  let f = 1.5;
  for (let k = 0; k < D; k++) {
    let total = 0;
    for (let c = p.numDepots; c < p.numDepots + p.numClients; c++) total += p.delivery[c * D + k] + Math.max(0, p.pickup[c * D + k]);
    let cap = Infinity;
    for (let r = 0; r < R; r++) cap = Math.min(cap, p.vehicles.capacity[s.rType[r] * D + k]);
    if (cap > 0) f = Math.max(f, (1.5 * total) / (R * cap));
  }
  return f;
}

/** Split `tour` into routes (location lists per slot) for the state's fleet, under its penalties. */
export function split(s: SearchState, tour: Int32Array, maxRoutes = s.numRoutes): Int32Array[] {
  const n = tour.length;
  const R = Math.min(maxRoutes, s.numRoutes);
  if (linearSplitApplies(s)) {
    const routes = linearSplit(s, tour, R, false) ?? linearSplit(s, tour, R, true);
    if (routes) return routes;
  }
  if (!s.p.flags.heterogeneous) {
    const pred = splitUnlimited(s, tour);
    let count = 0;
    for (let j = n; j > 0; j = pred[j]) count++;
    if (count <= R) return assemble(s, tour, pred, count);
  }
  return splitLimited(s, tour, R);
}

/**
 * Classic case (SearchState.simple): route costs from prefix sums of distance and load, O(1) per
 * (i, j) as in HGS-CVRP `Split`, instead of incremental segment evaluation.
 */
class SimpleCosts {
  cum: Float64Array = new Float64Array(0);
  load: Float64Array = new Float64Array(0);

  prepare(s: SearchState, tour: Int32Array): void {
    const n = tour.length;
    const D = s.numDims;
    if (this.cum.length < n + 1) {
      this.cum = new Float64Array(n + 1);
      this.load = new Float64Array((n + 1) * D);
    }
    const dist = s.p.distance;
    const L = s.n;
    for (let j = 1; j < n; j++) this.cum[j] = this.cum[j - 1] + dist[tour[j - 1] * L + tour[j]];
    for (let k = 0; k < D; k++) this.load[k] = 0;
    for (let j = 0; j < n; j++)
      for (let k = 0; k < D; k++) this.load[(j + 1) * D + k] = this.load[j * D + k] + s.p.delivery[tour[j] * D + k];
  }

  /** Penalized cost of a route serving tour[i..j] with vehicle type t. */
  cost(s: SearchState, tour: Int32Array, i: number, j: number, t: number): number {
    const p = s.p;
    const v = p.vehicles;
    const L = s.n;
    const D = s.numDims;
    const d = p.distance[v.startDepot[t] * L + tour[i]] + this.cum[j] - this.cum[i] + p.distance[tour[j] * L + v.endDepot[t]];
    let c = v.distanceCost[t] * d + v.fixedCost[t];
    for (let k = 0; k < D; k++) {
      const ex = this.load[(j + 1) * D + k] - this.load[i * D + k] - v.capacity[t * D + k];
      if (ex > 0) c += s.penalties.load[k] * ex;
    }
    return c;
  }

  tooHigh(s: SearchState, i: number, j: number, t: number, factor: number): boolean {
    const D = s.numDims;
    for (let k = 0; k < D; k++)
      if (this.load[(j + 1) * D + k] - this.load[i * D + k] > factor * s.p.vehicles.capacity[t * D + k]) return true;
    return false;
  }
}

const simpleCosts = new SimpleCosts();

function splitUnlimited(s: SearchState, tour: Int32Array): Int32Array {
  const n = tour.length;
  const pot = new Float64Array(n + 1).fill(Infinity);
  const pred = new Int32Array(n + 1);
  pot[0] = 0;
  const t = s.rType[0];
  const ev = s.ev;
  if (s.simple) {
    simpleCosts.prepare(s, tour);
    for (let i = 0; i < n; i++) {
      if (pot[i] === Infinity) continue;
      for (let j = i; j < n && j - i < MAX_ROUTE_CLIENTS; j++) {
        const c = pot[i] + simpleCosts.cost(s, tour, i, j, t);
        if (c < pot[j + 1]) {
          pot[j + 1] = c;
          pred[j + 1] = i;
        }
        if (simpleCosts.tooHigh(s, i, j, t, 1.5)) break;
      }
    }
    return pred;
  }
  for (let i = 0; i < n; i++) {
    if (pot[i] === Infinity) continue;
    ev.beginRoute(t);
    for (let j = i; j < n && j - i < MAX_ROUTE_CLIENTS; j++) {
      ev.addNode(tour[j]);
      const c = pot[i] + ev.finish();
      if (c < pot[j + 1]) {
        pot[j + 1] = c;
        pred[j + 1] = i;
      }
      if (loadTooHigh(s, t, 1.5)) break;
    }
  }
  return pred;
}

function assemble(s: SearchState, tour: Int32Array, pred: Int32Array, count: number): Int32Array[] {
  const routes: Int32Array[] = new Array<Int32Array>(s.numRoutes);
  let r = count - 1;
  for (let j = tour.length; j > 0; j = pred[j]) routes[r--] = tour.slice(pred[j], j);
  for (let k = count; k < s.numRoutes; k++) routes[k] = new Int32Array(0);
  return routes;
}

/**
 * Layered DP over vehicle slots: pot[k][j] = best cost of serving tour[0..j) with the first k
 * slots (a slot may stay unused).
 */
function splitLimited(s: SearchState, tour: Int32Array, R: number): Int32Array[] {
  const n = tour.length;
  const W = n + 1;
  const pot = new Float64Array((R + 1) * W).fill(Infinity);
  const pred = new Int32Array((R + 1) * W).fill(-1);
  pot[0] = 0;
  const ev = s.ev;
  const factor = limitedFactor(s, R);
  const simple = s.simple;
  if (simple) simpleCosts.prepare(s, tour);
  for (let k = 0; k < R; k++) {
    const t = s.rType[k];
    for (let i = 0; i <= n; i++) {
      const base = pot[k * W + i];
      if (base === Infinity) continue;
      if (base < pot[(k + 1) * W + i]) {
        pot[(k + 1) * W + i] = base;
        pred[(k + 1) * W + i] = i;
      }
      if (simple) {
        for (let j = i; j < n && j - i < MAX_ROUTE_CLIENTS; j++) {
          const c = base + simpleCosts.cost(s, tour, i, j, t);
          if (c < pot[(k + 1) * W + j + 1]) {
            pot[(k + 1) * W + j + 1] = c;
            pred[(k + 1) * W + j + 1] = i;
          }
          if (simpleCosts.tooHigh(s, i, j, t, factor)) break;
        }
        continue;
      }
      ev.beginRoute(t);
      for (let j = i; j < n && j - i < MAX_ROUTE_CLIENTS; j++) {
        ev.addNode(tour[j]);
        const c = base + ev.finish();
        if (c < pot[(k + 1) * W + j + 1]) {
          pot[(k + 1) * W + j + 1] = c;
          pred[(k + 1) * W + j + 1] = i;
        }
        if (loadTooHigh(s, t, factor)) break;
      }
    }
  }
  const routes: Int32Array[] = new Array<Int32Array>(s.numRoutes);
  for (let k = R; k < s.numRoutes; k++) routes[k] = new Int32Array(0);
  if (pot[R * W + n] === Infinity) {
    // Should not happen (the cut-off always allows one more client); keep everything in slot 0.
    routes[0] = tour.slice();
    for (let k = 1; k < R; k++) routes[k] = new Int32Array(0);
    return routes;
  }
  let j = n;
  for (let k = R; k > 0; k--) {
    const i = pred[k * W + j];
    routes[k - 1] = tour.slice(i, j);
    j = i;
  }
  return routes;
}
