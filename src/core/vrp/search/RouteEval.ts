/**
 * Route evaluation by concatenation: a forward state that grows by single nodes (`addNode`), by a
 * stored suffix segment (`addSuffix`, O(1)), or by a walked range, then `finish()` closes it at the
 * end depot and returns the penalized cost. One shared instance, plain numeric fields: no
 * allocation per move (DESIGN.md, "no allocation in hot loops").
 *
 * Time: duration segments of Vidal et al. (2013, §4.1; PyVRP `DurationSegment`): duration, time
 * warp and the window [early, late] of feasible start times; time warp is the relaxation of
 * lateness (Nagata et al. 2010) that keeps O(1) merges. Load: PyVRP `LoadSegment` (delivery,
 * pickup, max load) per dimension, with trips closed at reloads (multi-trip). Range: distance since
 * the last reset (reload or charging station) against the per-trip budget. A station's charging
 * time depends on the range used on arrival, so suffixes containing stations are walked instead of
 * merged (E-VRPTW routes are short; everything else stays O(1)).
 *
 * Partial recharge (Keskin & Çatay 2016, EVRPTW-PR): a station's charge depends on the rest of
 * the route, so from the first station on the visits are recorded (times are not merged) and
 * finish() lets `PartialCharge` choose the charges over the recorded tail. Stored prefixes hold no
 * tail, so a prefix containing a station is re-walked from the route start, and suffixes
 * containing stations are walked: moves on routes with stations are evaluated exactly in
 * O(route length), everything else stays O(1).
 */
import type { ProblemData } from '../ProblemData.ts';
import { chargeTime } from '../ProblemData.ts';
import { PartialCharge } from './PartialCharge.ts';
import type { SearchState } from './SearchState.ts';
import { BetweenCache } from './BetweenCache.ts';

export class RouteEval {
  private readonly s: SearchState;
  private readonly p: ProblemData;
  private readonly n: number;
  private readonly D: number;
  private readonly distM: Int32Array;
  private readonly durM: Int32Array;
  private readonly hasTw: boolean;
  private readonly hasRange: boolean;
  /** No range or trips: join/joinVia run fused into locals (one dimension inline, more in a loop). */
  private readonly fast: boolean;
  /** Cached sub-sequence segments for intra-route ranges (time windows, deliveries only). */
  private readonly between: BetweenCache | null;
  /** Scratch load state for fused evaluation with several dimensions. */
  private readonly fMax: Float64Array;
  private readonly fPick: Float64Array;
  /** compat[tA * T + tB]: suffix segments of type A routes (with resets) are exact in type B routes. */
  private readonly compat: Uint8Array;
  /** chargeCompat[tA * T + tB]: type A's station suffixes (stationSuffixes.ts) are exact in type B routes. */
  private readonly chargeCompat: Uint8Array;
  /** Start window (shift ∩ start-depot hours) and latest return (shift ∩ end-depot hours). */
  private readonly startEarly: Float64Array;
  private readonly startLate: Float64Array;
  private readonly endLate: Float64Array;
  private readonly partial: boolean;

  type = 0;
  last = 0;
  count = 0;
  dist = 0;
  dur = 0;
  tw = 0;
  early = 0;
  late = Infinity;
  trip = 0;
  closedRange = 0;
  readonly del: Float64Array;
  readonly pick: Float64Array;
  readonly max: Float64Array;
  readonly closed: Float64Array;
  /** Partial recharge: 1 once a station is visited (the visits from it on are recorded in `pc`). */
  pend = 0;
  private readonly pc: PartialCharge | null;

  /** Results of the last finish(). */
  resCost = 0;
  resDist = 0;
  resDur = 0;
  resTimeWarp = 0;
  resLoadExcess = 0;
  /** Per capacity dimension. */
  readonly resLoadExcessK: Float64Array;
  resRangeExcess = 0;
  resDistExcess = 0;
  resFixed = 0;

