/**
 * One solver per worker thread: solve an instance file under a wall-clock limit, with vanfleet or
 * with a peer's binary (HGS-CVRP, VROOM; the thread waits on its process, so each solver has one
 * core), check the solution with the independent checker of the test suite, and post the result
 * back.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { readInstance, reportedDistance, SearchStats, solveInstance, timeLimit, toSolutionFile } from '../../src/core/vrp/index.ts';
import type { Instance, Objective, SearchStatsReport } from '../../src/core/vrp/index.ts';
import { checkSolution } from '../../test/vrp/checkSolution.ts';
import { runHgs } from '../peers/hgs.ts';
import type { PeerName } from '../peers/locate.ts';
import type { PeerRun } from '../peers/peer.ts';
import { runVroom } from '../peers/vroom.ts';

export type SolverName = 'vanfleet' | PeerName;

export interface Job {
  readonly file: string;
  readonly objective: Objective;
  readonly timeLimit: number;
  readonly seed: number;
  /** E-VRPTW: full or partial recharge. */
  readonly recharge?: 'full' | 'partial';
  /** Default vanfleet; a peer needs its binary. */
  readonly solver?: SolverName;
  readonly bin?: string;
  /** Record vanfleet's operator and phase statistics. */
  readonly stats?: boolean;
}

export interface JobResult {
  readonly file: string;
  readonly solver: SolverName;
  readonly vehicles: number;
  readonly distance: number;
  readonly seconds: number;
  readonly feasible: boolean;
  readonly checkErrors: string[];
  /** Search iterations (vanfleet: HGS generations; HGS-CVRP: its iterations); null where not reported. */
  readonly iterations: number | null;
  /** (seconds, distance) whenever the best feasible solution improved. */
  readonly trace: [number, number][];
  /** A peer that failed to run or answer: why (its row then counts as infeasible). */
  readonly error?: string;
  /** vanfleet with --stats: what the search did (gains in instance units). */
  readonly stats?: SearchStatsReport;
}

function runPeer(job: Job, text: string, inst: Instance): JobResult {
  const peerJob = { file: job.file, timeLimit: job.timeLimit, seed: job.seed, objective: job.objective };
  const run: PeerRun = job.solver === 'hgs' ? runHgs(job.bin!, inst, peerJob) : runVroom(job.bin!, inst, peerJob);
  const loc = new Map(inst.ids.map((id, l) => [id, l]));
  const distance = reportedDistance(inst, run.routes.map((r) => r.map((id) => loc.get(id)!)));
  const sol = { objective: job.objective, vehicles: run.routes.length, distance: inst.arc === 'exact' ? Math.round(distance * 1e6) / 1e6 : distance, routes: run.routes };
  const check = run.error ? { ok: false, errors: [run.error] } : checkSolution(text, inst.format, sol);
  const errors = [...(run.unassigned.length ? [`${run.unassigned.length} customers unassigned`] : []), ...check.errors];
  return {
    file: job.file, solver: job.solver!, vehicles: sol.vehicles, distance: sol.distance, seconds: run.seconds,
    feasible: !run.error && check.ok && run.unassigned.length === 0, checkErrors: errors.slice(0, 5),
    iterations: run.iterations, trace: [], ...(run.error ? { error: run.error } : {}),
  };
}

function run(job: Job): JobResult {
  const text = readFileSync(job.file, 'utf8');
  const inst = readInstance(text, basename(job.file), { objective: job.objective, recharge: job.recharge });
  if (job.solver && job.solver !== 'vanfleet') return runPeer(job, text, inst);
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
    stats: job.stats ? new SearchStats(now) : undefined,
    onProgress: (e) => {
      if (e.phase === 'search') trace.push([Math.round(now() - t0) / 1000, e.cost / inst.scale]);
    },
  });
  const seconds = (now() - t0) / 1000;
  const sol = toSolutionFile(inst, res.best, seconds);
  const check = checkSolution(text, inst.format, sol);
  return {
    file: job.file, solver: 'vanfleet', vehicles: sol.vehicles, distance: sol.distance, seconds, feasible: res.feasible && check.ok,
    checkErrors: check.errors.slice(0, 5), iterations: res.iterations, trace,
    ...(res.stats ? { stats: { ...res.stats, operators: res.stats.operators.map((o) => ({ ...o, gain: o.gain / inst.scale })) } } : {}),
  };
}

parentPort!.on('message', (job: Job) => {
  try {
    parentPort!.postMessage({ ok: true, result: run(job) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
