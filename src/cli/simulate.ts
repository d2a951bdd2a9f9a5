/**
 * `npm run simulate -- scenarios/<name>.json [--seed N] [--strategy NAME] [--charging NAME] --out run.json`
 * Runs a whole day headless and writes the run report. Bad input: a message on stderr, exit 2.
 * `--export-trips trips.geojson [--trips-date YYYY-MM-DD]` and `--export-stops stops.csv` also write
 * the vans' trips (kepler.gl / deck.gl TripsLayer) and every stop attempt (src/core/replay/export*.ts).
 */
import { statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs, usage, UsageError } from './args.ts';
import { ScenarioError } from '../core/scenario/loadScenario.ts';
import { CityResourceError } from '../core/scenario/buildCity.ts';
import { prepareRun, RunOptionError } from '../core/scenario/buildRun.ts';
import { Simulation } from '../core/sim/Simulation.ts';
import { buildReport } from '../core/sim/report.ts';
import { validateRun } from '../core/sim/validateRun.ts';
import { checkState } from '../core/sim/checkState.ts';
import { ProgressBar } from './progress.ts';
import { CliInputError } from './readInput.ts';
import { loadScenarioAndCity } from './scenarioFiles.ts';
import { schedulerPlacement, startCliScheduler } from './chargingScheduler.ts';
import { loadStrategyFiles } from './strategyFiles.ts';
import { listStrategies } from './listStrategies.ts';
import { StrategyError } from '../core/dispatch/guardStrategy.ts';
import { PlanRefusedError } from '../core/sim/Simulation.ts';
import { ExportRecorder } from '../core/replay/exportRecorder.ts';
import { DEFAULT_TRIPS_DATE, ExportOptionError, parseTripsDate, tripsGeoJson } from '../core/replay/exportTrips.ts';
import { stopsCsv } from '../core/replay/exportStops.ts';

const spec = {
  seed: { type: 'number', help: 'run seed (default: the scenario\'s)' },
  strategy: { type: 'string', help: 'dispatch strategy: a built-in name (see --list-strategies) or a strategy file, e.g. ./my-strategy.ts' },
  'list-strategies': { type: 'boolean', help: 'print the built-in strategies, one line each, and exit' },
  charging: { type: 'string', help: 'charging policy (threshold, scheduled)' },
  scheduler: { type: 'string', help: "where the fleet charging scheduler runs: worker (its own worker thread, default) or in-thread" },
  out: { type: 'string', help: 'where to write the run report (JSON); default: stdout' },
  'export-trips': { type: 'string', help: "write the vans' trips as GeoJSON for kepler.gl's Trip layer / deck.gl's TripsLayer" },
  'trips-date': { type: 'string', help: `calendar date of the simulated day for the trips' Unix timestamps, YYYY-MM-DD, UTC (default ${DEFAULT_TRIPS_DATE})` },
  'export-stops': { type: 'string', help: 'write every stop attempt as CSV (one row per parcel per attempt)' },
  check: { type: 'boolean', help: 'check the whole-run invariants at the end (every parcel accounted for, limits, time order); exit 4 naming each violation' },
  quiet: { type: 'boolean', help: 'no progress bar' },
  help: { type: 'boolean', help: 'show this help' },
} as const;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, spec);
  if (args.flags.help) {
    process.stdout.write(usage('npm run simulate --', '<scenario.json> [options]', spec));
    return 0;
  }
  if (args.flags['list-strategies']) {
    process.stdout.write(listStrategies());
    return 0;
  }
  if (args.positional.length !== 1) throw new UsageError(`expected one scenario file, got ${args.positional.length}`);
  const file = args.positional[0];
  const seed = args.flags.seed as number | undefined;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)) throw new UsageError(`--seed: expected a non-negative integer, got ${seed}`);
  const placement = schedulerPlacement(args.flags.scheduler as string | undefined);
  const exports = exportFlags(args.flags);
  const started = performance.now();
  const { scenario, city } = loadScenarioAndCity(file);
  const strategy = args.flags.strategy as string | undefined;
  const strategyFiles = await loadStrategyFiles([strategy, scenario.dispatch.strategy], file, new Set([scenario.dispatch.strategy]));
  const run = prepareRun(scenario, { seed, strategy, strategyFiles, charging: args.flags.charging as string | undefined }, city);
  const sched = await startCliScheduler(run, placement, 'simulate');
  const recorder = exports.trips || exports.stops ? new ExportRecorder() : undefined;
  const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(sched?.scheduler), observer: recorder, clock: () => performance.now() });
  recorder?.bind(sim.state);
  const where = sched ? `, scheduler in ${sched.scheduler.where === 'worker' ? 'a worker thread' : 'this thread'}` : '';
  const bar = new ProgressBar(`${scenario.name} (${run.strategy.name}, ${run.charging.name} charging${where}, seed ${run.seed})`, args.flags.quiet === true);
  try {
    sim.runToEnd((f) => bar.update(f));
  } finally {
    sched?.close();
  }
  bar.done();
  if (recorder) {
    recorder.sync();
    const tl = recorder.timeline!;
    const ids = sim.state.fleet.ids;
    if (exports.trips) writeExport('--export-trips', exports.trips, tripsGeoJson(tl, city, ids, { date: exports.date, meta: { scenario: scenario.name, seed: run.seed, strategy: run.strategy.name } }));
    if (exports.stops) writeExport('--export-stops', exports.stops, stopsCsv(tl, recorder.attempts, run.world, ids));
  }
  const report = buildReport(sim, scenario.name, Math.round((performance.now() - started) / 10) / 100);
  const json = `${JSON.stringify(report, null, 1)}\n`;
  if (args.flags.out) writeFileSync(args.flags.out as string, json);
  else process.stdout.write(json);
  const k = report.kpis;
  process.stderr.write(
    `${k.delivered}/${k.parcels} delivered (${(k.onTimeRate * 100).toFixed(1)} % on time), ${k.failed} failed, ${k.pending} pending; ` +
      `${k.vanKm.toFixed(0)} van-km, ${k.energyKWh.toFixed(1)} kWh, electricity ${k.electricityCost.toFixed(2)}, charger wait ${(k.chargerWaitMeanS / 60).toFixed(1)} min mean; ${report.wallSeconds} s\n`,
  );
  if (args.flags.check) {
    const broken = [...validateRun(report, run.world.params), ...checkState(sim.state)];
    if (broken.length > 0) {
      process.stderr.write(`check: ${broken.length} invariant violation(s):\n${broken.slice(0, 50).map((b) => `  ${b}\n`).join('')}${broken.length > 50 ? `  … and ${broken.length - 50} more\n` : ''}`);
      return 4;
    }
    process.stderr.write(`check: every invariant holds (${k.parcels} parcels accounted for: ${k.delivered} delivered, ${k.failed} failed with a reason, ${k.pending} pending with a place; ${sim.state.events} events in time order)\n`);
  }
  return 0;
}

