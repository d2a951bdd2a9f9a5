/**
 * Route minimisation for the hierarchical objective (fewest vehicles first): the heuristic of
 * Nagata & Bräysy (2009, Operations Research Letters 37:333–338, Fig. 1). Repeatedly delete a
 * route and reinsert its customers from an ejection pool (EP, a stack): feasible insertion if any;
 * else "squeeze" (insert at the least-penalty position, then local search on the penalty, §3.2);
 * else raise the customer's penalty counter, eject up to k_max customers elsewhere with the least
 * penalty sum (§3.3, `ejection.ts`) and perturb the solution with random feasible moves (§3.4).
 * A deletion succeeds when the pool empties; on a stop it is undone.
 *
 * With charging stations (E-VRPTW) the three steps are station-aware: an insertion may bring the
 * least-detour station on either new arc (`stationInsertion.ts`), the squeeze also moves, adds and
 * drops station visits (`ResetVisits`) under the same high weights (range excess included), and
 * the ejection search carries the range and adds stations where it runs short (`stationEjection.ts`).
 */
import type { Rng } from '../../util/rng.ts';
import type { Neighbours } from '../search/neighbours.ts';
import { Penalties } from '../search/Penalties.ts';
import type { SearchState } from '../search/SearchState.ts';
import { NONE } from '../search/SearchState.ts';
import { relocateApply, relocateDelta } from '../operators/relocate.ts';
import { swapApply, swapDelta } from '../operators/swap.ts';
import { twoOptStarApply, twoOptStarDelta } from '../operators/twoOptStar.ts';
import { ResetVisits } from '../operators/resetVisits.ts';
import { EjectionSearch } from './ejection.ts';
import { StationEjectionSearch } from './stationEjection.ts';
import { StationInsertion } from './stationInsertion.ts';

export interface RouteMinParams {
  readonly kmax: number;
  /** Random feasible moves per perturbation (I_rand). */
  readonly perturbMoves: number;
}

export const defaultRouteMinParams: RouteMinParams = { kmax: 5, perturbMoves: 300 };

export class RouteMinimizer {
  private readonly s: SearchState;
  private readonly nbs: Neighbours;
  private readonly rng: Rng;
  private readonly params: RouteMinParams;
  private readonly ej: EjectionSearch;
  /** E-VRPTW: station-aware ejection, insertion and repair (null without stations). */
  private readonly sej: StationEjectionSearch | null;
  private readonly sins: StationInsertion | null;
  private readonly resets: ResetVisits | null;
  private readonly pcount: Int32Array;
  private readonly pool: number[] = [];
  /** Squeeze and perturbation weights: any excess outweighs any distance. */
  private readonly big: Penalties;
  /** Work counter (pool pops), for iteration-based budgets. */
  work = 0;

  constructor(s: SearchState, nbs: Neighbours, rng: Rng, params: RouteMinParams = defaultRouteMinParams) {
    this.s = s;
    this.nbs = nbs;
    this.rng = rng;
    this.params = params;
    this.ej = new EjectionSearch(s);
    const st = s.p.numStations > 0;
    this.sins = st ? new StationInsertion(s, rng) : null;
    this.sej = this.sins ? new StationEjectionSearch(s, this.sins.stations) : null;
    this.resets = st ? new ResetVisits(s) : null;
    this.pcount = new Int32Array(s.numNodes);
    const p = s.p;
    let maxArc = 1;
    for (let i = 0; i < p.distance.length; i++) if (p.distance[i] > maxArc) maxArc = p.distance[i];
    const big = 2 ** Math.ceil(Math.log2(maxArc * p.numLocations * 4));
    this.big = new Penalties(p.numDims);
    this.big.load.fill(big);
    this.big.time = big;
    this.big.distance = big;
  }

  /** Lower bound on the number of routes from capacity. */
  static capacityBound(s: SearchState): number {
    const p = s.p;
    const D = p.numDims;
    let m = 1;
    for (let k = 0; k < D; k++) {
      let total = 0;
      for (let c = p.numDepots; c < p.numDepots + p.numClients; c++) total += p.delivery[c * D + k];
      const cap = p.vehicles.capacity[s.rType[0] * D + k];
      if (cap > 0) m = Math.max(m, Math.ceil(total / cap));
    }
    return m;
  }

  usedRoutes(): number {
    let m = 0;
    for (let r = 0; r < this.s.numRoutes; r++) if (this.s.rSize[r] > 0) m++;
    return m;
  }

