/**
 * The optimiser's front door: `solve(problem, { stop, seed, params, onProgress }) → Result`.
 * Deterministic for a seed when the stop criterion counts iterations. For callers that must stay
 * responsive (a worker answering cancel messages), `createSolver` exposes the same run as steps.
 */
import type { ProblemData } from './ProblemData.ts';
import type { Solution } from './Solution.ts';
import { makeSolution } from './Solution.ts';
import { Hgs } from './hgs/Hgs.ts';
import type { Individual } from './hgs/Individual.ts';
import type { HgsParams } from './hgs/params.ts';
import type { Progress, StopCriterion } from './stop.ts';
import { maxIterations } from './stop.ts';
import { minimiseRoutes, routeMinApplicable } from './routemin/minimiseRoutes.ts';

export interface ProgressEvent {
  readonly iteration: number;
  /** Objective of the best feasible solution (Infinity if none yet). */
  readonly cost: number;
  readonly numRoutes: number;
  readonly feasible: boolean;
  readonly phase: 'routes' | 'search';
}

export interface SolveOptions {
  readonly stop: StopCriterion;
  readonly seed?: number;
  readonly params?: Partial<HgsParams>;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Use at most this many vehicles (routes). */
  readonly maxRoutes?: number;
  /** Initial solutions (routes as location lists per fleet slot) to seed the search with. */
  readonly initial?: readonly Int32Array[][];
  /**
   * Hierarchical objective: first minimise the number of vehicles (route-minimisation phase),
   * then distance with the fleet capped there.
   */
  readonly minimiseVehicles?: boolean;
  /**
   * End of the route-minimisation phase; its `iterations` count that phase's work (search steps
   * and ejection-pool steps). Default: 20 × numClients.
   */
  readonly routeMinStop?: StopCriterion;
}

export interface Result {
  /** Best solution found: feasible if any feasible one was found, else the least-penalized one. */
  readonly best: Solution;
  readonly feasible: boolean;
  readonly iterations: number;
  /** (iteration, objective) each time the best feasible solution improved. */
  readonly history: readonly { readonly iteration: number; readonly cost: number }[];
}

export interface Solver {
  step(): void;
  progress(): Progress;
  result(): Result;
}

export function createSolver(problem: ProblemData, opts: Omit<SolveOptions, 'stop'>): Solver {
  const hgs = new Hgs(problem, { seed: opts.seed ?? 1, params: opts.params, maxRoutes: opts.maxRoutes, initial: opts.initial });
  const history: { iteration: number; cost: number }[] = [];
  hgs.onImprove = (ind: Individual) => {
    const it = hgs.iterations;
    history.push({ iteration: it, cost: ind.objective });
    opts.onProgress?.({ iteration: it, cost: ind.objective, numRoutes: ind.numRoutes, feasible: true, phase: 'search' });
  };
  return {
    step: () => hgs.step(),
    progress: () => ({
      iterations: hgs.iterations,
      iterationsWithoutImprovement: hgs.iterationsWithoutImprovement,
      bestCost: hgs.best ? hgs.best.objective : Infinity,
    }),
    result: () => toResult(hgs, history),
  };
}

function toResult(hgs: Hgs, history: { iteration: number; cost: number }[]): Result {
  const ind = hgs.best ?? hgs.bestInfeasible ?? hgs.pop.bestFeasible() ?? hgs.pop.bestInfeasible();
  const routes = ind ? ind.routes : [];
  const best = makeSolution(hgs.p, routes.map((visits, r) => ({ type: hgs.state.rType[r], visits })));
  return { best, feasible: best.feasible, iterations: hgs.iterations, history: history.slice() };
}

export function solve(problem: ProblemData, opts: SolveOptions): Result {
  if (opts.minimiseVehicles && routeMinApplicable(problem)) {
    const progress = { iterations: 0, iterationsWithoutImprovement: 0, bestCost: Infinity };
    const rmStop = opts.routeMinStop ?? maxIterations(20 * problem.numClients);
    const routes = minimiseRoutes(problem, {
      seed: opts.seed ?? 1,
      stop: () => opts.stop.shouldStop(progress),
      phaseStop: (work) => rmStop.shouldStop({ iterations: work, iterationsWithoutImprovement: 0, bestCost: Infinity }),
      onRoutes: (m) => opts.onProgress?.({ iteration: 0, cost: Infinity, numRoutes: m, feasible: true, phase: 'routes' }),
    });
    if (routes) {
      const used = routes.filter((r) => r.length > 0).length;
      opts = { ...opts, maxRoutes: Math.min(opts.maxRoutes ?? used, used), initial: [routes, ...(opts.initial ?? [])] };
    }
  }
  const solver = createSolver(problem, opts);
  // The initial population is always built at least in part so a result exists.
  solver.step();
  while (!opts.stop.shouldStop(solver.progress())) solver.step();
  return solver.result();
}
