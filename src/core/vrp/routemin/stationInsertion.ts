/**
 * Station-aware insertion for the route minimiser on E-VRPTW: a client goes between two visits
 * directly or, when the energy runs short, together with a visit to the station with the least
 * detour on the arc before or after it (Schneider, Stenger & Goeke 2014, §4.3 insert a station on
 * the arc where the range is exceeded; here only the two arcs the insertion creates are tried).
 * Every candidate is evaluated exactly by concatenation (RouteEval).
 */
import type { Rng } from '../../util/rng.ts';
import type { SearchState } from '../search/SearchState.ts';
import { NONE } from '../search/SearchState.ts';

/** Station with the least detour on arc (a, b) of location ids, cached; −1 if none. */
export class LeastDetourStation {
  private readonly s: SearchState;
  private readonly cache: Int32Array;

  constructor(s: SearchState) {
    this.s = s;
    this.cache = new Int32Array(s.n * s.n).fill(-2);
  }

  get(a: number, b: number): number {
    const p = this.s.p;
    const n = this.s.n;
    const i = a * n + b;
    if (this.cache[i] !== -2) return this.cache[i];
    let best = -1;
    let bestC = Infinity;
    for (let st = p.numDepots + p.numClients; st < p.numLocations; st++) {
      if (st === a || st === b) continue;
      const c = p.distance[a * n + st] + p.distance[st * n + b];
      if (c < bestC) {
        bestC = c;
        best = st;
      }
    }
    return (this.cache[i] = best);
  }
}

export class StationInsertion {
  private readonly s: SearchState;
  private readonly rng: Rng;
  readonly stations: LeastDetourStation;

  constructor(s: SearchState, rng: Rng) {
    this.s = s;
    this.rng = rng;
    this.stations = new LeastDetourStation(s);
  }

  /**
   * Insert unrouted client v: `feasibleOnly` picks a random feasible option (Nagata & Bräysy's
   * insertion, reservoir sampling) and fails if there is none; otherwise the least penalised one.
   */
  insert(v: number, feasibleOnly: boolean): boolean {
    const s = this.s;
    const ev = s.ev;
    const tmp = s.poolFreeCount > 0 ? s.poolFree[s.poolFreeCount - 1] : NONE;
    const oldLoc = tmp === NONE ? 0 : s.loc[tmp];
    const oldKind = tmp === NONE ? 0 : s.kind[tmp];
    if (tmp !== NONE) s.kind[tmp] = 2;
    let chosen = NONE;
    let side = 0;
    let stLoc = -1;
    let seen = 0;
    let bestCost = Infinity;
    for (let r = 0; r < s.numRoutes; r++) {
      if (s.rSize[r] === 0) continue;
      for (let w = s.startOf(r); w !== s.endOf(r); w = s.next[w]) {
        const nw = s.next[w];
        // side 0: direct; 1: station before v; 2: station after v (only if direct is infeasible).
        for (let k = 0; k < 3; k++) {
          let c: number;
          let f = -1;
          if (k === 0) c = ev.joinVia(w, v, nw) - s.rCost[r];
          else {
            if (tmp === NONE) break;
            f = k === 1 ? this.stations.get(s.loc[w], v) : this.stations.get(v, s.loc[nw]);
            if (f < 0) continue;
            s.loc[tmp] = f;
            ev.beginPrefix(w);
            if (k === 1) ev.addNode(tmp).addNode(v);
            else ev.addNode(v).addNode(tmp);
            c = ev.addSuffix(nw).finish() - s.rCost[r];
          }
          const ok = ev.feasible();
          if (feasibleOnly) {
            if (ok && this.rng.int(++seen) === 0) {
              chosen = w;
              side = k;
              stLoc = f;
            }
          } else if (c < bestCost) {
            bestCost = c;
            chosen = w;
            side = k;
            stLoc = f;
          }
          if (k === 0 && ok) break;
        }
      }
    }
    if (tmp !== NONE) {
      s.loc[tmp] = oldLoc;
      s.kind[tmp] = oldKind;
    }
    if (chosen === NONE) return false;
    const r = s.routeOf[chosen];
    s.linkAfter(v, chosen, r);
    if (side > 0) {
      const node = s.nodeForLocation(stLoc);
      s.linkAfter(node, side === 1 ? chosen : v, r);
    }
    s.moves++;
    s.updateRoute(r);
    return true;
  }
}
