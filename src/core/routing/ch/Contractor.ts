import type { RoadGraph } from '../../network/RoadGraph.ts';
import { MinHeap } from '../../util/heap.ts';
import { AdjacencyPool } from './AdjacencyPool.ts';

const MAX_WEIGHT = 0xffffffff;

/**
 * Node contraction on a dynamic graph (Geisberger et al. 2008, section 3): removing node v adds a
 * shortcut u→w for each in-neighbour u and out-neighbour w unless a witness path u⇝w that avoids
 * v is at least as good (lexicographically in (time, length)). Witness searches are local
 * Dijkstra searches bounded by the via-path cost and a settle limit (section 3.2); an incomplete
 * search only adds a superfluous shortcut, never loses a shortest path.
 *
 * The same routine simulates a contraction (to rate a node for the ordering: edge difference,
 * hop counts) or performs it. Hot loops index the pools' arrays afresh after every insert because
 * an insert may grow (reallocate) them.
 */
export class Contractor {
  readonly n: number;
  readonly out: AdjacencyPool;
  readonly in: AdjacencyPool;
  readonly contracted: Uint8Array;
  /** Filled by contract()/simulate(): shortcuts needed and the original edges they stand for. */
  added = 0;
  addedHops = 0;
  /** Work counters (for tuning and benchmarks). */
  witnessSearches = 0;
  witnessSettled = 0;
  /** Witness search scratch (generation-stamped, reused: no allocation per search). */
  /** Witness queue: (time, node) pairs with lazy deletion; stale pairs are skipped. */
  private readonly heap: MinHeap;
  private readonly done: Uint32Array;
  /** Edges a witness path may have (Geisberger et al. 2008, section 3.2: hop limits); 255 = none. */
  private hopLimit = 255;
  private readonly wHops: Uint8Array;
  private readonly wTime: Float64Array;
  private readonly wLen: Float64Array;
  private readonly wStamp: Uint32Array;
  private wGen = 0;
  private readonly tStamp: Uint32Array;
  private tGen = 0;

  constructor(g: RoadGraph) {
    const n = g.nodeCount;
    this.n = n;
    this.contracted = new Uint8Array(n);
    this.heap = new MinHeap(n, { lazy: true, slots: 256 });
    this.done = new Uint32Array(n);
    this.wHops = new Uint8Array(n);
    this.wTime = new Float64Array(n);
    this.wLen = new Float64Array(n);
    this.wStamp = new Uint32Array(n);
    this.tStamp = new Uint32Array(n);
    const outDeg = new Uint32Array(n);
    const inDeg = new Uint32Array(n);
    for (let e = 0; e < g.edgeCount; e++) {
      outDeg[g.source[e]]++;
      inDeg[g.target[e]]++;
    }
    this.out = new AdjacencyPool(n, 0);
    this.in = new AdjacencyPool(n, 0);
    this.out.reserve(outDeg);
    this.in.reserve(inDeg);
    for (let e = 0; e < g.edgeCount; e++) {
      const u = g.source[e];
      const v = g.target[e];
      if (u !== v) this.insert(u, v, g.timeMs[e], g.lengthMm[e], 1, e, -1);
    }
  }

  /** Add edge u→v, or improve an existing u→v if the new one is lexicographically better. */
  insert(u: number, v: number, time: number, len: number, hops: number, a: number, b: number): void {
    if (time > MAX_WEIGHT || len > MAX_WEIGHT) throw new Error(`ContractionHierarchy: shortcut weight overflows 32 bits (${time} ms, ${len} mm)`);
    const i = this.out.find(u, v);
    if (i < 0) {
      this.out.push(u, v, time, len, hops, a, b);
      this.in.push(v, u, time, len, hops, a, b);
      return;
    }
    const t0 = this.out.time[i];
    if (time < t0 || (time === t0 && len < this.out.len[i])) {
      this.out.set(i, time, len, hops, a, b);
      this.in.set(this.in.find(v, u), time, len, hops, a, b);
    }
  }

  /** Count the shortcuts contracting v would add (into added/addedHops), changing nothing. */
  simulate(v: number, settleLimit: number, hopLimit = 255): void {
    this.hopLimit = hopLimit;
    this.shortcuts(v, settleLimit, false);
  }