/** The export flags, checked before the run (a day's simulation is not wasted on a typo). */
function exportFlags(flags: Record<string, unknown>): { trips?: string; stops?: string; date?: string } {
  const trips = flags['export-trips'] as string | undefined;
  const stops = flags['export-stops'] as string | undefined;
  const date = flags['trips-date'] as string | undefined;
  if (date !== undefined && trips === undefined) throw new UsageError('--trips-date: only used with --export-trips');
  try {
    if (date !== undefined) parseTripsDate(date);
  } catch (e) {
    if (e instanceof ExportOptionError) throw new UsageError(`--trips-date: ${e.message}`);
    throw e;
  }
  for (const [flag, path] of [['--export-trips', trips], ['--export-stops', stops]] as const) {
    if (path === undefined) continue;
    let isDir = false;
    try {
      isDir = statSync(dirname(path)).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new UsageError(`${flag}: folder "${dirname(path)}" does not exist`);
    if (isFolder(path)) throw new UsageError(`${flag}: "${path}" is a folder, expected a file name`);
  }
  return { trips, stops, date };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function writeExport(flag: string, path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new CliInputError(`${flag}: cannot write "${path}" (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof StrategyError || e instanceof PlanRefusedError) {
    process.stderr.write(`simulate: ${e.message}\n`);
    process.exitCode = 3;
  } else if (e instanceof UsageError || e instanceof RunOptionError || e instanceof CliInputError) {
    process.stderr.write(`simulate: ${e.message}\n`);
    if (e instanceof UsageError) process.stderr.write(usage('npm run simulate --', '<scenario.json> [options]', spec));
    process.exitCode = 2;
  } else if (e instanceof ScenarioError) {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 2;
  } else if (e instanceof CityResourceError) {
    process.stderr.write(`simulate: ${process.argv.slice(2).find((a) => a.endsWith('.json')) ?? 'scenario'}: ${e.message}\n`);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
