/**
 * Solve a benchmark instance under its objective: 'distance' runs the search directly;
 * 'hierarchical' (vehicles first) gives the route-minimisation phase part of the time budget
 * (40 % when a time limit and clock are given) before the distance search under the fleet cap.
 */
import type { Instance } from './io/Instance.ts';
import type { Result, SolveOptions, Solver } from './solve.ts';
import { createSolver, solve } from './solve.ts';
import { timeLimit } from './stop.ts';

export interface SolveInstanceOptions extends SolveOptions {
  /** Clock in milliseconds and the run's time limit, to split the budget between phases. */
  readonly now?: () => number;
  readonly timeLimitSeconds?: number;
}

export const ROUTE_MIN_SHARE = 0.4;

export function solveInstance(inst: Instance, opts: SolveInstanceOptions): Result {
  return solve(inst.problem, instanceOptions(inst, opts));
}

/** The same run step by step (a CLI that must notice Ctrl-C between steps). */
export function createInstanceSolver(inst: Instance, opts: SolveInstanceOptions): Solver {
  return createSolver(inst.problem, instanceOptions(inst, opts));
}

function instanceOptions(inst: Instance, opts: SolveInstanceOptions): SolveInstanceOptions {
  if (inst.objective !== 'hierarchical') return opts;
  const routeMinStop =
    opts.routeMinStop ?? (opts.now && opts.timeLimitSeconds ? timeLimit(opts.timeLimitSeconds * ROUTE_MIN_SHARE, opts.now) : undefined);
  return { ...opts, minimiseVehicles: true, routeMinStop };
}
