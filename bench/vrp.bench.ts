/**
 * `npm run bench -- vrp [--set NAME] [--objective distance|hierarchical] [--recharge full|partial]
 *  [--time-limit S] [--seed N] [--instances a,b,...] [--workers N] [--peers hgs,vroom]
 *  [--peer-bin hgs=PATH,vroom=PATH]`
 *
 * Solves a benchmark set with one solver per core (worker_threads), checks every solution with the
 * test suite's independent checker, prints the gap to the best-known solutions per instance and
 * per class/size, and writes bench/results/vrp-<set>[-<objective>][-partial]-<limit>s[-seed<N>].json
 * (see vrp/resultFile.ts), with an `-exploratory` suffix when --instances picks part of the set, so
 * a short or partial run never replaces a file a README table quotes (`npm run bench -- tables`).
 * With --peers, each peer that handles the set's problem (HGS-CVRP: CVRP; VROOM: CVRP and VRPTW)
 * solves every instance beside vanfleet under the same limit and seed, one core each, and is
 * checked by the same checker; a peer that is not built is reported and left out.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { parseArgs, usage, UsageError } from '../src/cli/args.ts';
import type { FlagSpec } from '../src/cli/args.ts';
import { readInstance } from '../src/core/vrp/index.ts';
import type { Objective } from '../src/core/vrp/index.ts';
import { hgsHandles } from './peers/hgs.ts';
import { isPeerName, locatePeer, parsePeerBins, PEER_NAMES } from './peers/locate.ts';
import type { PeerName } from './peers/locate.ts';
import { peerVersion } from './peers/peer.ts';
import { vroomHandles } from './peers/vroom.ts';
import { aggregateStats, formatStats } from './vrp/operatorStats.ts';
import { formatTable, groupStats, toCell, toRow } from './vrp/report.ts';
import { resultFileName } from './vrp/resultFile.ts';
import type { RunIdentity } from './vrp/resultFile.ts';
import type { Row } from './vrp/report.ts';
import { benchSet } from './vrp/sets.ts';
import type { BenchInstance } from './vrp/sets.ts';
import type { Job, JobResult } from './vrp/worker.ts';

const here = dirname(fileURLToPath(import.meta.url));

const spec: Record<string, FlagSpec> = {
  set: { type: 'string', help: 'solomon | vroom6 | gh200 | gh1000 | x | x1000 | evrptw (default solomon)' },
  objective: { type: 'string', help: 'distance | hierarchical (solomon, gh200, gh1000; gh1000 defaults to hierarchical)' },
  recharge: { type: 'string', help: 'evrptw: full (default) | partial (Keskin & Çatay 2016; results in vrp-evrptw-partial-<limit>s.json)' },
  'time-limit': { type: 'number', help: 'seconds per instance (default per set: solomon 30, vroom6 2, x 60, x1000 120, gh200 60, gh1000 120, evrptw 30)' },
  seed: { type: 'number', help: 'random seed (default 1)' },
  instances: { type: 'string', help: 'comma-separated instance names (default: the whole set)' },
  workers: { type: 'number', help: 'parallel solvers (default: one per core)' },
  peers: { type: 'string', help: 'peers to run beside vanfleet: hgs (CVRP), vroom (CVRP, VRPTW); built by `npm run bench:peers`' },
  'peer-bin': { type: 'string', help: 'your own peer binaries: hgs=PATH,vroom=PATH' },
  stats: { type: 'boolean', help: 'record vanfleet\'s operator and phase statistics and aggregate them per set (in the result file as operatorStats)' },
};

interface PeerPlan {
  readonly name: PeerName;
  readonly bin: string;
  readonly version: string;
  readonly binarySha256: string;
}

/** Which requested peers run on this set, and why the others do not (reported, not a failure). */
function planPeers(requested: readonly string[], bins: Partial<Record<PeerName, string>>, first: BenchInstance | undefined, objective: Objective): { run: PeerPlan[]; missing: { name: string; why: string }[] } {
  const run: PeerPlan[] = [];
  const missing: { name: string; why: string }[] = [];
  const inst = first ? readInstance(readFileSync(first.file, 'utf8'), basename(first.file), { objective }) : undefined;
  for (const name of requested) {
    if (!isPeerName(name)) throw new UsageError(`--peers: unknown peer "${name}" (known: ${PEER_NAMES.join(', ')})`);
    const handles = name === 'hgs' ? hgsHandles : vroomHandles;
    if (inst && !handles(inst)) {
      missing.push({ name, why: `${name}: does not handle ${inst.format} instances (${name === 'hgs' ? 'CVRP only' : 'CVRP and VRPTW only'})` });
      continue;
    }
    const at = locatePeer(name, bins);
    if (!at.ok) missing.push({ name, why: at.why });
    else run.push({ name, bin: at.bin, ...peerVersion(name, at.bin, name === 'vroom' ? vroomVersion(at.bin) : undefined) });
  }
  return { run, missing };
}

