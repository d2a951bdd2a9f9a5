/**
 * `npm run solve -- <instance file> [--format solomon|cvrplib|evrptw|vroom] [--objective distance|hierarchical]
 *  [--recharge full|partial] [--time-limit S] [--seed N] [--workers N] [--out-format solution|vroom] [--out sol.json]`
 *
 * Reads a benchmark instance or a problem in VROOM's JSON input format (format detected when
 * omitted), runs the optimiser with a wall-clock limit in the optimizer worker pool
 * (workers/optimizerPool.ts: N seeds seed, seed+1, … in parallel worker_threads, the best result
 * written) and writes the solution file contract, or VROOM's output format (the default for VROOM
 * input), to --out or standard output. Errors name the problem (file and line or field path) on
 * stderr and exit with code 2, without a stack trace.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { parseArgs, usage, UsageError } from './args.ts';
import type { FlagSpec } from './args.ts';
import { ParseError, ProblemError, readInstance, readVroom, ROUTE_MIN_SHARE, toSolutionFile, unassignUntilFeasible, vroomView, writeVroom } from '../core/vrp/index.ts';
import type { InstanceFormat, Objective, ProblemData, ProgressEvent, Recharge, Result } from '../core/vrp/index.ts';
import { createNodeOptimizerPool } from '../../workers/optimizerPool.node.ts';

const spec: Record<string, FlagSpec> = {
  format: { type: 'string', help: 'solomon | cvrplib | evrptw | vroom (VROOM\'s JSON input; default: detected from the file)' },
  objective: { type: 'string', help: 'distance | hierarchical (default: distance; hierarchical for evrptw)' },
  recharge: { type: 'string', help: 'E-VRPTW: full (Schneider et al. 2014, default) | partial (Keskin & Çatay 2016)' },
  'time-limit': { type: 'number', help: 'seconds of search (default 10)' },
  seed: { type: 'number', help: 'random seed (default 1)' },
  'stall-iterations': { type: 'number', help: 'also stop after this many iterations without improvement (default: none; 2000 for VROOM input)' },
  workers: { type: 'number', help: 'seeds seed, seed+1, … searched in parallel worker threads, best kept (default 1, at most the core count)' },
  out: { type: 'string', help: 'solution file to write (JSON; default: standard output)' },
  stats: { type: 'string', help: 'write what the search did to this JSON file: per operator tried/improved/gain/time share, per phase time, best cost over time' },
  'out-format': { type: 'string', help: 'solution (the solution file contract, default for benchmark instances) | vroom (VROOM\'s output format, default for VROOM input)' },
  quiet: { type: 'boolean', help: 'no progress on stderr' },
  help: { type: 'boolean', help: 'show this help' },
};

const SYNOPSIS = '<instance file | problem.json> [options] [--out sol.json]';

function fail(message: string): never {
  process.stderr.write(`solve: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv, spec);
  if (flags.help) {
    process.stdout.write(usage('npm run solve --', SYNOPSIS, spec));
    return;
  }
  if (positional.length !== 1) throw new UsageError(`expected one instance file, got ${positional.length}`);
  const out = flags.out as string | undefined;
  if (out === '') throw new UsageError('--out: expected a file name');
  let format = flags.format as string | undefined;
  if (format !== undefined && !['solomon', 'cvrplib', 'evrptw', 'vroom'].includes(format))
    throw new UsageError(`--format: expected solomon, cvrplib, evrptw or vroom, got "${format}"`);
  const outFormat = flags['out-format'] as string | undefined;
  if (outFormat !== undefined && outFormat !== 'solution' && outFormat !== 'vroom')
    throw new UsageError(`--out-format: expected solution or vroom, got "${outFormat}"`);
  const objective = flags.objective as string | undefined;
  if (objective !== undefined && objective !== 'distance' && objective !== 'hierarchical')
    throw new UsageError(`--objective: expected distance or hierarchical, got "${objective}"`);
  const recharge = flags.recharge as string | undefined;
  if (recharge !== undefined && recharge !== 'full' && recharge !== 'partial')
    throw new UsageError(`--recharge: expected full or partial, got "${recharge}"`);
  const seconds = (flags['time-limit'] as number | undefined) ?? 10;
  if (!(seconds > 0)) throw new UsageError(`--time-limit: expected a positive number of seconds, got ${seconds}`);
  const seed = (flags.seed as number | undefined) ?? 1;
  if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${seed}`);
  const workers = (flags.workers as number | undefined) ?? 1;
  const cores = availableParallelism();
  if (!Number.isInteger(workers) || workers < 1 || workers > cores)
    throw new UsageError(`--workers: expected an integer from 1 to ${cores} (the core count), got ${workers}`);
  const statsFile = flags.stats as string | undefined;
  if (statsFile === '') throw new UsageError('--stats: expected a file name');
  const stall = flags['stall-iterations'] as number | undefined;
  if (stall !== undefined && !(Number.isInteger(stall) && stall > 0)) throw new UsageError(`--stall-iterations: expected a positive integer, got ${stall}`);
  const file = positional[0];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (format === undefined && /\.json$/i.test(file)) format = 'vroom';
  const quiet = flags.quiet === true;
  if (format === 'vroom') {
    if (objective !== undefined || recharge !== undefined) throw new UsageError('--objective and --recharge do not apply to VROOM input (its objective is its costs)');
    if (outFormat === 'solution') throw new UsageError('--out-format solution needs a benchmark instance; VROOM input is answered in VROOM\'s output format');
    await solveVroom(text, basename(file), { seconds, seed, workers, quiet, out, stall: stall ?? 2000, statsFile });
    return;
  }
  const inst = readInstance(text, basename(file), {
    format: format as InstanceFormat | undefined,
    objective: objective as Objective | undefined,
    recharge: recharge as Recharge | undefined,
  });
  const t0 = performance.now();
  const trace: Trace = [];
  const { res, seed: bestSeed } = await solveInPool(inst.problem, inst.objective === 'hierarchical', inst.scale, seconds, seed, workers, quiet, t0, stall, statsFile ? trace : undefined);
  if (statsFile) writeStats(statsFile, inst.name, inst.scale, res, bestSeed, trace);
  const solFile = toSolutionFile(inst, res.best, (performance.now() - t0) / 1000);
  const answer = outFormat === 'vroom' ? writeVroom(vroomView(inst), res.best, { loading: 0, solving: solFile.seconds * 1000 }) : solFile;
  emit(answer, out);
  if (!quiet)
    process.stderr.write(
      `${inst.name}: ${solFile.vehicles} vehicles, distance ${solFile.distance}${res.feasible ? '' : ' (INFEASIBLE)'}, ` +
        `${solFile.seconds} s${workers > 1 ? ` (best of ${workers} seeds: ${bestSeed})` : ''} -> ${out ?? 'standard output'}\n`,
    );
  if (!res.feasible) process.exitCode = 1;
}

function emit(answer: object, out: string | undefined): void {
  const json = JSON.stringify(answer, null, out ? 2 : undefined) + '\n';
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}

/**
 * VROOM input in, VROOM output out: tasks no vehicle can serve alone, and any a too small fleet
 * still leaves over (lowest priority first), are reported `unassigned`, as VROOM does.
 */
