import { RoadGraph, type GeoOrigin, type RoadClass, EdgeFlag } from './RoadGraph.ts';

export interface RoadSpec {
  readonly roadClass: RoadClass;
  /** Posted speed limit, km/h. */
  readonly speedLimitKmh: number;
  /** One-way in the from→to direction only. */
  readonly oneWay?: boolean;
  readonly roundabout?: boolean;
  /** Length in metres; defaults to the straight-line distance between the nodes. */
  readonly lengthM?: number;
  /** Source OpenStreetMap way id, kept per edge for import diagnostics and drawing. */
  readonly wayId?: number;
}

/** One directed edge with its EdgeFlag bits given explicitly (importers that resolve direction themselves). */
export interface EdgeSpec extends RoadSpec {
  readonly flags?: number;
}

/**
 * Accumulates nodes and road segments, then lays them out as a CSR RoadGraph in finish().
 * Two-way roads become two directed edges. Edges out of a node keep insertion order (stable sort),
 * so the same input gives the same graph, byte for byte.
 */
export class RoadGraphBuilder {
  private xs: number[] = [];
  private ys: number[] = [];
  private eFrom: number[] = [];
  private eTo: number[] = [];
  private eLenMm: number[] = [];
  private eSpeed: number[] = [];
  private eClass: number[] = [];
  private eFlags: number[] = [];
  private eWay: number[] = [];
  private nFlags: number[] = [];

  constructor(readonly origin: GeoOrigin = { lon: 0, lat: 0 }) {}

  get nodeCount(): number {
    return this.xs.length;
  }

  get edgeCount(): number {
    return this.eFrom.length;
  }

  addNode(x: number, y: number): number {
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`RoadGraphBuilder.addNode: non-finite coordinate (${x}, ${y})`);
    this.xs.push(x);
    this.ys.push(y);
    this.nFlags.push(0);
    return this.xs.length - 1;
  }

  /** Set NodeFlag bits on a node. */
  setNodeFlags(node: number, flags: number): void {
    this.nFlags[node] = flags;
  }

  nodeX(i: number): number {
    return this.xs[i];
  }

  nodeY(i: number): number {
    return this.ys[i];
  }

  /** Add a road segment between two nodes: one directed edge if one-way, else two. */
  addRoad(from: number, to: number, spec: RoadSpec): void {
    const n = this.xs.length;
    if (from < 0 || from >= n || to < 0 || to >= n) throw new Error(`RoadGraphBuilder.addRoad: node out of range (${from} → ${to}, ${n} nodes)`);
    if (from === to) return; // self-loops carry no routing information
    const lengthM = spec.lengthM ?? Math.hypot(this.xs[to] - this.xs[from], this.ys[to] - this.ys[from]);
    const flags = (spec.oneWay ? EdgeFlag.OneWay : 0) | (spec.roundabout ? EdgeFlag.Roundabout : 0);
    this.pushEdge(from, to, lengthM, spec, flags);
    if (!spec.oneWay) this.pushEdge(to, from, lengthM, spec, flags);
  }

  /** Add exactly one directed edge from→to with explicit flags (oneWay in spec is ignored). */
  addEdge(from: number, to: number, spec: EdgeSpec): void {
    const n = this.xs.length;
    if (from < 0 || from >= n || to < 0 || to >= n) throw new Error(`RoadGraphBuilder.addEdge: node out of range (${from} → ${to}, ${n} nodes)`);
    if (from === to) return;
    const lengthM = spec.lengthM ?? Math.hypot(this.xs[to] - this.xs[from], this.ys[to] - this.ys[from]);
    this.pushEdge(from, to, lengthM, spec, spec.flags ?? 0);
  }

  private pushEdge(from: number, to: number, lengthM: number, spec: RoadSpec, flags: number): void {
    if (!(spec.speedLimitKmh > 0)) throw new Error(`RoadGraphBuilder.addRoad: speed limit must be positive, got ${spec.speedLimitKmh}`);
    this.eFrom.push(from);
    this.eTo.push(to);
    this.eLenMm.push(Math.max(1, Math.round(lengthM * 1000)));
    this.eSpeed.push(Math.min(255, Math.round(spec.speedLimitKmh)));
    this.eClass.push(spec.roadClass);
    this.eFlags.push(flags);
    this.eWay.push(spec.wayId ?? 0);
  }

  /**
   * Lay the graph out in CSR form. Travel times use min(road limit, maxSpeedKmh): the profile of
   * the vehicle that will drive it (the JD VAN tops out at 60 km/h).
   */
  finish(maxSpeedKmh = 60): RoadGraph {
    const n = this.xs.length;
    const m = this.eFrom.length;
    const g = RoadGraph.allocate(n, m, this.origin, maxSpeedKmh);
    for (let i = 0; i < n; i++) {
      g.xy[2 * i] = this.xs[i];
      g.xy[2 * i + 1] = this.ys[i];
      g.nodeFlags[i] = this.nFlags[i];
    }
    // Counting sort by source keeps insertion order within a node.
    const first = g.firstEdge;
    for (let e = 0; e < m; e++) first[this.eFrom[e] + 1]++;
    for (let i = 0; i < n; i++) first[i + 1] += first[i];
    const fill = first.slice(0, n);
    for (let e = 0; e < m; e++) {
      const slot = fill[this.eFrom[e]]++;
      const speedKmh = Math.min(this.eSpeed[e], maxSpeedKmh);
      g.source[slot] = this.eFrom[e];
      g.target[slot] = this.eTo[e];
      g.lengthMm[slot] = this.eLenMm[e];
      g.timeMs[slot] = Math.max(1, Math.ceil(this.eLenMm[e] / (speedKmh / 3.6)));
      g.speedLimitKmh[slot] = this.eSpeed[e];
      g.roadClass[slot] = this.eClass[e];
      g.flags[slot] = this.eFlags[e];
      g.wayId[slot] = this.eWay[e];
    }
    buildReverse(g);
    return g;
  }
}

/** Fill the reverse CSR (edges grouped by target, in forward edge order). */
export function buildReverse(g: RoadGraph): void {
  const n = g.nodeCount;
  const m = g.edgeCount;
  const rf = g.revFirstEdge;
  rf.fill(0);
  for (let e = 0; e < m; e++) rf[g.target[e] + 1]++;
  for (let i = 0; i < n; i++) rf[i + 1] += rf[i];
  const fill = rf.slice(0, n);
  for (let e = 0; e < m; e++) g.revEdge[fill[g.target[e]]++] = e;
}
