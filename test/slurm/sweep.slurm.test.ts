/**
 * The example sweep as a real Slurm array job: a one-node cluster on this machine
 * (test/slurm/oneNodeSlurm.ts), `sbatch --array=0-2 examples/slurm/sweep.sbatch
 * scenarios/sweep-example.json OUTDIR/` from the repository root, the shards merged, and the table
 * compared byte for byte with the same sweep run here with --shard 0/3, 1/3 and 2/3. Installs
 * Debian's Slurm and munge packages when they are missing; skips (saying why) only when it cannot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSlurm, startCluster, type Cluster } from './oneNodeSlurm.ts';

const SWEEP = 'scenarios/sweep-example.json';
const dir = mkdtempSync(join(tmpdir(), 'vanfleet-slurm-sweep-'));
let cluster: Cluster | null = null;
let skipped: string | null = null;
let startedInMs = 0;

beforeAll(async () => {
  skipped = ensureSlurm();
  if (skipped) {
    console.log(`Slurm sweep test skipped: ${skipped}`);
    return;
  }
  const t0 = performance.now();
  cluster = await startCluster();
  startedInMs = performance.now() - t0;
}, 600_000);

afterAll(() => {
  cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A sweep command here, outside Slurm (no SLURM_* in its environment). */
function sweep(args: string[]) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLURM_')));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sweep.ts', ...args], { encoding: 'utf8', env });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the example sweep on a one-node Slurm cluster', () => {
  it('runs as a 3-task array with the shipped sbatch script and merges to the table of a local --shard run', async (ctx) => {
    if (!cluster) return ctx.skip(skipped ?? 'no cluster');
    const c = cluster;
    const out = join(dir, 'slurm-out');
    const t0 = performance.now();
    // --output keeps the tasks' logs out of the repository (the script's default is slurm-%A_%a.out in the submit folder).
    const sub = c.run('sbatch', ['--parsable', '--array=0-2', `--output=${join(dir, 'task-%A_%a.out')}`, 'examples/slurm/sweep.sbatch', SWEEP, `${out}/`], process.cwd());
    expect(sub.status, `sbatch failed: ${sub.stderr}`).toBe(0);
    const id = sub.stdout.trim().split(';')[0];
    expect(id).toMatch(/^\d+$/);

    const until = performance.now() + 180_000;
    for (;;) {
      const q = c.run('squeue', ['-h', '-j', id]);
      if (q.status === 0 && q.stdout.trim() === '') break;
      if (performance.now() > until) throw new Error(`the array job ${id} did not finish within 180 s:\n${q.stdout}\n${c.logs()}`);
      await sleep(250);
    }
    const jobSeconds = (performance.now() - t0) / 1000;

    // Every task completed with exit code 0 (the controller keeps finished jobs for MinJobAge, 300 s).
    const tasks = c.run('scontrol', ['-o', 'show', 'job', id]).stdout.trim().split('\n');
    const logs = () => readdirSync(dir).filter((f) => f.startsWith('task-')).map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'utf8')}`).join('\n');
    expect(tasks.map((t) => /ArrayTaskId=(\d+)/.exec(t)?.[1]).sort(), logs()).toEqual(['0', '1', '2']);
    for (const t of tasks) expect(`${/JobState=(\S+)/.exec(t)?.[1]} ${/ExitCode=(\S+)/.exec(t)?.[1]}`, `${t}\n${logs()}`).toBe('COMPLETED 0:0');
    expect(readdirSync(out).sort()).toEqual(['shard-0-of-3.json', 'shard-1-of-3.json', 'shard-2-of-3.json']);

    // The same sweep here, shard by shard, outside Slurm.
    const local = join(dir, 'local-out');
    for (const s of ['0/3', '1/3', '2/3']) sweep([SWEEP, '--shard', s, '--out', local, '--quiet']);
    for (const f of readdirSync(local)) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(local, f), 'utf8'));
    sweep(['merge', out, '--out', join(dir, 'slurm.csv'), '--quiet']);
    sweep(['merge', local, '--out', join(dir, 'local.csv'), '--quiet']);
    const table = readFileSync(join(dir, 'slurm.csv'), 'utf8');
    expect(table).toBe(readFileSync(join(dir, 'local.csv'), 'utf8'));
    expect(table.trimEnd().split('\r\n')).toHaveLength(13); // header + 6 points × 2 seeds
    console.log(`one-node Slurm: cluster up in ${(startedInMs / 1000).toFixed(1)} s; the 3-task array from sbatch to an empty squeue in ${jobSeconds.toFixed(1)} s`);
  }, 300_000);
});