  /**
   * Try to remove one route from the (feasible) routes loaded in the state. Returns true on
   * success (the state then holds a feasible solution with one route less); false if `stop()`
   * fired first, in which case the state is restored.
   */
  deleteRoute(stop: () => boolean): boolean {
    const s = this.s;
    const snapshot = s.exportRoutes();
    s.penalties = this.big;
    const used: number[] = [];
    for (let r = 0; r < s.numRoutes; r++) if (s.rSize[r] > 0) used.push(r);
    const r = used[this.rng.int(used.length)];
    this.pool.length = 0;
    for (let x = s.next[s.startOf(r)]; x !== s.endOf(r); x = s.next[x]) this.pool.push(x);
    for (const x of this.pool) {
      if (s.isClient(x)) this.unroute(x);
      else {
        // A station visit of the deleted route goes back to the node pool, not the ejection pool.
        s.unlink(x);
        s.releaseNode(x);
      }
    }
    if (s.p.numStations > 0) this.pool.splice(0, this.pool.length, ...this.pool.filter((x) => s.isClient(x)));
    s.updateRoute(r);
    this.pcount.fill(1);
    while (this.pool.length > 0) {
      if (stop()) {
        s.load(snapshot, this.big);
        return false;
      }
      this.work++;
      const v = this.pool.pop()!;
      if (this.insertFeasible(v) || this.squeeze(v)) continue;
      this.pcount[v]++;
      if (this.sej) {
        if (!this.ejectWithStations(v)) this.pool.unshift(v);
        this.perturb();
        continue;
      }
      const e = this.ej.search(v, this.pcount, this.params.kmax, this.rng.int(s.numRoutes));
      if (e.route < 0) {
        // No ejection of at most k_max customers fits v (or the search budget ran out): retry v
        // later, after a perturbation has changed the routes.
        this.pool.unshift(v);
        this.perturb();
        continue;
      }
      for (let i = 0; i < e.count; i++) this.unroute(e.ejected[i]);
      s.linkAfter(v, e.after, e.route);
      s.moves++;
      s.updateRoute(e.route);
      for (let i = 0; i < e.count; i++) this.pool.push(e.ejected[i]);
      this.perturb();
    }
    return true;
  }

  /**
   * Station-aware ejection (`stationEjection.ts`): apply the best ejection with its added stations,
   * checked exactly by the route evaluation; false (state unchanged) if none fits v.
   */
  private ejectWithStations(v: number): boolean {
    const s = this.s;
    const e = this.sej!.search(v, this.pcount, this.params.kmax, this.rng.int(s.numRoutes));
    if (e.route < 0 || s.poolFreeCount < e.insCount) return false;
    const snapshot = s.exportRoutes();
    for (let i = 0; i < e.count; i++) this.unroute(e.ejected[i]);
    s.linkAfter(v, e.after, e.route);
    for (let i = 0; i < e.insCount; i++) {
      const node = s.nodeForLocation(e.insLoc[i]);
      s.linkAfter(node, s.prev[e.insBefore[i]], e.route);
    }
    s.moves++;
    s.updateRoute(e.route);
    if (!s.rFeasible[e.route]) {
      // The search's schedule is exact for full recharge; anything else is re-checked here.
      this.restore(snapshot);
      return false;
    }
    for (let i = 0; i < e.count; i++) this.pool.push(e.ejected[i]);
    return true;
  }

  private unroute(x: number): void {
    this.s.unlink(x);
    this.s.routeOf[x] = NONE;
  }

  /** Random feasible insertion of v (reservoir sampling over feasible positions). */
  private insertFeasible(v: number): boolean {
    const s = this.s;
    if (this.sins) return this.sins.insert(v, true);
    const ev = s.ev;
    let chosen = NONE;
    let seen = 0;
    for (let r = 0; r < s.numRoutes; r++) {
      if (s.rSize[r] === 0) continue;
      for (let w = s.startOf(r); w !== s.endOf(r); w = s.next[w]) {
        ev.joinVia(w, v, s.next[w]);
        if (!ev.feasible()) continue;
        if (this.rng.int(++seen) === 0) chosen = w;
      }
    }
    if (chosen === NONE) return false;
    const r = s.routeOf[chosen];
    s.linkAfter(v, chosen, r);
    s.moves++;
    s.updateRoute(r);
    return true;
  }

