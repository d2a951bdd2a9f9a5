import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioJsonSchema } from '../../src/core/scenario/scenarioJsonSchema.ts';

const dir = mkdtempSync(join(tmpdir(), 'vanfleet-cli-'));

function simulate(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('npm run simulate', () => {
  it('runs a scenario and writes the report contract', () => {
    const out = join(dir, 'run.json');
    const r = simulate('scenarios/small.json', '--seed', '4', '--strategy', 'nearest', '--out', out);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(rep)).toEqual(expect.arrayContaining(['scenario', 'seed', 'strategy', 'simulatedSeconds', 'wallSeconds', 'kpis', 'parcels']));
    expect(rep).toMatchObject({ scenario: 'Small town', seed: 4, strategy: 'nearest' });
    for (const k of ['parcels', 'delivered', 'failed', 'pending', 'onTimeRate', 'vanKm', 'energyKWh', 'maxVanLoadKg', 'maxVanVolumeM3', 'minBatteryKWh', 'maxSpeedKmh']) {
      expect(typeof rep.kpis[k]).toBe('number');
    }
    expect(rep.parcels[0]).toHaveProperty('id');
    expect(r.stderr).toMatch(/delivered/);
  });

  it('checks the whole-run invariants with --check, and names failed parcels\' reasons and pending parcels\' places', () => {
    const sc = file('short.json', JSON.stringify({ ...JSON.parse(readFileSync('scenarios/small.json', 'utf8')), $schema: undefined, fleet: { size: 1 }, demand: { parcels: 1500 } }));
    const out = join(dir, 'short-run.json');
    const r = simulate(sc, '--check', '--quiet', '--out', out);
    expect(r.code).toBe(0);
    const rep = JSON.parse(readFileSync(out, 'utf8'));
    const k = rep.kpis;
    expect(k.pending).toBeGreaterThan(0);
    expect(r.stderr).toContain(`check: every invariant holds (${k.parcels} parcels accounted for: ${k.delivered} delivered, ${k.failed} failed with a reason, ${k.pending} pending with a place;`);
    const pending = rep.parcels.filter((p: { status: string }) => p.status === 'pending');
    expect(new Set(pending.map((p: { place: string }) => p.place))).toEqual(new Set(['warehouse', 'station']));
    for (const p of rep.parcels.filter((x: { status: string }) => x.status === 'failed')) expect(['attempts-exhausted', 'day-ended']).toContain(p.reason);
  });

  // Bad input: exact message on stderr, exit code 2, never a stack trace.
  const cases: [string, () => string[], string][] = [
    ['a missing file', () => ['scenarios/nope.json'], 'simulate: scenarios/nope.json: file not found\n'],
    ['invalid JSON', () => [file('bad.json', '{\n  "name": "x",\n  oops\n}')], `${join(dir, 'bad.json')}:3: column 3: invalid JSON: expected a property name in double quotes but found 'o'\n`],
    ['a negative fleet', () => [file('neg.json', '{\n "name": "x",\n "city": { "kind": "procedural" },\n "fleet": { "size": -3 },\n "demand": { "parcels": 5 }\n}')], `${join(dir, 'neg.json')}:4: fleet.size: expected a positive integer, got -3\n`],
    ['an unknown strategy in the file', () => [file('strat.json', '{"name":"x","city":{"kind":"procedural"},"fleet":{"size":1},"demand":{"parcels":1},"dispatch":{"strategy":"magic"}}')], `${join(dir, 'strat.json')}:1: dispatch.strategy: expected a built-in strategy (insertion, nearest, vrp, rolling, waves) or a strategy file ending .ts or .js, got "magic"\n`],
    ['an unknown --strategy', () => ['scenarios/small.json', '--strategy', 'magic'], 'simulate: --strategy: unknown strategy "magic"; expected one of: insertion, nearest, vrp, rolling, waves, or a strategy file ending .ts or .js\n'],
    ['a scenario whose map file is missing', () => [file('nomap.json', '{"name":"x","city":{"kind":"osm","extract":"gone.osm.pbf"},"fleet":{"size":1},"demand":{"parcels":1}}')], `simulate: ${join(dir, 'nomap.json')}: city.extract: "gone.osm.pbf" not found (looked for ${join(dir, 'gone.osm.pbf')})\n`],
    ['a scenario whose map is not a map', () => [file('junk.osm.pbf', 'junk'), file('junkmap.json', '{"name":"x","city":{"kind":"osm","extract":"junk.osm.pbf"},"fleet":{"size":1},"demand":{"parcels":1}}')].slice(1), `simulate: ${join(dir, 'junkmap.json')}: city.extract: junk.osm.pbf: not an OpenStreetMap extract: expected .osm.pbf, .osm XML or GeoJSON, but it starts with bytes 6a 75 6e 6b\n`],
    ['a bad --seed', () => ['scenarios/small.json', '--seed', '-1'], 'simulate: --seed: expected a non-negative integer, got -1\n'],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what}`, () => {
      const r = simulate(...args());
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(message)).toBe(true);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
      expect(r.stdout).toBe('');
    });
  }
});

describe('scenario JSON Schema', () => {
  it('is up to date with the validator (REGEN=1 to rewrite)', () => {
    const path = 'scenarios/scenario.schema.json';
    const want = `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
    if (process.env.REGEN) writeFileSync(path, want);
    expect(readFileSync(path, 'utf8')).toBe(want);
  });
});
