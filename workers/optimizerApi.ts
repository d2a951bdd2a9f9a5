/**
 * The optimiser service behind the optimizer worker: solve a VRP off the main thread, report the
 * best cost as it improves (a comlink `proxy` callback) and stop on `cancel()`. Plain functions
 * over core, so the same object is exposed by the browser worker and by a Node worker_thread.
 *
 * Core's solver is synchronous; here it runs in slices of ~`sliceMs` and yields to the event loop
 * between slices, so a cancel message is handled within a slice. The clock for time limits is this
 * worker's `performance.now()` (core never reads a clock itself).
 */
import { transfer } from 'comlink';
import type { HgsParams, ProblemData, ProgressEvent, Result, SearchStatsReport, Solution, Solver, StopCriterion, StopSpec } from '../src/core/vrp/index.ts';
import { anyOf, cancelled, createSolver, fromSpec, maxIterations, SearchStats, timeLimit } from '../src/core/vrp/index.ts';

export interface WorkerSolveOptions {
  /** Serialisable stop: iterations and/or seconds (measured in the worker). */
  readonly stop: StopSpec;
  readonly seed?: number;
  readonly params?: Partial<HgsParams>;
  readonly maxRoutes?: number;
  readonly initial?: readonly Int32Array[][];
  /** Vehicles first: a route-minimisation phase of `routeMinWork` steps (default 20 × clients), or of `routeMinSeconds`. */
  readonly minimiseVehicles?: boolean;
  readonly routeMinWork?: number;
  readonly routeMinSeconds?: number;
  /** Record operator and phase statistics (the result then carries `stats`). */
  readonly stats?: boolean;
  /**
   * Optional Int32Array view over a SharedArrayBuffer: a non-zero first element cancels even in
   * the middle of a long step (e.g. route minimisation). Where SharedArrayBuffer is unavailable,
   * `cancel()` stops at the next slice boundary.
   */
  readonly cancelFlag?: Int32Array;
  /** Milliseconds of solving between yields to the event loop (default 50). */
  readonly sliceMs?: number;
}

export type ProgressCallback = (e: ProgressEvent & { readonly seconds: number }) => void;

/** Typed arrays of a solution, to transfer it back instead of copying. */
export function solutionBuffers(sol: Solution): ArrayBuffer[] {
  const out: ArrayBuffer[] = [sol.unassigned.buffer as ArrayBuffer];
  for (const r of sol.routes) out.push(r.visits.buffer as ArrayBuffer, r.serviceStart.buffer as ArrayBuffer);
  return [...new Set(out)];
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The running search as the Solver page draws it: best routes so far (location lists) and its statistics. */
export interface SolveSnapshot {
  readonly running: boolean;
  readonly seconds: number;
  readonly iterations: number;
  readonly feasible: boolean;
  readonly cost: number;
  readonly numRoutes: number;
  readonly routes: number[][];
  readonly stats?: SearchStatsReport;
}

export function createOptimizerApi() {
  const cancelFlag = { cancelled: false };
  let current: { solver: Solver; stats?: SearchStats; t0: number; running: boolean; final?: SolveSnapshot } | null = null;
  const take = (c: NonNullable<typeof current>): SolveSnapshot => {
    const r = c.solver.result();
    return {
      running: c.running, seconds: (performance.now() - c.t0) / 1000, iterations: r.iterations, feasible: r.feasible,
      cost: r.best.cost, numRoutes: r.best.numRoutes, routes: r.best.routes.map((x) => Array.from(x.visits)),
      ...(c.stats ? { stats: c.stats.report() } : {}),
    };
  };
  return {
    /**
     * Solve `problem` (send it with `transfer(problem, problemBuffers(problem))`); the result's
     * arrays come back transferred. Deterministic for a seed when the stop counts iterations.
     */
    async solve(problem: ProblemData, opts: WorkerSolveOptions, onProgress?: ProgressCallback): Promise<Result> {
      cancelFlag.cancelled = false;
      const now = () => performance.now();
      const t0 = now();
      const stop = opts.cancelFlag ? anyOf(fromSpec(opts.stop, now, cancelFlag), cancelled(opts.cancelFlag)) : fromSpec(opts.stop, now, cancelFlag);
      const stats = opts.stats ? new SearchStats(now) : undefined;
      const solver = createSolver(problem, {
        seed: opts.seed, params: opts.params, maxRoutes: opts.maxRoutes, initial: opts.initial, stop,
        minimiseVehicles: opts.minimiseVehicles,
        routeMinStop: routeMinStop(opts, now),
        onProgress: onProgress ? (e) => void onProgress({ ...e, seconds: (now() - t0) / 1000 }) : undefined,
        stats,
      });
      current = { solver, stats, t0, running: true };
      const slice = opts.sliceMs ?? 50;
      solver.step();
      while (!stop.shouldStop(solver.progress())) {
        const end = now() + slice;
        do solver.step();
        while (now() < end && !stop.shouldStop(solver.progress()));
        await yieldToEventLoop();
      }
      current.running = false;
      // Taken before the result's arrays are transferred away (they are the search's own).
      current.final = take(current);
      const result = solver.result();
      return transfer(result, solutionBuffers(result.best));
    },

    /** The best solution of the running (or last) solve so far; null before the first. */
    snapshot(): SolveSnapshot | null {
      if (!current) return null;
      return current.final ?? take(current);
    },

    /** Answers once the worker is up, so a caller can start its clock for the search from there. */
    ready(): boolean {
      return true;
    },

    /** Stop the running solve; it returns its best solution so far. */
    cancel(): void {
      cancelFlag.cancelled = true;
    },
  };
}

function routeMinStop(opts: WorkerSolveOptions, now: () => number): StopCriterion | undefined {
  if (opts.routeMinWork !== undefined) return maxIterations(opts.routeMinWork);
  return opts.routeMinSeconds !== undefined ? timeLimit(opts.routeMinSeconds, now) : undefined;
}

export type OptimizerApi = ReturnType<typeof createOptimizerApi>;
