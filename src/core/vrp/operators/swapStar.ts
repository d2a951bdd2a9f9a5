/**
 * SWAP* (Vidal 2022, "Hybrid genetic search for the CVRP: Open-source implementation and SWAP*
 * neighborhood", §4): exchange u ∈ U and v ∈ V without requiring in-place insertion: each is
 * reinserted at its best position in the other route. The three best insertion positions of every
 * client into every route are cached and refreshed only when the route changed (stamps), so one
 * route pair costs O(|U|·|V|) after preprocessing. With time windows the cached insertion and
 * removal costs include the time-warp penalty as PyVRP's `SwapStar` does, and the best candidate is
 * then evaluated exactly (all constraints) before it is applied. Relocations of u into V and of v
 * into U come for free from the same cache and are included.
 */
import type { SearchState } from '../search/SearchState.ts';
import { commit, d, NO_MOVE } from './moveUtil.ts';

export class SwapStar {
  private readonly s: SearchState;
  private readonly lo: number;
  private readonly nc: number;
  private readonly insCost: Float64Array;
  private readonly insPos: Int32Array;
  private readonly stamp: Int32Array;
  private readonly removal: Float64Array;
  private readonly hasTw: boolean;
  private readonly symmetric: boolean;
  /** Scratch: nodes, locations and arc lengths of one route for insertion preprocessing. */
  private readonly arcNode: Int32Array;
  private readonly arcLoc: Int32Array;
  private readonly arcLen: Float64Array;
  private arcCount = 0;
  private arcsOf = -1;
  private arcsVersion = -1;
  bestU = -1;
  bestV = -1;
  bestPosU = -1;
  bestPosV = -1;

  constructor(s: SearchState) {
    this.s = s;
    this.lo = s.p.numDepots;
    this.nc = s.p.numClients;
    const m = s.numRoutes * this.nc;
    this.insCost = new Float64Array(m * 3);
    this.insPos = new Int32Array(m * 3);
    this.stamp = new Int32Array(m).fill(-1);
    this.removal = new Float64Array(s.numNodes);
    this.hasTw = s.p.flags.timeWindows;
    this.symmetric = s.p.flags.symmetric;
    this.arcNode = new Int32Array(s.numNodes + 2);
    this.arcLoc = new Int32Array(s.numNodes + 2);
    this.arcLen = new Float64Array(s.numNodes + 2);
  }

  /** Forget cached insertions (new local-search run: routes and penalties changed). */
  reset(): void {
    this.stamp.fill(-1);
  }

  /** Cost change of inserting client u after w in route r (distance cost + time-warp penalty). */
  private insertCost(r: number, u: number, w: number): number {
    const s = this.s;
    const nw = s.next[w];
    let c = s.p.vehicles.distanceCost[s.rType[r]] * (d(s, w, u) + d(s, u, nw) - d(s, w, nw));
    if (this.hasTw) {
      s.ev.joinVia(w, u, nw);
      c += s.penalties.time * (s.ev.resTimeWarp - s.rTimeWarp[r]);
    }
    return c;
  }

  /** Removal costs of r1's clients (distance + time-warp change). */
  private preprocess(r1: number): void {
    const s = this.s;
    const dc = s.p.vehicles.distanceCost[s.rType[r1]];
    const dm = s.p.distance;
    const loc = s.loc;
    const next = s.next;
    const n = s.n;
    for (let u = next[s.startOf(r1)]; u !== s.endOf(r1); u = next[u]) {
      if (!s.isClient(u)) continue;
      const pu = s.prev[u];
      const nu = next[u];
      const lu = loc[u];
      let rem = dc * (dm[loc[pu] * n + loc[nu]] - dm[loc[pu] * n + lu] - dm[lu * n + loc[nu]]);
      if (this.hasTw) {
        s.ev.join(pu, nu);
        rem += s.penalties.time * (s.ev.resTimeWarp - s.rTimeWarp[r1]);
      }
      this.removal[u] = rem;
    }
  }

  /** Whether the cached best insertions of client u into route r are current. */
  private fresh(u: number, r: number): boolean {
    return this.stamp[r * this.nc + (u - this.lo)] >= this.s.rModified[r];
  }

