import type { Rng } from '../util/rng.ts';

export interface SizeParams {
  /** Parcel weight: log-normal with this median, capped. */
  readonly weightMedianKg: number;
  readonly weightMaxKg: number;
  /** Parcel density median, kg/m³ (volume = weight / density, log-normal spread). */
  readonly densityKgM3: number;
}

/**
 * One parcel's weight (kg, 2 decimals) and volume (m³, 4 decimals). Weight is log-normal
 * (σ = 0.9, the spread of e-commerce parcel weights); density log-normal (σ = 0.5) so bulky light
 * parcels exist. Two normal draws, in that order, whatever is used.
 */
export function drawSize(p: SizeParams, rng: Rng): { weightKg: number; volumeM3: number } {
  const w = Math.min(p.weightMaxKg, Math.max(0.1, p.weightMedianKg * Math.exp(0.9 * rng.normal())));
  const density = p.densityKgM3 * Math.exp(0.5 * rng.normal());
  return { weightKg: Math.round(w * 100) / 100, volumeM3: volumeOf(w, density) };
}

/** Volume of a parcel of weight w at a density, m³ (4 decimals, 0.5 L to 0.5 m³). */
export function volumeOf(weightKg: number, densityKgM3: number): number {
  return Math.round(Math.min(0.5, Math.max(0.0005, weightKg / densityKgM3)) * 1e4) / 1e4;
}

/** Cumulative door weights, for drawing doors in proportion to them (pickDoor). */
export function cumulativeWeights(doorWeight: Float32Array): Float64Array {
  const cum = new Float64Array(doorWeight.length);
  let acc = 0;
  for (let i = 0; i < doorWeight.length; i++) cum[i] = acc += doorWeight[i];
  return cum;
}

/** A door drawn in proportion to its weight: the first index with cum[i] > u·total (binary search). */
export function pickDoor(cum: Float64Array, rng: Rng): number {
  const x = rng.next() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
