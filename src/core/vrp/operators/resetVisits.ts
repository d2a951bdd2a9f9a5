/**
 * Reset visits: reloads at the depot (multi-trip) and charging-station stops (E-VRPTW). Routes are
 * built from clients by the other operators; this operator repairs load or range excess by
 * inserting a reset visit at its best position (for stations: the best station and position, as
 * the station insertion of Schneider et al. 2014, §4.3), moves existing reset visits to better
 * positions, and removes those that no longer pay for themselves. Every candidate is
 * evaluated exactly by concatenation.
 */
import type { SearchState } from '../search/SearchState.ts';
import { NONE } from '../search/SearchState.ts';

/** Stations tried per arc: the few with the least detour (a station at an arc end is useless). */
const STATIONS_PER_ARC = 4;

export class ResetVisits {
  private readonly s: SearchState;
  private readonly hasStations: boolean;
  /** Route version when the route was last left without improving reset moves. */
  private readonly checked: Int32Array;
  /** stationCand[(a * n + b) * K + i]: i-th best station for arc (a, b); −2 = not yet computed. */
  private readonly stationCand: Int32Array;

  constructor(s: SearchState) {
    this.s = s;
    this.hasStations = s.p.numStations > 0;
    this.checked = new Int32Array(s.numRoutes).fill(-1);
    this.stationCand = new Int32Array(this.hasStations ? s.n * s.n * STATIONS_PER_ARC : 0).fill(-2);
  }

  /** Forget which routes were examined (new local-search run: penalties may have changed). */
  reset(): void {
    this.checked.fill(-1);
  }

  /** One pass over the routes changed since they were last examined; true if anything improved. */
  run(): boolean {
    const s = this.s;
    let improved = false;
    for (let r = 0; r < s.numRoutes; r++) {
      if (s.rSize[r] === 0 || this.checked[r] === s.rVersion[r]) continue;
      while (this.improveRoute(r)) improved = true;
      this.checked[r] = s.rVersion[r];
    }
    return improved;
  }

  /** Candidate stations for arc (a, b), computed on first use. */
  private stationsFor(a: number, b: number): number {
    const s = this.s;
    const p = s.p;
    const n = s.n;
    const K = STATIONS_PER_ARC;
    const base = (a * n + b) * K;
    if (this.stationCand[base] !== -2) return base;
    const first = p.numDepots + p.numClients;
    for (let i = 0; i < K; i++) this.stationCand[base + i] = -1;
    const cost = new Float64Array(K).fill(Infinity);
    for (let st = first; st < p.numLocations; st++) {
      if (p.distance[a * n + st] === 0 || p.distance[st * n + b] === 0) continue;
      const c = p.distance[a * n + st] + p.distance[st * n + b];
      let q = K;
      while (q > 0 && cost[q - 1] > c) q--;
      if (q === K) continue;
      for (let i = K - 1; i > q; i--) {
        cost[i] = cost[i - 1];
        this.stationCand[base + i] = this.stationCand[base + i - 1];
      }
      cost[q] = c;
      this.stationCand[base + q] = st;
    }
    return base;
  }

  private maxResets(r: number): number {
    const s = this.s;
    const v = s.p.vehicles;
    const t = s.rType[r];
    return (v.maxTrips[t] > 1 ? v.maxTrips[t] - 1 : 0) + (this.hasStations ? s.numNodes : 0);
  }

