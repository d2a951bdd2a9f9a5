/**
 * Future-event list of the discrete-event simulation: a binary min-heap ordered by (time, sequence)
 * in typed arrays, so simultaneous events run in the order they were scheduled and a run is
 * reproducible bit for bit (SimPy `core.py` schedule). pop() copies the event into the public
 * `time/kind/van/token/arg` fields: no allocation per event.
 */
export class EventQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Uint8Array;
  private vans: Int32Array;
  private tokens: Uint32Array;
  private args: Int32Array;
  /** Heap of slot indices. */
  private heap: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private slots = 0;
  private n = 0;
  private nextSeq = 0;

  /** The event last popped. */
  time = 0;
  kind = 0;
  van = 0;
  token = 0;
  arg = 0;

  constructor(capacity = 1024) {
    this.times = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.vans = new Int32Array(capacity);
    this.tokens = new Uint32Array(capacity);
    this.args = new Int32Array(capacity);
    this.heap = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Time of the next event (Infinity when empty). */
  peekTime(): number {
    return this.n > 0 ? this.times[this.heap[0]] : Infinity;
  }

  push(time: number, kind: number, van = -1, token = 0, arg = 0): void {
    if (!(time >= 0) || !Number.isFinite(time)) throw new RangeError(`EventQueue.push: bad time ${time}`);
    const slot = this.freeCount > 0 ? this.free[--this.freeCount] : this.newSlot();
    this.times[slot] = time;
    this.seqs[slot] = this.nextSeq++;
    this.kinds[slot] = kind;
    this.vans[slot] = van;
    this.tokens[slot] = token;
    this.args[slot] = arg;
    let i = this.n++;
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(slot, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = slot;
  }

  /** Remove the earliest event into the public fields. Returns false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const heap = this.heap;
    const top = heap[0];
    this.time = this.times[top];
    this.kind = this.kinds[top];
    this.van = this.vans[top];
    this.token = this.tokens[top];
    this.arg = this.args[top];
    this.free[this.freeCount++] = top;
    const last = heap[--this.n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.n) break;
      if (child + 1 < this.n && this.less(heap[child + 1], heap[child])) child++;
      if (!this.less(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
    return true;
  }

  private less(a: number, b: number): boolean {
    const ta = this.times[a];
    const tb = this.times[b];
    return ta < tb || (ta === tb && this.seqs[a] < this.seqs[b]);
  }

  private newSlot(): number {
    if (this.slots === this.times.length) this.grow();
    return this.slots++;
  }

  private grow(): void {
    const cap = this.times.length * 2;
    const grow = <T extends Float64Array | Uint8Array | Int32Array | Uint32Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(cap);
      b.set(a);
      return b;
    };
    this.times = grow(this.times, Float64Array);
    this.seqs = grow(this.seqs, Float64Array);
    this.kinds = grow(this.kinds, Uint8Array);
    this.vans = grow(this.vans, Int32Array);
    this.tokens = grow(this.tokens, Uint32Array);
    this.args = grow(this.args, Int32Array);
    this.heap = grow(this.heap, Int32Array);
    this.free = grow(this.free, Int32Array);
  }
}