function vroomVersion(bin: string): string | undefined {
  const r = spawnSync(bin, ['-v'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

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
  let peers: ReturnType<typeof planPeers>;
  try {
    const requested = ((flags.peers as string | undefined) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    peers = planPeers(requested, parsePeerBins(flags['peer-bin'] as string | undefined), instances[0], set.objective);
  } catch (e) {
    process.stderr.write(`bench vrp: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  }
  for (const m of peers.missing) process.stderr.write(`vrp bench: peer left out: ${m.why}\n`);
  const jobs: Job[] = [];
  const owner: { instance: number; solver: 'vanfleet' | PeerName }[] = [];
  instances.forEach((inst, k) => {
    jobs.push({ file: inst.file, objective: set.objective, timeLimit, seed, recharge, stats: flags.stats === true });
    owner.push({ instance: k, solver: 'vanfleet' });
    for (const p of peers.run) {
      jobs.push({ file: inst.file, objective: set.objective, timeLimit, seed, recharge, solver: p.name, bin: p.bin });
      owner.push({ instance: k, solver: p.name });
    }
  });
  const solvers = ['vanfleet', ...peers.run.map((p) => p.name)].join(', ');
  process.stderr.write(`vrp bench: ${instances.length} instances of ${set.name}, ${timeLimit} s each, solvers ${solvers}, ${workers} workers, ~${Math.ceil((jobs.length * timeLimit) / workers / 60)} min\n`);
  const results: { ours?: JobResult; peers: Partial<Record<PeerName, JobResult>> }[] = instances.map(() => ({ peers: {} }));
  await pool(jobs, workers, (i, r) => {
    const { instance, solver } = owner[i];
    if (solver === 'vanfleet') results[instance].ours = r;
    else results[instance].peers[solver] = r;
    process.stderr.write(`  ${instances[instance].name} ${solver}: ${r.distance.toFixed(2)} (${r.vehicles} veh), gap ${toCell(instances[instance], r).gap.toFixed(2)} %${r.feasible ? '' : ` INFEASIBLE ${r.checkErrors[0] ?? ''}`}\n`);
  });
  const done: Row[] = [];
  results.forEach((r, k) => {
    if (r.ours) done.push(toRow(instances[k], r.ours, peers.run.length ? r.peers : undefined));
  });
  process.stdout.write(formatTable(set, done, timeLimit, seed) + '\n');
  const operatorStats = aggregateStats(results.flatMap((r) => (r.ours?.stats ? [r.ours.stats] : [])));
  if (operatorStats) process.stdout.write('\n' + formatStats(operatorStats) + '\n');
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
    ...(peers.run.length || peers.missing.length ? {
      peers: Object.fromEntries(peers.run.map((p) => [p.name, { version: p.version, binarySha256: p.binarySha256, threads: 1 }])),
      peersLeftOut: peers.missing,
    } : {}),
    reference: set.reference, groups: groupStats(done), ...(operatorStats ? { operatorStats } : {}), instances: done,
  }, null, 2) + '\n');
  process.stderr.write(`wrote ${out}\n`);
}
