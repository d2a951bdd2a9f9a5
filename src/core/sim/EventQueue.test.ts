import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './EventQueue.ts';

describe('EventQueue', () => {
  it('orders by time, then by scheduling order for simultaneous events', () => {
    const q = new EventQueue(2);
    q.push(10, 1, 0);
    q.push(5, 2, 1);
    q.push(10, 3, 2);
    q.push(5, 4, 3);
    q.push(0, 5, 4);
    const got: number[][] = [];
    while (q.pop()) got.push([q.time, q.kind, q.van]);
    expect(got).toEqual([[0, 5, 4], [5, 2, 1], [5, 4, 3], [10, 1, 0], [10, 3, 2]]);
  });

  it('carries token and argument through and reuses slots', () => {
    const q = new EventQueue(1);
    for (let round = 0; round < 3; round++) {
      q.push(round, 7, 3, 42 + round, -5);
      expect(q.pop()).toBe(true);
      expect([q.kind, q.van, q.token, q.arg]).toEqual([7, 3, 42 + round, -5]);
    }
    expect(q.pop()).toBe(false);
  });

  it('is a stable sort on random schedules, interleaved with pops', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const q = new EventQueue(4);
        times.forEach((t, i) => q.push(t, 0, i));
        const order: [number, number][] = [];
        while (q.pop()) order.push([q.time, q.van]);
        const expected = times.map((t, i) => [t, i] as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(order).toEqual(expected);
      }),
    );
  });

  it('rejects non-finite times', () => {
    expect(() => new EventQueue().push(NaN, 0)).toThrow(/bad time/);
  });
});
