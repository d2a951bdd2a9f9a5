import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../../src/core/dispatch/strategies.ts';

const simulate = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { encoding: 'utf8' });

describe('strategy files', () => {
  it('--list-strategies prints every built-in strategy with one line each', () => {
    const r = simulate('--list-strategies');
    expect(r.status).toBe(0);
    for (const s of STRATEGIES) expect(r.stdout).toMatch(new RegExp(`^${s.name} +${s.description.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    expect(STRATEGIES.map((s) => s.name)).toEqual(expect.arrayContaining(['insertion', 'nearest', 'vrp', 'rolling', 'waves']));
  });

  it('runs the example strategy file by path, and its report names it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vf-')), 'run.json');
    const r = simulate('scenarios/small.json', '--strategy', './examples/strategies/deadline-first.ts', '--quiet', '--out', out);
    expect(r.stderr).toMatch(/delivered/);
    expect(r.status).toBe(0);
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    expect(rep.strategy).toBe('deadline-first');
    expect(rep.kpis.delivered).toBeGreaterThan(0.9 * rep.kpis.parcels);
  });

  it('a strategy that throws stops the run with its file and line, not a stack trace', () => {
    const r = simulate('scenarios/small.json', '--strategy', './test/fixtures/strategies/throws.ts', '--quiet');
    expect(r.status).toBe(3);
    expect(r.stderr.trim()).toMatch(/^simulate: strategy "throws" \(\.\/test\/fixtures\/strategies\/throws\.ts\): planTour threw at \.\/test\/fixtures\/strategies\/throws\.ts:6:\d+: RangeError: no tours today$/);
  });

  it('names a missing file, and an export that is not a strategy', () => {
    const missing = simulate('scenarios/small.json', '--strategy', './nope.ts', '--quiet');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^simulate: strategy file \.\/nope\.ts: not found/);
    const half = simulate('scenarios/small.json', '--strategy', './test/fixtures/strategies/not-a-strategy.ts', '--quiet');
    expect(half.status).toBe(3);
    expect(half.stderr).toMatch(/strategy file \.\/test\/fixtures\/strategies\/not-a-strategy\.ts: "planTour": expected a function/);
    expect(half.stderr).not.toMatch(/\n\s+at /);
  });

  it('a plan that breaks a rule is refused, naming the strategy and the rule', () => {
    const r = simulate('scenarios/small.json', '--strategy', './test/fixtures/strategies/overloads.ts', '--quiet');
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^simulate: dispatcher "overloads": orderArrived: line-haul plan for van V01 at t=\d+ s refused: step 1 \(load\): capacity: [\d.]+ kg aboard exceeds the payload of 1000 kg/);
  });
});
