/**
 * `npm run compare -- scenarios/default.json [--vary path=a,b,...]... [--seeds N] [--first-seed S] [--workers N] [--out compare.json]`
 *
 * Runs every combination of the varied settings (for example `--vary dispatch.strategy=insertion,nearest
 * --vary fleet.size=20,30`) on the same seeds — common random numbers, so each seed sees the same
 * demand and customers under every variant — and prints means with 95 % confidence intervals, and
 * each variant's paired difference from the first with whether it is significant.
 *
 * The (variant, seed) runs are independent: with --workers N (default: every core) they run in N
 * worker threads (src/cli/comparePool.ts), each run through runCompareRun exactly as on one core,
 * so the numbers and the --out file are the same bytes for any N.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs, usage, UsageError } from './args.ts';
import { readTextFile, CliInputError } from './readInput.ts';
import { ProgressBar } from './progress.ts';
import { parseJsonWithLines, JsonSyntaxError } from '../core/scenario/jsonWithLines.ts';
import { parseScenario, ScenarioError } from '../core/scenario/loadScenario.ts';
import { buildCity, CityResourceError } from '../core/scenario/buildCity.ts';
import { RunOptionError } from '../core/scenario/buildRun.ts';
import { readCityResources } from './scenarioFiles.ts';
import type { RunReport } from '../core/sim/report.ts';
import type { Scenario } from '../core/scenario/scenarioSchema.ts';
import { applyVariant, expandVariants, VariantError } from '../core/scenario/variants.ts';
import { COMPARE_METRICS as METRICS, summarizeRuns } from '../core/scenario/compareRuns.ts';
import { schedulerPlacement, type SchedulerPlacement } from './chargingScheduler.ts';
import { runCompareRun, startVariantScheduler } from './compareRun.ts';
import type { CompareWorkerData } from './compareWorker.ts';
import { CompareRunError, runComparePool, type CompareJob } from './comparePool.ts';
import { loadStrategyFile, strategyFilePaths } from './strategyFiles.ts';
import type { DispatchStrategy } from '../core/dispatch/DispatchStrategy.ts';
import { StrategyError } from '../core/dispatch/guardStrategy.ts';
import { PlanRefusedError } from '../core/sim/Simulation.ts';

const spec = {
  vary: { type: 'list', help: 'path=v1,v2,… a scenario setting to vary (repeatable), e.g. fleet.size=20,30' },
  seeds: { type: 'number', help: 'runs per variant (default 10)' },
  'first-seed': { type: 'number', help: 'first seed (default 1); seeds are consecutive' },
  out: { type: 'string', help: 'write all runs and summaries as JSON' },
  workers: { type: 'number', help: 'worker threads for the runs (default: the available cores, at most one per run); the same numbers for any count' },
  scheduler: { type: 'string', help: 'with --workers 1, where the fleet charging scheduler runs: worker (its own worker thread, default) or in-thread; with more workers it runs in each run\'s thread' },
  quiet: { type: 'boolean', help: 'no progress bar' },
  help: { type: 'boolean', help: 'show this help' },
} as const;

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, spec);
  if (args.flags.help) {
    process.stdout.write(usage('npm run compare --', '<scenario.json> [options]', spec));
    return;
  }
  if (args.positional.length !== 1) throw new UsageError(`expected one scenario file, got ${args.positional.length}`);
  const file = args.positional[0];
  const seeds = (args.flags.seeds as number | undefined) ?? 10;
  const first = (args.flags['first-seed'] as number | undefined) ?? 1;
  if (!Number.isInteger(seeds) || seeds < 2 || seeds > 1000) throw new UsageError(`--seeds: expected an integer from 2 to 1000, got ${seeds}`);
  if (!Number.isInteger(first) || first < 0) throw new UsageError(`--first-seed: expected a non-negative integer, got ${first}`);
  const workersFlag = args.flags.workers as number | undefined;
  if (workersFlag !== undefined && (!Number.isInteger(workersFlag) || workersFlag < 1 || workersFlag > 256)) throw new UsageError(`--workers: expected an integer from 1 to 256, got ${workersFlag}`);
  const placement = schedulerPlacement(args.flags.scheduler as string | undefined);
  const text = readTextFile(file);
  let raw: unknown;
  try {
    raw = parseJsonWithLines(text).value;
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ScenarioError(file, [{ path: '', line: e.line, message: `column ${e.column}: invalid JSON: ${e.detail}` }]);
    throw e;
  }
  const variants = expandVariants((args.flags.vary as string[] | undefined) ?? []);
  // Validate every variant before running anything.
  const texts = variants.map((v) => ({ text: JSON.stringify(applyVariant(raw, v)), source: `${file} [${v.label}]` }));
  const scenarios = texts.map(({ text, source }) => {
    try {
      return parseScenario(text, source);
    } catch (e) {
      // Line numbers would point into the generated variant, not the file: report paths only.
      if (e instanceof ScenarioError) throw new ScenarioError(source, e.problems.map((p) => ({ path: p.path, message: p.message })));
      throw e;
    }
  });
  // Strategy files: a path the scenario gives is relative to it, one given with --vary to the current directory.
  const fromScenario = (raw as { dispatch?: { strategy?: unknown } } | null)?.dispatch?.strategy;
  const files = strategyFilePaths(scenarios.map((sc) => sc.dispatch.strategy), file, new Set(typeof fromScenario === 'string' ? [fromScenario] : []));
  // Load them here too: a file that does not load is reported before any run starts.
  const strategies = new Map<string, DispatchStrategy>();
  for (const f of files) strategies.set(f.name, await loadStrategyFile(f.path, f.name));
  const threads = Math.min(workersFlag ?? availableParallelism(), variants.length * seeds);
  if (threads > 1 && args.flags.scheduler === 'worker') process.stderr.write(`compare: --scheduler worker applies to --workers 1; with ${threads} workers each run's charging scheduler runs in its worker thread (same plans)\n`);
  const bar = new ProgressBar(`${variants.length} variant(s) × ${seeds} seeds${threads > 1 ? ` on ${threads} worker threads` : ''}`, args.flags.quiet === true);
  const progress = (done: number) => bar.update(done / (variants.length * seeds));
  const runs = threads > 1 ? await runInWorkers(file, texts, files, scenarios, seeds, first, threads, progress) : await runHere(file, scenarios, strategies, seeds, first, placement, progress);
  bar.done();
  const result = summarizeRuns(variants, runs, seeds, first);
  process.stdout.write(formatTable(result));
  if (args.flags.out) writeFileSync(args.flags.out as string, `${JSON.stringify({ ...result, runs: runs.map((l) => l.map((r) => ({ seed: r.seed, kpis: r.kpis, costs: r.costs }))) }, null, 1)}\n`);
}

/** Every run in this thread, variant by variant (--workers 1). */
async function runHere(file: string, scenarios: readonly Scenario[], strategyFiles: ReadonlyMap<string, DispatchStrategy>, seeds: number, first: number, placement: SchedulerPlacement, progress: (done: number) => void): Promise<RunReport[][]> {
  const runs: RunReport[][] = [];
  let done = 0;
  for (const sc of scenarios) {
    const city = buildCity(sc, readCityResources(sc, file)); // the city does not depend on the run seed: build once per variant
    const list: RunReport[] = [];
    const sched = await startVariantScheduler(sc, city, first, placement, strategyFiles);
    try {
      for (let s = first; s < first + seeds; s++) {
        list.push(await runCompareRun({ scenario: sc, scenarioFile: file, city, seed: s, scheduler: sched?.scheduler, strategyFiles }));
        progress(++done);
      }
    } finally {
      sched?.close();
    }
    runs.push(list);
  }
  return runs;
}