  /**
   * NB §3.2 squeeze: insert v at its least-penalty position, then best-improvement moves that
   * involve the clients of an infeasible route (relocate out, swap, 2-opt* with granular
   * neighbours) while the penalty decreases. Success iff the solution becomes feasible.
   */
  private squeeze(v: number): boolean {
    const s = this.s;
    const ev = s.ev;
    const snapshot = s.exportRoutes();
    if (this.sins) {
      if (!this.sins.insert(v, false)) return false;
      return this.repairLoop(snapshot);
    }
    let best = NONE;
    let bestCost = Infinity;
    for (let r = 0; r < s.numRoutes; r++) {
      if (s.rSize[r] === 0) continue;
      for (let w = s.startOf(r); w !== s.endOf(r); w = s.next[w]) {
        const c = ev.joinVia(w, v, s.next[w]) - s.rCost[r];
        if (c < bestCost) {
          bestCost = c;
          best = w;
        }
      }
    }
    if (best === NONE) return false;
    const r0 = s.routeOf[best];
    s.linkAfter(v, best, r0);
    s.moves++;
    s.updateRoute(r0);
    return this.repairLoop(snapshot);
  }

  /** Squeeze's local search on the penalty (with stations: reset-visit moves first); restores on failure. */
  private repairLoop(snapshot: Int32Array[]): boolean {
    const s = this.s;
    this.resets?.reset();
    for (let iter = 0; iter < 50; iter++) {
      let bad = -1;
      for (let r = 0; r < s.numRoutes && bad < 0; r++) if (s.rSize[r] > 0 && !s.rFeasible[r]) bad = r;
      if (bad < 0) return true;
      if (this.resets?.run()) continue;
      if (!this.bestPenaltyMove(bad)) break;
    }
    this.restore(snapshot);
    return false;
  }

  /** Apply the best improving move touching route r's clients; false if none improves. */
  private bestPenaltyMove(r: number): boolean {
    const s = this.s;
    const lo = s.p.numDepots;
    let best = 0;
    let op = -1;
    let bu = -1;
    let bv = -1;
    for (let u = s.next[s.startOf(r)]; u !== s.endOf(r); u = s.next[u]) {
      if (!s.isClient(u)) continue;
      for (let k = this.nbs.start[u - lo]; k < this.nbs.start[u - lo + 1]; k++) {
        const w = this.nbs.list[k];
        if (s.routeOf[w] < 0 || s.routeOf[w] === r) continue;
        for (let i = 0; i < 5; i++) {
          const c = i === 0 ? relocateDelta(s, u, 1, false, w) : i === 1 ? relocateDelta(s, u, 1, false, s.prev[w])
            : i === 2 ? swapDelta(s, u, 1, w, 1) : i === 3 ? twoOptStarDelta(s, u, w) : twoOptStarDelta(s, s.prev[u], s.prev[w]);
          if (c < best) {
            best = c;
            op = i;
            bu = u;
            bv = w;
          }
        }
      }
    }
    if (op < 0) return false;
    if (op === 0) relocateApply(s, bu, 1, false, bv);
    else if (op === 1) relocateApply(s, bu, 1, false, s.prev[bv]);
    else if (op === 2) swapApply(s, bu, 1, bv, 1);
    else if (op === 3) twoOptStarApply(s, bu, bv);
    else twoOptStarApply(s, s.prev[bu], s.prev[bv]);
    return true;
  }

  /** Reload routes keeping pool customers unrouted. */
  private restore(routes: Int32Array[]): void {
    this.s.load(routes, this.big);
  }

  /** NB §3.4: random moves that keep the solution feasible. */
  private perturb(): void {
    const s = this.s;
    const rng = this.rng;
    const lo = s.p.numDepots;
    const nc = s.p.numClients;
    const limit = this.big.time / 2;
    for (let i = 0; i < this.params.perturbMoves; i++) {
      const u = lo + rng.int(nc);
      if (s.routeOf[u] < 0) continue;
      const a = this.nbs.start[u - lo];
      const b = this.nbs.start[u - lo + 1];
      if (b === a) continue;
      const v = this.nbs.list[a + rng.int(b - a)];
      if (s.routeOf[v] < 0) continue;
      const op = rng.int(3);
      if (op === 0 && relocateDelta(s, u, 1, false, v, false) < limit) relocateApply(s, u, 1, false, v);
      else if (op === 1 && swapDelta(s, u, 1, v, 1, false) < limit) swapApply(s, u, 1, v, 1);
      else if (op === 2 && twoOptStarDelta(s, u, v, false) < limit) twoOptStarApply(s, u, v);
    }
  }
}
