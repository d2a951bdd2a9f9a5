/**
 * `npm run bench -- compare [--scenario FILE] [--strategies a,b,c] [--seeds N] [--workers N]`
 *
 * `npm run compare` on one core and on every core, side by side in one bench run: by default the
 * three built-in strategies (insertion, nearest, vrp) × 20 seeds on scenarios/default.json, run as
 * the command a planner types (`compare --vary dispatch.strategy=… --workers 1`, then `--workers N`
 * with N = the available cores), each timed wall-clock from start to exit. The two --out files must
 * be the same bytes (the bench fails otherwise). Writes bench/results/compare-<scenario>.json with
 * both times and the speed-up. On a machine shared with other work the figure is noisy.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs, type FlagSpec } from '../src/cli/args.ts';

const spec = {
  scenario: { type: 'string', help: 'scenario file (default scenarios/default.json)' },
  strategies: { type: 'string', help: 'comma-separated strategies (default insertion,nearest,vrp)' },
  seeds: { type: 'number', help: 'seeds per strategy (default 20)' },
  workers: { type: 'number', help: 'worker threads of the parallel run (default: the available cores)' },
} satisfies Record<string, FlagSpec>;

interface Timed {
  readonly workers: number;
  readonly wallSeconds: number;
  readonly out: string;
}

function timeCompare(scenario: string, strategies: string, seeds: number, workers: number, out: string): Timed {
  const args = ['--import', 'tsx', 'src/cli/compare.ts', scenario, '--vary', `dispatch.strategy=${strategies}`, '--seeds', String(seeds), '--workers', String(workers), '--out', out, '--quiet'];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`compare bench: npm run compare -- ${args.slice(3).join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return { workers, wallSeconds: Math.round(wallSeconds * 100) / 100, out: readFileSync(out, 'utf8') };
}

export async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv, spec);
  const scenario = (args.flags.scenario as string | undefined) ?? 'scenarios/default.json';
  const strategies = (args.flags.strategies as string | undefined) ?? 'insertion,nearest,vrp';
  const seeds = (args.flags.seeds as number | undefined) ?? 20;
  const cores = availableParallelism();
  const runs = strategies.split(',').length * seeds;
  const workers = Math.min((args.flags.workers as number | undefined) ?? cores, runs);
  const tmp = mkdtempSync(join(tmpdir(), 'vanfleet-bench-compare-'));
  try {
    process.stderr.write(`compare bench: ${strategies} × ${seeds} seeds on ${scenario}: 1 worker, then ${workers}…\n`);
    const one = timeCompare(scenario, strategies, seeds, 1, join(tmp, 'one.json'));
    process.stderr.write(`  1 worker: ${one.wallSeconds} s\n`);
    const all = timeCompare(scenario, strategies, seeds, workers, join(tmp, 'all.json'));
    process.stderr.write(`  ${workers} workers: ${all.wallSeconds} s\n`);
    if (one.out !== all.out) throw new Error(`compare bench: --workers 1 and --workers ${workers} wrote different --out files`);
    const speedup = Math.round((one.wallSeconds / all.wallSeconds) * 100) / 100;
    const result = {
      scenario,
      strategies: strategies.split(','),
      seeds,
      runs,
      cores,
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      oneWorker: { workers: 1, wallSeconds: one.wallSeconds },
      allCores: { workers, wallSeconds: all.wallSeconds },
      speedup,
      identicalOut: true,
      note: 'wall seconds of the whole command (start-up, city builds, runs, summary) measured once each, on a machine that may be shared with other work: noisy',
    };
    const name = `compare-${basename(scenario, '.json')}.json`;
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL(`./results/${name}`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(
      `| runs | workers | wall s | speed-up |\n|---:|---:|---:|---:|\n` +
        `| ${runs} | 1 | ${one.wallSeconds} | 1.00 |\n| ${runs} | ${workers} | ${all.wallSeconds} | ${speedup.toFixed(2)} |\n` +
        `--out byte-identical: yes; wrote bench/results/${name}\n`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