/** Every run on worker threads, in (variant, seed) order; results land in their pair's slot whoever ran them. */
async function runInWorkers(file: string, texts: readonly { text: string; source: string }[], strategyFiles: CompareWorkerData['strategyFiles'], scenarios: readonly Scenario[], seeds: number, first: number, threads: number, progress: (done: number) => void): Promise<RunReport[][]> {
  for (const sc of scenarios) readCityResources(sc, file); // a missing map file is reported before any thread starts
  const jobs: CompareJob[] = scenarios.flatMap((_, variant) => Array.from({ length: seeds }, (_, i) => ({ variant, seed: first + i })));
  const reports = await runComparePool({ scenarioFile: file, variants: texts, strategyFiles }, jobs, threads, progress);
  return scenarios.map((_, v) => reports.slice(v * seeds, (v + 1) * seeds));
}

function formatTable(r: ReturnType<typeof summarizeRuns>): string {
  const fmt = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '∞');
  const head = ['variant', ...METRICS.map((m) => m.label)];
  const rows = r.variants.map((v) => [v.label, ...METRICS.map((m) => `${fmt(v.metrics[m.key].mean, m.digits)} ± ${fmt(v.metrics[m.key].ci95, m.digits)}`)]);
  const diffs = r.variants.slice(1).map((v) => [
    `  Δ ${v.label}`,
    ...METRICS.map((m) => {
      const d = v.vsFirst![m.key];
      const sign = d.mean >= 0 ? '+' : '';
      return `${sign}${fmt(d.mean, m.digits)} ± ${fmt(d.ci95, m.digits)}${d.significant ? ' *' : ''}`;
    }),
  ]);
  const all = [head, ...rows, ...diffs];
  const widths = head.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [
    `${r.seeds.length} seeds (${r.seeds[0]}–${r.seeds[r.seeds.length - 1]}), the same for every variant; mean ± 95 % CI (Student t).`,
    line(head),
    ...rows.map(line),
    ...(diffs.length ? [`paired difference from "${r.variants[0].label}" (* = 95 % CI excludes 0):`, ...diffs.map(line)] : []),
    '',
  ].join('\n');
}

try {
  await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof VariantError || e instanceof CliInputError || e instanceof RunOptionError || e instanceof CityResourceError) {
    process.stderr.write(`compare: ${e.message}\n`);
    if (e instanceof UsageError || e instanceof VariantError) process.stderr.write(usage('npm run compare --', '<scenario.json> [options]', spec));
    process.exitCode = 2;
  } else if (e instanceof ScenarioError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  } else if (e instanceof StrategyError || e instanceof PlanRefusedError) {
    process.stderr.write(`compare: ${e.message}\n`);
    process.exitCode = 3;
  } else if (e instanceof CompareRunError) {
    process.stderr.write(`${e.user ? '' : 'compare: a run failed in a worker thread: '}${e.message}\n`);
    process.exitCode = e.strategy ? 3 : e.user ? 2 : 1;
  } else {
    throw e;
  }
}