async function solveVroom(text: string, file: string, o: { seconds: number; seed: number; workers: number; quiet: boolean; out: string | undefined; stall: number; statsFile?: string }): Promise<void> {
  const t0 = performance.now();
  const vp = readVroom(text, file);
  for (const w of vp.warnings) process.stderr.write(`solve: warning: ${w}\n`);
  const loaded = performance.now();
  const trace: Trace = [];
  const { res, seed } = await solveInPool(vp.problem, false, 1, o.seconds - (loaded - t0) / 1000, o.seed, o.workers, o.quiet, t0, o.stall, o.statsFile ? trace : undefined);
  if (o.statsFile) writeStats(o.statsFile, file, 1, res, seed, trace);
  const { solution, removed } = unassignUntilFeasible(vp.problem, res.best, (l) => vp.tasks[l - vp.problem.numDepots].priority);
  const answer = writeVroom(vp, solution, { loading: loaded - t0, solving: performance.now() - loaded }, removed);
  emit(answer, o.out);
  if (!o.quiet)
    process.stderr.write(
      `${file}: ${answer.summary.routes} routes, cost ${answer.summary.cost}, ${answer.summary.unassigned} unassigned, ` +
        `${((performance.now() - t0) / 1000).toFixed(1)} s -> ${o.out ?? 'standard output'}\n`,
    );
}