  /**
   * The three best insertion positions of client u into route r2 (HGS-CVRP
   * `preprocessInsertions`), computed lazily: only for clients that pass the removal-cost filter
   * of some candidate swap, and cached until r2 changes.
   */
  private ensureInsertions(u: number, r2: number): void {
    const s = this.s;
    const key = r2 * this.nc + (u - this.lo);
    if (this.stamp[key] >= s.rModified[r2]) return;
    this.stamp[key] = s.moves;
    const b = key * 3;
    this.insCost[b] = this.insCost[b + 1] = this.insCost[b + 2] = Infinity;
    this.insPos[b] = this.insPos[b + 1] = this.insPos[b + 2] = -1;
    if (this.hasTw) {
      const end2 = s.endOf(r2);
      for (let w = s.startOf(r2); w !== end2; w = s.next[w]) this.addCandidate(b, this.insertCost(r2, u, w), w);
      return;
    }
    // Classic case: distance-only insertion costs over the route's arcs (prepared once per route).
    if (this.arcsOf !== r2 || this.arcsVersion !== s.rVersion[r2]) this.prepareArcs(r2);
    const dm = s.p.distance;
    const n = s.n;
    const dc2 = s.p.vehicles.distanceCost[s.rType[r2]];
    const m = this.arcCount;
    const lu = s.loc[u];
    const rowU = lu * n;
    const al = this.arcLoc;
    const aw = this.arcLen;
    const an = this.arcNode;
    if (this.symmetric) {
      for (let i = 0; i < m; i++) {
        const c = dc2 * (dm[rowU + al[i]] + dm[rowU + al[i + 1]] - aw[i]);
        if (c < this.insCost[b + 2]) this.addCandidate(b, c, an[i]);
      }
    } else {
      for (let i = 0; i < m; i++) {
        const c = dc2 * (dm[al[i] * n + lu] + dm[rowU + al[i + 1]] - aw[i]);
        if (c < this.insCost[b + 2]) this.addCandidate(b, c, an[i]);
      }
    }
  }

  /** Locations and arc lengths of route r in order (start depot .. end depot). */
  private prepareArcs(r: number): void {
    const s = this.s;
    const dm = s.p.distance;
    const n = s.n;
    let i = 0;
    for (let w = s.startOf(r); ; w = s.next[w]) {
      this.arcNode[i] = w;
      this.arcLoc[i] = s.loc[w];
      if (i > 0) this.arcLen[i - 1] = dm[this.arcLoc[i - 1] * n + this.arcLoc[i]];
      if (w === s.endOf(r)) break;
      i++;
    }
    this.arcCount = i;
    this.arcsOf = r;
    this.arcsVersion = s.rVersion[r];
  }

  private addCandidate(b: number, cost: number, w: number): void {
    const c = this.insCost;
    const p = this.insPos;
    if (cost >= c[b + 2]) return;
    if (cost >= c[b + 1]) {
      c[b + 2] = cost;
      p[b + 2] = w;
    } else if (cost >= c[b]) {
      c[b + 2] = c[b + 1];
      p[b + 2] = p[b + 1];
      c[b + 1] = cost;
      p[b + 1] = w;
    } else {
      c[b + 2] = c[b + 1];
      p[b + 2] = p[b + 1];
      c[b + 1] = c[b];
      p[b + 1] = p[b];
      c[b] = cost;
      p[b] = w;
    }
  }

  /** Best position to insert u into v's route once v is removed; cost in `this.lastCost`. */
  private lastCost = 0;
  private bestInsert(u: number, v: number): number {
    const s = this.s;
    const r = s.routeOf[v];
    const b = (r * this.nc + (u - this.lo)) * 3;
    let pos = -1;
    let cost = Infinity;
    for (let i = 0; i < 3; i++) {
      const w = this.insPos[b + i];
      if (w >= 0 && w !== v && s.next[w] !== v) {
        pos = w;
        cost = this.insCost[b + i];
        break;
      }
    }
    // In place of v.
    const pv = s.prev[v];
    const nv = s.next[v];
    const dm = s.p.distance;
    const n = s.n;
    const lpv = s.loc[pv] * n;
    const lu = s.loc[u];
    const inPlace = s.p.vehicles.distanceCost[s.rType[r]] * (dm[lpv + lu] + dm[lu * n + s.loc[nv]] - dm[lpv + s.loc[nv]]);
    if (pos < 0 || inPlace < cost) {
      pos = pv;
      cost = inPlace;
    }
    this.lastCost = cost;
    return pos;
  }

  private loadPenalty(r: number, add: number, remove: number): number {
    const s = this.s;
    const p = s.p;
    const D = s.numDims;
    const t = s.rType[r];
    let pen = 0;
    for (let k = 0; k < D; k++) {
      const cap = p.vehicles.capacity[t * D + k];
      const old = s.rLoad[r * D + k];
      let nw = old;
      if (add >= 0) nw += p.delivery[s.loc[add] * D + k];
      if (remove >= 0) nw -= p.delivery[s.loc[remove] * D + k];
      pen += s.penalties.load[k] * ((nw > cap ? nw - cap : 0) - (old > cap ? old - cap : 0));
    }
    return pen;
  }

