import { SearchSide } from './SearchSide.ts';
import type { ContractionHierarchy } from './ContractionHierarchy.ts';
import { unpackEdge } from './unpack.ts';

/**
 * Point-to-point queries on a contraction hierarchy: bidirectional Dijkstra, forward on the up
 * graph from the source and backward on the down graph from the target, with stall-on-demand
 * (Geisberger et al. 2008, section 4.1): a node reached suboptimally through a higher neighbour
 * is not expanded. The search stops when neither queue can beat the best meeting (strictly, so
 * an equally fast but shorter meeting is still found: costs are (time, length) lexicographic).
 *
 * One instance owns its scratch (generation-stamped): no allocation per query. Not re-entrant;
 * use one per thread of work.
 */
export class ChQuery {
  readonly ch: ContractionHierarchy;
  /** Length (mm) of the time-optimal path of the last query; Infinity if none. */
  lengthMm = Infinity;
  /** Nodes settled by the last query, both directions (for benchmarks). */
  settled = 0;
  private readonly fwd: SearchSide;
  private readonly bwd: SearchSide;
  private gen = 0;
  private readonly ups: number[] = [];
  private meet = -1;
  private source = -1;
  private target = -1;

  constructor(ch: ContractionHierarchy) {
    this.ch = ch;
    this.fwd = new SearchSide(ch.nodeCount);
    this.bwd = new SearchSide(ch.nodeCount);
  }

  /**
   * Shortest travel time (ms) from graph node s to graph node t, Infinity if t is unreachable;
   * the path's length is left in lengthMm and the path itself in pathEdges().
   */
  query(s: number, t: number): number {
    const ch = this.ch;
    if (!(s >= 0 && s < ch.nodeCount && t >= 0 && t < ch.nodeCount)) throw new RangeError(`ChQuery: node out of range (${s} → ${t}, ${ch.nodeCount} nodes)`);
    this.gen = this.gen === 0xffffffff ? 1 : this.gen + 1;
    this.source = ch.rankOf[s];
    this.target = ch.rankOf[t];
    this.settled = 0;
    this.fwd.start(this.source, this.gen);
    this.bwd.start(this.target, this.gen);
    return this.run();
  }

  /** Hot kernel: the alternating bidirectional search. */
  private run(): number {
    const ch = this.ch;
    const { fwd, bwd } = this;
    let bestT = Infinity;
    let bestL = Infinity;
    let meet = -1;
    for (;;) {
      const fMin = fwd.minKey();
      const bMin = bwd.minKey();
      if (fMin > bestT && bMin > bestT) break;
      if (fMin === Infinity && bMin === Infinity) break;
      this.settled++;
      const forward = fMin <= bMin;
      const side = forward ? fwd : bwd;
      const other = forward ? bwd : fwd;
      const v = side.settle();
      const dv = side.time[v];
      const lv = side.len[v];
      if (other.reached[v] === this.gen) {
        const t = dv + other.time[v];
        const l = lv + other.len[v];
        if (t < bestT || (t === bestT && l < bestL)) {
          bestT = t;
          bestL = l;
          meet = v;
        }
      }
      if (forward) {
        if (!stalled(side, v, dv, lv, ch.dnFirst, ch.dnHead, ch.dnTime, ch.dnLen)) relax(side, v, dv, lv, ch.upFirst, ch.upHead, ch.upTime, ch.upLen);
      } else if (!stalled(side, v, dv, lv, ch.upFirst, ch.upHead, ch.upTime, ch.upLen)) {
        relax(side, v, dv, lv, ch.dnFirst, ch.dnHead, ch.dnTime, ch.dnLen);
      }
    }
    this.meet = meet;
    this.lengthMm = bestL;
    return bestT;
  }

  /**
   * Original RoadGraph edge ids of the last query's path, in driving order (empty if the target
   * was unreachable or equal to the source).
   */
  pathEdges(out: number[] = []): number[] {
    out.length = 0;
    if (this.meet < 0) return out;
    const ch = this.ch;
    const { fwd, bwd } = this;
    // Forward half: collect up-edges from the meeting node back to the source, then unpack in order.
    const ups = this.ups;
    ups.length = 0;
    for (let v = this.meet; v !== this.source; v = fwd.predNode[v]) ups.push(fwd.pred[v]);
    for (let i = ups.length - 1; i >= 0; i--) unpackEdge(ch, ch.upA[ups[i]], ch.upB[ups[i]], out);
    for (let v = this.meet; v !== this.target; v = bwd.predNode[v]) {
      const k = bwd.pred[v];
      unpackEdge(ch, ch.dnA[k], ch.dnB[k], out);
    }
    return out;
  }
}

/**
 * Stall-on-demand: v is reached strictly better (lexicographically) through a higher neighbour x
 * over an edge against the search direction, so v lies on no shortest up-path and need not be
 * expanded. Shared by one-to-one queries and the bucket many-to-many searches.
 */
export function stalled(side: SearchSide, v: number, dv: number, lv: number, first: Uint32Array, head: Uint32Array, time: Uint32Array, len: Uint32Array): boolean {
  const gen = side.gen;
  const reached = side.reached;
  const dist = side.time;
  for (let k = first[v], e = first[v + 1]; k < e; k++) {
    const x = head[k];
    if (reached[x] !== gen) continue;
    const d = dist[x] + time[k];
    if (d < dv || (d === dv && side.len[x] + len[k] < lv)) return true;
  }
  return false;
}

/** Relax v's edges in the search direction (lexicographic labels; settled labels are final since times are >= 1). */
export function relax(side: SearchSide, v: number, dv: number, lv: number, first: Uint32Array, head: Uint32Array, time: Uint32Array, len: Uint32Array): void {
  const gen = side.gen;
  const reached = side.reached;
  const dist = side.time;
  const dlen = side.len;
  for (let k = first[v], e = first[v + 1]; k < e; k++) {
    const x = head[k];
    const d = dv + time[k];
    if (reached[x] !== gen) {
      reached[x] = gen;
      dist[x] = d;
      dlen[x] = lv + len[k];
      side.pred[x] = k;
      side.predNode[x] = v;
      side.push(x, d);
    } else if (d <= dist[x]) {
      const l = lv + len[k];
      if (d === dist[x] && l >= dlen[x]) continue;
      if (side.done[x] === gen) continue;
      if (d < dist[x]) side.push(x, d);
      dist[x] = d;
      dlen[x] = l;
      side.pred[x] = k;
      side.predNode[x] = v;
    }
  }
}
