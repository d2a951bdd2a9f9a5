/**
 * The optimiser's front door: `solve(problem, { stop, seed, params, onProgress }) → Result`.
 * Deterministic for a seed when the stop criterion counts iterations. For callers that must stay
 * responsive (a worker answering cancel messages), `createSolver` exposes the same run as steps.
 */
import type { ProblemData } from './ProblemData.ts';
import type { Solution } from './Solution.ts';
import { makeSolution, visitServices } from './Solution.ts';
import { Hgs } from './hgs/Hgs.ts';
import { overlapBeyondPorts, schedulePorts } from './hgs/chargerPorts.ts';
import type { Individual } from './hgs/Individual.ts';
import type { HgsParams } from './hgs/params.ts';
import type { Progress, StopCriterion } from './stop.ts';
import { maxIterations } from './stop.ts';
import { minimiseRoutes } from './routemin/minimiseRoutes.ts';
import { constructions } from './construct/insertion.ts';
import type { SearchStats, SearchStatsReport } from './search/SearchStats.ts';

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
  /** Fill these operator and phase statistics (search/SearchStats.ts); read them with `report()`. */
  readonly stats?: SearchStats;
}

export interface Result {
  /** Best solution found: feasible if any feasible one was found, else the least-penalized one. */
  readonly best: Solution;
  readonly feasible: boolean;
  readonly iterations: number;
  /** (iteration, objective) each time the best feasible solution improved. */
  readonly history: readonly { readonly iteration: number; readonly cost: number }[];
  /** With `stats` in the options: what the search did, per operator and phase. */
  readonly stats?: SearchStatsReport;
}

export interface Solver {
  step(): void;
  progress(): Progress;
  result(): Result;
}

/**
 * A solver driven step by step. With `minimiseVehicles`, the first step runs the whole
 * route-minimisation phase (bounded by `routeMinStop` and `stop`); later steps are HGS generations.
 */
export function createSolver(problem: ProblemData, opts: Omit<SolveOptions, 'stop'> & { readonly stop?: StopCriterion }): Solver {
  const history: { iteration: number; cost: number }[] = [];
  let hgs: Hgs | null = null;
  const start = (): Hgs => {
    let o: Omit<SolveOptions, 'stop'> = opts;
    // Time-constrained instances without caller seeds start from feasible constructions, so the
    // best-so-far is feasible from the first step (the anytime contract on short limits).
    const st = opts.stats;
    let t = st ? st.clock() : 0;
    if (!opts.minimiseVehicles && !opts.initial?.length) o = { ...opts, initial: constructions(problem) };
    if (st) t = st.phase('construction', t);
    if (opts.minimiseVehicles) {
      const routes = minimiseRoutesPhase(problem, opts);
      if (st) st.phase('route minimisation', t);
      if (routes) {
        const used = routes.filter((r) => r.length > 0).length;
        // Under the fleet cap feasibility is the hard part: start with high time/range penalties
        // and always repair (the seed is feasible; offspring should stay near feasibility).
        const params = { initialPenaltyBoost: 10, repairProbability: 1, ...opts.params };
        o = { ...opts, params, maxRoutes: Math.min(opts.maxRoutes ?? used, used), initial: [routes, ...(opts.initial ?? [])] };
      }
    }
    const h = new Hgs(problem, { seed: o.seed ?? 1, params: o.params, maxRoutes: o.maxRoutes, initial: o.initial, stats: opts.stats });
    h.onImprove = (ind: Individual) => {
      history.push({ iteration: h.iterations, cost: ind.objective });
      opts.onProgress?.({ iteration: h.iterations, cost: ind.objective, numRoutes: ind.numRoutes, feasible: true, phase: 'search' });
    };
    return h;
  };
  return {
    step: () => {
      if (hgs) hgs.step();
      else (hgs = start()).step();
    },
    progress: () => ({
      iterations: hgs ? hgs.iterations : 0,
      iterationsWithoutImprovement: hgs ? hgs.iterationsWithoutImprovement : 0,
      bestCost: hgs?.best ? hgs.best.objective : Infinity,
    }),
    result: () => {
      const r = toResult(hgs ?? start(), history);
      return opts.stats ? { ...r, stats: opts.stats.report() } : r;
    },
  };
}

function minimiseRoutesPhase(problem: ProblemData, opts: Omit<SolveOptions, 'stop'> & { readonly stop?: StopCriterion }): Int32Array[] | null {
  const progress = { iterations: 0, iterationsWithoutImprovement: 0, bestCost: Infinity };
  const rmStop = opts.routeMinStop ?? maxIterations(20 * problem.numClients);
  return minimiseRoutes(problem, {
    seed: opts.seed ?? 1,
    stop: () => (opts.stop ? opts.stop.shouldStop(progress) : false),
    phaseStop: (work) => rmStop.shouldStop({ iterations: work, iterationsWithoutImprovement: 0, bestCost: Infinity }),
    onRoutes: (m) => opts.onProgress?.({ iteration: 0, cost: Infinity, numRoutes: m, feasible: true, phase: 'routes' }),
  });
}

function toResult(hgs: Hgs, history: { iteration: number; cost: number }[]): Result {
  const ind = hgs.best ?? hgs.bestInfeasible ?? hgs.pop.bestFeasible() ?? hgs.pop.bestInfeasible();
  const routes = ind ? ind.routes : [];
  const typed = routes.map((visits, r) => ({ type: hgs.state.rType[r], visits })).filter((r) => r.visits.length > 0);
  // Charger ports: the repair's waits become part of the schedule (hgs/chargerPorts.ts).
  const waits = hgs.p.flags.stationPorts ? schedulePorts(hgs.p, typed).notBefore : undefined;
  const best = makeSolution(hgs.p, typed, waits);
  if (waits && best.feasible && schedulePortsOverlap(hgs.p, best) > 0) return { best: { ...best, feasible: false }, feasible: false, iterations: hgs.iterations, history: history.slice() };
  return { best, feasible: best.feasible, iterations: hgs.iterations, history: history.slice() };
}

export function solve(problem: ProblemData, opts: SolveOptions): Result {
  const solver = createSolver(problem, opts);
  // The first step always runs, so a result exists.
  solver.step();
  while (!opts.stop.shouldStop(solver.progress())) solver.step();
  return solver.result();
}

/** Charging overlap beyond the ports in a finished solution (0 when the port constraint holds). */
function schedulePortsOverlap(p: ProblemData, sol: Solution): number {
  return overlapBeyondPorts(p, sol.routes, sol.routes.map((r) => visitServices(p, r.vehicleType, r.visits).service));
}
