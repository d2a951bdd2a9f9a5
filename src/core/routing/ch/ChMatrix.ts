import type { ContractionHierarchy } from './ContractionHierarchy.ts';
import { SearchSide } from './SearchSide.ts';
import { relax, stalled } from './ChQuery.ts';

/** A sources × targets matrix, row-major: entry (i, j) at i * targets + j. Infinity where unreachable. */
export interface TravelMatrix {
  readonly sources: number;
  readonly targets: number;
  /** Travel time, ms (exact integers). */
  readonly timeMs: Float64Array;
  /** Length of the time-optimal path, mm (exact integers). */
  readonly lengthMm: Float64Array;
}

/**
 * Many-to-many travel times and distances with buckets (Knopp, Sanders, Schultes, Schulz, Wagner
 * 2007, "Computing Many-to-Many Shortest Paths Using Highway Hierarchies", applied to CH as in
 * Geisberger et al. 2008, section 5): one backward upward search per target leaves (target, cost)
 * entries in a bucket at every node it settles; one forward upward search per source then scans
 * the buckets of the nodes it settles, and every meeting is a candidate for that (source,
 * target) cell. Both searches stall on demand. Buckets are laid out as CSR by counting sort, so
 * the scans read contiguous typed arrays. Scratch is reused across calls.
 */
export class ChMatrix {
  readonly ch: ContractionHierarchy;
  private readonly side: SearchSide;
  private readonly visited: Int32Array;
  private gen = 0;
  private entryNode = new Uint32Array(1024);
  private entryTarget = new Uint32Array(1024);
  private entryTime = new Float64Array(1024);
  private entryLen = new Float64Array(1024);
  private readonly bucketFirst: Uint32Array;
  private bTarget = new Uint32Array(1024);
  private bTime = new Float64Array(1024);
  private bLen = new Float64Array(1024);

  constructor(ch: ContractionHierarchy) {
    this.ch = ch;
    this.side = new SearchSide(ch.nodeCount);
    this.visited = new Int32Array(ch.nodeCount);
    this.bucketFirst = new Uint32Array(ch.nodeCount + 1);
  }

  /**
   * Costs from every source to every target (graph node ids). Pass `into` to reuse the output
   * arrays (they must have sources.length * targets.length entries).
   */
  compute(sources: ArrayLike<number>, targets: ArrayLike<number>, into?: TravelMatrix): TravelMatrix {
    const ns = sources.length;
    const nt = targets.length;
    const n = this.ch.nodeCount;
    for (const [what, ids] of [['source', sources], ['target', targets]] as const) {
      for (let i = 0; i < ids.length; i++) if (!(ids[i] >= 0 && ids[i] < n)) throw new RangeError(`ChMatrix: ${what} ${i} is node ${ids[i]}, out of range (${n} nodes)`);
    }
    const out = into ?? { sources: ns, targets: nt, timeMs: new Float64Array(ns * nt), lengthMm: new Float64Array(ns * nt) };
    if (out.timeMs.length !== ns * nt || out.lengthMm.length !== ns * nt) throw new RangeError(`ChMatrix: output has ${out.timeMs.length} cells, expected ${ns * nt}`);
    out.timeMs.fill(Infinity);
    out.lengthMm.fill(Infinity);
    this.fillBuckets(targets);
    for (let i = 0; i < ns; i++) this.scanRow(this.ch.rankOf[sources[i]], i * nt, out.timeMs, out.lengthMm);
    return out;
  }

  /** Backward upward search from each target; its settled, unstalled nodes get bucket entries. */
  private fillBuckets(targets: ArrayLike<number>): void {
    const ch = this.ch;
    let m = 0;
    for (let j = 0; j < targets.length; j++) {
      const side = this.search(ch.rankOf[targets[j]], false);
      for (let i = 0; i < this.visitedCount; i++) {
        const v = this.visited[i];
        if (m === this.entryNode.length) this.growEntries();
        this.entryNode[m] = v;
        this.entryTarget[m] = j;
        this.entryTime[m] = side.time[v];
        this.entryLen[m] = side.len[v];
        m++;
      }
    }
    // Counting sort by node; stable, so each bucket lists targets in increasing order.
    const first = this.bucketFirst;
    first.fill(0);
    for (let k = 0; k < m; k++) first[this.entryNode[k] + 1]++;
    for (let v = 0; v < ch.nodeCount; v++) first[v + 1] += first[v];
    if (this.bTarget.length < m) {
      this.bTarget = new Uint32Array(m);
      this.bTime = new Float64Array(m);
      this.bLen = new Float64Array(m);
    }
    const fill = this.visited; // reuse as the per-node write cursor (only first n entries needed)
    for (let v = 0; v < ch.nodeCount; v++) fill[v] = first[v];
    for (let k = 0; k < m; k++) {
      const at = fill[this.entryNode[k]]++;
      this.bTarget[at] = this.entryTarget[k];
      this.bTime[at] = this.entryTime[k];
      this.bLen[at] = this.entryLen[k];
    }
  }

  /** Hot kernel: forward upward search from one source, scanning buckets into its row. */
  private scanRow(S: number, row: number, outT: Float64Array, outL: Float64Array): void {
    const side = this.search(S, true);
    const first = this.bucketFirst;
    const bTarget = this.bTarget;
    const bTime = this.bTime;
    const bLen = this.bLen;
    for (let i = 0; i < this.visitedCount; i++) {
      const v = this.visited[i];
      const dv = side.time[v];
      const lv = side.len[v];
      for (let k = first[v], e = first[v + 1]; k < e; k++) {
        const c = row + bTarget[k];
        const t = dv + bTime[k];
        if (t < outT[c] || (t === outT[c] && lv + bLen[k] < outL[c])) {
          outT[c] = t;
          outL[c] = lv + bLen[k];
        }
      }
    }
  }

  private visitedCount = 0;

  /** Full upward search (no target) with stall-on-demand; settled, unstalled nodes in visited[]. */
  private search(start: number, forward: boolean): SearchSide {
    const ch = this.ch;
    const side = this.side;
    this.gen = this.gen === 0xffffffff ? 1 : this.gen + 1;
    side.start(start, this.gen);
    let count = 0;
    while (side.minKey() !== Infinity) {
      const v = side.settle();
      const dv = side.time[v];
      const lv = side.len[v];
      if (forward) {
        if (stalled(side, v, dv, lv, ch.dnFirst, ch.dnHead, ch.dnTime, ch.dnLen)) continue;
        relax(side, v, dv, lv, ch.upFirst, ch.upHead, ch.upTime, ch.upLen);
      } else {
        if (stalled(side, v, dv, lv, ch.upFirst, ch.upHead, ch.upTime, ch.upLen)) continue;
        relax(side, v, dv, lv, ch.dnFirst, ch.dnHead, ch.dnTime, ch.dnLen);
      }
      this.visited[count++] = v;
    }
    this.visitedCount = count;
    return side;
  }

  private growEntries(): void {
    const k = this.entryNode.length * 2;
    const grow = <T extends Uint32Array | Float64Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.entryNode = grow(this.entryNode, new Uint32Array(k));
    this.entryTarget = grow(this.entryTarget, new Uint32Array(k));
    this.entryTime = grow(this.entryTime, new Float64Array(k));
    this.entryLen = grow(this.entryLen, new Float64Array(k));
  }
}
