import { Dijkstra, type Metric } from './Dijkstra.ts';
import type { RoadGraph } from '../network/RoadGraph.ts';

/**
 * A* (Hart, Nilsson & Raphael 1968) on the CSR graph with the straight-line lower bound: distance
 * for the length metric, distance at the profile's top speed for the time metric. The bound is
 * consistent when every edge is at least as long as the straight segment it joins, which the
 * builder guarantees for default lengths; a 0.1 % slack absorbs projection rounding of imports.
 */
export class AStar extends Dijkstra {
  private readonly msPerMetre: number;

  constructor(graph: RoadGraph, metric: Metric = 'time') {
    super(graph, metric);
    // Lower bound per metre of straight-line distance, in the metric's unit, with slack.
    this.msPerMetre = 0.999 * (metric === 'time' ? 3600 / graph.maxSpeedKmh : 1000);
  }

  private h(v: number, tx: number, ty: number): number {
    const xy = this.graph.xy;
    return Math.hypot(xy[2 * v] - tx, xy[2 * v + 1] - ty) * this.msPerMetre;
  }

  override oneToOne(source: number, target: number): number {
    const g = this.graph;
    const tx = g.xy[2 * target];
    const ty = g.xy[2 * target + 1];
    this.begin(source);
    // The heap holds f = g + h; dist holds g.
    this.heap.clear();
    this.heap.pushOrDecrease(source, this.h(source, tx, ty));
    const w = this.weight;
    const gen = this.generation;
    while (this.heap.size > 0) {
      const u = this.heap.pop();
      this.settled++;
      const du = this.dist[u];
      if (u === target) return du;
      for (let e = g.firstEdge[u], end = g.firstEdge[u + 1]; e < end; e++) {
        const v = g.target[e];
        const dv = du + w[e];
        if (this.stamp[v] !== gen || dv < this.dist[v]) {
          this.stamp[v] = gen;
          this.dist[v] = dv;
          this.predEdge[v] = e;
          this.heap.pushOrDecrease(v, dv + this.h(v, tx, ty));
        }
      }
    }
    return Infinity;
  }
}
