import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSolution } from './checkSolution.ts';
import { INSTANCES, instanceText } from './fixtures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const cli = join(root, 'src', 'cli', 'solve.ts');

function solveCli(args: string[]) {
  return spawnSync(tsx, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

describe('npm run solve (CLI end to end)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vanfleet-solve-'));

  it('solves a Solomon instance and writes the solution contract', () => {
    const out = join(dir, 'c101.json');
    const r = solveCli([join(INSTANCES, 'solomon', 'C101.txt'), '--time-limit', '1', '--seed', '3', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const sol = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(sol)).toEqual(['instance', 'objective', 'vehicles', 'distance', 'routes', 'seconds']);
    expect(sol.instance).toBe('C101');
    expect(sol.objective).toBe('distance');
    expect(checkSolution(instanceText('solomon', 'C101.txt'), 'solomon', sol).errors).toEqual([]);
  });

  it('solves an E-VRPTW instance (format detected) with station ids in routes', () => {
    const out = join(dir, 'ev.json');
    const r = solveCli([join(INSTANCES, 'evrptw', 'small', 'c103C15.txt'), '--time-limit', '1', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const sol = JSON.parse(readFileSync(out, 'utf8'));
    expect(sol.objective).toBe('hierarchical');
    expect(checkSolution(instanceText('evrptw/small', 'c103C15.txt'), 'evrptw', sol).errors).toEqual([]);
  });

  it('--recharge partial writes the charges per station visit, checked independently', () => {
    const out = join(dir, 'ev-partial.json');
    const r = solveCli([join(INSTANCES, 'evrptw', 'small', 'r102C10.txt'), '--recharge', 'partial', '--time-limit', '1', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const sol = JSON.parse(readFileSync(out, 'utf8'));
    expect(sol.recharge).toBe('partial');
    expect(sol.charges.length).toBe(sol.routes.length);
    expect(checkSolution(instanceText('evrptw/small', 'r102C10.txt'), 'evrptw', sol).errors).toEqual([]);
    const bad = solveCli([join(INSTANCES, 'evrptw', 'small', 'r102C10.txt'), '--recharge', 'some', '--out', out]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--recharge: expected full or partial, got "some"');
  });

  it.skipIf(availableParallelism() < 2)('with --workers 2 searches seeds seed and seed+1 in parallel threads and writes the best', () => {
    // C101: feasible from the first construction, so a loaded machine changes the figures, not the outcome.
    const out = join(dir, 'c101-w2.json');
    const r = solveCli([join(INSTANCES, 'solomon', 'C101.txt'), '--objective', 'hierarchical', '--time-limit', '3', '--seed', '7', '--workers', '2', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/best of 2 seeds: [78]\b/);
    const sol = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(sol)).toEqual(['instance', 'objective', 'vehicles', 'distance', 'routes', 'seconds']);
    expect(sol.objective).toBe('hierarchical');
    expect(sol.seconds).toBeLessThan(10);
    expect(sol.vehicles).toBeGreaterThanOrEqual(10);
    expect(checkSolution(instanceText('solomon', 'C101.txt'), 'solomon', sol).errors).toEqual([]);
  });

  it('on Ctrl-C stops and writes the best solution so far', async () => {
    const out = join(dir, 'interrupted.json');
    // Straight to node (tsx's own signal relay would add its exit code 130 on top).
    const child = spawn(process.execPath, ['--import', 'tsx', cli, join(INSTANCES, 'solomon', 'R101.txt'), '--time-limit', '120', '--out', out], { cwd: root });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      // Interrupt once the search is under way (progress lines start after a second).
      if (/ s {2}search/.test(stderr) && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/interrupted: writing the best solution so far/);
    const sol = JSON.parse(readFileSync(out, 'utf8'));
    expect(sol.seconds).toBeLessThan(60);
    expect(checkSolution(instanceText('solomon', 'R101.txt'), 'solomon', sol).errors).toEqual([]);
  });

  it('exits with code 2 and names file and line for a malformed instance, without a stack trace', () => {
    const lines = instanceText('solomon', 'C101.txt').split('\r\n');
    lines[11] = '    2      45         70         30        825';
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, lines.join('\r\n'));
    const r = solveCli([bad, '--out', join(dir, 'x.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.txt:12: expected 7 numbers, got 5');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits with code 2 on a missing file and on bad options', () => {
    const missing = solveCli([join(dir, 'nope.txt'), '--out', join(dir, 'x.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.txt: cannot read');
    const badFormat = solveCli([join(INSTANCES, 'solomon', 'C101.txt'), '--format', 'tsp', '--out', join(dir, 'x.json')]);
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('--format: expected solomon, cvrplib, evrptw or vroom, got "tsp"');
    const cores = availableParallelism();
    for (const n of ['0', '1.5', String(cores + 1)]) {
      const badWorkers = solveCli([join(INSTANCES, 'solomon', 'C101.txt'), '--workers', n, '--out', join(dir, 'x.json')]);
      expect(badWorkers.status).toBe(2);
      expect(badWorkers.stderr.split('\n')[0]).toBe(`solve: --workers: expected an integer from 1 to ${cores} (the core count), got ${n}`);
    }
  });
});
