/**
 * `npm run sweep -- sweep.json [--shard i/n] --out dir/ [--workers N] [--check]`
 * `npm run sweep -- merge dir/ [--out table.csv] [--sweep sweep.json]`
 *
 * A sweep (src/core/scenario/sweepFile.ts) is a grid of scenario settings × seeds; each (point,
 * seed) pair is one run, in a fixed order. A shard runs every n-th of them (item k with k mod n = i)
 * and writes dir/shard-i-of-n.json; the shard is --shard, else the Slurm array task or the
 * Kubernetes Indexed Job pod the process runs as (src/core/scenario/sweepShard.ts), else all runs as
 * shard 0 of 1. Runs go through runCompareRun, so a run's numbers are compare's for the same seed.
 * `merge` checks the shards make one complete sweep and writes one CSV row per run in the sweep's
 * order: the same bytes whatever order or machines the shards ran in.
 */
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { parseArgs, usage, UsageError } from './args.ts';
import { CliInputError, readTextFile } from './readInput.ts';
import { ProgressBar } from './progress.ts';
import { buildCity, CityResourceError } from '../core/scenario/buildCity.ts';
import { RunOptionError } from '../core/scenario/buildRun.ts';
import type { City } from '../core/city/City.ts';
import type { RunReport } from '../core/sim/report.ts';
import type { DispatchStrategy } from '../core/dispatch/DispatchStrategy.ts';
import { StrategyError } from '../core/dispatch/guardStrategy.ts';
import { PlanRefusedError } from '../core/sim/Simulation.ts';
import { COMPARE_METRICS } from '../core/scenario/compareRuns.ts';
import { SweepError } from '../core/scenario/sweepFile.ts';
import { parseShardFlag, shardFileName, shardFromEnv, shardItemNumbers, ShardError, sweepItem, type SweepItem } from '../core/scenario/sweepShard.ts';
import { runKpis, shardFileText } from '../core/scenario/sweepShardFile.ts';
import { mergeShards, SweepMergeError, sweepSummary, sweepTableCsv, type MergedSweep } from '../core/scenario/sweepMerge.ts';
import { runCompareRun } from './compareRun.ts';
import { CompareRunError, runComparePool } from './comparePool.ts';
import { readCityResources } from './scenarioFiles.ts';
import { loadStrategyFile } from './strategyFiles.ts';
import { loadSweep, type LoadedSweep } from './sweepPlan.ts';

const runSpec = {
  shard: { type: 'string', help: 'i/n: run shard i of n (0 <= i < n); default: from SLURM_ARRAY_TASK_ID/_COUNT/_MIN, or JOB_COMPLETION_INDEX with VANFLEET_SHARD_COUNT, else all runs (0/1)' },
  out: { type: 'string', help: 'folder for the shard file (created if missing): OUT/shard-i-of-n.json' },
  workers: { type: 'number', help: 'worker threads for this shard\'s runs (default: SLURM_CPUS_PER_TASK, else the available cores); the same numbers for any count' },
  check: { type: 'boolean', help: 'validate the sweep and every point, print the runs this shard would do, run nothing' },
  quiet: { type: 'boolean', help: 'no progress bar or summary line' },
  help: { type: 'boolean', help: 'show this help' },
} as const;

const mergeSpec = {
  out: { type: 'string', help: 'write the table here (CSV); without it the CSV goes to stdout and no summary is printed' },
  sweep: { type: 'string', help: 'the sweep file: shards of any other fingerprint are foreign (default: the fingerprint most shards carry)' },
  quiet: { type: 'boolean', help: 'no per-point summary or closing line' },
  help: { type: 'boolean', help: 'show this help' },
} as const;

const runUsage = () => usage('npm run sweep --', '<sweep.json> --out <dir> [options]', runSpec);
const mergeUsage = () => usage('npm run sweep --', 'merge <dir> [options]', mergeSpec);

