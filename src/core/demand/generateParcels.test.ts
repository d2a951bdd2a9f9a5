import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.ts';
import { generateParcels } from './generateParcels.ts';

const params = {
  parcels: 3000,
  waves: [{ atS: 6 * 3600, share: 0.6 }, { atS: 10 * 3600, share: 0.4 }],
  windowHours: 3,
  minLeadHours: 1.5,
  weightMedianKg: 2.5,
  weightMaxKg: 30,
  densityKgM3: 180,
  dayEndS: 21 * 3600,
};

describe('generateParcels', () => {
  const weights = Float32Array.from([1, 0, 3, 6]);
  const p = generateParcels(params, weights, new Rng(5));

  it('splits the day across waves and promises windows after arrival', () => {
    expect(p.count).toBe(3000);
    expect(p.releaseS.filter((t) => t === 6 * 3600).length).toBe(1800);
    for (let i = 0; i < p.count; i++) {
      expect(p.windowStartS[i]).toBeGreaterThanOrEqual(p.releaseS[i] + 1.5 * 3600);
      expect(p.windowStartS[i] % 3600).toBe(0);
      expect(p.windowEndS[i] - p.windowStartS[i]).toBe(3 * 3600);
      expect(p.windowEndS[i]).toBeLessThanOrEqual(21 * 3600);
    }
  });

  it('draws doors in proportion to weight and realistic sizes', () => {
    const hits = [0, 0, 0, 0];
    for (const d of p.door) hits[d]++;
    expect(hits[1]).toBe(0);
    expect(hits[3] / hits[0]).toBeGreaterThan(4);
    const w = [...p.weightKg].sort((a, b) => a - b);
    expect(w[1500]).toBeGreaterThan(2);
    expect(w[1500]).toBeLessThan(3);
    expect(Math.max(...p.weightKg)).toBeLessThanOrEqual(30);
    expect(Math.min(...p.volumeM3)).toBeGreaterThan(0);
  });

  it('is deterministic', () => {
    const q = generateParcels(params, weights, new Rng(5));
    expect(Array.from(q.weightKg)).toEqual(Array.from(p.weightKg));
    expect(Array.from(q.door)).toEqual(Array.from(p.door));
  });
});
