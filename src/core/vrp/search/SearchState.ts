/**
 * The solver's mutable working state (PyVRP `search/Solution.h`, HGS-CVRP `LocalSearch` nodes and
 * routes), kept apart from the `Solution` value it produces. Structure of arrays over node ids:
 *
 *   [0, numLocations)                    client nodes use their location index (others unused)
 *   [numLocations, numLocations + 2R)    route sentinels: start = L + 2r, end = L + 2r + 1
 *   [numLocations + 2R, numNodes)        a pool of "reset" visits: reloads (multi-trip) and
 *                                        charging-station visits, each given a location when used
 *
 * Each route keeps, per node, the forward state of the prefix up to and including the node, and
 * the concatenable segment of the suffix from the node to the last visit (end depot excluded, so a
 * suffix can be moved to a route with another end depot, as 2-opt* does). With them a move is
 * evaluated in O(1) by concatenation (Vidal et al. 2013, "A unified solution framework for
 * multi-attribute vehicle routing problems", §4 and 2014 "Time-window relaxations", §3.2).
 */
import type { ProblemData } from '../ProblemData.ts';
import { slotTypes } from '../ProblemData.ts';
import type { Penalties } from './Penalties.ts';
import { RouteEval } from './RouteEval.ts';
import { computeSuffixes } from './suffixes.ts';
import { repairPairs } from './repairPairs.ts';
import { updateRouteTw } from './updateRouteTw.ts';
import { StationSuffixes } from './stationSuffixes.ts';

export const NONE = -1;

export class SearchState {
  readonly p: ProblemData;
  readonly n: number;
  readonly numDims: number;
  readonly numRoutes: number;
  readonly numNodes: number;
  readonly firstSentinel: number;
  readonly firstPool: number;
  /** Node topology. */
  readonly next: Int32Array;
  readonly prev: Int32Array;
  readonly routeOf: Int32Array;
  readonly pos: Int32Array;
  readonly loc: Int32Array;
  /** 0 client/sentinel, 1 reload, 2 station (a reset visit restores range; a reload also empties the load). */
  readonly kind: Uint8Array;
  /** Prefix (forward) state per node, see RouteEval. */
  readonly pDist: Float64Array;
  readonly pDur: Float64Array;
  readonly pTw: Float64Array;
  readonly pEarly: Float64Array;
  readonly pLate: Float64Array;
  readonly pTrip: Float64Array;
  readonly pClosedRange: Float64Array;
  /** Partial recharge: a station in the prefix whose charge is still open (RouteEval re-walks such prefixes). */
  readonly pPend: Uint8Array;
  readonly pDel: Float64Array;
  readonly pPick: Float64Array;
  readonly pMax: Float64Array;
  readonly pClosed: Float64Array;
  /** Suffix segment per node (node .. last visit). Head = open trip before the first reset. */
  readonly sDist: Float64Array;
  readonly sDur: Float64Array;
  readonly sTw: Float64Array;
  readonly sEarly: Float64Array;
  readonly sLate: Float64Array;
  readonly sReset: Uint8Array;
  readonly sStation: Uint8Array;
  readonly sHeadTrip: Float64Array;
  readonly sTailTrip: Float64Array;
  readonly sClosedRange: Float64Array;
  readonly sHeadDel: Float64Array;
  readonly sHeadPick: Float64Array;
  readonly sHeadMax: Float64Array;
  readonly sTailDel: Float64Array;
  readonly sTailPick: Float64Array;
  readonly sTailMax: Float64Array;
  readonly sClosed: Float64Array;
  /** Prefix sum over arcs of d(b, a) − d(a, b): reversal cost of a range on asymmetric matrices. */
  readonly pRev: Float64Array;
  /** Open pickup-and-delivery pairs across the arc leaving the node (pickup seen, delivery not yet). */
  readonly openPairs: Int32Array;
  /** Per route. */
  readonly rType: Int32Array;
  readonly rSize: Int32Array;
  readonly rCost: Float64Array;
  /** Lower bound part of rCost that a move changes predictably: distance cost + fixed cost. */
  readonly rBase: Float64Array;
  readonly rDist: Float64Array;
  readonly rResets: Int32Array;
  readonly rTimeWarp: Float64Array;
  /** Peak load of the last trip per dimension (the whole route without reloads): R × numDims. */
  readonly rLoad: Float64Array;
  readonly rModified: Int32Array;
  /** Bumped on every update of the route (invalidates its cached sub-sequence segments). */
  readonly rVersion: Int32Array;
  readonly rFeasible: Uint8Array;
  /** Polar sector of the route's clients around its depot (for SWAP* route pairs), 16-bit angles. */
  readonly rSectorStart: Int32Array;
  readonly rSectorEnd: Int32Array;
  readonly rAngleSum: Float64Array;
  /** Polar angle of every location seen from each depot, computed on first use. */
  private readonly angles: (Int32Array | undefined)[] = [];
  /** Free reset-visit nodes. */
  readonly poolFree: Int32Array;
  poolFreeCount = 0;
  /**
   * Move counter, used as a clock for modification stamps (HGS-CVRP `whenLastModified`). Never
   * reset, so stamps from earlier runs are always older than any route update.
   */
  moves = 0;
  /**
   * Classic case (CVRP-like: deliveries only, no time, range, trips or distance limits): move
   * deltas are exact from distances and route loads alone, as in HGS-CVRP, without segment merges.
   */
  readonly simple: boolean;
  /** Time windows with deliveries only and single trips: lean route update (`updateRouteTw`). */
  readonly leanTw: boolean;
  /** Cached cost of route(u) without the chain of k clients starting at u: [(u * 3) + k − 1]. */
  readonly remCost: Float64Array;
  readonly remStamp: Int32Array;
  /** O(1) suffixes through stations (full recharge, no reloads); null otherwise. */
  readonly st: StationSuffixes | null;
  readonly ev: RouteEval;
  penalties!: Penalties;

