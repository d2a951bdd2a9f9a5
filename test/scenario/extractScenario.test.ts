import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { prepareRun } from '../../src/core/scenario/buildRun.ts';
import { cityFromContents } from '../../src/core/scenario/buildCity.ts';
import { importCityPack, DEFAULT_OSM_IMPORT } from '../../src/core/osm/importCityPack.ts';
import { scenarioForExtract } from '../../src/core/scenario/extractScenario.ts';
import { isExtract } from '../../src/ui/fileKind.ts';

describe('a scenario for a dropped extract', () => {
  const bytes = new Uint8Array(readFileSync('public/cities/lower-manhattan-2025.osm.pbf'));
  const contents = importCityPack(bytes, 'lower-manhattan.osm.pbf', DEFAULT_OSM_IMPORT);

  it('is sized to the city and valid', () => {
    const sc = scenarioForExtract('lower-manhattan.osm.pbf', contents);
    expect(sc.city).toMatchObject({ kind: 'osm', extract: 'lower-manhattan.osm.pbf' });
    expect(sc.demand.parcels).toBe(Math.max(200, Math.round(contents.buildings.count / 12)));
    expect(sc.fleet.size).toBe(Math.ceil(sc.demand.parcels / 70));
    expect(sc.facilities.stations).toBeGreaterThanOrEqual(1);
    const run = prepareRun(sc, {}, cityFromContents(sc, contents));
    expect(run.world.parcels.count).toBe(sc.demand.parcels);
  });
});

describe('isExtract', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('tells maps from scenarios by name, then by content', () => {
    expect(isExtract('city.osm.pbf', new Uint8Array(4))).toBe(true);
    expect(isExtract('city.osm', enc('<osm>'))).toBe(true);
    expect(isExtract('roads.json', enc('{ "type": "FeatureCollection", "features": [] }'))).toBe(true);
    expect(isExtract('scenario.json', enc('{ "name": "x", "city": { "kind": "procedural" } }'))).toBe(false);
  });
});
