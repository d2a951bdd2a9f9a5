import type { RoadGraph } from '../../network/RoadGraph.ts';

/**
 * A contraction hierarchy (Geisberger, Sanders, Schultes, Delling 2008, "Contraction Hierarchies:
 * Faster and Simpler Hierarchical Routing in Road Networks") as two CSR search graphs in one
 * buffer. Nodes are renumbered by rank (contraction order), so the upward searches, which mostly
 * touch the few high-ranked nodes, walk nearby memory.
 *
 * - up graph: at CH node u, edges u→x with rank x > u (forward search from a source climbs these);
 * - down graph: at CH node v, edges x→v with rank x > v, stored at v (the backward search from a
 *   target climbs these in reverse).
 *
 * Every edge carries exact integer weights (time ms, length mm of the time-optimal path) and an
 * unpacking pair (a, b): an original RoadGraph edge id in a with b = -1, or for a shortcut u→w
 * with middle node v the down-edge index of u→v in a and the up-edge index of v→w in b (both
 * stored at v, whose rank is below u and w). The middle node is the owner of those two edges.
 *
 * Costs are lexicographic (time, then length): among equally fast paths the shorter one wins, so
 * travel times and distances both equal those of the reference Dijkstra with the same tie-break.
 */
const MAGIC = 0x48434656; // "VFCH"
const VERSION = 1;
const HEADER_WORDS = 8; // magic, version, n, mUp, mDn, graphEdgeCount, graphFingerprint, reserved

export class ContractionHierarchy {
  readonly nodeCount: number;
  readonly upEdgeCount: number;
  readonly downEdgeCount: number;
  /** Edge count and fingerprint of the RoadGraph this was built from (checked by forGraph). */
  readonly graphEdgeCount: number;
  readonly graphFingerprint: number;
  /** rankOf[graphNode] = CH node; nodeOf[chNode] = graph node. */
  readonly rankOf: Uint32Array;
  readonly nodeOf: Uint32Array;
  readonly upFirst: Uint32Array;
  readonly upHead: Uint32Array;
  readonly upTime: Uint32Array;
  readonly upLen: Uint32Array;
  readonly upA: Int32Array;
  readonly upB: Int32Array;
  readonly dnFirst: Uint32Array;
  readonly dnHead: Uint32Array;
  readonly dnTime: Uint32Array;
  readonly dnLen: Uint32Array;
  readonly dnA: Int32Array;
  readonly dnB: Int32Array;
  readonly buffer: ArrayBufferLike;

  private constructor(buffer: ArrayBufferLike) {
    const head = new Uint32Array(buffer, 0, HEADER_WORDS);
    const n = head[2];
    const mu = head[3];
    const md = head[4];
    this.nodeCount = n;
    this.upEdgeCount = mu;
    this.downEdgeCount = md;
    this.graphEdgeCount = head[5];
    this.graphFingerprint = head[6];
    this.buffer = buffer;
    const L = ContractionHierarchy.layout(n, mu, md);
    this.rankOf = new Uint32Array(buffer, L.rankOf, n);
    this.nodeOf = new Uint32Array(buffer, L.nodeOf, n);
    this.upFirst = new Uint32Array(buffer, L.upFirst, n + 1);
    this.upHead = new Uint32Array(buffer, L.upHead, mu);
    this.upTime = new Uint32Array(buffer, L.upTime, mu);
    this.upLen = new Uint32Array(buffer, L.upLen, mu);
    this.upA = new Int32Array(buffer, L.upA, mu);
    this.upB = new Int32Array(buffer, L.upB, mu);
    this.dnFirst = new Uint32Array(buffer, L.dnFirst, n + 1);
    this.dnHead = new Uint32Array(buffer, L.dnHead, md);
    this.dnTime = new Uint32Array(buffer, L.dnTime, md);
    this.dnLen = new Uint32Array(buffer, L.dnLen, md);
    this.dnA = new Int32Array(buffer, L.dnA, md);
    this.dnB = new Int32Array(buffer, L.dnB, md);
  }

