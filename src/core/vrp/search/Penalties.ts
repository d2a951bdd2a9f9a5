/**
 * Penalty weights for infeasible intermediate solutions (Vidal et al. 2012, §3.3; Vidal 2022, §3):
 * the search walks through capacity-, time- and range-infeasible space and the weights adapt so that
 * a target share of local-search outcomes is feasible. Weights are kept dyadic (multiples of 2^-10)
 * so that weight × integer excess is exact in float64 and move deltas compare exactly.
 */
export class Penalties {
  /** Per capacity dimension, per unit of excess load. */
  readonly load: Float64Array;
  /** Per unit of time warp (late arrival, excess route duration). */
  time = 1;
  /** Per unit of excess distance (route maximum, range per trip). */
  distance = 1;

  constructor(numDims: number) {
    this.load = new Float64Array(numDims).fill(1);
  }

  copyFrom(o: Penalties): void {
    this.load.set(o.load);
    this.time = o.time;
    this.distance = o.distance;
  }

  /** A copy with every weight multiplied by `f` (HGS repair step uses 10×). */
  scaled(f: number): Penalties {
    const p = new Penalties(this.load.length);
    for (let k = 0; k < this.load.length; k++) p.load[k] = quantize(this.load[k] * f);
    p.time = quantize(this.time * f);
    p.distance = quantize(this.distance * f);
    return p;
  }
}

export const PENALTY_MIN = 1 / 1024;
export const PENALTY_MAX = 1e6;

/** Round to a multiple of 2^-10 within [PENALTY_MIN, PENALTY_MAX]. */
export function quantize(w: number): number {
  const q = Math.round(w * 1024) / 1024;
  return Math.min(PENALTY_MAX, Math.max(PENALTY_MIN, q));
}