  constructor(s: SearchState) {
    this.s = s;
    const p = (this.p = s.p);
    this.n = p.numLocations;
    this.D = p.numDims;
    this.distM = p.distance;
    this.durM = p.duration;
    this.hasTw = p.flags.timeWindows;
    this.hasRange = p.flags.tripDistance || p.flags.stations;
    this.partial = p.flags.partialRecharge;
    this.pc = this.partial ? new PartialCharge(p, s.numNodes + 1) : null;
    this.fast = !this.hasRange && !p.flags.multiTrip;
    this.fMax = new Float64Array(p.numDims);
    this.between = this.hasTw && !p.flags.pickups && !this.hasRange && !p.flags.multiTrip ? new BetweenCache(s) : null;
    this.fPick = new Float64Array(p.numDims);
    this.del = new Float64Array(this.D);
    this.pick = new Float64Array(this.D);
    this.max = new Float64Array(this.D);
    this.closed = new Float64Array(this.D);
    this.resLoadExcessK = new Float64Array(this.D);
    const v = p.vehicles;
    const T = v.numTypes;
    this.compat = new Uint8Array(T * T);
    for (let a = 0; a < T; a++)
      for (let b = 0; b < T; b++) {
        let ok = v.maxTripDistance[a] === v.maxTripDistance[b] && v.reloadDuration[a] === v.reloadDuration[b] &&
          v.reloadDepot[a] === v.reloadDepot[b];
        for (let k = 0; k < this.D; k++) if (v.capacity[a * this.D + k] !== v.capacity[b * this.D + k]) ok = false;
        this.compat[a * T + b] = ok ? 1 : 0;
      }
    this.chargeCompat = new Uint8Array(T * T);
    for (let a = 0; a < T; a++)
      for (let b = 0; b < T; b++) this.chargeCompat[a * T + b] = a === b || (this.compat[a * T + b] && sameCharging(v, a, b)) ? 1 : 0;
    this.startEarly = new Float64Array(T);
    this.startLate = new Float64Array(T);
    this.endLate = new Float64Array(T);
    for (let t = 0; t < T; t++) {
      this.startEarly[t] = Math.max(v.twEarly[t], p.twEarly[v.startDepot[t]]);
      this.startLate[t] = Math.min(v.twLate[t], p.twLate[v.startDepot[t]]);
      this.endLate[t] = Math.min(v.twLate[t], p.twLate[v.endDepot[t]]);
    }
  }

  /** Start a route of vehicle type t at its start depot. */
  beginRoute(t: number): this {
    const v = this.p.vehicles;
    this.type = t;
    this.last = v.startDepot[t];
    this.count = 0;
    this.dist = this.dur = this.tw = this.trip = this.closedRange = 0;
    this.pend = 0;
    this.early = this.startEarly[t];
    this.late = this.startLate[t];
    this.del.fill(0);
    this.pick.fill(0);
    this.max.fill(0);
    this.closed.fill(0);
    return this;
  }

  /** Start from the stored prefix state of `node` (its route's type, up to and including node). */
  beginPrefix(node: number): this {
    const s = this.s;
    if (this.partial && s.pPend[node]) {
      // Exact re-walk (see the header): the stored prefix has no pending-station state.
      const r = s.routeOf[node];
      this.beginRoute(s.rType[r]);
      for (let x = s.next[s.startOf(r)]; ; x = s.next[x]) {
        this.addNode(x);
        if (x === node) break;
      }
      return this;
    }
    this.pend = 0;
    this.type = s.rType[s.routeOf[node]];
    this.last = s.loc[node];
    this.count = s.pos[node];
    this.dist = s.pDist[node];
    this.dur = s.pDur[node];
    this.tw = s.pTw[node];
    this.early = s.pEarly[node];
    this.late = s.pLate[node];
    this.trip = s.pTrip[node];
    this.closedRange = s.pClosedRange[node];
    const D = this.D;
    for (let k = 0; k < D; k++) {
      this.del[k] = s.pDel[node * D + k];
      this.pick[k] = s.pPick[node * D + k];
      this.max[k] = s.pMax[node * D + k];
      this.closed[k] = s.pClosed[node * D + k];
    }
    return this;
  }

  /** As beginPrefix, but evaluated for another vehicle type (exact only for reset-free prefixes). */
  withType(t: number): this {
    this.type = t;
    return this;
  }

  /** Merge a duration segment (duration, time warp, [early, late]) reached by an edge of edgeDur. */
  private mergeDs(edgeDur: number, dur2: number, tw2: number, early2: number, late2: number): void {
    const at = this.dur - this.tw + edgeDur;
    const wait = Math.max(early2 - at - this.late, 0);
    const warp = Math.max(this.early + at - late2, 0);
    const early = Math.max(early2 - at, this.early) - wait;
    const late = Math.min(late2 - at, this.late) + warp;
    this.dur += dur2 + edgeDur + wait;
    this.tw += tw2 + warp;
    this.early = early;
    this.late = late;
  }

