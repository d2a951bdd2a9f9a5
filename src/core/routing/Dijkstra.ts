import { MinHeap } from '../util/heap.ts';
import type { RoadGraph } from '../network/RoadGraph.ts';

export type Metric = 'time' | 'length';

/**
 * Plain Dijkstra over the CSR graph (Dijkstra 1959), with reusable scratch state: one instance
 * serves any number of queries without allocating (generation-stamped arrays, O(1) reset).
 * Costs are exact integer sums (ms or mm). This is also the reference every speed-up is tested
 * against, so it stays deliberately simple.
 */
export class Dijkstra {
  readonly graph: RoadGraph;
  readonly metric: Metric;
  protected readonly weight: Uint32Array;
  protected readonly heap: MinHeap;
  protected readonly dist: Float64Array;
  protected readonly predEdge: Int32Array;
  protected readonly stamp: Uint32Array;
  /** Optional second metric summed along the shortest paths of the first (e.g. length of the fastest path). */
  protected readonly secondaryWeight: Uint32Array | null;
  protected readonly secondary: Float64Array | null;
  protected generation = 0;
  protected sourceNode = -1;
  /** Nodes settled by the last query (for benchmarks and tests). */
  settled = 0;

  constructor(graph: RoadGraph, metric: Metric = 'time', secondary?: Metric) {
    this.graph = graph;
    this.metric = metric;
    this.weight = metric === 'time' ? graph.timeMs : graph.lengthMm;
    this.secondaryWeight = secondary ? (secondary === 'time' ? graph.timeMs : graph.lengthMm) : null;
    this.secondary = secondary ? new Float64Array(graph.nodeCount) : null;
    const n = graph.nodeCount;
    this.heap = new MinHeap(n);
    this.dist = new Float64Array(n);
    this.predEdge = new Int32Array(n);
    this.stamp = new Uint32Array(n);
  }

  protected begin(source: number): void {
    if (source < 0 || source >= this.graph.nodeCount) throw new RangeError(`Dijkstra: source ${source} out of range`);
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    this.heap.clear();
    this.sourceNode = source;
    this.settled = 0;
    this.dist[source] = 0;
    if (this.secondary) this.secondary[source] = 0;
    this.predEdge[source] = -1;
    this.stamp[source] = this.generation;
    this.heap.pushOrDecrease(source, 0);
  }

  /** Relax the out-edges of u (settled at cost du). */
  protected relax(u: number, du: number): void {
    const g = this.graph;
    const w = this.weight;
    const gen = this.generation;
    for (let e = g.firstEdge[u], end = g.firstEdge[u + 1]; e < end; e++) {
      const v = g.target[e];
      const dv = du + w[e];
      if (this.stamp[v] !== gen || dv < this.dist[v]) {
        this.stamp[v] = gen;
        this.dist[v] = dv;
        this.predEdge[v] = e;
        if (this.secondary) this.secondary[v] = this.secondary[u] + this.secondaryWeight![e];
        this.heap.pushOrDecrease(v, dv);
      }
    }
  }

  /** Secondary metric along the shortest path to node (requires the constructor's `secondary`). */
  secondaryTo(node: number): number {
    if (!this.secondary) throw new Error('Dijkstra: no secondary metric configured');
    return this.costTo(node) === Infinity ? Infinity : this.secondary[node];
  }

  /** Shortest cost from source to target, or Infinity if unreachable. Stops when target is settled. */
  oneToOne(source: number, target: number): number {
    this.begin(source);
    while (this.heap.size > 0) {
      const u = this.heap.pop();
      this.settled++;
      const du = this.dist[u];
      if (u === target) return du;
      this.relax(u, du);
    }
    return Infinity;
  }

  /** Settle every node reachable from source with cost <= maxCost; read results with costTo(). */
  oneToAll(source: number, maxCost = Infinity): void {
    this.begin(source);
    while (this.heap.size > 0) {
      const u = this.heap.pop();
      this.settled++;
      const du = this.dist[u];
      if (du > maxCost) break;
      this.relax(u, du);
    }
  }

  /**
   * Costs from source to each target into out (Infinity where unreachable); stops as soon as all
   * targets are settled.
   */
  oneToMany(source: number, targets: ArrayLike<number>, out: Float64Array): void {
    this.begin(source);
    let remaining = this.markTargets(targets);
    const want = this.mark!;
    const gen = this.markGen;
    while (this.heap.size > 0 && remaining > 0) {
      const u = this.heap.pop();
      this.settled++;
      if (want[u] === gen) remaining--;
      this.relax(u, this.dist[u]);
    }
    for (let i = 0; i < targets.length; i++) out[i] = this.costTo(targets[i]);
  }

  private mark: Uint32Array | null = null;
  private markGen = 0;
  /** Stamp the targets; returns how many distinct nodes they name. */
  private markTargets(targets: ArrayLike<number>): number {
    if (!this.mark) this.mark = new Uint32Array(this.graph.nodeCount);
    this.markGen++;
    let distinct = 0;
    for (let i = 0; i < targets.length; i++) {
      if (this.mark[targets[i]] !== this.markGen) {
        this.mark[targets[i]] = this.markGen;
        distinct++;
      }
    }
    return distinct;
  }

  /** Cost to a node after oneToAll/oneToMany/oneToOne; Infinity if not reached (or not settled within the bound). */
  costTo(node: number): number {
    if (this.stamp[node] !== this.generation) return Infinity;
    return this.heap.has(node) ? Infinity : this.dist[node];
  }

  /** Edge ids of the shortest path to node from the last query's source, in driving order. */
  pathEdges(node: number, out: number[] = []): number[] {
    out.length = 0;
    if (this.costTo(node) === Infinity) return out;
    for (let v = node; v !== this.sourceNode; ) {
      const e = this.predEdge[v];
      out.push(e);
      v = this.graph.source[e];
    }
    return out.reverse();
  }
}
