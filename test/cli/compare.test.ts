import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyVariant, expandVariants } from '../../src/core/scenario/variants.ts';

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/compare.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('variants', () => {
  it('expands every combination and writes nested paths', () => {
    const v = expandVariants(['fleet.size=4,8', 'dispatch.strategy=insertion,nearest']);
    expect(v.map((x) => x.label)).toEqual([
      'fleet.size=4 dispatch.strategy=insertion',
      'fleet.size=4 dispatch.strategy=nearest',
      'fleet.size=8 dispatch.strategy=insertion',
      'fleet.size=8 dispatch.strategy=nearest',
    ]);
    expect(applyVariant({ fleet: { size: 1 } }, v[3])).toEqual({ fleet: { size: 8 }, dispatch: { strategy: 'nearest' } });
    expect(applyVariant({ demand: { waves: [{ share: 1 }] } }, expandVariants(['demand.waves[0].share=2'])[0])).toEqual({ demand: { waves: [{ share: 2 }] } });
  });
  it('rejects malformed flags', () => {
    expect(() => expandVariants(['fleet.size'])).toThrow('--vary: expected path=value1,value2,…, got "fleet.size"');
    expect(() => expandVariants(['fleet..size=3'])).toThrow('not a field path');
  });
});

describe('npm run compare', () => {
  it('runs variants on common seeds and reports CIs and paired differences', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'vanfleet-cmp-')), 'cmp.json');
    const r = compare('scenarios/small.json', '--vary', 'fleet.size=4,8', '--seeds', '3', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('3 seeds (1–3)');
    expect(r.stdout).toContain('Δ fleet.size=8');
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.variants).toHaveLength(2);
    expect(j.runs[0].map((x: { seed: number }) => x.seed)).toEqual([1, 2, 3]);
    const small = j.variants[0].metrics.deliveredShare.mean;
    const big = j.variants[1].metrics.deliveredShare.mean;
    expect(big).toBeGreaterThanOrEqual(small);
    expect(j.variants[1].vsFirst.cost.mean).toBeGreaterThan(0); // more vans cost more
  });

  it('names a variant that makes the scenario invalid, and runs nothing', () => {
    const r = compare('scenarios/small.json', '--vary', 'fleet.size=4,-1', '--seeds', '2');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scenarios/small.json [fleet.size=-1]: fleet.size: expected a positive integer, got -1');
  });
});
