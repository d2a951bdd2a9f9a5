import { describe, expect, it } from 'vitest';
import { Rng } from './rng.ts';

describe('Rng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
  });

  it('draws uniform floats in [0, 1) with the right mean', () => {
    const r = new Rng(7);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = r.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('int stays in range and hits every value', () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) {
      const k = r.int(7);
      expect(k >= 0 && k < 7 && Number.isInteger(k)).toBe(true);
      seen.add(k);
    }
    expect(seen.size).toBe(7);
  });

  it('exponential and normal have the requested moments', () => {
    const r = new Rng(3);
    let e = 0;
    let n = 0;
    let n2 = 0;
    const N = 50_000;
    for (let i = 0; i < N; i++) {
      e += r.exponential(120);
      const z = r.normal(10, 2);
      n += z;
      n2 += z * z;
    }
    expect(e / N).toBeGreaterThan(115);
    expect(e / N).toBeLessThan(125);
    expect(n / N).toBeCloseTo(10, 1);
    expect(Math.sqrt(n2 / N - (n / N) ** 2)).toBeCloseTo(2, 1);
  });
});