  /** Append one node (client, reload or station visit). */
  addNode(node: number): this {
    return this.addVisit(this.s.loc[node], this.s.kind[node]);
  }

  /** Append a visit to location l: kind 0 client, 1 reload at a depot, 2 charging station. */
  addVisit(l: number, kind: number): this {
    const p = this.p;
    const idx = this.last * this.n + l;
    const e = this.distM[idx];
    this.dist += e;
    this.trip += e;
    const D = this.D;
    if (this.partial && (this.pend === 1 || kind === 2) && this.partialVisit(l, kind)) {
      this.count++;
      this.last = l;
      return this;
    }
    if (kind === 0) {
      if (this.hasTw) this.mergeDs(this.durM[idx], p.service[l], 0, p.twEarly[l], p.twLate[l]);
      for (let k = 0; k < D; k++) {
        const d = p.delivery[l * D + k];
        const q = p.pickup[l * D + k];
        const m1 = this.max[k] + d;
        const m2 = (d > q ? d : q) + this.pick[k];
        this.max[k] = m1 > m2 ? m1 : m2;
        this.del[k] += d;
        this.pick[k] += q;
      }
    } else {
      const t = this.type;
      const v = p.vehicles;
      const mt = v.maxTripDistance[t];
      const service = kind === 1 ? v.reloadDuration[t] : chargeTime(v, t, mt - this.trip, mt);
      if (this.hasTw) this.mergeDs(this.durM[idx], service, 0, p.twEarly[l], p.twLate[l]);
      if (this.trip > v.maxTripDistance[t]) this.closedRange += this.trip - v.maxTripDistance[t];
      this.trip = 0;
      if (kind === 1) {
        for (let k = 0; k < D; k++) {
          const ex = this.max[k] - v.capacity[t * D + k];
          if (ex > 0) this.closed[k] += ex;
          this.del[k] = this.pick[k] = this.max[k] = 0;
        }
      }
    }
    this.count++;
    this.last = l;
    return this;
  }

  /**
   * Partial-recharge visits from the first station on: recorded for finish(), with distance and
   * loads as usual; times and range are left to PartialCharge. Returns false for a reload's loads.
   */
  private partialVisit(l: number, kind: number): boolean {
    const p = this.p;
    const D = this.D;
    const pc = this.pc!;
    if (this.pend === 0) {
      this.pend = 1;
      pc.begin(this.dur, this.tw, this.early, this.late, this.last, this.trip - this.distM[this.last * this.n + l]);
    }
    pc.push(l, kind);
    if (kind === 1) {
      const v = p.vehicles;
      for (let k = 0; k < D; k++) {
        const ex = this.max[k] - v.capacity[this.type * D + k];
        if (ex > 0) this.closed[k] += ex;
        this.del[k] = this.pick[k] = this.max[k] = 0;
      }
      return true;
    }
    if (kind === 2) return true;
    for (let k = 0; k < D; k++) {
      const d = p.delivery[l * D + k];
      const q = p.pickup[l * D + k];
      const m1 = this.max[k] + d;
      const m2 = (d > q ? d : q) + this.pick[k];
      this.max[k] = m1 > m2 ? m1 : m2;
      this.del[k] += d;
      this.pick[k] += q;
    }
    return true;
  }

