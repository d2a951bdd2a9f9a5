/**
 * A benchmark instance as read from a file: the solver's ProblemData plus what I/O needs to map
 * back (external ids per location, coordinates, the distance convention for reporting).
 */
import type { ProblemData } from '../ProblemData.ts';

export type InstanceFormat = 'solomon' | 'cvrplib' | 'evrptw';
export type Objective = 'distance' | 'hierarchical';
/** E-VRPTW recharge policy at stations. */
export type Recharge = 'full' | 'partial';

export interface Instance {
  readonly name: string;
  readonly format: InstanceFormat;
  readonly objective: Objective;
  readonly problem: ProblemData;
  /** External id of each location (Solomon CUST NO., CVRPLIB node id, E-VRPTW StringID). */
  readonly ids: readonly string[];
  /** File coordinates per location (unscaled). */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /**
   * How an arc's reported length is computed from file coordinates:
   * 'trunc1' = floor(10·e)/10 (DIMACS VRPTW), 'round' = nearest integer (TSPLIB EUC_2D),
   * 'exact' = unrounded Euclidean.
   */
  readonly arc: 'trunc1' | 'round' | 'exact';
  /** Internal integer units per file unit of distance and time. */
  readonly scale: number;
  /** E-VRPTW: the recharge policy the problem was built with, and the file's battery parameters. */
  readonly recharge?: Recharge;
  readonly battery?: { readonly Q: number; readonly r: number; readonly g: number };
}

export function euclid(dx: number, dy: number): number {
  return Math.sqrt(dx * dx + dy * dy);
}

/** Reported arc length between two locations, in file units, per the instance's convention. */
export function arcLength(inst: Instance, a: number, b: number): number {
  const dx = inst.xs[a] - inst.xs[b];
  const dy = inst.ys[a] - inst.ys[b];
  if (inst.arc === 'trunc1') return Math.floor(Math.sqrt(100 * (dx * dx + dy * dy))) / 10;
  if (inst.arc === 'round') return Math.floor(euclid(dx, dy) + 0.5);
  return euclid(dx, dy);
}

/** Total reported distance of routes given as location lists (depot 0 at both ends implicitly). */
export function reportedDistance(inst: Instance, routes: readonly ArrayLike<number>[], depot = 0): number {
  let sum = 0;
  for (const r of routes) {
    if (r.length === 0) continue;
    let last = depot;
    for (let i = 0; i < r.length; i++) {
      sum += arcLength(inst, last, r[i]);
      last = r[i];
    }
    sum += arcLength(inst, last, depot);
  }
  // Truncated tenths summed in floating point: round to the tenth the integer sum represents.
  return inst.arc === 'trunc1' ? Math.round(sum * 10) / 10 : sum;
}
