import { describe, expect, it } from 'vitest';
import distance from '@turf/distance';
import { point } from '@turf/helpers';
import { LocalProjection } from './LocalProjection.ts';

describe('LocalProjection', () => {
  it('round-trips and matches great-circle distances at city scale', () => {
    const p = new LocalProjection(7.42, 43.73); // Monaco
    const lon = 7.46;
    const lat = 43.75;
    expect(p.lon(p.x(lon))).toBeCloseTo(lon, 10);
    expect(p.lat(p.y(lat))).toBeCloseTo(lat, 10);
    const local = Math.hypot(p.x(lon), p.y(lat));
    const gc = distance(point([7.42, 43.73]), point([lon, lat]), { units: 'meters' });
    expect(Math.abs(local - gc) / gc).toBeLessThan(0.004); // turf uses a sphere; we use the ellipsoid
  });
});
