/**
 * Several seeds of the same problem in parallel workers, best result wins (ties: lowest seed, so
 * the outcome is deterministic for iteration-based stops). Environment-neutral: give it endpoints
 * (browser Workers, or Node worker_threads through comlink's node adapter; see
 * optimizerPool.node.ts). Each worker gets its own copy of the problem by transfer; the caller's
 * arrays stay usable.
 */
import { proxy, transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { ProblemData, Result } from '../src/core/vrp/index.ts';
import { problemBuffers } from '../src/core/vrp/index.ts';
import type { OptimizerApi, ProgressCallback, WorkerSolveOptions } from './optimizerApi.ts';

export interface PoolWorker {
  readonly endpoint: Endpoint;
  terminate(): void;
}

export class OptimizerPool {
  private readonly workers: PoolWorker[];
  private readonly remotes: Remote<OptimizerApi>[];

  constructor(spawn: () => PoolWorker, size: number) {
    if (!(size >= 1)) throw new RangeError(`OptimizerPool: size must be at least 1, got ${size}`);
    this.workers = Array.from({ length: size }, spawn);
    this.remotes = this.workers.map((w) => wrap<OptimizerApi>(w.endpoint));
  }

  get size(): number {
    return this.remotes.length;
  }

  /**
   * Solve with seeds `seeds[i]` on worker i (seeds.length ≤ size). `onProgress(seed, event)`
   * reports every worker's improvements.
   */
  async solve(
    problem: ProblemData, opts: WorkerSolveOptions, seeds: readonly number[],
    onProgress?: (seed: number, e: Parameters<ProgressCallback>[0]) => void,
  ): Promise<{ best: Result; seed: number; results: Result[] }> {
    if (seeds.length < 1 || seeds.length > this.size) throw new RangeError(`OptimizerPool.solve: 1..${this.size} seeds, got ${seeds.length}`);
    const results = await Promise.all(
      seeds.map((seed, i) => {
        const copy = structuredClone(problem);
        const cb = onProgress ? proxy((e: Parameters<ProgressCallback>[0]) => onProgress(seed, e)) : undefined;
        return this.remotes[i].solve(transfer(copy, problemBuffers(copy)), { ...opts, seed }, cb);
      }),
    );
    let k = 0;
    for (let i = 1; i < results.length; i++) if (better(results[i], results[k], opts.minimiseVehicles === true)) k = i;
    return { best: results[k], seed: seeds[k], results };
  }

  /** Resolves once every worker has started (module loaded, API exposed). */
  async ready(): Promise<void> {
    await Promise.all(this.remotes.map((r) => r.ready()));
  }

  /** Cancel every running solve (each returns its best so far). */
  async cancel(): Promise<void> {
    await Promise.all(this.remotes.map((r) => r.cancel()));
  }

  terminate(): void {
    for (const w of this.workers) w.terminate();
  }
}

/** Feasible before infeasible; then fewer routes when minimising vehicles; then cost. */
function better(a: Result, b: Result, vehiclesFirst: boolean): boolean {
  if (a.feasible !== b.feasible) return a.feasible;
  if (vehiclesFirst && a.best.numRoutes !== b.best.numRoutes) return a.best.numRoutes < b.best.numRoutes;
  if (a.feasible) return a.best.cost < b.best.cost;
  return a.best.timeWarp + a.best.excessLoad + a.best.excessRange < b.best.timeWarp + b.best.excessLoad + b.best.excessRange;
}
