/**
 * Indexed binary min-heap over dense integer items 0..capacity-1 with float64 keys, in typed arrays.
 * Supports decrease-key in O(log n) through a position index, so shortest-path searches push each
 * node once. Reset is O(1) via a generation counter: no clearing between queries, no allocation.
 */
export class IndexedMinHeap {
  readonly capacity: number;
  private readonly keys: Float64Array;
  private readonly heap: Int32Array;
  /** Position of an item in `heap`, valid only where stamp[item] === generation. */
  private readonly pos: Int32Array;
  private readonly stamp: Uint32Array;
  private generation = 1;
  private n = 0;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.keys = new Float64Array(capacity);
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity);
    this.stamp = new Uint32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Empty the heap; items pushed before are forgotten. */
  clear(): void {
    this.n = 0;
    this.generation++;
    if (this.generation === 0xffffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
  }

  /** True if the item is currently in the heap. */
  has(item: number): boolean {
    return this.stamp[item] === this.generation && this.pos[item] >= 0;
  }

  keyOf(item: number): number {
    return this.keys[item];
  }

  /** Insert the item, or lower its key if it is present with a larger one. Returns true if changed. */
  pushOrDecrease(item: number, key: number): boolean {
    if (this.stamp[item] !== this.generation) {
      this.stamp[item] = this.generation;
      this.keys[item] = key;
      const i = this.n++;
      this.heap[i] = item;
      this.pos[item] = i;
      this.up(i);
      return true;
    }
    const p = this.pos[item];
    if (p < 0 || key >= this.keys[item]) return false; // popped already, or no improvement
    this.keys[item] = key;
    this.up(p);
    return true;
  }

  peek(): number {
    return this.heap[0];
  }

  peekKey(): number {
    return this.keys[this.heap[0]];
  }

  /** Remove and return the item with the smallest key (ties: unspecified but deterministic). */
  pop(): number {
    const top = this.heap[0];
    this.pos[top] = -1;
    const last = this.heap[--this.n];
    if (this.n > 0) {
      this.heap[0] = last;
      this.pos[last] = 0;
      this.down(0);
    }
    return top;
  }

  private up(i: number): void {
    const heap = this.heap;
    const keys = this.keys;
    const item = heap[i];
    const key = keys[item];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pItem = heap[parent];
      if (keys[pItem] <= key) break;
      heap[i] = pItem;
      this.pos[pItem] = i;
      i = parent;
    }
    heap[i] = item;
    this.pos[item] = i;
  }

  private down(i: number): void {
    const heap = this.heap;
    const keys = this.keys;
    const n = this.n;
    const item = heap[i];
    const key = keys[item];
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && keys[heap[child + 1]] < keys[heap[child]]) child++;
      const cItem = heap[child];
      if (keys[cItem] >= key) break;
      heap[i] = cItem;
      this.pos[cItem] = i;
      i = child;
    }
    heap[i] = item;
    this.pos[item] = i;
  }
}
