import { afterAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { proxy, transfer, wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { OptimizerApi } from '../../workers/optimizerApi.ts';
import { createNodeOptimizerPool } from '../../workers/optimizerPool.node.ts';
import { problemBuffers } from '../../src/core/vrp/ProblemData.ts';
import { readInstance } from '../../src/core/vrp/io/readInstance.ts';
import { solve } from '../../src/core/vrp/solve.ts';
import { maxIterations } from '../../src/core/vrp/stop.ts';
import { toSolutionFile } from '../../src/core/vrp/io/solutionFile.ts';
import { checkSolution } from './checkSolution.ts';
import { instanceText } from './fixtures.ts';

const worker = new Worker(new URL('../../workers/optimizer.node-entry.mjs', import.meta.url));
const api = wrap<OptimizerApi>(nodeEndpoint(worker)) as Remote<OptimizerApi>;
const pool = createNodeOptimizerPool(2);
afterAll(() => {
  void worker.terminate();
  pool.terminate();
});

const load = (f: string) => readInstance(instanceText('solomon', f), f);

describe('optimizer worker (comlink over worker_threads)', () => {
  it('gives the same solution as core in-process for a seed, with progress and transferred arrays', async () => {
    const inst = load('RC101.txt');
    const params = { mu: 6, lambda: 8, initialFactor: 2 };
    const direct = solve(inst.problem, { stop: maxIterations(10), seed: 5, params });
    const problem = load('RC101.txt').problem;
    const events: number[] = [];
    const res = await api.solve(transfer(problem, problemBuffers(problem)), { stop: { maxIterations: 10 }, seed: 5, params }, proxy((e: { cost: number }) => void events.push(e.cost)));
    expect(problem.distance.byteLength).toBe(0); // transferred, not copied
    expect(res.best.routes.map((r) => Array.from(r.visits))).toEqual(direct.best.routes.map((r) => Array.from(r.visits)));
    expect(res.best.routes[0].visits).toBeInstanceOf(Int32Array);
    expect(events.length).toBeGreaterThan(0);
    expect(checkSolution(instanceText('solomon', 'RC101.txt'), 'solomon', toSolutionFile(inst, res.best, 0)).errors).toEqual([]);
  });

  it('cancel() returns the best solution so far promptly', async () => {
    const problem = load('R201.txt').problem;
    const t0 = performance.now();
    const pending = api.solve(transfer(problem, problemBuffers(problem)), { stop: { timeLimitSeconds: 60 } });
    await new Promise((r) => setTimeout(r, 1500));
    await api.cancel();
    const res = await pending;
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(res.best.routes.length).toBeGreaterThan(0);
  });

  it('a pool runs several seeds in parallel and keeps the best', async () => {
    const inst = load('C201.txt');
    const seen = new Set<number>();
    const out = await pool.solve(inst.problem, { stop: { maxIterations: 5 }, params: { mu: 6, lambda: 8, initialFactor: 2 } }, [1, 2], (seed) => void seen.add(seed));
    expect(out.results).toHaveLength(2);
    expect(out.best.feasible).toBe(true);
    expect(Math.min(...out.results.map((r) => r.best.cost))).toBe(out.best.best.cost);
    expect(seen.size).toBe(2);
    expect(inst.problem.distance.byteLength).toBeGreaterThan(0); // the pool copies for its workers
  });
});
