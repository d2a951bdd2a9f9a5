/**
 * One solver per worker thread: solve an instance file under a wall-clock limit, check the
 * solution with the independent checker of the test suite, and post the result back.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { readInstance, solveInstance, timeLimit, toSolutionFile, type Objective } from '../../src/core/vrp/index.ts';
import { checkSolution } from '../../test/vrp/checkSolution.ts';

export interface Job {
  readonly file: string;
  readonly objective: Objective;
  readonly timeLimit: number;
  readonly seed: number;
  /** E-VRPTW: full or partial recharge. */
  readonly recharge?: 'full' | 'partial';
}

export interface JobResult {
  readonly file: string;
  readonly vehicles: number;
  readonly distance: number;
  readonly seconds: number;
  readonly feasible: boolean;
  readonly checkErrors: string[];
  readonly iterations: number;
  /** (seconds, distance) whenever the best feasible solution improved. */
  readonly trace: [number, number][];
}

function run(job: Job): JobResult {
  const text = readFileSync(job.file, 'utf8');
  const inst = readInstance(text, basename(job.file), { objective: job.objective, recharge: job.recharge });
  const now = () => performance.now();
  const t0 = now();
  const trace: [number, number][] = [];
  const res = solveInstance(inst, {
    stop: timeLimit(job.timeLimit, now),
    now,
    timeLimitSeconds: job.timeLimit,
    seed: job.seed,
    // Development knob: HGS parameter overrides as JSON (e.g. VRP_PARAMS='{"mu":12}').
    params: process.env.VRP_PARAMS ? JSON.parse(process.env.VRP_PARAMS) : undefined,
    onProgress: (e) => {
      if (e.phase === 'search') trace.push([Math.round(now() - t0) / 1000, e.cost / inst.scale]);
    },
  });
  const seconds = (now() - t0) / 1000;
  const sol = toSolutionFile(inst, res.best, seconds);
  const check = checkSolution(text, inst.format, sol);
  return {
    file: job.file, vehicles: sol.vehicles, distance: sol.distance, seconds, feasible: res.feasible && check.ok,
    checkErrors: check.errors.slice(0, 5), iterations: res.iterations, trace,
  };
}

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ ok: true, result: run(job) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
