import { MinHeap } from '../../util/heap.ts';

/**
 * One direction of a CH search: a lazy-deletion heap of (time, node) pairs (a stale pair is
 * skipped when it reaches the top, cheaper than decrease-key for the small CH search spaces)
 * with the tentative (time, length) labels and predecessor edges beside it, in one object so
 * the hot loops reach both without an indirection. Generation stamps make reset O(1): no
 * clearing and no allocation between queries.
 */
export class SearchSide extends MinHeap {
  readonly time: Float64Array;
  readonly len: Float64Array;
  /** reached[v] === gen: v has a label in this query; done[v] === gen: v was settled. */
  readonly reached: Uint32Array;
  readonly done: Uint32Array;
  readonly pred: Int32Array;
  readonly predNode: Int32Array;
  gen = 0;

  constructor(n: number) {
    super(n, { lazy: true, slots: 1024 });
    this.time = new Float64Array(n);
    this.len = new Float64Array(n);
    this.reached = new Uint32Array(n);
    this.done = new Uint32Array(n);
    this.pred = new Int32Array(n);
    this.predNode = new Int32Array(n);
  }

  /** Start a new search from node s (gen is shared by both sides of a query). */
  start(s: number, gen: number): void {
    if (gen === 1) {
      this.reached.fill(0);
      this.done.fill(0);
    }
    this.gen = gen;
    this.clear();
    this.reached[s] = gen;
    this.time[s] = 0;
    this.len[s] = 0;
    this.pred[s] = -1;
    this.predNode[s] = -1;
    this.push(s, 0);
  }

  /** Smallest key among live pairs (stale ones are dropped here), Infinity when empty. */
  minKey(): number {
    while (this.size > 0) {
      const v = this.peek();
      const key = this.peekKey();
      if (this.done[v] !== this.gen && key === this.time[v]) return key;
      this.pop();
    }
    return Infinity;
  }

  /** Pop the node with the smallest label and mark it settled; call minKey() first (it guarantees the top is live). */
  settle(): number {
    const v = this.pop();
    this.done[v] = this.gen;
    return v;
  }
}
