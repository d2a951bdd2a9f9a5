/**
 * `npm run simulate -- scenarios/<name>.json [--seed N] [--strategy NAME] [--charging NAME] --out run.json`
 * Runs a whole day headless and writes the run report. Bad input: a message on stderr, exit 2.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs, usage, UsageError } from './args.ts';
import { ScenarioError } from '../core/scenario/loadScenario.ts';
import { CityResourceError } from '../core/scenario/buildCity.ts';
import { prepareRun, RunOptionError } from '../core/scenario/buildRun.ts';
import { Simulation } from '../core/sim/Simulation.ts';
import { buildReport } from '../core/sim/report.ts';
import { ProgressBar } from './progress.ts';
import { CliInputError } from './readInput.ts';
import { loadScenarioAndCity } from './scenarioFiles.ts';
import { schedulerPlacement, startCliScheduler } from './chargingScheduler.ts';

const spec = {
  seed: { type: 'number', help: 'run seed (default: the scenario\'s)' },
  strategy: { type: 'string', help: 'dispatch strategy (insertion, nearest, vrp)' },
  charging: { type: 'string', help: 'charging policy (threshold, scheduled)' },
  scheduler: { type: 'string', help: "where the fleet charging scheduler runs: worker (its own worker thread, default) or in-thread" },
  out: { type: 'string', help: 'where to write the run report (JSON); default: stdout' },
  quiet: { type: 'boolean', help: 'no progress bar' },
  help: { type: 'boolean', help: 'show this help' },
} as const;

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv, spec);
  if (args.flags.help) {
    process.stdout.write(usage('npm run simulate --', '<scenario.json> [options]', spec));
    return 0;
  }
  if (args.positional.length !== 1) throw new UsageError(`expected one scenario file, got ${args.positional.length}`);
  const file = args.positional[0];
  const seed = args.flags.seed as number | undefined;
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1)) throw new UsageError(`--seed: expected a non-negative integer, got ${seed}`);
  const placement = schedulerPlacement(args.flags.scheduler as string | undefined);
  const started = performance.now();
  const { scenario, city } = loadScenarioAndCity(file);
  const run = prepareRun(scenario, { seed, strategy: args.flags.strategy as string | undefined, charging: args.flags.charging as string | undefined }, city);
  const sched = await startCliScheduler(run, placement, 'simulate');
  const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(sched?.scheduler) });
  const where = sched ? `, scheduler in ${sched.scheduler.where === 'worker' ? 'a worker thread' : 'this thread'}` : '';
  const bar = new ProgressBar(`${scenario.name} (${run.strategy.name}, ${run.charging.name} charging${where}, seed ${run.seed})`, args.flags.quiet === true);
  try {
    sim.runToEnd((f) => bar.update(f));
  } finally {
    sched?.close();
  }
  bar.done();
  const report = buildReport(sim, scenario.name, Math.round((performance.now() - started) / 10) / 100);
  const json = `${JSON.stringify(report, null, 1)}\n`;
  if (args.flags.out) writeFileSync(args.flags.out as string, json);
  else process.stdout.write(json);
  const k = report.kpis;
  process.stderr.write(
    `${k.delivered}/${k.parcels} delivered (${(k.onTimeRate * 100).toFixed(1)} % on time), ${k.failed} failed, ${k.pending} pending; ` +
      `${k.vanKm.toFixed(0)} van-km, ${k.energyKWh.toFixed(1)} kWh, electricity ${k.electricityCost.toFixed(2)}, charger wait ${(k.chargerWaitMeanS / 60).toFixed(1)} min mean; ${report.wallSeconds} s\n`,
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof RunOptionError || e instanceof CliInputError) {
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