  /** Byte offsets of the arrays; everything is 4-byte words after the header. */
  static layout(n: number, mu: number, md: number) {
    let o = HEADER_WORDS * 4;
    const take = (words: number) => {
      const at = o;
      o += 4 * words;
      return at;
    };
    const rankOf = take(n);
    const nodeOf = take(n);
    const upFirst = take(n + 1);
    const upHead = take(mu);
    const upTime = take(mu);
    const upLen = take(mu);
    const upA = take(mu);
    const upB = take(mu);
    const dnFirst = take(n + 1);
    const dnHead = take(md);
    const dnTime = take(md);
    const dnLen = take(md);
    const dnA = take(md);
    const dnB = take(md);
    return { rankOf, nodeOf, upFirst, upHead, upTime, upLen, upA, upB, dnFirst, dnHead, dnTime, dnLen, dnA, dnB, byteLength: Math.ceil(o / 8) * 8 };
  }

  /** An empty hierarchy of the given size, for the builder to fill. */
  static allocate(n: number, mu: number, md: number, graphEdgeCount: number, graphFingerprint: number): ContractionHierarchy {
    const buffer = new ArrayBuffer(ContractionHierarchy.layout(n, mu, md).byteLength);
    const head = new Uint32Array(buffer, 0, HEADER_WORDS);
    head.set([MAGIC, VERSION, n, mu, md, graphEdgeCount, graphFingerprint >>> 0, 0]);
    return new ContractionHierarchy(buffer);
  }

  /** Wrap a buffer from toBuffer() (after a transfer, from a file or IndexedDB, or a SharedArrayBuffer). No copy. */
  static from(buffer: ArrayBufferLike): ContractionHierarchy {
    if (buffer.byteLength < HEADER_WORDS * 4) throw new Error(`ContractionHierarchy.from: buffer too short (${buffer.byteLength} bytes)`);
    const head = new Uint32Array(buffer, 0, HEADER_WORDS);
    if (head[0] !== MAGIC) throw new Error('ContractionHierarchy.from: not a contraction hierarchy buffer (bad magic)');
    if (head[1] !== VERSION) throw new Error(`ContractionHierarchy.from: unsupported version ${head[1]}, expected ${VERSION}`);
    const need = ContractionHierarchy.layout(head[2], head[3], head[4]).byteLength;
    if (buffer.byteLength < need) throw new Error(`ContractionHierarchy.from: buffer truncated (${buffer.byteLength} bytes, expected ${need})`);
    return new ContractionHierarchy(buffer);
  }

  /** The backing buffer: transfer it to a worker, or store it. */
  toBuffer(): ArrayBufferLike {
    return this.buffer;
  }

  /** True if this hierarchy was built from (a graph identical in weights to) g. */
  matches(g: RoadGraph): boolean {
    return g.nodeCount === this.nodeCount && g.edgeCount === this.graphEdgeCount && graphFingerprint(g) === this.graphFingerprint;
  }

  /** Throw unless this hierarchy was built from g (a stale cache entry would give wrong routes). */
  assertMatches(g: RoadGraph): void {
    if (!this.matches(g)) {
      throw new Error(`ContractionHierarchy: built for a different graph (${this.nodeCount} nodes, ${this.graphEdgeCount} edges; graph has ${g.nodeCount}, ${g.edgeCount})`);
    }
  }
}

/** FNV-1a over the graph's topology and weights: a cheap identity check for cached hierarchies. */
export function graphFingerprint(g: RoadGraph): number {
  let h = 0x811c9dc5;
  const mix = (arr: Uint32Array) => {
    for (let i = 0; i < arr.length; i++) h = Math.imul(h ^ arr[i], 0x01000193);
  };
  mix(g.firstEdge);
  mix(g.target);
  mix(g.timeMs);
  mix(g.lengthMm);
  return h >>> 0;
}
