/**
 * Ejection search of Nagata & Bräysy (2009, §3.3) extended to charging stations (E-VRPTW,
 * Schneider, Stenger & Goeke 2014): the same depth-first search over keep/eject decisions along
 * the route, with the range driven since the last charge carried along. Visiting a station costs
 * its charging time for that range (full recharge, `chargeTime`); when the next arc would exceed
 * the range, the search may go through the station with the least detour on that arc instead
 * (the station insertion of Schneider et al. §4.3, restricted to the energy shortfall). Existing
 * station visits are kept (never ejected). Under partial recharge the full-recharge time is an
 * upper bound, so a route found here is feasible there too; the caller checks it exactly anyway.
 */
import { chargeTime } from '../ProblemData.ts';
import type { SearchState } from '../search/SearchState.ts';
import type { Ejection } from './ejection.ts';
import type { LeastDetourStation } from './stationInsertion.ts';

/** Stations the search may add to one route (one per energy shortfall). */
const MAX_ADDED = 4;

export interface StationEjection extends Ejection {
  /** Stations to add: location insLoc[i] goes just before node insBefore[i] (a route end sentinel for the end depot). */
  readonly insLoc: Int32Array;
  readonly insBefore: Int32Array;
  insCount: number;
}

export class StationEjectionSearch {
  private readonly s: SearchState;
  private readonly seq: Int32Array;
  private readonly chosen: Int32Array;
  private readonly addLoc: Int32Array;
  private readonly addBefore: Int32Array;
  private readonly stations: LeastDetourStation;
  private len = 0;
  private kmax = 5;
  private p!: Int32Array;
  private cap = 0;
  private totalLoad = 0;
  private endLoc = 0;
  private endNode = 0;
  private endLate = 0;
  private range = Infinity;
  private type = 0;
  private budget = 0;
  readonly best: StationEjection;

  constructor(s: SearchState, stations: LeastDetourStation) {
    this.s = s;
    this.stations = stations;
    this.seq = new Int32Array(s.numNodes + 2);
    this.chosen = new Int32Array(16);
    this.addLoc = new Int32Array(MAX_ADDED);
    this.addBefore = new Int32Array(MAX_ADDED);
    this.best = {
      route: -1, after: -1, ejected: new Int32Array(16), count: 0, psum: Infinity, dist: Infinity,
      insLoc: new Int32Array(MAX_ADDED), insBefore: new Int32Array(MAX_ADDED), insCount: 0,
    };
  }

  /** Best ejection over all routes and positions for client vIn (not routed); see EjectionSearch.search. */
  search(vIn: number, p: Int32Array, kmax: number, firstRoute = 0, budget = 200000): StationEjection {
    const s = this.s;
    this.p = p;
    this.kmax = Math.min(kmax, 15);
    this.budget = budget;
    const best = this.best;
    best.route = best.after = -1;
    best.count = best.insCount = 0;
    best.psum = best.dist = Infinity;
    const v = s.p.vehicles;
    for (let i = 0; i < s.numRoutes; i++) {
      const r = (firstRoute + i) % s.numRoutes;
      if (s.rSize[r] === 0) continue;
      const t = (this.type = s.rType[r]);
      this.cap = v.capacity[t * s.numDims];
      this.range = v.maxTripDistance[t];
      this.endLoc = v.endDepot[t];
      this.endNode = s.endOf(r);
      this.endLate = Math.min(v.twLate[t], s.p.twLate[this.endLoc]);
      const start = Math.max(v.twEarly[t], s.p.twEarly[v.startDepot[t]]);
      for (let after = s.startOf(r); after !== s.endOf(r); after = s.next[after]) {
        this.build(r, after, vIn);
        this.dfs(r, after, 0, start, v.startDepot[t], 0, 0, 0, 0, 0, 0);
        if (this.budget <= 0) return best;
      }
    }
    return best;
  }

  private build(r: number, after: number, vIn: number): void {
    const s = this.s;
    const D = s.numDims;
    let i = 0;
    let load = 0;
    if (after === s.startOf(r)) this.seq[i++] = vIn;
    for (let x = s.next[s.startOf(r)]; x !== s.endOf(r); x = s.next[x]) {
      this.seq[i++] = x;
      if (s.isClient(x)) load += s.p.delivery[x * D];
      if (x === after) this.seq[i++] = vIn;
    }
    this.len = i;
    this.totalLoad = load + s.p.delivery[vIn * D];
  }