/** Write text to a file by way of a temporary file in the same folder, so a reader never sees half of it. */
function writeAtomically(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    throw new CliInputError(`${file}: cannot write (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function workerCount(flag: number | undefined, runs: number): number {
  if (flag !== undefined && (!Number.isInteger(flag) || flag < 1 || flag > 256)) throw new UsageError(`--workers: expected an integer from 1 to 256, got ${flag}`);
  const slurm = Number(process.env.SLURM_CPUS_PER_TASK);
  const dflt = Number.isInteger(slurm) && slurm >= 1 ? slurm : availableParallelism();
  return Math.max(1, Math.min(flag ?? dflt, runs));
}

async function runShard(argv: string[]): Promise<void> {
  const args = parseArgs(argv, runSpec);
  if (args.flags.help) return void process.stdout.write(runUsage());
  if (args.positional.length !== 1) throw new UsageError(`expected one sweep file, got ${args.positional.length}`);
  const file = args.positional[0];
  const out = args.flags.out as string | undefined;
  const check = args.flags.check === true;
  if (!out && !check) throw new UsageError('--out: expected the folder for the shard file');
  const shard = args.flags.shard !== undefined ? parseShardFlag(args.flags.shard as string) : shardFromEnv(process.env);
  const loaded = loadSweep(file);
  const { plan } = loaded;
  const total = plan.points.length * plan.sweep.seeds.count;
  const items = shardItemNumbers(total, shard.index, shard.count).map((k) => sweepItem(k, plan.sweep));
  const threads = workerCount(args.flags.workers as number | undefined, items.length);
  // Strategy files are loaded here too: one that does not load is reported before any run starts.
  const strategies = new Map<string, DispatchStrategy>();
  for (const f of loaded.strategyFiles) strategies.set(f.name, await loadStrategyFile(f.path, f.name));
  const what = `shard ${shard.index} of ${shard.count} (${shard.from}): ${items.length} of ${total} runs (${plan.points.length} points × ${plan.sweep.seeds.count} seeds)`;
  if (check) {
    const lines = plan.points.map((p, i) => `  ${i + 1}. ${p.label}`);
    return void process.stdout.write(`${file}: ok, ${loaded.fingerprint}\n${what}\n${lines.join('\n')}\n`);
  }
  try {
    mkdirSync(out!, { recursive: true });
  } catch (e) {
    throw new CliInputError(`--out ${out}: cannot make the folder (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const target = join(out!, shardFileName(shard.index, shard.count));
  const quiet = args.flags.quiet === true;
  const bar = new ProgressBar(`sweep: shard ${shard.index} of ${shard.count}`, quiet);
  const started = performance.now();
  const reports = threads > 1 ? await runInPool(loaded, file, items, threads, (d) => bar.update(d / items.length)) : await runHere(loaded, items, strategies, (d) => bar.update(d / items.length));
  bar.done();
  writeAtomically(target, shardFileText(plan, loaded.fingerprint, shard, items, reports.map(runKpis)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!quiet) process.stderr.write(`sweep: ${what} on ${threads} thread${threads === 1 ? '' : 's'} in ${seconds} s → ${target}\n`);
}

/** The shard's runs in this thread, in item order; a point's city is built once (items come point by point). */
async function runHere(loaded: LoadedSweep, items: readonly SweepItem[], strategyFiles: ReadonlyMap<string, DispatchStrategy>, progress: (done: number) => void): Promise<RunReport[]> {
  const reports: RunReport[] = [];
  let city: City | undefined;
  let cityPoint = -1;
  for (const it of items) {
    const scenario = loaded.plan.scenarios[it.point];
    if (cityPoint !== it.point) {
      city = undefined; // let the previous city go before building the next
      city = buildCity(scenario, readCityResources(scenario, loaded.baseFile));
      cityPoint = it.point;
    }
    reports.push(await runCompareRun({ scenario, scenarioFile: loaded.baseFile, city: city!, seed: it.seed, strategyFiles }));
    progress(reports.length);
  }
  return reports;
}

/** The shard's runs on compare's worker threads; reports come back in item order. */
function runInPool(loaded: LoadedSweep, file: string, items: readonly SweepItem[], threads: number, progress: (done: number) => void): Promise<RunReport[]> {
  for (const sc of loaded.plan.scenarios) readCityResources(sc, loaded.baseFile); // a missing file is named before any thread starts
  const variants = loaded.plan.texts.map((text, i) => ({ text, source: `${file} [${loaded.plan.points[i].label}]` }));
  return runComparePool({ scenarioFile: loaded.baseFile, variants, strategyFiles: loaded.strategyFiles }, items.map((it) => ({ variant: it.point, seed: it.seed })), threads, progress);
}

function merge(argv: string[]): void {
  const args = parseArgs(argv, mergeSpec);
  if (args.flags.help) return void process.stdout.write(mergeUsage());
  if (args.positional.length !== 1) throw new UsageError(`merge: expected one folder of shard files, got ${args.positional.length}`);
  const dir = args.positional[0];
  let names;
  try {
    if (!statSync(dir).isDirectory()) throw new CliInputError(`${dir}: not a folder`);
    names = readdirSync(dir).filter((n) => /^shard-.*\.json$/.test(n));
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    throw new CliInputError(`${dir}: folder not found`);
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // code-unit order: the same on every machine and locale
  const expected = args.flags.sweep !== undefined ? loadSweep(args.flags.sweep as string).fingerprint : undefined;
  const inputs = names.map((n) => ({ name: join(dir, n), text: readTextFile(join(dir, n)) }));
  const merged = mergeShards(inputs, dir, expected);
  const csv = sweepTableCsv(merged);
  const out = args.flags.out as string | undefined;
  if (!out) return void process.stdout.write(csv);
  writeAtomically(out, csv);
  if (args.flags.quiet === true) return;
  process.stdout.write(formatSummary(merged));
  process.stderr.write(`sweep: merged ${merged.header.shards} shard${merged.header.shards === 1 ? '' : 's'}, ${merged.runs.length} runs → ${out}\n`);
}

/** Per point, each KPI's mean ± 95 % CI over the seeds, laid out as compare's table. */
function formatSummary(m: MergedSweep): string {
  const fmt = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '∞');
  const metrics = m.header.metrics.map((k) => COMPARE_METRICS.find((c) => c.key === k) ?? { key: k, label: k, digits: 3 });
  const one = m.header.seeds.count === 1;
  const head = ['point', ...metrics.map((c) => c.label)];
  const rows = sweepSummary(m).map((p) => [p.label, ...metrics.map((c) => (one ? fmt(p.metrics[c.key].mean, c.digits) : `${fmt(p.metrics[c.key].mean, c.digits)} ± ${fmt(p.metrics[c.key].ci95, c.digits)}`))]);
  const widths = head.map((_, c) => Math.max(...[head, ...rows].map((r) => r[c].length)));
  const line = (r: string[]) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const { count, first } = m.header.seeds;
  const title = `${m.header.name || 'sweep'}: ${m.header.points.length} points × ${count} seed${count === 1 ? '' : 's'} (${first}–${first + count - 1})${one ? '' : '; mean ± 95 % CI (Student t)'}`;
  return [title, line(head), ...rows.map(line), ''].join('\n');
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'merge') merge(argv.slice(1));
  else await runShard(argv);
}

const isMerge = process.argv[2] === 'merge';
try {
  await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof ShardError || e instanceof CliInputError || e instanceof RunOptionError || e instanceof CityResourceError) {
    process.stderr.write(`sweep: ${e.message}\n`);
    if (e instanceof UsageError) process.stderr.write((isMerge ? mergeUsage() : runUsage()));
    process.exitCode = 2;
  } else if (e instanceof SweepError || e instanceof SweepMergeError) {
    process.stderr.write(`${e.message}\n${e instanceof SweepMergeError ? 'sweep: merge: no table written\n' : ''}`);
    process.exitCode = 2;
  } else if (e instanceof StrategyError || e instanceof PlanRefusedError) {
    process.stderr.write(`sweep: ${e.message}\n`);
    process.exitCode = 3;
  } else if (e instanceof CompareRunError) {
    // The pool's messages are compare's: name this command instead.
    process.stderr.write(`${e.user ? '' : 'sweep: a run failed in a worker thread: '}${e.message.replace(/^compare: /, 'sweep: ')}\n`);
    process.exitCode = e.strategy ? 3 : e.user ? 2 : 1;
  } else {
    throw e;
  }
}
