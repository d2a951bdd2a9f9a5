/**
 * Growable per-node adjacency lists in one set of typed arrays, for the graph that changes while
 * a contraction hierarchy is built (edges are removed as nodes are contracted, shortcuts added).
 * Node v's entries are slots start[v] .. start[v]+count[v]-1; a full list moves to the end of the
 * pool with twice the capacity. Once a node is contracted its list is frozen, so slot indices into
 * it stay valid: shortcuts refer to their two child edges by slot.
 *
 * Per entry: the neighbour, exact integer weights (time ms, length mm), the hop count (original
 * edges represented, for the node-ordering priority) and the unpacking pair (a, b): an original
 * edge id in a with b = -1, or for a shortcut the in-pool slot of its first half in a and the
 * out-pool slot of its second half in b.
 */
export class AdjacencyPool {
  readonly start: Int32Array;
  readonly count: Int32Array;
  private readonly cap: Int32Array;
  nbr: Int32Array;
  time: Uint32Array;
  len: Uint32Array;
  hops: Uint32Array;
  a: Int32Array;
  b: Int32Array;
  /** Slots in use (including the gaps left by moved lists). */
  size = 0;

  constructor(nodeCount: number, initialSlots: number) {
    this.start = new Int32Array(nodeCount);
    this.count = new Int32Array(nodeCount);
    this.cap = new Int32Array(nodeCount);
    const s = Math.max(16, initialSlots);
    this.nbr = new Int32Array(s);
    this.time = new Uint32Array(s);
    this.len = new Uint32Array(s);
    this.hops = new Uint32Array(s);
    this.a = new Int32Array(s);
    this.b = new Int32Array(s);
  }

  /** Reserve exact capacities up front (the input degrees plus slack), so early inserts do not move. */
  reserve(degrees: ArrayLike<number>): void {
    let o = 0;
    for (let v = 0; v < degrees.length; v++) {
      const c = degrees[v] + 2;
      this.start[v] = o;
      this.cap[v] = c;
      o += c;
    }
    this.size = o;
    this.growTo(o);
  }

  /** Slot of the entry v→x, or -1. */
  find(v: number, x: number): number {
    const s = this.start[v];
    const e = s + this.count[v];
    const nbr = this.nbr;
    for (let i = s; i < e; i++) if (nbr[i] === x) return i;
    return -1;
  }

  /** Append an entry to v's list; returns its slot. */
  push(v: number, x: number, time: number, len: number, hops: number, a: number, b: number): number {
    if (this.count[v] === this.cap[v]) this.move(v);
    const i = this.start[v] + this.count[v]++;
    this.nbr[i] = x;
    this.time[i] = time;
    this.len[i] = len;
    this.hops[i] = hops;
    this.a[i] = a;
    this.b[i] = b;
    return i;
  }

  /** Overwrite an entry's weights and unpacking data in place. */
  set(i: number, time: number, len: number, hops: number, a: number, b: number): void {
    this.time[i] = time;
    this.len[i] = len;
    this.hops[i] = hops;
    this.a[i] = a;
    this.b[i] = b;
  }

  /** Remove the entry v→x if present (swap with the last; order is not meaningful). */
  remove(v: number, x: number): void {
    const i = this.find(v, x);
    if (i < 0) return;
    const last = this.start[v] + --this.count[v];
    if (i !== last) {
      this.nbr[i] = this.nbr[last];
      this.time[i] = this.time[last];
      this.len[i] = this.len[last];
      this.hops[i] = this.hops[last];
      this.a[i] = this.a[last];
      this.b[i] = this.b[last];
    }
  }

  private move(v: number): void {
    const c = Math.max(4, this.cap[v] * 2);
    const from = this.start[v];
    const to = this.size;
    this.growTo(to + c);
    this.size = to + c;
    this.nbr.copyWithin(to, from, from + this.count[v]);
    this.time.copyWithin(to, from, from + this.count[v]);
    this.len.copyWithin(to, from, from + this.count[v]);
    this.hops.copyWithin(to, from, from + this.count[v]);
    this.a.copyWithin(to, from, from + this.count[v]);
    this.b.copyWithin(to, from, from + this.count[v]);
    this.start[v] = to;
    this.cap[v] = c;
  }

  private growTo(slots: number): void {
    if (slots <= this.nbr.length) return;
    const s = Math.max(slots, Math.ceil(this.nbr.length * 1.5));
    const grow = <T extends Int32Array | Uint32Array>(old: T, make: (k: number) => T): T => {
      const next = make(s);
      next.set(old);
      return next;
    };
    this.nbr = grow(this.nbr, (k) => new Int32Array(k));
    this.time = grow(this.time, (k) => new Uint32Array(k));
    this.len = grow(this.len, (k) => new Uint32Array(k));
    this.hops = grow(this.hops, (k) => new Uint32Array(k));
    this.a = grow(this.a, (k) => new Int32Array(k));
    this.b = grow(this.b, (k) => new Int32Array(k));
  }
}
