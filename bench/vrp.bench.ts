/**
 * `npm run bench -- vrp [--set NAME] [--objective distance|hierarchical] [--recharge full|partial]
 *  [--time-limit S] [--seed N] [--instances a,b,...] [--workers N]`
 *
 * Solves a benchmark set with one solver per core (worker_threads), checks every solution with the
 * test suite's independent checker, prints the gap to the best-known solutions per instance and
 * per class/size, and writes bench/results/vrp-<set>[-<objective>][-partial]-<limit>s[-seed<N>].json
 * (see vrp/resultFile.ts), with an `-exploratory` suffix when --instances picks part of the set, so
 * a short or partial run never replaces a file a README table quotes (`npm run bench -- tables`).
 * No C++ peer can run here, so the peer figures (VROOM, HGS-CVRP) are quoted from measurements on
 * this machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs, usage, UsageError } from '../src/cli/args.ts';
import type { FlagSpec } from '../src/cli/args.ts';
import type { Objective } from '../src/core/vrp/index.ts';
import { formatTable, groupStats, toRow } from './vrp/report.ts';
import { resultFileName } from './vrp/resultFile.ts';
import type { RunIdentity } from './vrp/resultFile.ts';
import type { Row } from './vrp/report.ts';
import { benchSet } from './vrp/sets.ts';
import type { BenchInstance } from './vrp/sets.ts';
import type { Job, JobResult } from './vrp/worker.ts';

const here = dirname(fileURLToPath(import.meta.url));

const spec: Record<string, FlagSpec> = {
  set: { type: 'string', help: 'solomon | vroom6 | gh200 | x | x1000 | evrptw (default solomon)' },
  objective: { type: 'string', help: 'distance | hierarchical (solomon, gh200)' },
  recharge: { type: 'string', help: 'evrptw: full (default) | partial (Keskin & Çatay 2016; results in vrp-evrptw-partial-<limit>s.json)' },
  'time-limit': { type: 'number', help: 'seconds per instance (default per set: solomon 30, vroom6 2, x 60, x1000 120, gh200 60, evrptw 30)' },
  seed: { type: 'number', help: 'random seed (default 1)' },
  instances: { type: 'string', help: 'comma-separated instance names (default: the whole set)' },
  workers: { type: 'number', help: 'parallel solvers (default: one per core)' },
};

function pool(jobs: Job[], workers: number, onDone: (i: number, r: JobResult) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let next = 0;
    let running = 0;
    const start = (w: Worker) => {
      if (next >= jobs.length) {
        void w.terminate();
        if (running === 0) resolve();
        return;
      }
      const i = next++;
      running++;
      w.once('message', (m: { ok: boolean; result?: JobResult; error?: string }) => {
        running--;
        if (!m.ok) {
          reject(new Error(`${jobs[i].file}: ${m.error}`));
          return;
        }
        onDone(i, m.result!);
        start(w);
      });
      w.postMessage(jobs[i]);
    };
    const n = Math.max(1, Math.min(workers, jobs.length));
    for (let k = 0; k < n; k++) {
      const w = new Worker(new URL('./vrp/tsWorker.mjs', import.meta.url), {
        workerData: { entry: new URL('./vrp/worker.ts', import.meta.url).href },
      });
      w.on('error', reject);
      start(w);
    }
  });
}

export async function main(argv: string[]): Promise<void> {
  let flags: ReturnType<typeof parseArgs>['flags'];
  try {
    flags = parseArgs(argv, spec).flags;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bench vrp: ${e.message}\n${usage('npm run bench -- vrp', '[options]', spec)}`);
      process.exit(2);
    }
    throw e;
  }
  const objective = flags.objective as Objective | undefined;
  const recharge = (flags.recharge as string | undefined) ?? 'full';
  if (recharge !== 'full' && recharge !== 'partial') {
    process.stderr.write(`bench vrp: --recharge: expected full or partial, got "${recharge}"\n`);
    process.exit(2);
  }
  const set = benchSet((flags.set as string | undefined) ?? 'solomon', objective, recharge);
  const timeLimit = (flags['time-limit'] as number | undefined) ?? set.timeLimit;
  const seed = (flags.seed as number | undefined) ?? 1;
  const only = (flags.instances as string | undefined)?.split(',').map((s) => s.trim());
  const instances: BenchInstance[] = only ? set.instances.filter((i) => only.includes(i.name)) : set.instances;
  if (only && instances.length !== only.length) {
    const missing = only.filter((n) => !set.instances.some((i) => i.name === n));
    process.stderr.write(`bench vrp: unknown instances in set ${set.name}: ${missing.join(', ')}\n`);
    process.exit(2);
  }
  const workers = (flags.workers as number | undefined) ?? availableParallelism();
  const jobs: Job[] = instances.map((i) => ({ file: i.file, objective: set.objective, timeLimit, seed, recharge }));
  process.stderr.write(`vrp bench: ${jobs.length} instances of ${set.name}, ${timeLimit} s each, ${workers} workers, ~${Math.ceil((jobs.length * timeLimit) / workers / 60)} min\n`);
  const rows: (Row | undefined)[] = new Array(jobs.length);
  await pool(jobs, workers, (i, r) => {
    rows[i] = toRow(instances[i], r);
    const row = rows[i]!;
    process.stderr.write(`  ${row.name}: ${row.distance.toFixed(2)} (${row.vehicles} veh), gap ${row.gap.toFixed(2)} %${row.feasible ? '' : ' INFEASIBLE'}\n`);
  });
  const done = rows.filter((r): r is Row => r !== undefined);
  process.stdout.write(formatTable(set, done, timeLimit, seed) + '\n');
  const outDir = join(here, 'results');
  mkdirSync(outDir, { recursive: true });
  const identity: RunIdentity = {
    set: set.name, objective: set.objective, defaultObjective: benchSet(set.name).objective, recharge, timeLimitSeconds: timeLimit, seed,
    instances: done.length, setInstances: set.instances.length,
  };
  const out = join(outDir, resultFileName(identity));
  writeFileSync(out, JSON.stringify({
    set: set.name, objective: set.objective, ...(set.name === 'evrptw' ? { recharge } : {}), timeLimitSeconds: timeLimit, seed, workers, date: new Date().toISOString(),
    setInstances: set.instances.length,
    reference: set.reference, groups: groupStats(done), instances: done,
  }, null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
}
