/**
 * One direction of a CH search: tentative (time, length) labels, predecessor edges and a binary
 * heap of (time, node) pairs with duplicates instead of decrease-key (a stale pair is skipped when
 * popped), which is cheaper than maintaining heap positions for the small CH search spaces.
 * Generation stamps make reset O(1): no clearing and no allocation between queries.
 */
export class SearchSide {
  readonly time: Float64Array;
  readonly len: Float64Array;
  /** reached[v] === gen: v has a label in this query; done[v] === gen: v was settled. */
  readonly reached: Uint32Array;
  readonly done: Uint32Array;
  readonly pred: Int32Array;
  readonly predNode: Int32Array;
  gen = 0;
  size = 0;
  private keys: Float64Array;
  private items: Int32Array;

  constructor(n: number) {
    this.time = new Float64Array(n);
    this.len = new Float64Array(n);
    this.reached = new Uint32Array(n);
    this.done = new Uint32Array(n);
    this.pred = new Int32Array(n);
    this.predNode = new Int32Array(n);
    this.keys = new Float64Array(1024);
    this.items = new Int32Array(1024);
  }

  /** Start a new search from node s (gen is shared by both sides of a query). */
  start(s: number, gen: number): void {
    if (gen === 1) {
      this.reached.fill(0);
      this.done.fill(0);
    }
    this.gen = gen;
    this.size = 0;
    this.reached[s] = gen;
    this.time[s] = 0;
    this.len[s] = 0;
    this.pred[s] = -1;
    this.predNode[s] = -1;
    this.push(s, 0);
  }

  /** Smallest key among live entries (stale ones are dropped here), Infinity when empty. */
  minKey(): number {
    const keys = this.keys;
    const items = this.items;
    while (this.size > 0) {
      const v = items[0];
      if (this.done[v] !== this.gen && keys[0] === this.time[v]) return keys[0];
      this.popTop();
    }
    return Infinity;
  }

  /** Pop the node with the smallest key; call minKey() first (it guarantees the top is live). */
  pop(): number {
    const v = this.items[0];
    this.popTop();
    this.done[v] = this.gen;
    return v;
  }

  push(item: number, key: number): void {
    if (this.size === this.keys.length) this.grow();
    const keys = this.keys;
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= key) break;
      keys[i] = keys[p];
      items[i] = items[p];
      i = p;
    }
    keys[i] = key;
    items[i] = item;
  }

  private popTop(): void {
    const keys = this.keys;
    const items = this.items;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n];
    const item = items[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1] < keys[c]) c++;
      if (key <= keys[c]) break;
      keys[i] = keys[c];
      items[i] = items[c];
      i = c;
    }
    keys[i] = key;
    items[i] = item;
  }

  private grow(): void {
    const k = new Float64Array(this.keys.length * 2);
    k.set(this.keys);
    this.keys = k;
    const it = new Int32Array(this.items.length * 2);
    it.set(this.items);
    this.items = it;
  }
}
