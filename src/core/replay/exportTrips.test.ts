import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../../test/sim/runHelpers.ts';
import { graphBBox, type City } from '../city/City.ts';
import { LocalProjection } from '../geo/LocalProjection.ts';
import { prepareRun, type PreparedRun } from '../scenario/buildRun.ts';
import { buildReport } from '../sim/report.ts';
import { Simulation } from '../sim/Simulation.ts';
import { ExportRecorder } from './exportRecorder.ts';
import { csvField, stopsCsv, STOPS_HEADER } from './exportStops.ts';
import { parseTripsDate, tripsGeoJson } from './exportTrips.ts';

export interface TripFeature {
  geometry: { type: string; coordinates: number[][] };
  properties: { van: string; tour: number; kind: string; from: string | null; to: string | null; complete: boolean; delivered: number; timestamps: number[] };
}

export function record(run: PreparedRun, untilS = Infinity) {
  const rec = new ExportRecorder();
  const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(), observer: rec });
  rec.bind(sim.state);
  if (untilS === Infinity) sim.runToEnd();
  else sim.runUntil(untilS);
  rec.sync();
  return { rec, sim, tl: rec.timeline! };
}

/** The GeoJSON's invariants: lines of 2+ vertices, time strictly increasing, ends at facilities, inside the road network. */
export function checkTrips(text: string, city: City, epochS: number, lastS: number): TripFeature[] {
  const fc = JSON.parse(text) as { type: string; features: TripFeature[] };
  expect(fc.type).toBe('FeatureCollection');
  const g = city.graph;
  const proj = new LocalProjection(g.origin.lon, g.origin.lat);
  const bb = graphBBox(g);
  const [minLon, maxLon, minLat, maxLat] = [proj.lon(bb.minX) - 1e-7, proj.lon(bb.maxX) + 1e-7, proj.lat(bb.minY) - 1e-7, proj.lat(bb.maxY) + 1e-7];
  const at = (c: number[], id: string | null) => {
    const f = city.facilities.find((x) => x.id === id)!;
    expect(Math.abs(c[0] - proj.lon(g.x(f.node)))).toBeLessThan(1e-6);
    expect(Math.abs(c[1] - proj.lat(g.y(f.node)))).toBeLessThan(1e-6);
  };
  for (const f of fc.features) {
    const c = f.geometry.coordinates;
    expect(f.geometry.type).toBe('LineString');
    expect(c.length).toBeGreaterThan(1);
    expect(c.map((x) => x[3])).toEqual(f.properties.timestamps);
    for (let i = 0; i < c.length; i++) {
      expect(c[i]).toHaveLength(4);
      expect(c[i][2]).toBe(0);
      if (i > 0) expect(c[i][3]).toBeGreaterThan(c[i - 1][3]);
      expect(c[i][0]).toBeGreaterThanOrEqual(minLon);
      expect(c[i][0]).toBeLessThanOrEqual(maxLon);
      expect(c[i][1]).toBeGreaterThanOrEqual(minLat);
      expect(c[i][1]).toBeLessThanOrEqual(maxLat);
    }
    expect(c[0][3]).toBeGreaterThanOrEqual(epochS);
    expect(c[c.length - 1][3]).toBeLessThanOrEqual(epochS + lastS + 1e-3);
    at(c[0], f.properties.from);
    if (f.properties.complete) at(c[c.length - 1], f.properties.to);
  }
  return fc.features;
}

