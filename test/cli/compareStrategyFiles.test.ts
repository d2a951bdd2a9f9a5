import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'vanfleet-cmps-'));

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/compare.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run compare -- --vary dispatch.strategy=…,./file.ts', () => {
  it('runs a strategy file beside the built-ins, the same bytes on one core and on two worker threads', () => {
    const outs = ['1', '2'].map((w) => {
      const out = join(dir, `w${w}.json`);
      const r = compare('scenarios/small.json', '--vary', 'dispatch.strategy=insertion,./examples/strategies/deadline-first.ts', '--seeds', '2', '--quiet', '--workers', w, '--out', out);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return readFileSync(out, 'utf8');
    });
    expect(outs[1]).toBe(outs[0]);
    const j = JSON.parse(outs[0]);
    expect(j.variants[1].label).toBe('dispatch.strategy=./examples/strategies/deadline-first.ts');
    // The file's strategy really ran: its tours differ from insertion's.
    expect(j.variants[1].metrics.vanKm.mean).not.toBe(j.variants[0].metrics.vanKm.mean);
  });

  for (const workers of ['1', '2']) {
    it(`stops with exit 3 and the file and line when the strategy throws (--workers ${workers})`, () => {
      const r = compare('scenarios/small.json', '--vary', 'dispatch.strategy=insertion,./test/fixtures/strategies/throws.ts', '--seeds', '2', '--quiet', '--workers', workers);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^compare: strategy "throws" \(\.\/test\/fixtures\/strategies\/throws\.ts\): planTour threw at \.\/test\/fixtures\/strategies\/throws\.ts:\d+:\d+: RangeError: no tours today\n$/);
    });
  }

  it('names a missing strategy file before running anything', () => {
    const r = compare('scenarios/small.json', '--vary', 'dispatch.strategy=insertion,./nope.ts', '--seeds', '2', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`compare: strategy file ./nope.ts: not found (${join(process.cwd(), 'nope.ts')})\n`);
  });
});
