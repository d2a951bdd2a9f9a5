/**
 * `npm run bench -- dispatch [--scenario FILE] [--strategies a,b,…] [--seed N] [--tag T]`
 *
 * A whole simulated day headless per strategy, side by side in one bench run, each as the command
 * a planner types (`npm run simulate -- FILE --strategy S --seed N`), timed wall-clock from start
 * to exit. By default bench/scenarios/district300.json (issue 12's target day: a 12 × 9 km
 * district, 12 stations, 300 vans, 30,000 parcels ordered all day, re-plans every 10 minutes)
 * with insertion (the baseline), rolling and vrp. Per strategy: wall seconds, the time spent in
 * the strategy (decisions.solverSeconds), re-plans and churn, van-km, on-time rate, cost per
 * parcel, and the van-km saving against the first strategy. Writes
 * bench/results/dispatch-<scenario>[-<tag>].json; a run with other strategies or another seed
 * must pass --tag so that it does not overwrite the file the README quotes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs, type FlagSpec } from '../src/cli/args.ts';

const spec = {
  scenario: { type: 'string', help: 'scenario file (default bench/scenarios/district300.json)' },
  strategies: { type: 'string', help: 'comma-separated strategies, the first is the baseline (default insertion,rolling,vrp)' },
  seed: { type: 'number', help: 'run seed (default 1)' },
  tag: { type: 'string', help: 'suffix of the result file name; required unless the run is the default one' },
} satisfies Record<string, FlagSpec>;

const DEFAULT_SCENARIO = 'bench/scenarios/district300.json';
const DEFAULT_STRATEGIES = 'insertion,rolling,vrp';

interface Row {
  readonly strategy: string;
  readonly wallSeconds: number;
  readonly solverSeconds: number;
  readonly replans: number;
  readonly churn: number;
  readonly parcels: number;
  readonly delivered: number;
  readonly onTimeRate: number;
  readonly vanKm: number;
  readonly costPerParcel: number;
}

interface Report {
  kpis: { parcels: number; delivered: number; onTimeRate: number; vanKm: number };
  costs: { perDelivered: number };
  decisions: { replans: number; solverSeconds: number; churn: number };
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

function runDay(scenario: string, strategy: string, seed: number, out: string): Row {
  const args = ['--import', 'tsx', 'src/cli/simulate.ts', scenario, '--strategy', strategy, '--seed', String(seed), '--out', out];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`dispatch bench: npm run simulate -- ${args.slice(3).join(' ')} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  const rep = JSON.parse(readFileSync(out, 'utf8')) as Report;
  return {
    strategy,
    wallSeconds: round(wallSeconds, 1),
    solverSeconds: round(rep.decisions.solverSeconds, 1),
    replans: rep.decisions.replans,
    churn: rep.decisions.churn,
    parcels: rep.kpis.parcels,
    delivered: rep.kpis.delivered,
    onTimeRate: round(rep.kpis.onTimeRate, 4),
    vanKm: round(rep.kpis.vanKm, 0),
    costPerParcel: round(rep.costs.perDelivered, 3),
  };
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, spec);
  const scenario = (args.flags.scenario as string | undefined) ?? DEFAULT_SCENARIO;
  const strategies = (args.flags.strategies as string | undefined) ?? DEFAULT_STRATEGIES;
  const seed = (args.flags.seed as number | undefined) ?? 1;
  const tag = args.flags.tag as string | undefined;
  // The file is named by the scenario; a run with other strategies or another seed needs a tag.
  if ((strategies !== DEFAULT_STRATEGIES || seed !== 1) && !tag) {
    process.stderr.write(`dispatch bench: a run with other strategies or another seed than ${DEFAULT_STRATEGIES}, seed 1 needs --tag NAME (its file must not overwrite the one the README quotes)\n`);
    process.exitCode = 2;
    return;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'vanfleet-bench-dispatch-'));
  const rows: Row[] = [];
  try {
    for (const s of strategies.split(',')) {
      process.stderr.write(`dispatch bench: ${s} on ${scenario}, seed ${seed}…\n`);
      const row = runDay(scenario, s, seed, join(tmp, `${s}.json`));
      process.stderr.write(`  ${row.wallSeconds} s wall, ${row.vanKm} van-km, ${(100 * row.onTimeRate).toFixed(1)} % on time\n`);
      rows.push(row);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const base = rows[0];
  const withSaving = rows.map((r) => ({ ...r, vanKmSavingVsFirst: round(1 - r.vanKm / base.vanKm, 4) }));
  const result = {
    scenario,
    seed,
    strategies: rows.map((r) => r.strategy),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    rows: withSaving,
    note: 'one simulated day per strategy, each the whole simulate command timed once wall-clock (start-up, city build, day, report); solverSeconds is the time inside the strategy; on a machine shared with other work the times are noisy',
  };
  const name = `dispatch-${basename(scenario, '.json')}${tag ? `-${tag}` : ''}.json`;
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/${name}`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  process.stdout.write(
    `| strategy | wall s | in strategy s | re-plans | churn | van-km | saving vs ${base.strategy} | on time | cost/parcel |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n` +
      withSaving.map((r) => `| ${r.strategy} | ${r.wallSeconds} | ${r.solverSeconds} | ${r.replans} | ${r.churn} | ${r.vanKm} | ${pct(r.vanKmSavingVsFirst)} | ${pct(r.onTimeRate)} | ${r.costPerParcel} |`).join('\n') +
      `\nwrote bench/results/${name}\n`,
  );
}
