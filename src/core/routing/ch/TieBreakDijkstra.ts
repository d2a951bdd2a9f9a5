import { MinHeap } from '../../util/heap.ts';
import type { RoadGraph } from '../../network/RoadGraph.ts';

/**
 * Plain Dijkstra with lexicographic (time, length) costs: the fastest path, and among equally
 * fast paths the shortest. This is the reference the contraction hierarchy is tested against for
 * both travel time and distance (the existing Dijkstra checks time alone). Keyed by time only:
 * since every edge takes at least 1 ms, all nodes that could improve a node's label at equal time
 * are settled before it, so the length tie-break is exact.
 */
export class TieBreakDijkstra {
  readonly graph: RoadGraph;
  private readonly heap: MinHeap;
  private readonly time: Float64Array;
  private readonly len: Float64Array;
  private readonly pred: Int32Array;
  private readonly stamp: Uint32Array;
  private gen = 0;
  private source = -1;

  constructor(graph: RoadGraph) {
    this.graph = graph;
    const n = graph.nodeCount;
    this.heap = new MinHeap(n);
    this.time = new Float64Array(n);
    this.len = new Float64Array(n);
    this.pred = new Int32Array(n);
    this.stamp = new Uint32Array(n);
  }

  /** Settle every node reachable from source (or stop once `stopAt` is settled). */
  run(source: number, stopAt = -1): void {
    const g = this.graph;
    const { heap, time, len, pred, stamp } = this;
    const gen = ++this.gen;
    this.source = source;
    heap.clear();
    stamp[source] = gen;
    time[source] = 0;
    len[source] = 0;
    pred[source] = -1;
    heap.pushOrDecrease(source, 0);
    while (heap.size > 0) {
      const u = heap.pop();
      if (u === stopAt) return;
      const du = time[u];
      const lu = len[u];
      for (let e = g.firstEdge[u], end = g.firstEdge[u + 1]; e < end; e++) {
        const v = g.target[e];
        const dv = du + g.timeMs[e];
        const lv = lu + g.lengthMm[e];
        if (stamp[v] !== gen || dv < time[v] || (dv === time[v] && lv < len[v])) {
          stamp[v] = gen;
          time[v] = dv;
          len[v] = lv;
          pred[v] = e;
          heap.pushOrDecrease(v, dv);
        }
      }
    }
  }

  timeTo(v: number): number {
    return this.stamp[v] === this.gen && !this.heap.has(v) ? this.time[v] : Infinity;
  }

  lengthTo(v: number): number {
    return this.stamp[v] === this.gen && !this.heap.has(v) ? this.len[v] : Infinity;
  }

  pathEdges(v: number): number[] {
    const out: number[] = [];
    if (this.timeTo(v) === Infinity) return out;
    for (let x = v; x !== this.source; x = this.graph.source[this.pred[x]]) out.push(this.pred[x]);
    return out.reverse();
  }
}