  /** Append the suffix of `node`'s route from node to its last visit (nothing for an end sentinel). */
  addSuffix(node: number): this {
    const s = this.s;
    const r = s.routeOf[node];
    const end = s.endOf(r);
    if (node === end) return this;
    if (s.sStation[node] && s.st && this.pend === 0 && this.chargeCompat[s.rType[r] * this.p.vehicles.numTypes + this.type]) return this.addStationSuffix(node, end);
    if (s.sStation[node] || this.pend === 1 || (s.sReset[node] && !this.compat[s.rType[r] * this.p.vehicles.numTypes + this.type])) {
      for (let x = node; x !== end; x = s.next[x]) this.addNode(x);
      return this;
    }
    const l = s.loc[node];
    const idx = this.last * this.n + l;
    const e = this.distM[idx];
    this.dist += e + s.sDist[node];
    const reset = s.sReset[node] === 1;
    if (this.hasRange) {
      const v = this.p.vehicles;
      if (!reset) this.trip += e + s.sHeadTrip[node];
      else {
        const ex = this.trip + e + s.sHeadTrip[node] - v.maxTripDistance[this.type];
        this.closedRange += (ex > 0 ? ex : 0) + s.sClosedRange[node];
        this.trip = s.sTailTrip[node];
      }
    }
    const D = this.D;
    for (let k = 0; k < D; k++) {
      const i = node * D + k;
      const m1 = this.max[k] + s.sHeadDel[i];
      const m2 = s.sHeadMax[i] + this.pick[k];
      const m = m1 > m2 ? m1 : m2;
      if (!reset) {
        this.max[k] = m;
        this.del[k] += s.sHeadDel[i];
        this.pick[k] += s.sHeadPick[i];
      } else {
        const ex = m - this.p.vehicles.capacity[this.type * D + k];
        this.closed[k] += (ex > 0 ? ex : 0) + s.sClosed[i];
        this.max[k] = s.sTailMax[i];
        this.del[k] = s.sTailDel[i];
        this.pick[k] = s.sTailPick[i];
      }
    }
    if (this.hasTw) this.mergeDs(this.durM[idx], s.sDur[node], s.sTw[node], s.sEarly[node], s.sLate[node]);
    this.count += s.rSize[r] - s.pos[node] + 1;
    this.last = s.loc[s.prev[end]];
    return this;
  }

  /**
   * addSuffix through stations under full recharge in O(1) (stationSuffixes.ts): the head up to
   * the first station, the station's charge for the range on arrival, then the fixed rest.
   */
  private addStationSuffix(node: number, end: number): this {
    const s = this.s;
    const st = s.st!;
    const p = this.p;
    const v = p.vehicles;
    const n = this.n;
    const f = st.first[node];
    const lf = s.loc[f];
    const idx = this.last * n + s.loc[node];
    const e = this.distM[idx];
    this.dist += e + s.sDist[node];
    let edIn = this.durM[idx];
    if (node !== f) {
      if (this.hasTw) this.mergeDs(edIn, st.hDur[node], st.hTw[node], st.hEarly[node], st.hLate[node]);
      this.trip += e + st.hTrip[node];
      edIn = this.durM[s.loc[s.prev[f]] * n + lf];
    } else this.trip += e;
    const t = this.type;
    const mt = v.maxTripDistance[t];
    if (this.trip > mt) this.closedRange += this.trip - mt;
    if (this.hasTw) this.mergeDs(edIn, chargeTime(v, t, mt - this.trip, mt), 0, p.twEarly[lf], p.twLate[lf]);
    const nf = s.next[f];
    if (nf !== end) {
      if (this.hasTw) this.mergeDs(this.durM[lf * n + s.loc[nf]], st.aDur[f], st.aTw[f], st.aEarly[f], st.aLate[f]);
      this.closedRange += st.aClosed[f];
      this.trip = st.aTail[f];
    } else this.trip = 0;
    // Loads: stations do not reset them (reloads take the walked path).
    const D = this.D;
    for (let k = 0; k < D; k++) {
      const i = node * D + k;
      const m1 = this.max[k] + s.sHeadDel[i];
      const m2 = s.sHeadMax[i] + this.pick[k];
      this.max[k] = m1 > m2 ? m1 : m2;
      this.del[k] += s.sHeadDel[i];
      this.pick[k] += s.sHeadPick[i];
    }
    const r = s.routeOf[node];
    this.count += s.rSize[r] - s.pos[node] + 1;
    this.last = s.loc[s.prev[end]];
    return this;
  }

  /** Append nodes a .. b following `next` (both in the same route, a before b). */
  addRange(a: number, b: number): this {
    const s = this.s;
    if (this.between && s.pos[b] - s.pos[a] >= 2) return this.addCachedRange(a, b);
    for (let x = a; ; x = s.next[x]) {
      this.addNode(x);
      if (x === b) break;
    }
    return this;
  }

