/**
 * The road network as a directed graph in compressed sparse row form (OSRM `StaticGraph`,
 * Delaunator's flat arrays): nodes and edges are dense integers, every per-node and per-edge field
 * is a typed array, and the whole graph lives in one ArrayBuffer so it crosses to a worker by
 * transfer. Edges are straight segments between their end nodes' coordinates (curved roads are
 * chains of short edges). Weights are integers (milliseconds, millimetres) so path sums are exact
 * and every speed-up technique can be checked for equality against plain Dijkstra.
 *
 * Built once by RoadGraphBuilder.finish(); read-only afterwards.
 */

/** Functional road classes, ordered from fastest to slowest. */
export const RoadClass = {
  Motorway: 0,
  Trunk: 1,
  Primary: 2,
  Secondary: 3,
  Tertiary: 4,
  Residential: 5,
  Service: 6,
  LivingStreet: 7,
  Unclassified: 8,
} as const;
export type RoadClass = (typeof RoadClass)[keyof typeof RoadClass];
export const ROAD_CLASS_NAMES = ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'residential', 'service', 'living_street', 'unclassified'] as const;
export type RoadClassName = (typeof ROAD_CLASS_NAMES)[number];

/** Edge flag bits. */
export const EdgeFlag = {
  /** The road is one-way; this edge has no twin in the opposite direction. */
  OneWay: 1,
  /** Part of a roundabout. */
  Roundabout: 2,
} as const;

/** Node flag bits. */
export const NodeFlag = {
  /**
   * The node is a turn-restricted junction or one of its copies: the importer splits such a
   * junction into one node per group of approaches (same coordinates), so that plain node-based
   * routing obeys the restriction. Snap stops and doors to other nodes.
   */
  TurnSplit: 1,
} as const;

const MAGIC = 0x52474656; // "VFGR"
const VERSION = 2;
const HEADER_WORDS = 8; // magic, version, nodeCount, edgeCount, originLon*1e7, originLat*1e7, maxSpeedKmh, reserved
// Version 2 appends nodeFlags (Uint8, n) and wayId (Float64, m); version 1 buffers still load (both read as zeros).

export interface RoadGraphArrays {
  /** Local coordinates in metres, interleaved x0, y0, x1, y1, … (x east, y north). */
  readonly xy: Float64Array;
  /** CSR offsets: edges out of node u are firstEdge[u] .. firstEdge[u+1]-1; length nodeCount+1. */
  readonly firstEdge: Uint32Array;
  readonly source: Uint32Array;
  readonly target: Uint32Array;
  /** Length of the segment in millimetres. */
  readonly lengthMm: Uint32Array;
  /** Travel time at the profile speed (min of road limit and vehicle top speed) in milliseconds, >= 1. */
  readonly timeMs: Uint32Array;
  /** Posted speed limit of the road in km/h. */
  readonly speedLimitKmh: Uint8Array;
  readonly roadClass: Uint8Array;
  readonly flags: Uint8Array;
  /** Reverse CSR: edges into node v are revEdge[revFirstEdge[v] .. revFirstEdge[v+1]-1] (forward edge ids). */
  readonly revFirstEdge: Uint32Array;
  readonly revEdge: Uint32Array;
  /** NodeFlag bits per node (0 for generated graphs). */
  readonly nodeFlags: Uint8Array;
  /** Source OpenStreetMap way id per edge (0 when not imported from OSM). Float64: ids exceed 2^32. */
  readonly wayId: Float64Array;
}

export interface GeoOrigin {
  /** Longitude and latitude of local (0, 0), degrees. */
  readonly lon: number;
  readonly lat: number;
}

export class RoadGraph implements RoadGraphArrays {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly origin: GeoOrigin;
  /** Vehicle top speed the time weights were computed for, km/h. */
  readonly maxSpeedKmh: number;
  readonly xy: Float64Array;
  readonly firstEdge: Uint32Array;
  readonly source: Uint32Array;
  readonly target: Uint32Array;
  readonly lengthMm: Uint32Array;
  readonly timeMs: Uint32Array;
  readonly speedLimitKmh: Uint8Array;
  readonly roadClass: Uint8Array;
  readonly flags: Uint8Array;
  readonly revFirstEdge: Uint32Array;
  readonly revEdge: Uint32Array;
  readonly nodeFlags: Uint8Array;
  readonly wayId: Float64Array;
  /** The single buffer all arrays view. */
  readonly buffer: ArrayBuffer;

