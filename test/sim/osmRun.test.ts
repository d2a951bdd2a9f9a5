import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenarioAndCity } from '../../src/cli/scenarioFiles.ts';
import { prepareRun } from '../../src/core/scenario/buildRun.ts';
import { buildCity, CityResourceError } from '../../src/core/scenario/buildCity.ts';
import { parseScenario } from '../../src/core/scenario/loadScenario.ts';
import { Simulation } from '../../src/core/sim/Simulation.ts';
import { buildReport } from '../../src/core/sim/report.ts';
import { checkState } from '../../src/core/sim/checkState.ts';
import { validateRun } from '../../src/core/sim/validateRun.ts';
import { NodeFlag } from '../../src/core/network/RoadGraph.ts';

describe('a real city (Monaco, OpenStreetMap)', () => {
  const { scenario, city } = loadScenarioAndCity('scenarios/monaco.json');

  it('has doors on stoppable nodes, distinct facilities and the OSM attribution', () => {
    expect(city.doors.count).toBeGreaterThan(10_000);
    for (let d = 0; d < city.doors.count; d += 7) expect(city.graph.nodeFlags[city.doors.node[d]] & NodeFlag.TurnSplit).toBe(0);
    expect(city.facilities.map((f) => f.kind)).toEqual(['warehouse', 'station', 'station', 'station']);
    expect(new Set(city.facilities.map((f) => f.node)).size).toBe(4);
    expect(city.attribution).toContain('OpenStreetMap');
  });

  it('runs a day within every limit', () => {
    const run = prepareRun(scenario, { seed: 2 }, city);
    const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
    sim.runToEnd();
    const report = buildReport(sim, scenario.name, 0);
    expect(validateRun(report, run.world.params)).toEqual([]);
    expect(checkState(sim.state)).toEqual([]);
    expect(report.kpis.delivered / report.kpis.parcels).toBeGreaterThan(0.95);
  });

  it('pins facilities by lon/lat when the scenario says where', () => {
    const sc = { ...scenario, city: { ...scenario.city, warehouse: { lon: 7.4246, lat: 43.7384 }, stations: [{ lon: 7.4197, lat: 43.7311 }, { lon: 7.4275, lat: 43.7445 }] } };
    const pinned = buildCity(sc as typeof scenario, new Map([['../public/cities/monaco-2016.osm.pbf', readPbf()]]));
    expect(pinned.facilities).toHaveLength(3);
    const [wh] = pinned.facilities;
    // Within ~150 m of the pinned point (snapped to the nearest road node).
    const proj = { x: (7.4246 - pinned.graph.origin.lon) * 80_500, y: (43.7384 - pinned.graph.origin.lat) * 111_100 };
    expect(Math.hypot(wh.x - proj.x, wh.y - proj.y)).toBeLessThan(150);
  });

  it('names the scenario field when the extract is not a map', () => {
    const sc = parseScenario(JSON.stringify({ name: 'x', city: { kind: 'osm', extract: 'x.pbf' }, fleet: { size: 1 }, demand: { parcels: 1 } }), 'x.json');
    expect(() => buildCity(sc, new Map([['x.pbf', new TextEncoder().encode('hello')]]))).toThrow(CityResourceError);
    expect(() => buildCity(sc, new Map([['x.pbf', new TextEncoder().encode('hello')]]))).toThrow(/^city\.extract: x\.pbf: not an OpenStreetMap extract/);
    expect(() => buildCity(sc)).toThrow('city.extract: "x.pbf" was not loaded');
  });
});

function readPbf(): Uint8Array {
  return new Uint8Array(readFileSync('public/cities/monaco-2016.osm.pbf'));
}
