export interface MinHeapOptions {
  /**
   * Lazy deletion instead of decrease-key: `push` allows duplicates and the caller skips a stale
   * pair when it pops it. No position index is kept (nothing to update per sift step).
   */
  readonly lazy?: boolean;
  /** Lazy heaps: slots to allocate up front (default: the item capacity); the heap grows beyond them. */
  readonly slots?: number;
  /**
   * Lazy heaps: break ties between equal keys by the smaller item, a total order independent of
   * push history (own sift loops, so the key-only ones carry no extra comparison).
   */
  readonly tieBreakByItem?: boolean;
}

/**
 * The binary min-heap of all routing code: (key, item) pairs over dense integer items
 * 0..capacity-1 with float64 keys, in typed arrays. Keys are stored by slot, so a sift compares
 * contiguous memory. One instance follows one of two disciplines:
 *
 * - decrease-key (default; `pushOrDecrease`, `has`, `keyOf`): each item at most once, moved up in
 *   place through a position index when its key drops (Dijkstra, A*, the tie-breaking reference).
 * - lazy deletion (`lazy: true`; `push`): duplicates allowed, stale pairs skipped by the caller
 *   (CH queries and matrices, witness searches, the node-ordering queue whose keys also rise):
 *   for small searches cheaper than keeping items unique.
 *
 * Ties between equal keys go to the pair already higher in the heap (sift-up stops at an equal
 * parent, sift-down at an equal child, the left child wins between equal children), or with
 * `tieBreakByItem` to the smaller item. Either way the pop order is deterministic, and it is part
 * of the results: it picks among equally good paths and shapes the hierarchy built on it.
 *
 * `clear()` is O(1): membership is stamped with a generation counter, so there is no clearing
 * and no allocation between searches.
 */
export class MinHeap {
  readonly capacity: number;
  private keys: Float64Array;
  private items: Int32Array;
  /** Decrease-key heaps only: slot of each item, -1 once popped, valid where stamp[item] === generation. */
  private readonly pos: Int32Array;
  private readonly stamp: Uint32Array;
  private readonly indexed: boolean;
  private readonly byItem: boolean;
  private generation = 1;
  private n = 0;

  constructor(capacity: number, options: MinHeapOptions = {}) {
    this.capacity = capacity;
    this.indexed = !options.lazy;
    this.byItem = options.tieBreakByItem ?? false;
    if (this.byItem && this.indexed) throw new Error('MinHeap: tieBreakByItem needs lazy: true');
    // A decrease-key heap never holds more pairs than items, so it never grows.
    const slots = Math.max(16, this.indexed ? capacity : (options.slots ?? capacity));
    this.keys = new Float64Array(slots);
    this.items = new Int32Array(slots);
    this.pos = new Int32Array(this.indexed ? capacity : 0);
    this.stamp = new Uint32Array(this.indexed ? capacity : 0);
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

  /** Decrease-key heaps: true if the item was pushed since clear() and is not popped yet. */
  has(item: number): boolean {
    return this.stamp[item] === this.generation && this.pos[item] >= 0;
  }

  /** Decrease-key heaps: the key of a queued item (see has). */
  keyOf(item: number): number {
    return this.keys[this.pos[item]];
  }

  /**
   * Decrease-key heaps: insert the item, or lower its key if it is queued with a larger one.
   * Returns true if the heap changed (false for no improvement or an item already popped).
   */
  pushOrDecrease(item: number, key: number): boolean {
    if (this.stamp[item] !== this.generation) {
      this.stamp[item] = this.generation;
      this.up(this.n++, key, item);
      return true;
    }
    const p = this.pos[item];
    if (p < 0 || key >= this.keys[p]) return false;
    this.up(p, key, item);
    return true;
  }

  /** Lazy heaps: insert the pair, even if the item is queued already. */
  push(item: number, key: number): void {
    if (this.n === this.keys.length) this.grow();
    if (this.byItem) this.upByItem(this.n++, key, item);
    else this.up(this.n++, key, item);
  }

  /** Item of the minimum pair (heap not empty). */
  peek(): number {
    return this.items[0];
  }

  peekKey(): number {
    return this.keys[0];
  }

  /** Remove the minimum pair and return its item (read its key with peekKey first). */
  pop(): number {
    const top = this.items[0];
    if (this.indexed) this.pos[top] = -1;
    const n = --this.n;
    if (n === 0) return top;
    if (this.byItem) this.downByItem(this.keys[n], this.items[n]);
    else this.down(this.keys[n], this.items[n]);
    return top;
  }

  /** Hot kernel: move the hole at slot i up until (key, item) fits, and put it there. */
  private up(i: number, key: number, item: number): void {
    const keys = this.keys;
    const items = this.items;
    const pos = this.pos;
    const indexed = this.indexed;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const kp = keys[p];
      if (kp <= key) break;
      const ip = items[p];
      keys[i] = kp;
      items[i] = ip;
      if (indexed) pos[ip] = i;
      i = p;
    }
    keys[i] = key;
    items[i] = item;
    if (indexed) pos[item] = i;
  }

  /** Hot kernel: move the hole at the root down until (key, item) fits, and put it there. */
  private down(key: number, item: number): void {
    const keys = this.keys;
    const items = this.items;
    const pos = this.pos;
    const indexed = this.indexed;
    const n = this.n;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let kc = keys[c];
      if (c + 1 < n) {
        const kr = keys[c + 1];
        if (kr < kc) kc = keys[++c];
      }
      if (key <= kc) break;
      const ic = items[c];
      keys[i] = kc;
      items[i] = ic;
      if (indexed) pos[ic] = i;
      i = c;
    }
    keys[i] = key;
    items[i] = item;
    if (indexed) pos[item] = i;
  }

  /** up() with ties broken by item (tieBreakByItem heaps, which are lazy: no position index). */
  private upByItem(i: number, key: number, item: number): void {
    const keys = this.keys;
    const items = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const kp = keys[p];
      if (kp < key || (kp === key && items[p] < item)) break;
      keys[i] = kp;
      items[i] = items[p];
      i = p;
    }
    keys[i] = key;
    items[i] = item;
  }

  /** down() with ties broken by item. */
  private downByItem(key: number, item: number): void {
    const keys = this.keys;
    const items = this.items;
    const n = this.n;
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

  /** Lazy heaps only (a decrease-key heap never holds more pairs than items): double the slots. */
  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const items = new Int32Array(this.items.length * 2);
    items.set(this.items);
    this.items = items;
  }
}

/** The decrease-key discipline under the name Dijkstra-style callers (and tests) know it by. */
export { MinHeap as IndexedMinHeap };