  /** Exact delta of the best SWAP* (or relocation) between routes rU and rV; NO_MOVE if none improves. */
  evaluate(rU: number, rV: number): number {
    const s = this.s;
    this.preprocess(rU);
    this.preprocess(rV);
    let best = 0;
    this.bestU = this.bestV = this.bestPosU = this.bestPosV = -1;
    const pairs = s.p.flags.pairs;
    const role = s.p.pairRole;
    const oneDim = s.numDims === 1;
    // One dimension: load penalties inline from the two route loads.
    const del = s.p.delivery;
    const capU = s.p.vehicles.capacity[s.rType[rU] * s.numDims];
    const capV = s.p.vehicles.capacity[s.rType[rV] * s.numDims];
    const loadU = s.rLoad[rU * s.numDims];
    const loadV = s.rLoad[rV * s.numDims];
    const w = s.penalties.load[0];
    const oldPen = w * ((loadU > capU ? loadU - capU : 0) + (loadV > capV ? loadV - capV : 0));
    for (let u = s.next[s.startOf(rU)]; u !== s.endOf(rU); u = s.next[u]) {
      if (!s.isClient(u) || (pairs && role[u] !== 0)) continue;
      const remU = this.removal[u];
      for (let v = s.next[s.startOf(rV)]; v !== s.endOf(rV); v = s.next[v]) {
        if (!s.isClient(v) || (pairs && role[v] !== 0)) continue;
        let delta: number;
        if (oneDim) {
          const diff = del[v] - del[u];
          const nu = loadU + diff;
          const nv = loadV - diff;
          delta = w * ((nu > capU ? nu - capU : 0) + (nv > capV ? nv - capV : 0)) - oldPen + remU + this.removal[v];
        } else delta = this.loadPenalty(rU, v, u) + this.loadPenalty(rV, u, v) + remU + this.removal[v];
        if (delta >= 0) continue;
        this.ensureInsertions(u, rV);
        const posU = this.bestInsert(u, v);
        delta += this.lastCost;
        if (delta >= 0) continue;
        this.ensureInsertions(v, rU);
        const posV = this.bestInsert(v, u);
        delta += this.lastCost;
        if (delta < best) {
          best = delta;
          this.bestU = u;
          this.bestV = v;
          this.bestPosU = posU;
          this.bestPosV = posV;
        }
      }
    }
    this.relocations(rU, rV, best);
    if (this.bestU < 0 && this.bestV < 0) return NO_MOVE;
    return this.exactDelta(rU, rV);
  }

  private relocations(rU: number, rV: number, best: number): void {
    const s = this.s;
    for (const [from, to] of [[rU, rV], [rV, rU]]) {
      for (let u = s.next[s.startOf(from)]; u !== s.endOf(from); u = s.next[u]) {
        if (!s.isClient(u) || (s.p.flags.pairs && s.p.pairRole[u] !== 0)) continue;
        // Relocations come free only where the insertions are already known (lazy cache).
        if (!this.fresh(u, to)) continue;
        const b = (to * this.nc + (u - this.lo)) * 3;
        const w = this.insPos[b];
        if (w < 0) continue;
        const delta = this.removal[u] + this.insCost[b] + this.loadPenalty(from, -1, u) + this.loadPenalty(to, u, -1);
        if (delta < best) {
          best = delta;
          if (from === rU) [this.bestU, this.bestPosU, this.bestV, this.bestPosV] = [u, w, -1, -1];
          else [this.bestU, this.bestPosU, this.bestV, this.bestPosV] = [-1, -1, u, w];
        }
      }
    }
  }

  /** Cost of route r with `removed` taken out and `ins` inserted after `after` (a node of r). */
  private routeCost(r: number, removed: number, ins: number, after: number): number {
    const s = this.s;
    const ev = s.ev;
    if (ins < 0) return ev.join(s.prev[removed], s.next[removed]);
    if (removed < 0 || after === s.prev[removed]) return ev.joinVia(after, ins, removed < 0 ? s.next[after] : s.next[removed]);
    if (s.pos[after] < s.pos[removed]) {
      return ev.beginPrefix(after).addNode(ins).addRange(s.next[after], s.prev[removed]).addSuffix(s.next[removed]).finish();
    }
    return ev.beginPrefix(s.prev[removed]).addRange(s.next[removed], after).addNode(ins).addSuffix(s.next[after]).finish();
  }

  private exactDelta(rU: number, rV: number): number {
    const s = this.s;
    const costU = this.routeCost(rU, this.bestU, this.bestV, this.bestPosV);
    const costV = this.routeCost(rV, this.bestV, this.bestU, this.bestPosU);
    return costU + costV - s.rCost[rU] - s.rCost[rV];
  }

  apply(): void {
    const s = this.s;
    const rU = this.bestU >= 0 ? s.routeOf[this.bestU] : s.routeOf[this.bestPosV];
    const rV = this.bestV >= 0 ? s.routeOf[this.bestV] : s.routeOf[this.bestPosU];
    if (this.bestU >= 0) s.moveAfter(this.bestU, this.bestPosU);
    if (this.bestV >= 0) s.moveAfter(this.bestV, this.bestPosV);
    commit(s, rU, rV);
  }
}
