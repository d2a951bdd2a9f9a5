/**
 * A binary min-heap of (key, item) pairs in typed arrays, duplicates allowed: the node-ordering
 * queue of the contraction, where priorities both rise and fall. Stale pairs are skipped by the
 * caller (lazy deletion: compare with the item's current priority when popped), which is simpler
 * and faster than an indexed heap with increase-key.
 */
export class PairHeap {
  private keys: Float64Array;
  private items: Int32Array;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.items = new Int32Array(Math.max(16, capacity));
  }

  push(item: number, key: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const it = new Int32Array(this.size * 2);
      it.set(this.items);
      this.items = it;
    }
    const keys = this.keys;
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      // Ties by item id: the order, and so the hierarchy, is the same on every run.
      if (keys[p] < key || (keys[p] === key && items[p] < item)) break;
      keys[i] = keys[p];
      items[i] = items[p];
      i = p;
    }
    keys[i] = key;
    items[i] = item;
  }

  peekKey(): number {
    return this.keys[0];
  }

  peekItem(): number {
    return this.items[0];
  }

  /** Remove the minimum; read it with peekItem/peekKey first. */
  pop(): void {
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
      if (c + 1 < n && (keys[c + 1] < keys[c] || (keys[c + 1] === keys[c] && items[c + 1] < items[c]))) c++;
      if (key < keys[c] || (key === keys[c] && item < items[c])) break;
      keys[i] = keys[c];
      items[i] = items[c];
      i = c;
    }
    keys[i] = key;
    items[i] = item;
  }
}
