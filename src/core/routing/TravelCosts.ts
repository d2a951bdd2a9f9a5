import type { RoadGraph } from '../network/RoadGraph.ts';
import { Dijkstra } from './Dijkstra.ts';

/**
 * Node-to-node travel costs the dispatcher and simulation ask for. Times are for the fastest path;
 * distances are that path's length. Implementations: rows of one-to-all Dijkstra cached per
 * source (below); a contraction hierarchy with many-to-many matrices for big cities.
 */
export interface TravelCosts {
  /** Milliseconds on the fastest path (Infinity if unreachable). */
  timeMs(from: number, to: number): number;
  /** Millimetres along that path. */
  lengthMm(from: number, to: number): number;
  /** Edge ids of the fastest path, in driving order, into out (cleared first). */
  path(from: number, to: number, out: number[]): number[];
  /** Sources × targets, row-major (i * targets + j): times in ms and lengths in mm, Infinity if unreachable. */
  matrix(sources: ArrayLike<number>, targets: ArrayLike<number>, timeMs: Float64Array, lengthMm: Float64Array): void;
}

const UNREACHABLE = 0xffffffff;

/**
 * One-to-all Dijkstra rows computed on first use and kept (times and lengths as Uint32, 8 bytes per
 * node per row) up to a memory budget, then evicted oldest first. A day on a district touches a
 * few thousand distinct stop nodes, so each row is computed about once.
 */
export class CachedDijkstraCosts implements TravelCosts {
  private readonly search: Dijkstra;
  /** A separate plain Dijkstra for paths: same tie-breaking as the rows, so planned = driven. */
  private readonly pathSearch: Dijkstra;
  private readonly rows = new Map<number, { time: Uint32Array; length: Uint32Array }>();
  private readonly maxRows: number;
  /** Rows computed so far (for statistics). */
  rowsComputed = 0;

  constructor(readonly graph: RoadGraph, budgetBytes = 256 * 1024 * 1024) {
    this.search = new Dijkstra(graph, 'time', 'length');
    this.pathSearch = new Dijkstra(graph, 'time');
    this.maxRows = Math.max(16, Math.floor(budgetBytes / (8 * graph.nodeCount)));
  }

  private row(from: number) {
    let r = this.rows.get(from);
    if (r) return r;
    const n = this.graph.nodeCount;
    this.search.oneToAll(from);
    r = { time: new Uint32Array(n), length: new Uint32Array(n) };
    for (let v = 0; v < n; v++) {
      const t = this.search.costTo(v);
      r.time[v] = t === Infinity ? UNREACHABLE : t;
      r.length[v] = t === Infinity ? UNREACHABLE : this.search.secondaryTo(v);
    }
    if (this.rows.size >= this.maxRows) this.rows.delete(this.rows.keys().next().value!);
    this.rows.set(from, r);
    this.rowsComputed++;
    return r;
  }

  timeMs(from: number, to: number): number {
    const t = this.row(from).time[to];
    return t === UNREACHABLE ? Infinity : t;
  }

  lengthMm(from: number, to: number): number {
    const l = this.row(from).length[to];
    return l === UNREACHABLE ? Infinity : l;
  }

  path(from: number, to: number, out: number[]): number[] {
    out.length = 0;
    if (from === to) return out;
    if (this.pathSearch.oneToOne(from, to) === Infinity) return out;
    return this.pathSearch.pathEdges(to, out);
  }

  matrix(sources: ArrayLike<number>, targets: ArrayLike<number>, timeMs: Float64Array, lengthMm: Float64Array): void {
    const nt = targets.length;
    for (let i = 0; i < sources.length; i++) {
      const r = this.row(sources[i]);
      for (let j = 0; j < nt; j++) {
        const t = r.time[targets[j]];
        timeMs[i * nt + j] = t === UNREACHABLE ? Infinity : t;
        lengthMm[i * nt + j] = t === UNREACHABLE ? Infinity : r.length[targets[j]];
      }
    }
  }
}
