/**
 * `npm run compare -- scenarios/default.json [--vary path=a,b,...]... [--seeds N] [--first-seed S] [--out compare.json]`
 *
 * Runs every combination of the varied settings (for example `--vary dispatch.strategy=insertion,nearest
 * --vary fleet.size=20,30`) on the same seeds — common random numbers, so each seed sees the same
 * demand and customers under every variant — and prints means with 95 % confidence intervals, and
 * each variant's paired difference from the first with whether it is significant.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs, usage, UsageError } from './args.ts';
import { readTextFile, CliInputError } from './readInput.ts';
import { ProgressBar } from './progress.ts';
import { parseJsonWithLines, JsonSyntaxError } from '../core/scenario/jsonWithLines.ts';
import { parseScenario, ScenarioError } from '../core/scenario/loadScenario.ts';
import { buildCity, CityResourceError } from '../core/scenario/buildCity.ts';
import { prepareRun, RunOptionError } from '../core/scenario/buildRun.ts';
import { readCityResources } from './scenarioFiles.ts';
import { Simulation } from '../core/sim/Simulation.ts';
import { buildReport, type RunReport } from '../core/sim/report.ts';
import { applyVariant, expandVariants, VariantError } from '../core/scenario/variants.ts';
import { COMPARE_METRICS as METRICS, summarizeRuns } from '../core/scenario/compareRuns.ts';
import { schedulerPlacement, startCliScheduler } from './chargingScheduler.ts';

const spec = {
  vary: { type: 'list', help: 'path=v1,v2,… a scenario setting to vary (repeatable), e.g. fleet.size=20,30' },
  seeds: { type: 'number', help: 'runs per variant (default 10)' },
  'first-seed': { type: 'number', help: 'first seed (default 1); seeds are consecutive' },
  out: { type: 'string', help: 'write all runs and summaries as JSON' },
  scheduler: { type: 'string', help: 'where the fleet charging scheduler runs: worker (its own worker thread, default) or in-thread' },
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
  const scenarios = variants.map((v) => {
    const source = `${file} [${v.label}]`;
    try {
      return parseScenario(JSON.stringify(applyVariant(raw, v)), source);
    } catch (e) {
      // Line numbers would point into the generated variant, not the file: report paths only.
      if (e instanceof ScenarioError) throw new ScenarioError(source, e.problems.map((p) => ({ path: p.path, message: p.message })));
      throw e;
    }
  });
  const bar = new ProgressBar(`${variants.length} variant(s) × ${seeds} seeds`, args.flags.quiet === true);
  const runs: RunReport[][] = [];
  let done = 0;
  for (const sc of scenarios) {
    const city = buildCity(sc, readCityResources(sc, file)); // the city does not depend on the run seed: build once per variant
    const list: RunReport[] = [];
    // One charging scheduler worker per variant, shared by its seeds (same fleet, sites, tariffs).
    const sched = await startCliScheduler(prepareRun(sc, { seed: first }, city), placement, 'compare');
    try {
      for (let s = first; s < first + seeds; s++) {
        const run = prepareRun(sc, { seed: s }, city);
        const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(sched?.scheduler) });
        sim.runToEnd();
        list.push(buildReport(sim, sc.name, 0));
        bar.update(++done / (variants.length * seeds));
      }
    } finally {
      sched?.close();
    }
    runs.push(list);
  }
  bar.done();
  const result = summarizeRuns(variants, runs, seeds, first);
  process.stdout.write(formatTable(result));
  if (args.flags.out) writeFileSync(args.flags.out as string, `${JSON.stringify({ ...result, runs: runs.map((l) => l.map((r) => ({ seed: r.seed, kpis: r.kpis, costs: r.costs }))) }, null, 1)}\n`);
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
  } else {
    throw e;
  }
}
