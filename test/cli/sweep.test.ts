import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { COMPARE_METRICS } from '../../src/core/scenario/compareRuns.ts';
import type { RunReport } from '../../src/core/sim/report.ts';

const dir = mkdtempSync(join(tmpdir(), 'vanfleet-sweep-'));
const SWEEP = 'scenarios/sweep-example.json';

/** The environment without any shard information of the machine running the tests (a test may itself run in Slurm). */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('SLURM_') && k !== 'JOB_COMPLETION_INDEX' && k !== 'VANFLEET_SHARD_COUNT'));
  return { ...env, ...extra };
}

function sweep(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sweep.ts', ...args], { encoding: 'utf8', env: cleanEnv(env) });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run shards into a fresh folder (in the order given) and return it. */
function runShards(tag: string, shards: (string | null)[], ...opts: string[]): string {
  const out = join(dir, tag);
  for (const s of shards) {
    const r = sweep([SWEEP, ...(s ? ['--shard', s] : []), '--out', out, '--quiet', ...opts]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }
  return out;
}

function merge(folder: string, ...opts: string[]) {
  const table = join(dir, `${folder.split('/').pop()}.csv`);
  const r = sweep(['merge', folder, '--out', table, ...opts]);
  return { ...r, table, csv: existsSync(table) ? readFileSync(table, 'utf8') : null };
}

/** Copy the named shard files of a folder into a new one (optionally under other names). */
function folderOf(tag: string, files: [from: string, to?: string][]): string {
  const out = join(dir, tag);
  mkdirSync(out, { recursive: true });
  for (const [from, to] of files) copyFileSync(from, join(out, to ?? from.split('/').pop()!));
  return out;
}

let three: string;
let table: string;

beforeAll(() => {
  three = runShards('three', ['2/3', '0/3', '1/3'], '--workers', '1');
  const m = merge(three);
  expect(m.code).toBe(0);
  table = m.csv!;
});

describe('npm run sweep', () => {
  it('writes one shard file per shard, and the merged table is the same bytes as an unsharded run and as two shards on two threads', () => {
    expect(readdirSync(three).sort()).toEqual(['shard-0-of-3.json', 'shard-1-of-3.json', 'shard-2-of-3.json']);
    const whole = runShards('whole', [null], '--workers', '2');
    expect(readdirSync(whole)).toEqual(['shard-0-of-1.json']);
    expect(merge(whole).csv).toBe(table);
    const two = runShards('two', ['1/2', '0/2'], '--workers', '2');
    expect(merge(two).csv).toBe(table);
    // A shard is the same bytes however many threads ran it.
    const again = runShards('again', ['1/3'], '--workers', '2');
    expect(readFileSync(join(again, 'shard-1-of-3.json'), 'utf8')).toBe(readFileSync(join(three, 'shard-1-of-3.json'), 'utf8'));
  });

  it('has one row per point and seed in the sweep order, with the numbers compare gives for the same seeds', () => {
    const rows = table.trimEnd().split('\r\n').map((l) => l.split(','));
    expect(rows[0]).toEqual(['point', 'dispatch.strategy', 'fleet.size', 'seed', ...COMPARE_METRICS.map((m) => m.key)]);
    expect(rows.slice(1).map((r) => `${r[1]} ${r[2]} ${r[3]}`)).toEqual(['insertion', 'nearest'].flatMap((s) => [4, 6, 8].flatMap((n) => [1, 2].map((seed) => `${s} ${n} ${seed}`))));
    const out = join(dir, 'compare.json');
    const c = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/compare.ts', 'scenarios/small.json', '--vary', 'dispatch.strategy=insertion,nearest', '--vary', 'fleet.size=4,6,8', '--seeds', '2', '--out', out, '--quiet', '--workers', '1'], { encoding: 'utf8' });
    expect(c.status).toBe(0);
    const cmp = JSON.parse(readFileSync(out, 'utf8')) as { variants: { label: string }[]; runs: RunReport[][] };
    cmp.runs.flat().forEach((run, i) => {
      expect(rows[i + 1][0]).toBe(cmp.variants[Math.floor(i / 2)].label);
      expect(rows[i + 1].slice(4).map(Number)).toEqual(COMPARE_METRICS.map((m) => m.get(run)));
    });
  });

  it('prints a per-point summary with mean ± 95 % CI when merging to a file', () => {
    const m = merge(three);
    expect(m.stdout.split('\n')[0]).toBe('Small town: strategy × fleet size: 6 points × 2 seeds (1–2); mean ± 95 % CI (Student t)');
    expect(m.stdout).toMatch(/^dispatch\.strategy=nearest fleet\.size=8 +\d+\.\d\d ± \d+\.\d\d /m);
    expect(m.stderr).toBe(`sweep: merged 3 shards, 12 runs → ${m.table}\n`);
    // Without --out the CSV goes to stdout.
    expect(sweep(['merge', three]).stdout).toBe(table);
  });

  it('takes the shard from a Slurm array (ids from 0 or from SLURM_ARRAY_TASK_MIN) or a Kubernetes Indexed Job', () => {
    const out = join(dir, 'env');
    const slurm1 = sweep([SWEEP, '--out', out, '--quiet'], { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '3' });
    expect(slurm1.code).toBe(0);
    expect(readFileSync(join(out, 'shard-2-of-3.json'), 'utf8')).toBe(readFileSync(join(three, 'shard-2-of-3.json'), 'utf8'));
    const k8s = sweep([SWEEP, '--out', out, '--quiet'], { JOB_COMPLETION_INDEX: '1', VANFLEET_SHARD_COUNT: '3' });
    expect(k8s.code).toBe(0);
    expect(readFileSync(join(out, 'shard-1-of-3.json'), 'utf8')).toBe(readFileSync(join(three, 'shard-1-of-3.json'), 'utf8'));
    const slurm0 = sweep([SWEEP, '--check'], { SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '0' });
    expect(slurm0.stdout).toContain('shard 0 of 3 (Slurm array task 0): 4 of 12 runs (6 points × 2 seeds)');
    expect(sweep([SWEEP, '--check']).stdout).toContain('shard 0 of 1 (no --shard, Slurm array or Indexed Job: every run): 12 of 12 runs');
    // --shard wins over the environment.
    expect(sweep([SWEEP, '--check', '--shard', '1/4'], { JOB_COMPLETION_INDEX: '0', VANFLEET_SHARD_COUNT: '3' }).stdout).toContain('shard 1 of 4 (--shard): 3 of 12 runs');
    const noCount = sweep([SWEEP, '--out', out], { JOB_COMPLETION_INDEX: '1' });
    expect(noCount.code).toBe(2);
    expect(noCount.stderr).toBe("sweep: JOB_COMPLETION_INDEX=1 (a Kubernetes Indexed Job) but VANFLEET_SHARD_COUNT is not set: set it in the manifest to the Job's spec.completions\n");
  });

  it('reports a missing, a duplicated and a foreign shard by name, exit 2, and writes no table', () => {
    const f = (n: string) => join(three, n);
    const missing = merge(folderOf('missing', [[f('shard-0-of-3.json')], [f('shard-1-of-3.json')]]));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`shard 2 of 3 missing: ${join(dir, 'missing')}/shard-2-of-3.json\nsweep: merge: no table written\n`);
    expect(missing.csv).toBeNull();

    const dup = merge(folderOf('dup', [[f('shard-0-of-3.json')], [f('shard-1-of-3.json')], [f('shard-1-of-3.json'), 'shard-1-of-3 (copy).json'], [f('shard-2-of-3.json')]]));
    expect(dup.code).toBe(2);
    expect(dup.stderr).toBe(`shard 1 of 3 duplicated: ${join(dir, 'dup', 'shard-1-of-3 (copy).json')}, ${join(dir, 'dup', 'shard-1-of-3.json')}\nsweep: merge: no table written\n`);
    expect(dup.csv).toBeNull();

    // A shard of another sweep (another seed range), with the same count.
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(SWEEP, 'utf8')), scenario: resolve('scenarios/small.json'), seeds: { count: 2, first: 3 } }));
    const foreignDir = join(dir, 'foreign');
    const r = sweep([other, '--shard', '2/3', '--out', foreignDir, '--quiet']);
    expect(r.code).toBe(0);
    folderOf('foreign', [[f('shard-0-of-3.json')], [f('shard-1-of-3.json')]]);
    const foreign = merge(foreignDir);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(
      new RegExp(`^${join(foreignDir, 'shard-2-of-3.json')}: foreign shard \\(of another sweep, or of this one before it, its scenario or a file it reads changed\\): fingerprint sha256:[0-9a-f]{12}…, the other shards have sha256:[0-9a-f]{12}…\nshard 2 of 3 missing: ${foreignDir}/shard-2-of-3.json\nsweep: merge: no table written\n$`),
    );
    // Checked against the sweep file, the right shards are told from the foreign one even when it is not outvoted.
    const vsFile = merge(folderOf('foreign2', [[f('shard-0-of-3.json')], [join(foreignDir, 'shard-2-of-3.json')]]), '--sweep', SWEEP);
    expect(vsFile.stderr).toContain('foreign shard');
    expect(vsFile.stderr).toContain('the sweep file gives');
    expect(vsFile.stderr).toContain('shard 1 of 3 missing');
    const empty = merge(folderOf('empty', []));
    expect(empty.stderr).toBe(`${join(dir, 'empty')}: no shard files (shard-*.json)\nsweep: merge: no table written\n`);
  });

  it('refuses a bad sweep file with file:line and field before running anything', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, `{\n  "scenario": ${JSON.stringify(resolve('scenarios/small.json'))},\n  "grid": { "fleet.size": [4, 0] },\n  "seeds": { "count": 2 }\n}\n`);
    const out = join(dir, 'bad-out');
    const r = sweep([bad, '--shard', '0/2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${bad}:3: grid["fleet.size"][1]: expected a positive integer, got 0 (point 2: fleet.size=0)\n`);
    expect(existsSync(out)).toBe(false);
    writeFileSync(bad, '{ "scenario": "nope.json", "seeds": { "count": 1 } }');
    expect(sweep([bad, '--out', out]).stderr).toBe(`sweep: ${bad}: scenario: ${join(dir, 'nope.json')}: file not found\n`);
    const usage = sweep([SWEEP, '--shard', '3/3', '--out', out]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('sweep: --shard: expected i/n with 0 <= i < n (shard i of n, counted from 0), like 0/3, got "3/3"\n');
    expect(sweep([SWEEP]).stderr.startsWith('sweep: --out: expected the folder for the shard file\nusage: npm run sweep -- <sweep.json> --out <dir>')).toBe(true);
  });

  it('runs a strategy file the grid names (relative to the sweep file), the same bytes on one and two threads', () => {
    const file = join(dir, 'strategies.json');
    const strategy = relative(dir, resolve('examples/strategies/deadline-first.ts'));
    writeFileSync(file, JSON.stringify({ scenario: relative(dir, resolve('scenarios/small.json')), grid: { 'dispatch.strategy': ['insertion', strategy] }, seeds: { count: 1 } }));
    const one = join(dir, 'strat-1');
    const two = join(dir, 'strat-2');
    expect(sweep([file, '--out', one, '--quiet', '--workers', '1']).code).toBe(0);
    expect(sweep([file, '--out', two, '--quiet', '--workers', '2']).code).toBe(0);
    const a = readFileSync(join(one, 'shard-0-of-1.json'), 'utf8');
    expect(readFileSync(join(two, 'shard-0-of-1.json'), 'utf8')).toBe(a);
    const runs = JSON.parse(a).runs as { kpis: Record<string, number> }[];
    expect(runs).toHaveLength(2);
    expect(JSON.parse(a).points[1].label).toBe(`dispatch.strategy=${strategy}`);
    expect(runs[1].kpis.deliveredShare).toBeGreaterThan(0);
  });
});
