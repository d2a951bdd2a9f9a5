import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STRATEGIES } from '../../src/core/dispatch/strategies.ts';

const simulate = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { encoding: 'utf8' });
const withEnv = (env: Record<string, string>, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

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

  it('a hook that loops forever is stopped at its time budget, naming the file, the hook and the budget', () => {
    const r = withEnv({ VANFLEET_CALL_BUDGET_S: '1' }, 'scenarios/small.json', '--strategy', './test/fixtures/strategies/loops-forever.ts', '--quiet');
    expect(r.status).toBe(3);
    expect(r.stderr.trim()).toBe('simulate: strategy "loops-forever" (./test/fixtures/strategies/loops-forever.ts): replan ran past its time budget of 1 s and was stopped (does it loop forever?)');
  });

  it('a file that never finishes loading is given up after the load budget', () => {
    const r = withEnv({ VANFLEET_LOAD_BUDGET_S: '2' }, 'scenarios/small.json', '--strategy', './test/fixtures/strategies/loops-on-load.ts', '--quiet');
    expect(r.status).toBe(3);
    expect(r.stderr.trim()).toBe('simulate: strategy file ./test/fixtures/strategies/loops-on-load.ts: loading it took longer than its budget of 2 s and was stopped (does code at the top of the file loop forever?)');
  });

  it('names a bad budget setting', () => {
    const r = withEnv({ VANFLEET_CALL_BUDGET_S: 'soon' }, 'scenarios/small.json', '--strategy', './examples/strategies/deadline-first.ts', '--quiet');
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('simulate: VANFLEET_CALL_BUDGET_S: expected a number of seconds from 0 to 3600, got "soon"');
  });
});
