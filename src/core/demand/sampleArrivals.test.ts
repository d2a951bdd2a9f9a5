import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.ts';
import { hourlyShares, sampleArrivals } from './sampleArrivals.ts';

// Orders only from 08:00 to 20:00, three times as many from 11:00 to 13:00 as elsewhere.
const profile = Array.from({ length: 24 }, (_, h) => (h < 8 || h >= 20 ? 0 : h === 11 || h === 12 ? 3 : 1));
const cutoffS = 18.5 * 3600;

describe('sampleArrivals', () => {
  const exact = sampleArrivals({ profile, count: 20_000, cutoffS, exact: true }, new Rng(3));

  it('draws exactly the count, sorted, in whole seconds, only where the rate is positive and before the cut-off', () => {
    expect(exact.length).toBe(20_000);
    for (let i = 0; i < exact.length; i++) {
      expect(Number.isInteger(exact[i])).toBe(true);
      if (i > 0) expect(exact[i]).toBeGreaterThanOrEqual(exact[i - 1]);
    }
    expect(exact[0]).toBeGreaterThanOrEqual(8 * 3600);
    expect(exact[exact.length - 1]).toBeLessThan(cutoffS);
  });

  it('follows the profile: hourly counts within 5 standard deviations of the expected ones', () => {
    const shares = hourlyShares(profile, cutoffS);
    // 10.5 open hours of weight 1 plus two of weight 3 → 14.5 units; 18:00–18:30 is half an hour.
    expect(shares[11]).toBeCloseTo(3 / 14.5, 12);
    expect(shares[18]).toBeCloseTo(0.5 / 14.5, 12);
    expect(shares[19]).toBe(0);
    const counts = new Array(24).fill(0);
    for (const t of exact) counts[Math.floor(t / 3600)]++;
    for (let h = 0; h < 24; h++) {
      const mean = 20_000 * shares[h];
      const sd = Math.sqrt(20_000 * shares[h] * (1 - shares[h]));
      expect(Math.abs(counts[h] - mean)).toBeLessThanOrEqual(5 * sd + 1e-9);
    }
    // Within an hour the rate is flat: the two halves of 09:00–10:00 get about as many orders.
    const first = exact.filter((t) => t >= 9 * 3600 && t < 9.5 * 3600).length;
    const second = exact.filter((t) => t >= 9.5 * 3600 && t < 10 * 3600).length;
    expect(Math.abs(first - second)).toBeLessThan(5 * Math.sqrt(first + second));
  });

  it('is deterministic: the same seed gives the same times, another seed other times', () => {
    expect(Array.from(sampleArrivals({ profile, count: 20_000, cutoffS, exact: true }, new Rng(3)))).toEqual(Array.from(exact));
    expect(Array.from(sampleArrivals({ profile, count: 20_000, cutoffS, exact: true }, new Rng(4)))).not.toEqual(Array.from(exact));
  });

  it('with a Poisson count, the count varies around the mean', () => {
    const counts = [1, 2, 3, 4, 5].map((s) => sampleArrivals({ profile, count: 10_000, cutoffS, exact: false }, new Rng(s)).length);
    for (const n of counts) expect(Math.abs(n - 10_000)).toBeLessThan(500); // 5 sd
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it('cuts off mid-hour and leaves out an hour whose rate is zero', () => {
    const t = sampleArrivals({ profile: Array.from({ length: 24 }, (_, h) => (h === 10 ? 0 : 1)), count: 5000, cutoffS: 12.25 * 3600, exact: true }, new Rng(9));
    expect(t.filter((x) => x >= 10 * 3600 && x < 11 * 3600).length).toBe(0);
    expect(Math.max(...t)).toBeLessThan(12.25 * 3600);
    expect(Math.min(...t)).toBeGreaterThanOrEqual(0);
  });

  it('refuses a profile with no orders before the cut-off', () => {
    expect(() => sampleArrivals({ profile, count: 10, cutoffS: 7 * 3600, exact: true }, new Rng(1))).toThrow('no orders before the cut-off');
  });
});