  private constructor(buffer: ArrayBuffer) {
    const head = new Int32Array(buffer, 0, HEADER_WORDS);
    if (head[0] !== MAGIC) throw new Error('RoadGraph.from: not a road graph buffer (bad magic)');
    if (head[1] !== VERSION && head[1] !== 1) throw new Error(`RoadGraph.from: unsupported version ${head[1]}, expected ${VERSION}`);
    const n = head[2];
    const m = head[3];
    this.nodeCount = n;
    this.edgeCount = m;
    this.origin = { lon: head[4] / 1e7, lat: head[5] / 1e7 };
    this.maxSpeedKmh = head[6];
    this.buffer = buffer;
    const layout = RoadGraph.layout(n, m, head[1]);
    this.xy = new Float64Array(buffer, layout.xy, 2 * n);
    this.firstEdge = new Uint32Array(buffer, layout.firstEdge, n + 1);
    this.source = new Uint32Array(buffer, layout.source, m);
    this.target = new Uint32Array(buffer, layout.target, m);
    this.lengthMm = new Uint32Array(buffer, layout.lengthMm, m);
    this.timeMs = new Uint32Array(buffer, layout.timeMs, m);
    this.revFirstEdge = new Uint32Array(buffer, layout.revFirstEdge, n + 1);
    this.revEdge = new Uint32Array(buffer, layout.revEdge, m);
    this.speedLimitKmh = new Uint8Array(buffer, layout.speedLimitKmh, m);
    this.roadClass = new Uint8Array(buffer, layout.roadClass, m);
    this.flags = new Uint8Array(buffer, layout.flags, m);
    const v2 = head[1] >= 2;
    this.nodeFlags = v2 ? new Uint8Array(buffer, layout.nodeFlags, n) : new Uint8Array(n);
    this.wayId = v2 ? new Float64Array(buffer, layout.wayId, m) : new Float64Array(m);
  }

  /** Byte offsets of each array in the buffer (8-byte aligned where needed). */
  static layout(n: number, m: number, version = VERSION) {
    let o = HEADER_WORDS * 4;
    const take = (bytes: number, align: number) => {
      o = Math.ceil(o / align) * align;
      const at = o;
      o += bytes;
      return at;
    };
    const xy = take(16 * n, 8);
    const firstEdge = take(4 * (n + 1), 4);
    const source = take(4 * m, 4);
    const target = take(4 * m, 4);
    const lengthMm = take(4 * m, 4);
    const timeMs = take(4 * m, 4);
    const revFirstEdge = take(4 * (n + 1), 4);
    const revEdge = take(4 * m, 4);
    const speedLimitKmh = take(m, 1);
    const roadClass = take(m, 1);
    const flags = take(m, 1);
    const nodeFlags = version >= 2 ? take(n, 1) : -1;
    const wayId = version >= 2 ? take(8 * m, 8) : -1;
    const byteLength = Math.ceil(o / 8) * 8;
    return { xy, firstEdge, source, target, lengthMm, timeMs, revFirstEdge, revEdge, speedLimitKmh, roadClass, flags, nodeFlags, wayId, byteLength };
  }

  /** Allocate an empty graph of the given size; used by the builder, which fills the arrays. */
  static allocate(n: number, m: number, origin: GeoOrigin, maxSpeedKmh: number): RoadGraph {
    const layout = RoadGraph.layout(n, m);
    const buffer = new ArrayBuffer(layout.byteLength);
    const head = new Int32Array(buffer, 0, HEADER_WORDS);
    head[0] = MAGIC;
    head[1] = VERSION;
    head[2] = n;
    head[3] = m;
    head[4] = Math.round(origin.lon * 1e7);
    head[5] = Math.round(origin.lat * 1e7);
    head[6] = Math.round(maxSpeedKmh);
    return new RoadGraph(buffer);
  }

  /** Wrap a buffer produced by toBuffer() (for example after a transfer to a worker). No copy. */
  static from(buffer: ArrayBuffer): RoadGraph {
    if (buffer.byteLength < HEADER_WORDS * 4) throw new Error('RoadGraph.from: buffer too short');
    const head = new Int32Array(buffer, 0, HEADER_WORDS);
    const need = RoadGraph.layout(head[2], head[3], head[1]).byteLength;
    if (head[0] === MAGIC && buffer.byteLength < need) {
      throw new Error(`RoadGraph.from: buffer truncated (${buffer.byteLength} bytes, expected ${need})`);
    }
    return new RoadGraph(buffer);
  }

  /** The backing buffer; transfer it to move the graph to a worker without copying. */
  toBuffer(): ArrayBuffer {
    return this.buffer;
  }

  x(node: number): number {
    return this.xy[2 * node];
  }

  y(node: number): number {
    return this.xy[2 * node + 1];
  }

  outDegree(node: number): number {
    return this.firstEdge[node + 1] - this.firstEdge[node];
  }

  /** The edge u→v, or -1 if there is none (the fastest one if there are parallel edges). */
  findEdge(u: number, v: number): number {
    let best = -1;
    for (let e = this.firstEdge[u]; e < this.firstEdge[u + 1]; e++) {
      if (this.target[e] === v && (best < 0 || this.timeMs[e] < this.timeMs[best])) best = e;
    }
    return best;
  }

  /** Speed driven on the edge, km/h (the profile speed its time weight encodes). */
  edgeSpeedKmh(e: number): number {
    return (this.lengthMm[e] * 36) / (this.timeMs[e] * 10); // integer products: exact at the limit
  }
}
