import type { Rng } from '../util/rng.ts';

export interface ArrivalParams {
  /** Relative order rate for each hour of the day: profile[h] holds from h:00 to h+1:00. */
  readonly profile: readonly number[];
  /** The expected (or, with exact, the drawn) number of orders before the cut-off. */
  readonly count: number;
  /** Orders after this (s after midnight) are not part of the day. */
  readonly cutoffS: number;
  /**
   * exact: exactly `count` orders, the arrival times of a non-homogeneous Poisson process given its
   * count (iid from the rate's density); poisson: the count itself is Poisson with mean `count`.
   */
  readonly exact: boolean;
}

/**
 * Order times of a non-homogeneous Poisson process with a piecewise-constant hourly rate, by
 * inversion of the cumulative rate Λ (Çinlar's time change, as in Lewis & Shedler 1979, §2): the
 * points of a unit-rate process on [0, Λ(cutoff)) mapped through Λ⁻¹. The rate is scaled so that
 * Λ(cutoff) = count. For an exact count the unit-rate points are n sorted uniforms, drawn in order
 * as normalised exponential spacings (no sort). Sorted, whole seconds, all before the cut-off.
 */
export function sampleArrivals(p: ArrivalParams, rng: Rng): Float64Array {
  const cum = cumulativeRate(p.profile, p.cutoffS);
  const total = cum[cum.length - 1];
  if (!(total > 0)) throw new Error('sampleArrivals: the profile has no orders before the cut-off');
  const points = p.exact ? sortedUniforms(p.count, rng) : poissonPoints(p.count, rng);
  const out = new Float64Array(points.length);
  let h = 0;
  for (let i = 0; i < points.length; i++) {
    const target = points[i] * total;
    while (h < cum.length - 2 && (cum[h + 1] <= target || cum[h + 1] === cum[h])) h++;
    const rate = cum[h + 1] - cum[h];
    const endS = Math.min((h + 1) * 3600, p.cutoffS);
    const t = h * 3600 + ((target - cum[h]) / rate) * (endS - h * 3600);
    // Whole seconds, and never at or after the cut-off (Λ is flat there only when the rate is 0).
    out[i] = Math.min(Math.floor(t), Math.ceil(p.cutoffS) - 1);
  }
  return out;
}

/** Λ at each hour boundary up to the cut-off (cum[h] = orders expected before h:00, unscaled). */
function cumulativeRate(profile: readonly number[], cutoffS: number): Float64Array {
  const hours = Math.min(profile.length, Math.ceil(cutoffS / 3600));
  const cum = new Float64Array(hours + 1);
  for (let h = 0; h < hours; h++) {
    const part = Math.max(0, Math.min(3600, cutoffS - h * 3600)) / 3600;
    cum[h + 1] = cum[h] + profile[h] * part;
  }
  return cum;
}

/** n sorted uniforms on [0, 1): partial sums of n + 1 exponentials, normalised (Devroye 1986, V.2). */
function sortedUniforms(n: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  let s = 0;
  for (let i = 0; i < n; i++) out[i] = s += rng.exponential(1);
  s += rng.exponential(1);
  for (let i = 0; i < n; i++) out[i] /= s;
  return out;
}

/** Points of a unit-rate Poisson process on [0, mean), divided by mean (so in [0, 1)). */
function poissonPoints(mean: number, rng: Rng): Float64Array {
  const pts: number[] = [];
  for (let t = rng.exponential(1); t < mean; t += rng.exponential(1)) pts.push(t / mean);
  return Float64Array.from(pts);
}

/** Expected share of the day's orders in each hour (the profile restricted to before the cut-off, normalised). */
export function hourlyShares(profile: readonly number[], cutoffS: number): Float64Array {
  const cum = cumulativeRate(profile, cutoffS);
  const total = cum[cum.length - 1];
  const out = new Float64Array(24);
  for (let h = 0; h + 1 < cum.length; h++) out[h] = (cum[h + 1] - cum[h]) / total;
  return out;
}