  /** Contract v: add its shortcuts, then remove it from its neighbours' lists (its own lists freeze). */
  contract(v: number, settleLimit: number, hopLimit = 255): void {
    this.hopLimit = hopLimit;
    this.shortcuts(v, settleLimit, true);
    const { out, in: inp } = this;
    for (let i = inp.start[v], e = i + inp.count[v]; i < e; i++) out.remove(inp.nbr[i], v);
    for (let j = out.start[v], e = j + out.count[v]; j < e; j++) inp.remove(out.nbr[j], v);
    this.contracted[v] = 1;
  }

  private shortcuts(v: number, settleLimit: number, apply: boolean): void {
    this.added = 0;
    this.addedHops = 0;
    const inp = this.in;
    const out = this.out;
    const is = inp.start[v];
    const ie = is + inp.count[v];
    const os = out.start[v];
    const oe = os + out.count[v];
    if (is === ie || os === oe) return;
    for (let i = is; i < ie; i++) {
      const u = inp.nbr[i];
      const t1 = inp.time[i];
      const l1 = inp.len[i];
      let maxT = 0;
      let targets = 0;
      this.tGen++;
      for (let j = os; j < oe; j++) {
        const w = out.nbr[j];
        if (w === u) continue;
        if (t1 + out.time[j] > maxT) maxT = t1 + out.time[j];
        this.tStamp[w] = this.tGen;
        targets++;
      }
      if (targets === 0) continue;
      this.witnessSearch(u, v, maxT, targets, settleLimit);
      for (let j = os; j < oe; j++) {
        const w = out.nbr[j];
        if (w === u) continue;
        const t = t1 + out.time[j];
        const l = l1 + out.len[j];
        if (this.wStamp[w] === this.wGen && (this.wTime[w] < t || (this.wTime[w] === t && this.wLen[w] <= l))) continue;
        const hops = inp.hops[i] + out.hops[j];
        this.added++;
        this.addedHops += hops;
        if (apply) this.insert(u, w, t, l, hops, i, j);
      }
    }
  }

  /**
   * Hot kernel: Dijkstra from u over the remaining graph without v, keyed by time with length as
   * the tie-break, until every target is settled, the cost passes maxT, or settleLimit nodes are
   * settled. Labels left in wTime/wLen (stamped wGen) are costs of real paths, settled or not.
   */
  private witnessSearch(u: number, v: number, maxT: number, targets: number, settleLimit: number): void {
    const wTime = this.wTime;
    const wLen = this.wLen;
    const wStamp = this.wStamp;
    const done = this.done;
    const tStamp = this.tStamp;
    const tGen = this.tGen;
    const out = this.out;
    const start = out.start;
    const count = out.count;
    const nbr = out.nbr;
    const time = out.time;
    const len = out.len;
    const gen = ++this.wGen;
    wStamp[u] = gen;
    wTime[u] = 0;
    wLen[u] = 0;
    const wHops = this.wHops;
    const hopLimit = this.hopLimit;
    wHops[u] = 0;
    const heap = this.heap;
    heap.clear();
    heap.push(u, 0);
    let settled = 0;
    this.witnessSearches++;
    while (heap.size > 0) {
      const dx = heap.peekKey();
      const x = heap.pop();
      if (done[x] === gen || dx !== wTime[x]) continue; // stale duplicate
      done[x] = gen;
      if (dx > maxT) break;
      if (tStamp[x] === tGen && --targets === 0) break;
      if (++settled > settleLimit) break;
      this.witnessSettled++;
      const lx = wLen[x];
      const hy = wHops[x] + 1;
      if (hy > hopLimit) continue;
      for (let k = start[x], e = k + count[x]; k < e; k++) {
        const y = nbr[k];
        if (y === v) continue;
        const dy = dx + time[k];
        if (dy > maxT) continue;
        const ly = lx + len[k];
        if (wStamp[y] !== gen) {
          wStamp[y] = gen;
          wTime[y] = dy;
          wLen[y] = ly;
          wHops[y] = hy;
          heap.push(y, dy);
        } else if (dy < wTime[y] || (dy === wTime[y] && ly < wLen[y])) {
          if (dy < wTime[y]) heap.push(y, dy);
          wTime[y] = dy;
          wLen[y] = ly;
          wHops[y] = hy;
        }
      }
    }
  }
}