/**
 * The search in the optimizer pool: one seed per worker, the time limit counted from t0 (worker
 * start-up included). Ctrl-C ends the search and writes the best solution so far (the anytime
 * contract): a flag shared with the workers stops even a long step (route minimisation), and
 * cancel() stops each worker at its next ~50 ms slice.
 */
async function solveInPool(
  problem: ProblemData, hierarchical: boolean, scale: number, seconds: number, seed: number, workers: number, quiet: boolean, t0: number, stall?: number,
  trace?: Trace,
): Promise<{ res: Result; seed: number }> {
  const pool = createNodeOptimizerPool(workers);
  const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  const onSigint = () => {
    Atomics.store(cancelFlag, 0, 1);
    void pool.cancel();
    if (!quiet) process.stderr.write('  interrupted: writing the best solution so far\n');
  };
  process.once('SIGINT', onSigint);
  try {
    await pool.ready();
    const left = Math.max(0, seconds - (performance.now() - t0) / 1000);
    const seeds = Array.from({ length: workers }, (_, i) => seed + i);
    const out = await pool.solve(
      problem,
      { stop: { timeLimitSeconds: left, ...(stall ? { maxIterationsWithoutImprovement: stall } : {}) }, cancelFlag, stats: trace !== undefined, minimiseVehicles: hierarchical, routeMinSeconds: hierarchical ? left * ROUTE_MIN_SHARE : undefined },
      seeds,
      progressListener(quiet ? undefined : progressReporter(hierarchical, scale, t0), trace, t0),
    );
    return { res: out.best, seed: out.seed };
  } finally {
    process.off('SIGINT', onSigint);
    pool.terminate();
  }
}

/** Best cost over time per seed: [seed, seconds since the start, cost, routes]. */
type Trace = [number, number, number, number][];

function progressListener(report: ((seed: number, e: ProgressEvent) => void) | undefined, trace: Trace | undefined, t0: number) {
  if (!report && !trace) return undefined;
  return (seed: number, e: ProgressEvent) => {
    if (trace && e.phase === 'search') trace.push([seed, Math.round(performance.now() - t0) / 1000, e.cost, e.numRoutes]);
    report?.(seed, e);
  };
}

/** `--stats FILE`: the written seed's operator and phase statistics and its best cost over time. */
function writeStats(file: string, name: string, scale: number, res: Result, seed: number, trace: Trace): void {
  const st = res.stats;
  if (!st) return;
  const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
  const report = {
    instance: name, seed, iterations: res.iterations, localSearchRuns: st.localSearchRuns,
    operators: st.operators.map((o) => ({
      name: o.name, tried: o.tried, improved: o.improved, improvedShare: o.tried ? round(o.improved / o.tried, 6) : 0,
      gain: round(o.gain / scale), timeShare: o.timeShare === null ? null : round(o.timeShare, 4),
    })),
    phases: st.phases.map((p) => ({ name: p.name, seconds: round(p.ms / 1000), share: round(p.share, 4) })),
    bestOverTime: trace.filter((t) => t[0] === seed).map(([, s, cost, routes]) => ({ seconds: s, cost: round(cost / scale, 6), routes })),
  };
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
}

/** Best so far over all seeds (fewer routes first under the hierarchical objective), at most once a second. */
function progressReporter(vehiclesFirst: boolean, scale: number, t0: number): (seed: number, e: ProgressEvent) => void {
  let best: ProgressEvent | null = null;
  let lastReport = t0;
  return (_seed, e) => {
    if (!best || (vehiclesFirst && e.numRoutes !== best.numRoutes ? e.numRoutes < best.numRoutes : e.cost < best.cost)) best = e;
    const t = performance.now();
    if (t - t0 < 1000 || t - lastReport < 1000) return;
    lastReport = t;
    process.stderr.write(`  ${((t - t0) / 1000).toFixed(1)} s  ${best.phase}  routes ${best.numRoutes}  cost ${(best.cost / scale).toFixed(2)}\n`);
  };
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`solve: ${e.message}\n${usage('npm run solve --', SYNOPSIS, spec)}`);
    process.exit(2);
  }
  if (e instanceof ParseError || e instanceof ProblemError) fail(e.message);
  throw e;
});
