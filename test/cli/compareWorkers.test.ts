import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'vanfleet-cmpw-'));

function compare(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/compare.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** compare --out with the given worker options; returns the file's bytes and stdout. */
function runWith(tag: string, vary: string, ...opts: string[]) {
  const out = join(dir, `${tag}.json`);
  const r = compare('scenarios/small.json', '--vary', vary, '--seeds', '3', '--quiet', '--out', out, ...opts);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { json: readFileSync(out, 'utf8'), stdout: r.stdout };
}

describe('npm run compare -- --workers N', () => {
  it('gives the same --out bytes and table on 2 worker threads as on one core (two strategies, 3 seeds)', () => {
    const one = runWith('one', 'dispatch.strategy=insertion,nearest', '--workers', '1');
    const two = runWith('two', 'dispatch.strategy=insertion,nearest', '--workers', '2');
    expect(two.json).toBe(one.json);
    expect(two.stdout).toBe(one.stdout);
    const j = JSON.parse(one.json);
    expect(j.seeds).toEqual([1, 2, 3]);
    expect(j.variants.map((v: { label: string }) => v.label)).toEqual(['dispatch.strategy=insertion', 'dispatch.strategy=nearest']);
    expect(Object.keys(j.variants[0].metrics.cost)).toEqual(['n', 'mean', 'sd', 'ci95']);
    expect(j.variants[0].vsFirst).toBeNull();
    expect(j.variants[1].vsFirst.cost).toBeDefined();
    expect(j.runs.map((l: { seed: number }[]) => l.map((r) => r.seed))).toEqual([[1, 2, 3], [1, 2, 3]]);
    // The two strategies really differ: the runs are not one variant's repeated.
    expect(JSON.stringify(j.runs[0])).not.toBe(JSON.stringify(j.runs[1]));
  });

  it('gives the same numbers with the fleet charging scheduler in its own worker (one core) as in each run thread', () => {
    const own = runWith('sched-worker', 'charging.policy=threshold,scheduled', '--workers', '1', '--scheduler', 'worker');
    const inThread = runWith('sched-in-thread', 'charging.policy=threshold,scheduled', '--workers', '1', '--scheduler', 'in-thread');
    const threads = runWith('sched-threads', 'charging.policy=threshold,scheduled', '--workers', '2');
    expect(inThread.json).toBe(own.json);
    expect(threads.json).toBe(own.json);
  });

  it('refuses a bad --workers', () => {
    for (const bad of ['0', '1.5', '-2']) {
      const r = compare('scenarios/small.json', '--seeds', '2', '--workers', bad);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(`compare: --workers: expected an integer from 1 to 256, got ${Number(bad)}\n`)).toBe(true);
    }
  });

  it('reports a city a worker thread cannot build in one line, no stack trace', () => {
    writeFileSync(join(dir, 'junk.osm.pbf'), 'junk');
    const sc = join(dir, 'junk.json');
    writeFileSync(sc, JSON.stringify({ name: 'x', city: { kind: 'osm', extract: 'junk.osm.pbf' }, fleet: { size: 1 }, demand: { parcels: 1 } }));
    const r = compare(sc, '--seeds', '2', '--workers', '2', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('compare: city.extract: junk.osm.pbf: not an OpenStreetMap extract: expected .osm.pbf, .osm XML or GeoJSON, but it starts with bytes 6a 75 6e 6b\n');
  });
});
