import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IndexedMinHeap } from './heap.ts';

describe('IndexedMinHeap', () => {
  it('pops items in key order with decrease-key', () => {
    const h = new IndexedMinHeap(10);
    h.pushOrDecrease(3, 5);
    h.pushOrDecrease(1, 2);
    h.pushOrDecrease(7, 9);
    expect(h.pushOrDecrease(7, 1)).toBe(true);
    expect(h.pushOrDecrease(3, 8)).toBe(false);
    expect([h.pop(), h.pop(), h.pop()]).toEqual([7, 1, 3]);
    expect(h.size).toBe(0);
  });

  it('clear forgets items without touching memory', () => {
    const h = new IndexedMinHeap(4);
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
        const h = new IndexedMinHeap(50);
        const best = new Map<number, number>();
        for (const [item, key] of ops) {
          h.pushOrDecrease(item, key);
          best.set(item, Math.min(best.get(item) ?? Infinity, key));
        }
        const popped: number[] = [];
        while (h.size > 0) popped.push(h.keyOf(h.pop()));
        const expected = [...best.values()].sort((a, b) => a - b);
        expect(popped).toEqual(expected);
      }),
    );
  });
});
