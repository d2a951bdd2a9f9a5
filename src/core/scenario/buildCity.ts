import { buildProceduralCity } from '../city/buildProceduralCity.ts';
import type { City } from '../city/City.ts';
import { buildOsmCity } from '../city/buildOsmCity.ts';
import { unpackCity, CityPackError, type CityPackContents } from '../city/CityPack.ts';
import { OsmImportError } from '../osm/OsmImportError.ts';
import { importCityPack, type CityProgress, type OsmImportOptions } from '../osm/importCityPack.ts';
import type { RoadClassName } from '../network/RoadGraph.ts';
import type { Scenario } from './scenarioSchema.ts';

/** A city file the scenario names could not be used; `path` is the scenario field (e.g. city.extract). */
export class CityResourceError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
  }
}

/**
 * Files the scenario's city needs, as written in the scenario (relative to the scenario file).
 * Core does no I/O: the CLI reads them from disk, the browser worker fetches them.
 */
export function cityResources(sc: Scenario): { path: string; field: string }[] {
  const c = sc.city;
  if (c.kind !== 'osm') return [];
  return c.pack !== undefined ? [{ path: c.pack, field: 'city.pack' }] : [{ path: c.extract!, field: 'city.extract' }];
}

/** The import options an OSM scenario implies (also what a cached pack is keyed by). */
export function osmImportOptions(sc: Scenario): OsmImportOptions {
  const c = sc.city;
  if (c.kind !== 'osm') throw new Error('osmImportOptions: not an OpenStreetMap city');
  const domain = c.allowedClasses || c.maxRoadSpeedKmh !== undefined ? { allowedClasses: c.allowedClasses as RoadClassName[] | undefined, maxRoadSpeedKmh: c.maxRoadSpeedKmh } : undefined;
  return { domain, turnRestrictions: c.turnRestrictions, buildings: c.buildings, topSpeedKmh: sc.fleet.van.maxSpeedKmh };
}

/** The imported (or unpacked) road graph, hierarchy and buildings of an OSM scenario's city. */
export function cityContents(sc: Scenario, resources: ReadonlyMap<string, Uint8Array>, onProgress?: CityProgress): CityPackContents {
  const c = sc.city;
  if (c.kind !== 'osm') throw new Error('cityContents: not an OpenStreetMap city');
  const [res] = cityResources(sc);
  const bytes = resources.get(res.path);
  if (!bytes) throw new CityResourceError(res.field, `"${res.path}" was not loaded`);
  try {
    if (c.pack !== undefined) return unpackCity(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), res.path);
    return importCityPack(bytes, res.path.split('/').pop()!, osmImportOptions(sc), onProgress);
  } catch (e) {
    if (e instanceof OsmImportError || e instanceof CityPackError) throw new CityResourceError(res.field, e.message);
    throw e;
  }
}

/** An OSM scenario's city from its contents: doors, warehouse and stations placed. */
export function cityFromContents(sc: Scenario, contents: CityPackContents): City {
  const c = sc.city;
  if (c.kind !== 'osm') throw new Error('cityFromContents: not an OpenStreetMap city');
  try {
    return buildOsmCity(sc.name, contents, sc.facilities, { warehouse: c.warehouse, stations: c.stations, hubs: c.hubs }, seedOf(sc));
  } catch (e) {
    throw new CityResourceError('city', e instanceof Error ? e.message : String(e));
  }
}

/** The city a scenario describes (the expensive, seed-independent part), from the files it names. */
export function buildCity(sc: Scenario, resources: ReadonlyMap<string, Uint8Array> = new Map(), onProgress?: CityProgress): City {
  const c = sc.city;
  if (c.kind === 'procedural') return buildProceduralCity(sc.name, c, sc.facilities);
  return cityFromContents(sc, cityContents(sc, resources, onProgress));
}

/** Seed of the facility layout for real cities (the scenario seed; procedural cities have their own). */
function seedOf(sc: Scenario): number {
  return sc.seed;
}