  /** addRange in O(1) amortised from the between-segment cache (deliveries only: loads are sums). */
  private addCachedRange(a: number, b: number): this {
    const s = this.s;
    const bc = this.between!;
    bc.get(s.routeOf[a], a, b);
    const la = s.loc[a];
    const idx = this.last * this.n + la;
    this.dist += this.distM[idx] + s.pDist[b] - s.pDist[a];
    this.mergeDs(this.durM[idx], bc.dur, bc.tw, bc.early, bc.late);
    const D = this.D;
    const pa = s.prev[a];
    for (let k = 0; k < D; k++) {
      const q = s.pDel[b * D + k] - s.pDel[pa * D + k];
      this.del[k] += q;
      this.max[k] += q;
    }
    this.count += s.pos[b] - s.pos[a] + 1;
    this.last = s.loc[b];
    return this;
  }

  /** Append nodes a .. b following `next`, leaving out x and y (pair moves). */
  addRangeSkipping(a: number, b: number, x: number, y: number): this {
    const s = this.s;
    for (let z = a; ; z = s.next[z]) {
      if (z !== x && z !== y) this.addNode(z);
      if (z === b) break;
    }
    return this;
  }

  /** Append the suffix from `node`, leaving out x and y if they are in it. */
  addSuffixSkipping(node: number, x: number, y: number): this {
    const s = this.s;
    const r = s.routeOf[node];
    if (s.routeOf[x] !== r && s.routeOf[y] !== r) return this.addSuffix(node);
    const end = s.endOf(r);
    for (let z = node; z !== end; z = s.next[z]) if (z !== x && z !== y) this.addNode(z);
    return this;
  }

  /** Append nodes b, prev[b], ..., a (a before b in the same route): the range reversed. */
  addRangeReversed(a: number, b: number): this {
    const s = this.s;
    for (let x = b; ; x = s.prev[x]) {
      this.addNode(x);
      if (x === a) break;
    }
    return this;
  }

  /**
   * Hot kernel: cost of prefix(a) ⊕ suffix(b) in a's route (b: a node of any route or an end
   * sentinel), i.e. beginPrefix(a).addSuffix(b).finish() fused into locals on the fast path.
   */
  join(a: number, b: number): number {
    if (!this.fast) return this.beginPrefix(a).addSuffix(b).finish();
    return this.fused(a, -1, b);
  }

  /** Cost of prefix(a) ⊕ client x ⊕ suffix(b) in a's route (fused on the fast path). */
  joinVia(a: number, x: number, b: number): number {
    if (!this.fast) return this.beginPrefix(a).addNode(x).addSuffix(b).finish();
    return this.fused(a, x, b);
  }