  constructor(p: ProblemData, numRoutes = slotTypes(p).length) {
    this.p = p;
    this.n = p.numLocations;
    this.numDims = p.numDims;
    this.numRoutes = numRoutes;
    const types = slotTypes(p);
    let pool = 0;
    const f = p.flags;
    if (f.multiTrip) for (let r = 0; r < numRoutes; r++) pool += Math.min(p.vehicles.maxTrips[types[r]] - 1, 64);
    if (f.stations) pool += Math.max(2 * numRoutes, p.numClients);
    this.firstSentinel = this.n;
    this.firstPool = this.n + 2 * numRoutes;
    const N = (this.numNodes = this.firstPool + pool);
    const D = p.numDims;
    const i32 = () => new Int32Array(N);
    const f64 = (k = 1) => new Float64Array(N * k);
    this.next = i32();
    this.prev = i32();
    this.routeOf = i32().fill(NONE);
    this.pos = i32();
    this.loc = i32();
    this.kind = new Uint8Array(N);
    [this.pDist, this.pDur, this.pTw, this.pEarly, this.pLate, this.pTrip, this.pClosedRange] = [f64(), f64(), f64(), f64(), f64(), f64(), f64()];
    this.pPend = new Uint8Array(N);
    [this.pDel, this.pPick, this.pMax, this.pClosed] = [f64(D), f64(D), f64(D), f64(D)];
    [this.sDist, this.sDur, this.sTw, this.sEarly, this.sLate] = [f64(), f64(), f64(), f64(), f64()];
    this.sReset = new Uint8Array(N);
    this.sStation = new Uint8Array(N);
    [this.sHeadTrip, this.sTailTrip, this.sClosedRange] = [f64(), f64(), f64()];
    [this.sHeadDel, this.sHeadPick, this.sHeadMax] = [f64(D), f64(D), f64(D)];
    [this.sTailDel, this.sTailPick, this.sTailMax, this.sClosed] = [f64(D), f64(D), f64(D), f64(D)];
    this.openPairs = i32();
    this.pRev = f64();
    const R = numRoutes;
    this.rType = new Int32Array(R);
    for (let r = 0; r < R; r++) this.rType[r] = types[Math.min(r, types.length - 1)];
    [this.rSize, this.rResets, this.rModified] = [new Int32Array(R), new Int32Array(R), new Int32Array(R)];
    [this.rCost, this.rBase, this.rDist, this.rAngleSum] = [new Float64Array(R), new Float64Array(R), new Float64Array(R), new Float64Array(R)];
    this.rFeasible = new Uint8Array(R);
    this.rTimeWarp = new Float64Array(R);
    this.rVersion = new Int32Array(R);
    this.rLoad = new Float64Array(R * D);
    [this.rSectorStart, this.rSectorEnd] = [new Int32Array(R), new Int32Array(R)];
    for (let i = 0; i < this.n; i++) this.loc[i] = i;
    for (let r = 0; r < R; r++) {
      const t = this.rType[r];
      const s = this.startOf(r);
      const e = s + 1;
      this.loc[s] = p.vehicles.startDepot[t];
      this.loc[e] = p.vehicles.endDepot[t];
      this.routeOf[s] = this.routeOf[e] = r;
    }
    this.poolFree = new Int32Array(pool);
    this.simple = !f.timeWindows && !f.pickups && !f.multiTrip && !f.stations && !f.tripDistance && !f.maxDistance;
    this.leanTw = f.timeWindows && !f.pickups && !f.pairs && !f.multiTrip && !f.stations && !f.tripDistance;
    this.remCost = new Float64Array(N * 3);
    this.remStamp = new Int32Array(N * 3).fill(-1);
    this.st = f.stations && !f.partialRecharge && !f.multiTrip ? new StationSuffixes(N) : null;
    this.ev = new RouteEval(this);
  }

