import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { maxIterations, OPERATORS, readInstance, SearchStats, solve } from '../../src/core/vrp/index.ts';
import { INSTANCES, instanceText } from './fixtures.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('search statistics (--stats)', () => {
  const inst = readInstance(instanceText('solomon', 'R101.txt'), 'R101.txt');

  it('count every operator call without changing the search', () => {
    const plain = solve(inst.problem, { stop: maxIterations(30), seed: 4 });
    let t = 0;
    const withStats = solve(inst.problem, { stop: maxIterations(30), seed: 4, stats: new SearchStats(() => (t += 0.001)) });
    expect(withStats.best.routes.map((r) => Array.from(r.visits))).toEqual(plain.best.routes.map((r) => Array.from(r.visits)));
    const st = withStats.stats!;
    expect(st.operators.map((o) => o.name)).toEqual([...OPERATORS]);
    const used = st.operators.filter((o) => o.tried > 0).map((o) => o.name);
    expect(used).toEqual(expect.arrayContaining(['relocate', 'swap 1-1', '2-opt*', 'SWAP*']));
    for (const o of st.operators) {
      expect(o.improved).toBeLessThanOrEqual(o.tried);
      // First improvement: every applied move lowers the penalised cost.
      if (o.improved > 0) expect(o.gain).toBeGreaterThan(0);
      else expect(o.gain).toBe(0);
    }
    const shares = st.operators.reduce((a, o) => a + (o.timeShare ?? 0), 0);
    expect(shares).toBeCloseTo(1, 6);
    expect(st.phases.find((p) => p.name === 'local search')!.ms).toBeGreaterThan(0);
    expect(st.phases.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1, 6);
    expect(st.localSearchRuns).toBeGreaterThan(30);
  });

  it('npm run solve -- … --stats FILE writes operators, phases and the best cost over time', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vanfleet-stats-'));
    const file = join(dir, 'stats.json');
    const r = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'solve.ts'), join(INSTANCES, 'solomon', 'C101.txt'),
      '--time-limit', '1', '--stats', file, '--out', join(dir, 'sol.json'), '--quiet'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    expect(s.instance).toBe('C101');
    expect(s.operators.find((o: { name: string }) => o.name === 'relocate').tried).toBeGreaterThan(0);
    expect(s.phases.map((p: { name: string }) => p.name)).toContain('local search');
    expect(s.bestOverTime.length).toBeGreaterThan(0);
    const sol = JSON.parse(readFileSync(join(dir, 'sol.json'), 'utf8'));
    expect(s.bestOverTime.at(-1).cost).toBeCloseTo(sol.distance, 1);
  });
});
