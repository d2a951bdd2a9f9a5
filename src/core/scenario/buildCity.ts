import { buildProceduralCity } from '../city/buildProceduralCity.ts';
import type { City } from '../city/City.ts';
import { buildOsmCity } from '../city/buildOsmCity.ts';
import { unpackCity, CityPackError, type CityPackContents } from '../city/CityPack.ts';
import { OsmImportError } from '../osm/OsmImportError.ts';
import { importCityPack, type CityProgress, type OsmImportOptions } from '../osm/importCityPack.ts';
import type { RoadClassName } from '../network/RoadGraph.ts';
import { demandCutoffS, type Scenario } from './scenarioSchema.ts';
import { OrderFileError, parseOrderFile, type OrderBook } from '../demand/orderFile.ts';

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

/**
 * Every file the scenario names: its city's map (first, as cityResources lists it) and its order
 * file (demand.orders), relative to the scenario file. The CLI reads them, the app's worker fetches them.
 */
export function scenarioResources(sc: Scenario): { path: string; field: string }[] {
  const out = cityResources(sc);
  if (sc.demand.orders !== undefined) out.push({ path: sc.demand.orders, field: 'demand.orders' });
  return out;
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

/**
 * The city a scenario describes (the expensive, seed-independent part), from the files it names;
 * with demand.orders, the order file mapped onto its doors goes with it (ordersFor).
 */
export function buildCity(sc: Scenario, resources: ReadonlyMap<string, Uint8Array> = new Map(), onProgress?: CityProgress): City {
  const c = sc.city;
  const city = c.kind === 'procedural' ? buildProceduralCity(sc.name, c, sc.facilities) : cityFromContents(sc, cityContents(sc, resources, onProgress));
  return withOrders(sc, city, resources);
}

/**
 * The order file's rows, mapped onto a city's doors once per city (seed-independent), kept beside
 * the city object so that every caller that builds a city from the scenario's files can run it.
 * `key` holds the scenario settings the mapping depends on, so a city is never run with another
 * scenario's orders.
 */
const cityOrders = new WeakMap<City, { key: string; book: OrderBook }>();

function ordersKey(sc: Scenario): string {
  return JSON.stringify([sc.demand.orders, demandCutoffS(sc), sc.day.end, sc.fleet.van.payloadKg, sc.fleet.van.cargoM3]);
}

/** Parse the scenario's order file (if it names one) from the loaded files and map it onto the city's doors. */
export function withOrders(sc: Scenario, city: City, resources: ReadonlyMap<string, Uint8Array>): City {
  const file = sc.demand.orders;
  if (file === undefined) return city;
  const bytes = resources.get(file);
  if (!bytes) throw new CityResourceError('demand.orders', `"${file}" was not loaded`);
  try {
    const book = parseOrderFile(new TextDecoder('utf-8').decode(bytes), file, {
      doors: city.doors,
      origin: city.graph.origin,
      bbox: city.bbox,
      cutoffS: demandCutoffS(sc),
      dayEndS: sc.day.end,
      payloadKg: sc.fleet.van.payloadKg,
      cargoM3: sc.fleet.van.cargoM3,
    });
    cityOrders.set(city, { key: ordersKey(sc), book });
  } catch (e) {
    if (e instanceof OrderFileError) throw new CityResourceError('demand.orders', e.message);
    throw e;
  }
  return city;
}

/** The order book buildCity (or withOrders) mapped onto this city for this scenario. */
export function ordersFor(sc: Scenario, city: City): OrderBook {
  const hit = cityOrders.get(city);
  if (!hit) throw new CityResourceError('demand.orders', `"${sc.demand.orders}" was not loaded with the city (build the city with the scenario's files: buildCity(scenario, resources))`);
  if (hit.key !== ordersKey(sc)) throw new CityResourceError('demand.orders', 'the city was built for other order-file settings (demand.orders, cutoff, day.end or van size); build it again for this scenario');
  return hit.book;
}

/** Seed of the facility layout for real cities (the scenario seed; procedural cities have their own). */
function seedOf(sc: Scenario): number {
  return sc.seed;
}
