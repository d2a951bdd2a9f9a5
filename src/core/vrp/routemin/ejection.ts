/**
 * Ejection search of Nagata & Bräysy (2009, "A powerful route minimization heuristic for the
 * vehicle routing problem with time windows", §3.3): to insert v_in into a route, eject up to k_max
 * other customers so that the route becomes feasible, minimising the sum of the ejected customers'
 * penalty counters p[v] (how often they failed to be inserted). A depth-first, lexicographic search
 * over keep/eject decisions along the route with the earliest-start schedule, pruned by time-window
 * infeasibility of the prefix and by the best penalty sum found. Used for time-window problems with
 * deliveries only and no duration limit (the classic VRPTW), where the earliest schedule decides
 * feasibility.
 */
import type { SearchState } from '../search/SearchState.ts';

export interface Ejection {
  /** Route, and the node after which v_in goes. */
  route: number;
  after: number;
  /** Nodes to eject (length count). */
  readonly ejected: Int32Array;
  count: number;
  psum: number;
  /** Distance of the resulting route (tie-break). */
  dist: number;
}

export class EjectionSearch {
  private readonly s: SearchState;
  private readonly seq: Int32Array;
  private readonly chosen: Int32Array;
  private len = 0;
  private kmax = 5;
  private p!: Int32Array;
  private cap = 0;
  private totalLoad = 0;
  private endLoc = 0;
  private endLate = 0;
  private budget = 0;
  readonly best: Ejection;

  constructor(s: SearchState) {
    this.s = s;
    this.seq = new Int32Array(s.p.numClients + 2);
    this.chosen = new Int32Array(16);
    this.best = { route: -1, after: -1, ejected: new Int32Array(16), count: 0, psum: Infinity, dist: Infinity };
  }

  /**
   * Best ejection over all routes and insertion positions for client vIn (not currently routed).
   * `budget` caps the DFS nodes visited per call so a pathological route cannot stall the run.
   */
  search(vIn: number, p: Int32Array, kmax: number, firstRoute = 0, budget = 200000): Ejection {
    const s = this.s;
    this.p = p;
    this.kmax = Math.min(kmax, 15);
    this.budget = budget;
    const best = this.best;
    best.route = best.after = -1;
    best.count = 0;
    best.psum = Infinity;
    best.dist = Infinity;
    for (let i = 0; i < s.numRoutes; i++) {
      // Routes from a random start: with equal penalty sums the first found wins.
      const r = (firstRoute + i) % s.numRoutes;
      if (s.rSize[r] === 0) continue;
      const t = s.rType[r];
      const v = s.p.vehicles;
      this.cap = v.capacity[t * s.numDims];
      this.endLoc = v.endDepot[t];
      this.endLate = Math.min(v.twLate[t], s.p.twLate[this.endLoc]);
      for (let after = s.startOf(r); after !== s.endOf(r); after = s.next[after]) {
        this.build(r, after, vIn);
        const start = Math.max(v.twEarly[t], s.p.twEarly[v.startDepot[t]]);
        this.dfs(r, after, 0, start, v.startDepot[t], 0, 0, 0, 0);
        if (this.budget <= 0) return best;
      }
    }
    return best;
  }

  private build(r: number, after: number, vIn: number): void {
    const s = this.s;
    let i = 0;
    let load = 0;
    const D = s.numDims;
    if (after === s.startOf(r)) this.seq[i++] = vIn;
    for (let x = s.next[s.startOf(r)]; x !== s.endOf(r); x = s.next[x]) {
      this.seq[i++] = x;
      load += s.p.delivery[x * D];
      if (x === after) this.seq[i++] = vIn;
    }
    this.len = i;
    this.totalLoad = load + s.p.delivery[vIn * D];
  }

  private dfs(r: number, after: number, idx: number, time: number, last: number, k: number, psum: number, removedLoad: number, dist: number): void {
    if (--this.budget <= 0) return;
    const best = this.best;
    // Strictly better penalty sums only (NB's lexicographic search keeps the first of equals):
    // equal sums would keep whole subtrees alive for a distance tie-break.
    if (psum >= best.psum) return;
    const s = this.s;
    const p = s.p;
    const n = p.numLocations;
    if (idx === this.len) {
      const arrive = time + p.duration[last * n + this.endLoc];
      if (arrive > this.endLate || this.totalLoad - removedLoad > this.cap) return;
      best.route = r;
      best.after = after;
      best.count = k;
      best.psum = psum;
      best.dist = dist + p.distance[last * n + this.endLoc];
      for (let i = 0; i < k; i++) best.ejected[i] = this.chosen[i];
      return;
    }
    const node = this.seq[idx];
    const l = s.loc[node];
    const arrive = time + p.duration[last * n + l];
    const startT = arrive > p.twEarly[l] ? arrive : p.twEarly[l];
    if (startT <= p.twLate[l]) this.dfs(r, after, idx + 1, startT + p.service[l], l, k, psum, removedLoad, dist + p.distance[last * n + l]);
    // v_in (the one node not yet routed) is never ejected.
    if (k < this.kmax && s.routeOf[node] >= 0) {
      this.chosen[k] = node;
      this.dfs(r, after, idx + 1, time, last, k + 1, psum + this.p[node], removedLoad + p.delivery[node * s.numDims], dist);
    }
  }
}
