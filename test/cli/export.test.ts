import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenarioAndCity } from '../../src/cli/scenarioFiles.ts';
import { prepareRun } from '../../src/core/scenario/buildRun.ts';
import { stopsCsv } from '../../src/core/replay/exportStops.ts';
import { parseTripsDate, tripsGeoJson } from '../../src/core/replay/exportTrips.ts';
import { ExportRecorder } from '../../src/core/replay/exportRecorder.ts';
import { Simulation } from '../../src/core/sim/Simulation.ts';

interface TripFeature {
  geometry: { coordinates: number[][] };
  properties: { delivered: number; timestamps: number[] };
}

const dir = mkdtempSync(join(tmpdir(), 'vanfleet-export-'));

function simulate(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/simulate.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The run's outcome, without the wall-clock figures a report also carries. */
const outcome = (json: string) => {
  const r = JSON.parse(json) as Record<string, unknown>;
  return JSON.stringify(['seed', 'strategy', 'kpis', 'costs', 'parcels', 'vans', 'chargers', 'charging'].map((k) => r[k]));
};

describe('npm run simulate -- --export-trips / --export-stops', () => {
  it('writes the trips and stop attempts of the run it reports, the same bytes every time', () => {
    const paths = (tag: string) => ({ out: join(dir, `${tag}.json`), trips: join(dir, `${tag}.geojson`), stops: join(dir, `${tag}.csv`) });
    const a = paths('a');
    const b = paths('b');
    const plain = join(dir, 'plain.json');
    for (const p of [a, b]) {
      const r = simulate('scenarios/small.json', '--seed', '5', '--quiet', '--out', p.out, '--export-trips', p.trips, '--trips-date', '2026-03-02', '--export-stops', p.stops);
      expect(r.stderr).not.toMatch(/Error/);
      expect(r.code).toBe(0);
    }
    expect(simulate('scenarios/small.json', '--seed', '5', '--quiet', '--out', plain).code).toBe(0);
    expect(readFileSync(b.trips, 'utf8')).toBe(readFileSync(a.trips, 'utf8'));
    expect(readFileSync(b.stops, 'utf8')).toBe(readFileSync(a.stops, 'utf8'));
    // Recording for the exports does not change the run.
    expect(outcome(readFileSync(a.out, 'utf8'))).toBe(outcome(readFileSync(plain, 'utf8')));

    const report = JSON.parse(readFileSync(a.out, 'utf8')) as { parcels: { attempts: number }[]; kpis: { delivered: number } };
    const fc = JSON.parse(readFileSync(a.trips, 'utf8')) as { metadata: Record<string, unknown>; features: TripFeature[] };
    expect(fc.metadata).toMatchObject({ scenario: 'Small town', seed: 5, strategy: 'insertion', date: '2026-03-02' });
    const day = parseTripsDate('2026-03-02');
    for (const f of fc.features) {
      expect(f.geometry.coordinates.length).toBeGreaterThan(1);
      expect(f.properties.timestamps[0]).toBeGreaterThan(day);
      expect(f.properties.timestamps.at(-1)!).toBeLessThan(day + 2 * 86400);
    }
    expect(fc.features.reduce((s, f) => s + f.properties.delivered, 0)).toBe(report.kpis.delivered);
    const rows = readFileSync(a.stops, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toBe('van,tour,attempt,parcel,door,door_lon,door_lat,window_start,window_end,arrival,handover_end,outcome');
    expect(rows.length - 1).toBe(report.parcels.reduce((s, p) => s + p.attempts, 0));
  });

  it('places an imported city at its real position (Monaco)', () => {
    const { scenario, city } = loadScenarioAndCity('scenarios/monaco.json');
    const run = prepareRun(scenario, {}, city);
    const rec = new ExportRecorder();
    const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(), observer: rec });
    const tl = rec.bind(sim.state);
    sim.runToEnd();
    rec.sync();
    const features = (JSON.parse(tripsGeoJson(tl, city, sim.state.fleet.ids)) as { features: TripFeature[] }).features;
    expect(features.length).toBeGreaterThan(0);
    for (const f of features) {
      const ts = f.properties.timestamps;
      for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThan(ts[i - 1]);
      for (const [lon, lat] of f.geometry.coordinates) {
        expect(lon).toBeGreaterThan(7.3);
        expect(lon).toBeLessThan(7.6);
        expect(lat).toBeGreaterThan(43.6);
        expect(lat).toBeLessThan(43.85);
      }
    }
    const row = stopsCsv(tl, rec.attempts, run.world, sim.state.fleet.ids).split('\r\n')[1].split(',');
    expect(Number(row[5])).toBeGreaterThan(7.3);
    expect(Number(row[5])).toBeLessThan(7.6);
    expect(Number(row[6])).toBeGreaterThan(43.6);
    expect(Number(row[6])).toBeLessThan(43.85);
  });

  const cases: [string, string[], string][] = [
    ['a date that does not exist', ['--export-trips', join(dir, 't.geojson'), '--trips-date', '2025-02-30'], 'simulate: --trips-date: expected a date as YYYY-MM-DD (1970 or later), got "2025-02-30"\n'],
    ['--trips-date without --export-trips', ['--trips-date', '2025-02-03'], 'simulate: --trips-date: only used with --export-trips\n'],
    ['a folder that does not exist', ['--export-stops', join(dir, 'nope', 's.csv')], `simulate: --export-stops: folder "${join(dir, 'nope')}" does not exist\n`],
    ['a path that is a folder', ['--export-trips', dir], `simulate: --export-trips: "${dir}" is a folder, expected a file name\n`],
  ];
  for (const [what, args, message] of cases) {
    it(`rejects ${what} with one line, no stack trace`, () => {
      const r = simulate('scenarios/small.json', '--quiet', '--out', join(dir, 'x.json'), ...args);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(message)).toBe(true);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
    });
  }
});