describe('trips export (kepler.gl / deck.gl TripsLayer)', () => {
  const sc = loadScenarioFile('scenarios/small.json');
  const run = prepareRun(sc);
  const { rec, sim, tl } = record(run);
  const city = run.world.city;
  const text = tripsGeoJson(tl, city, sim.state.fleet.ids, { date: '2025-07-01' });
  const features = checkTrips(text, city, parseTripsDate('2025-07-01'), tl.endS);

  it('does not change the run, and the same run gives the same bytes', () => {
    expect(JSON.stringify(buildReport(sim, sc.name, 0))).toBe(JSON.stringify(runScenario(sc).report));
    const again = record(prepareRun(sc));
    expect(tripsGeoJson(again.tl, city, again.sim.state.fleet.ids, { date: '2025-07-01' })).toBe(text);
    expect(stopsCsv(again.tl, again.rec.attempts, run.world, again.sim.state.fleet.ids)).toBe(stopsCsv(tl, rec.attempts, run.world, sim.state.fleet.ids));
  });

  it('has one finished trip per facility-to-facility drive, numbered per van, adding up to the report', () => {
    expect(features.length).toBeGreaterThan(sim.state.fleet.size);
    expect(features.every((f) => f.properties.complete)).toBe(true);
    expect(new Set(features.map((f) => f.properties.kind))).toEqual(new Set(['delivery', 'line-haul', 'return', 'to-charger'].filter((k) => features.some((f) => f.properties.kind === k))));
    expect(features.some((f) => f.properties.kind === 'delivery')).toBe(true);
    expect(features.some((f) => f.properties.kind === 'line-haul')).toBe(true);
    const report = buildReport(sim, sc.name, 0);
    for (const van of report.vans) {
      const mine = features.filter((f) => f.properties.van === van.id);
      expect(mine.map((f) => f.properties.tour)).toEqual(mine.map((_, i) => i + 1));
      expect(mine.reduce((s, f) => s + f.properties.delivered, 0)).toBe(van.delivered);
      for (let i = 1; i < mine.length; i++) expect(mine[i].properties.from).toBe(mine[i - 1].properties.to);
    }
  });

  it('puts every hand-over in a trip, also at doors on a facility\'s own road node (seeds 1–5)', () => {
    // Small town has a door whose curb is the warehouse node: vans hand over there without driving.
    for (let seed = 1; seed <= 5; seed++) {
      const seeded = prepareRun(sc, { seed });
      const r = record(seeded);
      const fc = JSON.parse(tripsGeoJson(r.tl, city, r.sim.state.fleet.ids)) as { features: TripFeature[] };
      expect(fc.features.reduce((s, f) => s + f.properties.delivered, 0)).toBe(buildReport(r.sim, sc.name, 0).kpis.delivered);
      const rows = stopsCsv(r.tl, r.rec.attempts, seeded.world, r.sim.state.fleet.ids).trimEnd().split('\r\n').slice(1);
      expect(rows.filter((l) => l.split(',')[1] === '0')).toEqual([]);
    }
  });

  it('cuts trips at the end of what was recorded (a run stopped mid-day)', () => {
    const cut = sc.day.start + 3.3 * 3600;
    const part = record(prepareRun(sc), cut);
    const partial = checkTrips(tripsGeoJson(part.tl, city, part.sim.state.fleet.ids), city, parseTripsDate('2025-07-01'), cut);
    expect(partial.some((f) => !f.properties.complete)).toBe(true);
  });

  it('puts the day on a calendar date (UTC midnight, Unix seconds) and refuses dates that do not exist', () => {
    expect(parseTripsDate('1970-01-01')).toBe(0);
    expect(parseTripsDate('2025-07-01')).toBe(1751328000);
    expect(parseTripsDate('2024-02-29')).toBe(1709164800);
    for (const bad of ['2023-02-29', '2025-7-1', '2025-13-01', '1969-12-31', 'tomorrow']) expect(() => parseTripsDate(bad)).toThrow(`expected a date as YYYY-MM-DD (1970 or later), got "${bad}"`);
    const first = features[0].geometry.coordinates[0][3];
    const shifted = JSON.parse(tripsGeoJson(tl, city, sim.state.fleet.ids, { date: '2025-07-02' })) as { features: TripFeature[] };
    expect(shifted.features[0].geometry.coordinates[0][3]).toBe(first + 86400);
  });

  it('has a row per stop attempt, adding up to the report', () => {
    const csv = stopsCsv(tl, rec.attempts, run.world, sim.state.fleet.ids);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = csv.slice(0, -2).split('\r\n').map((l) => l.split(','));
    expect(rows[0]).toEqual([...STOPS_HEADER]);
    const body = rows.slice(1);
    const report = buildReport(sim, sc.name, 0);
    expect(body).toHaveLength(report.parcels.reduce((s, p) => s + p.attempts, 0));
    const outcome = (o: string) => body.filter((r) => r[11] === o).length;
    expect(outcome('delivered') + outcome('late')).toBe(report.kpis.delivered);
    expect(outcome('late')).toBe(report.kpis.late);
    expect(outcome('no-show')).toBe(report.kpis.failedAttempts);
    for (const r of body) {
      expect(r).toHaveLength(STOPS_HEADER.length);
      expect(r[9] <= r[10]).toBe(true); // arrival before the hand-over ends (HH:MM:SS sorts as text)
      expect(Number(r[1])).toBeGreaterThan(0); // inside one of the van's trips
    }
    // A parcel's attempts are numbered in order.
    const firstParcel = body.find((r) => r[2] === '2');
    if (firstParcel) expect(body.find((r) => r[3] === firstParcel[3] && r[2] === '1')).toBeDefined();
  });

  it('quotes CSV fields as RFC 4180 says', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(1.5)).toBe('1.5');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