  private improveRoute(r: number): boolean {
    const s = this.s;
    // Remove or reposition existing reset visits.
    for (let z = s.next[s.startOf(r)]; z !== s.endOf(r); z = s.next[z]) {
      if (s.isClient(z)) continue;
      const before = s.rCost[r];
      const pz = s.prev[z];
      const removed = s.ev.beginPrefix(pz).addSuffix(s.next[z]).finish();
      const loc = s.loc[z];
      s.unlink(z);
      s.updateRoute(r);
      const ins = this.bestInsertion(r, s.kind[z], Math.min(before, removed));
      if (ins.delta + s.rCost[r] < Math.min(before, removed) && ins.after !== pz) {
        s.loc[z] = ins.loc;
        s.linkAfter(z, ins.after, r);
        s.moves++;
        s.updateRoute(r);
        return true;
      }
      if (removed < before) {
        s.releaseNode(z);
        s.moves++;
        s.updateRoute(r);
        return true;
      }
      s.loc[z] = loc;
      s.linkAfter(z, pz, r);
      s.updateRoute(r);
    }
    if (s.rFeasible[r] || s.rResets[r] >= this.maxResets(r) || s.poolFreeCount === 0) return false;
    const v = s.p.vehicles;
    const t = s.rType[r];
    let best = { delta: 0, after: NONE, loc: -1, kind: 0 };
    if (v.maxTrips[t] > 1 && this.countKind(r, 1) < v.maxTrips[t] - 1) {
      const c = this.bestInsertion(r, 1);
      if (c.delta < best.delta) best = { ...c, kind: 1 };
    }
    if (this.hasStations) {
      const c = this.bestInsertion(r, 2, s.rCost[r]);
      if (c.delta < best.delta) best = { ...c, kind: 2 };
    }
    if (best.after === NONE) return false;
    const node = s.nodeForLocation(best.loc);
    if (node === NONE) return false;
    s.linkAfter(node, best.after, r);
    s.moves++;
    s.updateRoute(r);
    return true;
  }

  private countKind(r: number, kind: number): number {
    const s = this.s;
    let c = 0;
    for (let z = s.next[s.startOf(r)]; z !== s.endOf(r); z = s.next[z]) if (s.kind[z] === kind) c++;
    return c;
  }

  /**
   * Best position (and station) for a reset visit of the given kind in route r. Stations whose
   * route cost cannot go below `target` are skipped unevaluated: the cost is at least the route's
   * distance and fixed cost with the detour, as penalties are non-negative (exact pruning; the
   * profile of an E-VRPTW run spent a quarter of its time here).
   */
  private bestInsertion(r: number, kind: number, target = Infinity): { delta: number; after: number; loc: number } {
    const s = this.s;
    const ev = s.ev;
    const v = s.p.vehicles;
    const t = s.rType[r];
    const dist = s.p.distance;
    const n = s.n;
    const prune = kind === 2 && !s.p.flags.durationCost && target < Infinity;
    const dc = v.distanceCost[t];
    const routeBase = s.rSize[r] > 0 ? s.rBase[r] : 0;
    let best = { delta: Infinity, after: NONE, loc: -1 };
    // Probe with a free pool node, restored afterwards (no allocation, nothing linked).
    if (s.poolFreeCount === 0) return best;
    const tmp = s.poolFree[s.poolFreeCount - 1];
    const oldKind = s.kind[tmp];
    const oldLoc = s.loc[tmp];
    s.kind[tmp] = kind;
    for (let w = s.startOf(r); w !== s.endOf(r); w = s.next[w]) {
      const nw = s.next[w];
      // Reloads go to the type's reload depot; stations: the few with the least detour.
      const base = kind === 1 ? -1 : this.stationsFor(s.loc[w], s.loc[nw]);
      for (let i = 0; i < (kind === 1 ? 1 : STATIONS_PER_ARC); i++) {
        const loc = kind === 1 ? v.reloadDepot[t] : this.stationCand[base + i];
        if (loc < 0 || loc === s.loc[w] || loc === s.loc[nw]) continue;
        if (prune) {
          const a = s.loc[w];
          const b = s.loc[nw];
          const detour = dist[a * n + loc] + dist[loc * n + b] - dist[a * n + b];
          // Candidates come by increasing detour: the rest of the arc's cannot do better.
          if (routeBase + dc * detour > target + 1e-6) break;
        }
        s.loc[tmp] = loc;
        const c = ev.beginPrefix(w).addNode(tmp).addSuffix(nw).finish() - s.rCost[r];
        if (c < best.delta) best = { delta: c, after: w, loc };
      }
    }
    s.kind[tmp] = oldKind;
    s.loc[tmp] = oldLoc;
    return best;
  }
}