  private fused(a: number, x: number, b: number): number {
    const s = this.s;
    const p = this.p;
    const n = this.n;
    const dm = this.distM;
    const tm = this.durM;
    const hasTw = this.hasTw;
    const t = s.rType[s.routeOf[a]];
    let last = s.loc[a];
    let count = s.pos[a];
    let dist = s.pDist[a];
    let dur = s.pDur[a];
    let tw = s.pTw[a];
    let early = s.pEarly[a];
    let late = s.pLate[a];
    const D = this.D;
    let max = s.pMax[a * D];
    let pick = s.pPick[a * D];
    if (D > 1) this.fusedLoadStart(a);
    if (x >= 0) {
      const lx = s.loc[x];
      const idx = last * n + lx;
      dist += dm[idx];
      const d = p.delivery[lx * D];
      const q = p.pickup[lx * D];
      const m1 = max + d;
      const m2 = (d > q ? d : q) + pick;
      max = m1 > m2 ? m1 : m2;
      pick += q;
      if (D > 1) this.fusedLoadNode(lx);
      if (hasTw) {
        const at = dur - tw + tm[idx];
        const e2 = p.twEarly[lx];
        const l2 = p.twLate[lx];
        const wait = e2 - at - late > 0 ? e2 - at - late : 0;
        const warp = early + at - l2 > 0 ? early + at - l2 : 0;
        const ne = (e2 - at > early ? e2 - at : early) - wait;
        late = (l2 - at < late ? l2 - at : late) + warp;
        early = ne;
        dur += p.service[lx] + tm[idx] + wait;
        tw += warp;
      }
      last = lx;
      count++;
    }
    const rb = s.routeOf[b];
    const endB = s.endOf(rb);
    if (b !== endB) {
      const lb = s.loc[b];
      const idx = last * n + lb;
      dist += dm[idx] + s.sDist[b];
      const m1 = max + s.sHeadDel[b * D];
      const m2 = s.sHeadMax[b * D] + pick;
      max = m1 > m2 ? m1 : m2;
      if (D > 1) this.fusedLoadSuffix(b);
      if (hasTw) {
        const at = dur - tw + tm[idx];
        const e2 = s.sEarly[b];
        const l2 = s.sLate[b];
        const wait = e2 - at - late > 0 ? e2 - at - late : 0;
        const warp = early + at - l2 > 0 ? early + at - l2 : 0;
        const ne = (e2 - at > early ? e2 - at : early) - wait;
        late = (l2 - at < late ? l2 - at : late) + warp;
        early = ne;
        dur += s.sDur[b] + tm[idx] + wait;
        tw += s.sTw[b] + warp;
      }
      count += s.rSize[rb] - s.pos[b] + 1;
      last = s.loc[s.prev[endB]];
    }
    if (count === 0) {
      this.resCost = this.resDist = this.resDur = this.resTimeWarp = this.resLoadExcess = this.resDistExcess = 0;
      return 0;
    }
    const v = p.vehicles;
    const endLoc = v.endDepot[t];
    const idx = last * n + endLoc;
    dist += dm[idx];
    const pen = s.penalties;
    let cost = v.distanceCost[t] * dist + v.fixedCost[t];
    if (hasTw) {
      const at = dur - tw + tm[idx];
      const warp = early + at - this.endLate[t];
      if (warp > 0) tw += warp;
      dur += tm[idx];
      if (dur > v.maxDuration[t]) tw += dur - v.maxDuration[t];
      cost += v.durationCost[t] * dur + pen.time * tw;
    }
    const ex = max - v.capacity[t * D];
    let loadEx = ex > 0 ? ex : 0;
    cost += pen.load[0] * loadEx;
    this.resLoadExcessK[0] = loadEx;
    for (let k = 1; k < D; k++) {
      const e = this.fMax[k] - v.capacity[t * D + k];
      const ek = e > 0 ? e : 0;
      this.resLoadExcessK[k] = ek;
      cost += pen.load[k] * ek;
      loadEx += ek;
    }
    const distEx = dist > v.maxDistance[t] ? dist - v.maxDistance[t] : 0;
    cost += pen.distance * distEx;
    this.type = t;
    this.resDist = dist;
    this.resDur = dur;
    this.resTimeWarp = tw;
    this.resLoadExcess = loadEx;
    this.resRangeExcess = 0;
    this.resDistExcess = distEx;
    this.resFixed = v.fixedCost[t];
    this.resCost = cost;
    return cost;
  }

  /** Dimensions 1.. of the fused evaluation (dimension 0 stays in locals). */
  private fusedLoadStart(a: number): void {
    const s = this.s;
    const D = this.D;
    for (let k = 1; k < D; k++) {
      this.fMax[k] = s.pMax[a * D + k];
      this.fPick[k] = s.pPick[a * D + k];
    }
  }

  private fusedLoadNode(l: number): void {
    const p = this.p;
    const D = this.D;
    for (let k = 1; k < D; k++) {
      const d = p.delivery[l * D + k];
      const q = p.pickup[l * D + k];
      const m1 = this.fMax[k] + d;
      const m2 = (d > q ? d : q) + this.fPick[k];
      this.fMax[k] = m1 > m2 ? m1 : m2;
      this.fPick[k] += q;
    }
  }

  private fusedLoadSuffix(b: number): void {
    const s = this.s;
    const D = this.D;
    for (let k = 1; k < D; k++) {
      const m1 = this.fMax[k] + s.sHeadDel[b * D + k];
      const m2 = s.sHeadMax[b * D + k] + this.fPick[k];
      this.fMax[k] = m1 > m2 ? m1 : m2;
    }
  }