  startOf(r: number): number {
    return this.firstSentinel + 2 * r;
  }

  endOf(r: number): number {
    return this.firstSentinel + 2 * r + 1;
  }

  isSentinel(node: number): boolean {
    return node >= this.firstSentinel && node < this.firstPool;
  }

  isClient(node: number): boolean {
    return node < this.firstSentinel;
  }

  /** Empty every route and return all reset visits to the pool. */
  clear(): void {
    for (let r = 0; r < this.numRoutes; r++) {
      const s = this.startOf(r);
      this.next[s] = s + 1;
      this.prev[s + 1] = s;
      this.prev[s] = NONE;
      this.next[s + 1] = NONE;
    }
    this.routeOf.fill(NONE, 0, this.firstSentinel);
    this.routeOf.fill(NONE, this.firstPool);
    this.poolFreeCount = 0;
    for (let i = this.numNodes - 1; i >= this.firstPool; i--) this.poolFree[this.poolFreeCount++] = i;
  }

  /**
   * Load routes given as location lists (clients, depots for reloads, stations) into route slots,
   * then compute all route data. Reset visits beyond the pool are dropped.
   */
  load(routes: readonly ArrayLike<number>[], penalties: Penalties): void {
    this.penalties = penalties;
    this.clear();
    for (let r = 0; r < this.numRoutes; r++) {
      const visits = r < routes.length ? routes[r] : [];
      let last = this.startOf(r);
      for (let i = 0; i < visits.length; i++) {
        const node = this.nodeForLocation(visits[i]);
        if (node === NONE) continue;
        this.linkAfter(node, last, r);
        last = node;
      }
    }
    this.moves++;
    for (let r = 0; r < this.numRoutes; r++) this.updateRoute(r);
    // Split and crossover ignore pickup-and-delivery pairs; the operators keep them intact.
    if (this.p.flags.pairs) repairPairs(this);
  }

  /**
   * Route distance as a chain start → visits → end: rDist, or the direct depot-to-depot arc for an
   * empty route (whose cost is 0). Move deltas add arc changes to this.
   */
  chainDist(r: number): number {
    if (this.rSize[r] > 0) return this.rDist[r];
    return this.p.distance[this.loc[this.startOf(r)] * this.n + this.loc[this.endOf(r)]];
  }

  /** Penalty cost of route r's load (simple case) with per-dimension changes `delta`. */
  loadCost(r: number, delta: Float64Array): number {
    const D = this.numDims;
    const t = this.rType[r];
    const cap = this.p.vehicles.capacity;
    let c = 0;
    for (let k = 0; k < D; k++) {
      const ex = this.rLoad[r * D + k] + delta[k] - cap[t * D + k];
      if (ex > 0) c += this.penalties.load[k] * ex;
    }
    return c;
  }

  /** Cost of route(u) with the chain of k clients starting at u removed (cached per route version). */
  removalCost(u: number, k: number, c: number): number {
    const i = u * 3 + k - 1;
    const r = this.routeOf[u];
    if (this.remStamp[i] >= this.rModified[r]) return this.remCost[i];
    const v = this.ev.join(this.prev[u], this.next[c]);
    this.remCost[i] = v;
    this.remStamp[i] = this.moves;
    return v;
  }

  /** Client locations map to their own node; depot/station locations take a pool node. */
  nodeForLocation(l: number): number {
    const p = this.p;
    if (l >= p.numDepots && l < p.numDepots + p.numClients) return l;
    if (this.poolFreeCount === 0) return NONE;
    const node = this.poolFree[--this.poolFreeCount];
    this.loc[node] = l;
    this.kind[node] = l < p.numDepots ? 1 : 2;
    return node;
  }

  releaseNode(node: number): void {
    this.poolFree[this.poolFreeCount++] = node;
    this.routeOf[node] = NONE;
  }

  /** Insert an unlinked node after `after` in route r (no route data update). */
  linkAfter(node: number, after: number, r: number): void {
    const nx = this.next[after];
    this.next[after] = node;
    this.prev[node] = after;
    this.next[node] = nx;
    this.prev[nx] = node;
    this.routeOf[node] = r;
  }

