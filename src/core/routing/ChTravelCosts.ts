import type { ContractionHierarchy } from './ch/ContractionHierarchy.ts';
import { ChQuery } from './ch/ChQuery.ts';
import { ChMatrix } from './ch/ChMatrix.ts';
import type { TravelCosts } from './TravelCosts.ts';

/**
 * Travel costs from a contraction hierarchy: point queries and paths by bidirectional CH search,
 * matrices by the bucket many-to-many method. Exact (time, then length) like plain Dijkstra, but
 * with search spaces of a few hundred nodes instead of the whole city, so planning on a large
 * city no longer pays a full Dijkstra per stop. Pairs asked twice in a row (time, then length)
 * are answered from the last query.
 */
export class ChTravelCosts implements TravelCosts {
  private readonly query: ChQuery;
  private readonly many: ChMatrix;
  private lastFrom = -1;
  private lastTo = -1;
  private lastTime = Infinity;
  private lastLength = Infinity;
  private pathFor = -1;
  private pathTo = -1;

  constructor(readonly ch: ContractionHierarchy) {
    this.query = new ChQuery(ch);
    this.many = new ChMatrix(ch);
  }

  private ask(from: number, to: number): void {
    if (from === this.lastFrom && to === this.lastTo) return;
    this.lastTime = from === to ? 0 : this.query.query(from, to);
    this.lastLength = from === to ? 0 : this.query.lengthMm;
    this.lastFrom = from;
    this.lastTo = to;
    this.pathFor = from === to ? -1 : from;
    this.pathTo = to;
  }

  timeMs(from: number, to: number): number {
    this.ask(from, to);
    return this.lastTime;
  }

  lengthMm(from: number, to: number): number {
    this.ask(from, to);
    return this.lastLength;
  }

  path(from: number, to: number, out: number[]): number[] {
    out.length = 0;
    if (from === to) return out;
    if (this.pathFor !== from || this.pathTo !== to) {
      this.lastFrom = -1; // force a fresh query so pathEdges belongs to this pair
      this.ask(from, to);
    }
    return this.lastTime === Infinity ? out : this.query.pathEdges(out);
  }

  matrix(sources: ArrayLike<number>, targets: ArrayLike<number>, timeMs: Float64Array, lengthMm: Float64Array): void {
    this.many.compute(sources, targets, { sources: sources.length, targets: targets.length, timeMs, lengthMm });
  }
}
