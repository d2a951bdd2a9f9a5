import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MinHeap } from './heap.ts';

function drain(h: MinHeap): [number, number][] {
  const out: [number, number][] = [];
  while (h.size > 0) {
    const key = h.peekKey();
    out.push([h.pop(), key]);
  }
  return out;
}

describe('MinHeap, decrease-key', () => {
  it('pops items in key order with decrease-key', () => {
    const h = new MinHeap(10);
    h.pushOrDecrease(3, 5);
    h.pushOrDecrease(1, 2);
    h.pushOrDecrease(7, 9);
    expect(h.pushOrDecrease(7, 1)).toBe(true);
    expect(h.pushOrDecrease(3, 8)).toBe(false);
    expect(h.keyOf(3)).toBe(5);
    expect(h.has(1)).toBe(true);
    expect([h.pop(), h.pop(), h.pop()]).toEqual([7, 1, 3]);
    expect(h.has(1)).toBe(false);
    expect(h.size).toBe(0);
  });

  it('clear forgets items without touching memory', () => {
    const h = new MinHeap(4);
    h.pushOrDecrease(0, 1);
    h.pop();
    expect(h.pushOrDecrease(0, 5)).toBe(false); // popped in this generation
    h.clear();
    expect(h.pushOrDecrease(0, 5)).toBe(true);
    expect(h.pop()).toBe(0);
  });

  it('agrees with sorting on random operations', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(49), fc.double({ min: 0, max: 1e6, noNaN: true })), { maxLength: 200 }), (ops) => {
        const h = new MinHeap(50);
        const best = new Map<number, number>();
        for (const [item, key] of ops) {
          h.pushOrDecrease(item, key);
          best.set(item, Math.min(best.get(item) ?? Infinity, key));
        }
        const popped = drain(h);
        expect(popped.map(([, k]) => k)).toEqual([...best.values()].sort((a, b) => a - b));
        for (const [item, key] of popped) expect(best.get(item)).toBe(key);
      }),
    );
  });
});

describe('MinHeap, lazy deletion', () => {
  it('keeps duplicates and grows past its first slots', () => {
    const h = new MinHeap(8, { lazy: true, slots: 2 });
    for (let r = 0; r < 5; r++) for (let v = 0; v < 8; v++) h.push(v, (v * 7 + r * 3) % 11);
    expect(h.size).toBe(40);
    const keys = drain(h).map(([, k]) => k);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('breaks ties by position in the heap: the pop order the recorded hierarchies and paths were built with', () => {
    const h = new MinHeap(10, { lazy: true });
    for (const [item, key] of [[5, 1], [3, 1], [7, 0], [1, 2], [2, 1], [9, 1], [4, 0], [6, 1]]) h.push(item, key);
    expect(drain(h).map(([item]) => item)).toEqual([7, 4, 5, 3, 2, 6, 9, 1]);
  });

  it('with tieBreakByItem pops in (key, item) order whatever the push order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), fc.integer({ min: 0, max: 5 })), { maxLength: 300 }), (pairs) => {
        const h = new MinHeap(31, { lazy: true, slots: 4, tieBreakByItem: true });
        for (const [item, key] of pairs) h.push(item, key);
        const expected = [...pairs].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
        expect(drain(h)).toEqual(expected);
      }),
    );
  });

  it('refuses an item tie-break on a decrease-key heap', () => {
    expect(() => new MinHeap(4, { tieBreakByItem: true })).toThrow(/lazy/);
  });
});