  unlink(node: number): void {
    const a = this.prev[node];
    const b = this.next[node];
    this.next[a] = b;
    this.prev[b] = a;
  }

  /** Move node to just after `after` (any routes); route data is not updated. */
  moveAfter(node: number, after: number): void {
    this.unlink(node);
    this.linkAfter(node, after, this.routeOf[after]);
  }

  /** Swap the positions of two nodes (any routes, not adjacent-safe for a == prev[b] handled). */
  swapNodes(a: number, b: number): void {
    const pa = this.prev[a];
    const pb = this.prev[b];
    if (pb === a) {
      this.moveAfter(a, b);
      return;
    }
    if (pa === b) {
      this.moveAfter(b, a);
      return;
    }
    this.moveAfter(a, pb);
    this.moveAfter(b, pa);
  }

  /** Recompute positions, prefix states, suffix segments and the cost of route r. */
  updateRoute(r: number): void {
    if (this.simple && this.numDims === 1) {
      this.updateRouteSimple(r);
      return;
    }
    if (this.leanTw) {
      updateRouteTw(this, r);
      this.rModified[r] = this.moves;
      this.rVersion[r]++;
      return;
    }
    const ev = this.ev;
    const D = this.numDims;
    ev.beginRoute(this.rType[r]);
    const start = this.startOf(r);
    this.storePrefix(start, 0);
    let node = this.next[start];
    let pos = 1;
    let resets = 0;
    let open = 0;
    const pairs = this.p.flags.pairs;
    let ax = 0;
    let ay = 0;
    let rev = 0;
    const n = this.n;
    const dm = this.p.distance;
    this.pRev[start] = 0;
    while (node !== start + 1) {
      const a = this.loc[this.prev[node]];
      const b = this.loc[node];
      rev += dm[b * n + a] - dm[a * n + b];
      this.pRev[node] = rev;
      ev.addNode(node);
      this.routeOf[node] = r;
      this.storePrefix(node, pos++);
      if (this.kind[node] !== 0) resets++;
      else {
        const l = this.loc[node];
        ax += this.p.x[l];
        ay += this.p.y[l];
        if (pairs) open += this.p.pairRole[l] === 1 ? 1 : this.p.pairRole[l] === 2 ? -1 : 0;
      }
      this.openPairs[node] = open;
      node = this.next[node];
    }
    this.pos[start + 1] = pos;
    this.rSize[r] = pos - 1;
    this.rResets[r] = resets;
    this.rCost[r] = ev.finish();
    this.rBase[r] = ev.baseCost();
    this.rDist[r] = ev.resDist;
    this.rTimeWarp[r] = ev.resTimeWarp;
    for (let k = 0; k < D; k++) this.rLoad[r * D + k] = ev.max[k];
    this.rFeasible[r] = ev.feasible() ? 1 : 0;
    computeSuffixes(this, r, D);
    if (this.st) this.st.compute(this, r);
    this.rModified[r] = this.moves;
    this.rVersion[r]++;
    this.updateSector(r, ax, ay, pos - 1 - resets);
  }

  /**
   * Classic case (one dimension, deliveries only, no time): the same route data from plain prefix
   * and suffix sums of distance and load, without segment merges. Hot: runs twice per applied move.
   */
  private updateRouteSimple(r: number): void {
    const p = this.p;
    const t = this.rType[r];
    const v = p.vehicles;
    const n = this.n;
    const dm = p.distance;
    const del = p.delivery;
    const start = this.startOf(r);
    const end = start + 1;
    let last = this.loc[start];
    let dist = 0;
    let load = 0;
    let rev = 0;
    let ax = 0;
    let ay = 0;
    let pos = 1;
    this.pos[start] = 0;
    this.pDist[start] = this.pDel[start] = this.pMax[start] = this.pPick[start] = this.pRev[start] = 0;
    for (let node = this.next[start]; node !== end; node = this.next[node]) {
      const l = this.loc[node];
      dist += dm[last * n + l];
      rev += dm[l * n + last] - dm[last * n + l];
      load += del[l];
      this.routeOf[node] = r;
      this.pos[node] = pos++;
      this.pDist[node] = dist;
      this.pDel[node] = this.pMax[node] = load;
      this.pPick[node] = 0;
      this.pRev[node] = rev;
      ax += p.x[l];
      ay += p.y[l];
      last = l;
    }
    const size = pos - 1;
    this.pos[end] = pos;
    this.rSize[r] = size;
    this.rResets[r] = 0;
    // Suffixes (node .. last visit): distance and load.
    let sd = 0;
    let sl = 0;
    let after = -1;
    for (let node = this.prev[end]; node !== start; node = this.prev[node]) {
      const l = this.loc[node];
      if (after >= 0) sd += dm[l * n + after];
      sl += del[l];
      this.sDist[node] = sd;
      this.sHeadDel[node] = this.sHeadMax[node] = sl;
      this.sHeadPick[node] = 0;
      this.sReset[node] = 0;
      this.sStation[node] = 0;
      after = l;
    }
    const total = size > 0 ? dist + dm[last * n + v.endDepot[t]] : 0;
    const base = size > 0 ? v.distanceCost[t] * total + v.fixedCost[t] : 0;
    const ex = load - v.capacity[t];
    this.rDist[r] = total;
    this.rBase[r] = base;
    this.rCost[r] = base + (ex > 0 ? this.penalties.load[0] * ex : 0);
    this.rTimeWarp[r] = 0;
    this.rLoad[r] = load;
    this.rFeasible[r] = ex > 0 ? 0 : 1;
    this.rModified[r] = this.moves;
    this.rVersion[r]++;
    this.updateSector(r, ax, ay, size);
  }