  /**
   * Step from `last` (range `used` since the last charge, ready at `time`) to location l, possibly
   * through the least-detour station: returns the start time of service at l (Infinity if
   * infeasible) and sets `stepUsed`, `stepDist`, `stepStation` (−1 when direct).
   */
  private stepUsed = 0;
  private stepDist = 0;
  private stepStation = -1;

  private step(last: number, l: number, time: number, used: number, early: number, late: number): number {
    const p = this.s.p;
    const n = this.s.n;
    const d = p.distance[last * n + l];
    this.stepStation = -1;
    if (used + d <= this.range) {
      const a = time + p.duration[last * n + l];
      this.stepUsed = used + d;
      this.stepDist = d;
      const st = a > early ? a : early;
      return st <= late ? st : Infinity;
    }
    const f = this.stations.get(last, l);
    if (f < 0) return Infinity;
    const d1 = p.distance[last * n + f];
    const d2 = p.distance[f * n + l];
    if (used + d1 > this.range || d2 > this.range) return Infinity;
    const af = time + p.duration[last * n + f];
    const sf = af > p.twEarly[f] ? af : p.twEarly[f];
    if (sf > p.twLate[f]) return Infinity;
    const v = p.vehicles;
    const leave = sf + p.service[f] + chargeTime(v, this.type, this.range - used - d1, this.range);
    const a = leave + p.duration[f * n + l];
    this.stepStation = f;
    this.stepUsed = d2;
    this.stepDist = d1 + d2;
    const st = a > early ? a : early;
    return st <= late ? st : Infinity;
  }

  private dfs(r: number, after: number, idx: number, time: number, last: number, used: number, k: number, added: number, psum: number, removedLoad: number, dist: number): void {
    if (--this.budget <= 0) return;
    const best = this.best;
    if (psum >= best.psum) return;
    const s = this.s;
    const p = s.p;
    if (idx === this.len) {
      if (this.totalLoad - removedLoad > this.cap) return;
      if (this.step(last, this.endLoc, time, used, -Infinity, this.endLate) === Infinity) return;
      if (this.stepStation >= 0 && added >= MAX_ADDED) return;
      best.route = r;
      best.after = after;
      best.count = k;
      best.psum = psum;
      best.dist = dist + this.stepDist;
      for (let i = 0; i < k; i++) best.ejected[i] = this.chosen[i];
      let m = added;
      if (this.stepStation >= 0) {
        this.addLoc[m] = this.stepStation;
        this.addBefore[m++] = this.endNode;
      }
      best.insCount = m;
      for (let i = 0; i < m; i++) {
        best.insLoc[i] = this.addLoc[i];
        best.insBefore[i] = this.addBefore[i];
      }
      return;
    }
    const node = this.seq[idx];
    const l = s.loc[node];
    const client = s.isClient(node);
    const start = this.step(last, l, time, used, p.twEarly[l], p.twLate[l]);
    if (start < Infinity && (this.stepStation < 0 || (client && added < MAX_ADDED))) {
      let m = added;
      if (this.stepStation >= 0) {
        this.addLoc[m] = this.stepStation;
        this.addBefore[m++] = node;
      }
      const nd = dist + this.stepDist;
      if (client) this.dfs(r, after, idx + 1, start + p.service[l], l, this.stepUsed, k, m, psum, removedLoad, nd);
      else {
        // An existing station: charge for the range used on arrival.
        const leave = start + p.service[l] + chargeTime(p.vehicles, this.type, this.range - this.stepUsed, this.range);
        this.dfs(r, after, idx + 1, leave, l, 0, k, m, psum, removedLoad, nd);
      }
    }
    // v_in (the one node not yet routed) and station visits are never ejected.
    if (client && k < this.kmax && s.routeOf[node] >= 0) {
      this.chosen[k] = node;
      this.dfs(r, after, idx + 1, time, last, used, k + 1, added, psum + this.p[node], removedLoad + p.delivery[node * s.numDims], dist);
    }
  }
}
