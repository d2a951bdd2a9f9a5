import { describe, expect, it } from 'vitest';
import { pairedDifference, summarize, t95 } from './summary.ts';
import { Rng } from '../util/rng.ts';

describe('summary statistics', () => {
  it('matches hand-computed values', () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(2.138, 3);
    expect(s.ci95).toBeCloseTo((2.365 * 2.138) / Math.sqrt(8), 2);
  });

  it('t quantiles join the table smoothly and approach 1.96', () => {
    expect(t95(30)).toBeCloseTo(2.042, 3);
    expect(t95(31)).toBeLessThan(2.042);
    expect(t95(31)).toBeGreaterThan(2.03);
    expect(t95(1e6)).toBeCloseTo(1.96, 3);
  });

  it('95 % intervals cover the true mean about 95 % of the time', () => {
    const rng = new Rng(11);
    let covered = 0;
    const trials = 2000;
    for (let k = 0; k < trials; k++) {
      const s = summarize(Array.from({ length: 8 }, () => rng.normal(10, 3)));
      if (Math.abs(s.mean - 10) <= s.ci95) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });

  it('pairing removes shared noise', () => {
    const rng = new Rng(4);
    const shared = Array.from({ length: 10 }, () => rng.normal(0, 50));
    const a = shared.map((x) => 100 + x);
    const b = shared.map((x) => 103 + x + rng.normal(0, 0.5));
    expect(pairedDifference(a, b).significant).toBe(true);
    expect(summarize(b).ci95).toBeGreaterThan(10); // unpaired, the difference would drown
  });
});