  /**
   * Close the route at the end depot of the current type and return its penalized cost. Does not
   * change the accumulated state. A route without visits costs nothing (vehicle unused).
   */
  finish(): number {
    if (this.count === 0) {
      this.resCost = this.resDist = this.resDur = this.resTimeWarp = 0;
      this.resLoadExcess = this.resRangeExcess = this.resDistExcess = this.resFixed = 0;
      this.resLoadExcessK.fill(0);
      return 0;
    }
    if (this.partial && this.pend === 1) return this.finishPending();
    const p = this.p;
    const v = p.vehicles;
    const t = this.type;
    const endLoc = v.endDepot[t];
    const idx = this.last * this.n + endLoc;
    const e = this.distM[idx];
    const dist = this.dist + e;
    const pen = this.s.penalties;
    let cost = v.distanceCost[t] * dist + v.fixedCost[t];
    this.resFixed = v.fixedCost[t];
    let dur = 0;
    let tw = 0;
    if (this.hasTw) {
      // Inline end-depot merge (non-mutating mergeDs with an end window (-inf, endLate]: no wait).
      const at = this.dur - this.tw + this.durM[idx];
      const warp = Math.max(this.early + at - this.endLate[t], 0);
      dur = this.dur + this.durM[idx];
      tw = this.tw + warp;
      if (dur > v.maxDuration[t]) tw += dur - v.maxDuration[t];
      cost += v.durationCost[t] * dur + pen.time * tw;
    }
    let loadEx = 0;
    const D = this.D;
    for (let k = 0; k < D; k++) {
      const ex = this.max[k] - v.capacity[t * D + k];
      const tot = this.closed[k] + (ex > 0 ? ex : 0);
      this.resLoadExcessK[k] = tot;
      loadEx += tot;
      cost += pen.load[k] * tot;
    }
    let rangeEx = 0;
    if (this.hasRange) {
      const ex = this.trip + e - v.maxTripDistance[t];
      rangeEx = this.closedRange + (ex > 0 ? ex : 0);
    }
    const distEx = dist > v.maxDistance[t] ? dist - v.maxDistance[t] : 0;
    cost += pen.distance * (rangeEx + distEx);
    this.resDist = dist;
    this.resDur = dur;
    this.resTimeWarp = tw;
    this.resLoadExcess = loadEx;
    this.resRangeExcess = rangeEx;
    this.resDistExcess = distEx;
    this.resCost = cost;
    return cost;
  }

  /**
   * finish() after a station under partial recharge: PartialCharge chooses the charges over the
   * recorded tail and gives the tail's duration segment and range excess; the common finish closes
   * the route with them, then the state is restored (finish does not change it).
   */
  private finishPending(): number {
    const pc = this.pc!;
    const t = this.type;
    const endLoc = this.p.vehicles.endDepot[t];
    pc.run(t, endLoc, this.endLate[t]);
    const dur = this.dur;
    const tw = this.tw;
    const early = this.early;
    const late = this.late;
    const trip = this.trip;
    const closed = this.closedRange;
    this.dur = pc.resDur;
    this.tw = pc.resTw;
    this.early = pc.resEarly;
    this.late = pc.resLate;
    this.closedRange += pc.resExcess;
    // The last leg's range is in resExcess: finish's own leg check must see an empty leg.
    this.trip = -this.distM[this.last * this.n + endLoc];
    this.pend = 0;
    const cost = this.finish();
    this.pend = 1;
    this.dur = dur;
    this.tw = tw;
    this.early = early;
    this.late = late;
    this.trip = trip;
    this.closedRange = closed;
    return cost;
  }

  /** Distance and fixed cost of the last finish(): the part of a route cost no penalty can lower. */
  baseCost(): number {
    return this.p.vehicles.distanceCost[this.type] * this.resDist + this.resFixed;
  }

  feasible(): boolean {
    return this.resTimeWarp === 0 && this.resLoadExcess === 0 && this.resRangeExcess === 0 && this.resDistExcess === 0;
  }
}

/** Same range and charging curve: charging times of one type are those of the other. */
function sameCharging(v: ProblemData['vehicles'], a: number, b: number): boolean {
  if (v.maxTripDistance[a] !== v.maxTripDistance[b] || v.chargeTimePerDistance[a] !== v.chargeTimePerDistance[b]) return false;
  const la = v.chargeCurveStart[a + 1] - v.chargeCurveStart[a];
  if (la !== v.chargeCurveStart[b + 1] - v.chargeCurveStart[b]) return false;
  for (let i = 0; i < la; i++) {
    const ia = v.chargeCurveStart[a] + i;
    const ib = v.chargeCurveStart[b] + i;
    if (v.chargeCurveLevel[ia] !== v.chargeCurveLevel[ib] || v.chargeCurveTime[ia] !== v.chargeCurveTime[ib]) return false;
  }
  return true;
}