  private storePrefix(node: number, pos: number): void {
    const ev = this.ev;
    this.pos[node] = pos;
    this.pDist[node] = ev.dist;
    this.pDur[node] = ev.dur;
    this.pTw[node] = ev.tw;
    this.pEarly[node] = ev.early;
    this.pLate[node] = ev.late;
    this.pTrip[node] = ev.trip;
    this.pClosedRange[node] = ev.closedRange;
    this.pPend[node] = ev.pend;
    const D = this.numDims;
    for (let k = 0; k < D; k++) {
      this.pDel[node * D + k] = ev.del[k];
      this.pPick[node * D + k] = ev.pick[k];
      this.pMax[node * D + k] = ev.max[k];
      this.pClosed[node * D + k] = ev.closed[k];
    }
  }

  /** Polar sector covering the route's clients, seen from the start depot (HGS-CVRP CircleSector). */
  updateSector(r: number, ax: number, ay: number, clients: number): void {
    const p = this.p;
    const d = p.vehicles.startDepot[this.rType[r]];
    if (clients === 0) {
      this.rAngleSum[r] = 1e30;
      return;
    }
    this.rAngleSum[r] = Math.atan2(ay / clients - p.y[d], ax / clients - p.x[d]);
    let first = true;
    let s = 0;
    let e = 0;
    let ang = this.angles[d];
    if (!ang) {
      ang = this.angles[d] = new Int32Array(this.n);
      for (let l = 0; l < this.n; l++) ang[l] = polarAngle(p.x[l] - p.x[d], p.y[l] - p.y[d]);
    }
    for (let node = this.next[this.startOf(r)]; node !== this.endOf(r); node = this.next[node]) {
      if (this.kind[node] !== 0) continue;
      const a = ang[node];
      if (first) {
        s = e = a;
        first = false;
      } else if (!sectorContains(s, e, a)) {
        if (((a - e) & 0xffff) <= ((s - a) & 0xffff)) e = a;
        else s = a;
      }
    }
    this.rSectorStart[r] = s;
    this.rSectorEnd[r] = e;
  }

  /** Total penalized cost of all routes. */
  totalCost(): number {
    let c = 0;
    for (let r = 0; r < this.numRoutes; r++) c += this.rCost[r];
    return c;
  }

  /** Routes as location lists (reset visits included), in slot order. */
  exportRoutes(): Int32Array[] {
    const out: Int32Array[] = [];
    for (let r = 0; r < this.numRoutes; r++) {
      const a = new Int32Array(this.rSize[r]);
      let i = 0;
      for (let node = this.next[this.startOf(r)]; node !== this.endOf(r); node = this.next[node]) a[i++] = this.loc[node];
      out.push(a);
    }
    return out;
  }
}

/** Angle in [0, 65536) (HGS-CVRP uses the same 16-bit circle so sector arithmetic wraps). */
export function polarAngle(dx: number, dy: number): number {
  return (32768 + Math.round((Math.atan2(dy, dx) * 32768) / Math.PI)) & 0xffff;
}

export function sectorContains(s: number, e: number, a: number): boolean {
  return ((a - s) & 0xffff) <= ((e - s) & 0xffff);
}

export function sectorsOverlap(s1: number, e1: number, s2: number, e2: number): boolean {
  return ((s2 - s1) & 0xffff) <= ((e1 - s1) & 0xffff) || ((s1 - s2) & 0xffff) <= ((e2 - s2) & 0xffff);
}
