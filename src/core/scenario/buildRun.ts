import { Rng } from '../util/rng.ts';
import { buildProceduralCity } from '../city/buildProceduralCity.ts';
import type { City } from '../city/City.ts';
import { buildOsmCity } from '../city/buildOsmCity.ts';
import { unpackCity, CityPackError, type CityPackContents } from '../city/CityPack.ts';
import { importCity } from '../network/osm/importCity.ts';
import { OsmImportError } from '../network/osm/OsmImportError.ts';
import type { RoadClassName } from '../network/RoadGraph.ts';
import { buildContractionHierarchy } from '../routing/ch/buildContractionHierarchy.ts';
import { generateParcels } from '../demand/generateParcels.ts';
import { strategyByName, STRATEGIES, type DispatchStrategy } from '../dispatch/strategies.ts';
import type { SimParams } from '../sim/SimParams.ts';
import { buildWorld, type World } from '../sim/World.ts';
import type { Scenario } from './scenarioSchema.ts';

export interface RunOverrides {
  readonly seed?: number;
  readonly strategy?: string;
}

export interface PreparedRun {
  readonly scenario: Scenario;
  readonly world: World;
  readonly seed: number;
  readonly strategy: DispatchStrategy;
}

/** Thrown for a bad override (e.g. an unknown --strategy), naming the option. */
export class RunOptionError extends Error {}

export function resolveStrategy(name: string, option = 'strategy'): DispatchStrategy {
  const s = strategyByName(name);
  if (!s) throw new RunOptionError(`${option}: unknown strategy "${name}"; expected one of: ${STRATEGIES.map((x) => x.name).join(', ')}`);
  return s;
}

export function simParams(sc: Scenario, strategy: string): SimParams {
  return {
    dayStartS: sc.day.start,
    dayEndS: sc.day.end,
    fleetSize: sc.fleet.size,
    van: sc.fleet.van,
    chargeBelowSoc: sc.fleet.chargeBelowSoc,
    chargeToSoc: sc.fleet.chargeToSoc,
    reserveSoc: sc.fleet.reserveSoc,
    idleCharging: sc.fleet.idleCharging,
    handover: {
      noShowProbability: sc.demand.noShowProbability,
      customerWaitS: sc.demand.customerWaitS,
      customerResponseMeanS: sc.demand.customerResponseMeanS,
      perParcelS: sc.demand.handoverPerParcelS,
    },
    loading: { baseS: sc.dispatch.loadBaseS, perParcelS: sc.dispatch.loadPerParcelS },
    maxAttempts: sc.demand.maxAttempts,
    costs: sc.costs,
    dispatch: {
      strategy,
      maxTourStops: sc.dispatch.maxTourStops,
      maxTourHours: sc.dispatch.maxTourHours,
      minTourParcels: sc.dispatch.minTourParcels,
      urgentMinutes: sc.dispatch.urgentMinutes,
      lookaheadMinutes: sc.dispatch.lookaheadMinutes,
      maxLinehaulParcels: sc.dispatch.maxLinehaulParcels,
      tickS: sc.dispatch.tickS,
    },
  };
}

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

/** Progress of a city import: phase (parse, roads, buildings, contract) and the fraction done within it. */
export type CityProgress = (phase: 'parse' | 'roads' | 'buildings' | 'contract', fraction: number) => void;

export interface OsmImportOptions {
  readonly domain?: { allowedClasses?: RoadClassName[]; maxRoadSpeedKmh?: number };
  readonly turnRestrictions: boolean;
  readonly buildings: boolean;
  readonly topSpeedKmh: number;
}

/** What an extract with no scenario is imported with: the van's default domain, top speed 60 km/h. */
export const DEFAULT_OSM_IMPORT: OsmImportOptions = { turnRestrictions: true, buildings: true, topSpeedKmh: 60 };

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
    return importOsmContents(bytes, res.path.split('/').pop()!, osmImportOptions(sc), onProgress);
  } catch (e) {
    if (e instanceof OsmImportError || e instanceof CityPackError) throw new CityResourceError(res.field, e.message);
    throw e;
  }
}

/** Import an extract and contract its road graph (throws OsmImportError for a bad file). */
export function importOsmContents(bytes: Uint8Array, name: string, options: OsmImportOptions, onProgress?: CityProgress): CityPackContents {
  const city = importCity(bytes, { name, ...options, onProgress });
  const ch = buildContractionHierarchy(city.graph, { onProgress: (f) => onProgress?.('contract', f) });
  return { meta: { name: city.name, attribution: city.attribution, origin: city.origin, bbox: city.bbox, stats: city.stats }, graph: city.graph, ch, buildings: city.buildings };
}

/** An OSM scenario's city from its contents: doors, warehouse and stations placed. */
export function cityFromContents(sc: Scenario, contents: CityPackContents): City {
  const c = sc.city;
  if (c.kind !== 'osm') throw new Error('cityFromContents: not an OpenStreetMap city');
  try {
    return buildOsmCity(sc.name, contents, sc.facilities, { warehouse: c.warehouse, stations: c.stations }, seedOf(sc));
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

/** City + demand + parameters for one run. The run seed drives demand and customer behaviour. */
export function prepareRun(sc: Scenario, overrides: RunOverrides = {}, city: City = buildCity(sc)): PreparedRun {
  const seed = overrides.seed ?? sc.seed;
  const strategy = resolveStrategy(overrides.strategy ?? sc.dispatch.strategy, overrides.strategy !== undefined ? '--strategy' : 'dispatch.strategy');
  const params = simParams(sc, strategy.name);
  const demandRng = new Rng(seed).fork(1);
  const parcels = generateParcels(
    {
      parcels: sc.demand.parcels,
      waves: sc.demand.waves.map((w) => ({ atS: w.at, share: w.share })),
      windowHours: sc.demand.windowHours,
      minLeadHours: sc.demand.minLeadHours,
      weightMedianKg: sc.demand.weightMedianKg,
      weightMaxKg: Math.min(sc.demand.weightMaxKg, sc.fleet.van.payloadKg),
      densityKgM3: sc.demand.densityKgM3,
      dayEndS: sc.day.end,
    },
    city.doors.weight,
    demandRng,
  );
  return { scenario: sc, world: buildWorld(city, parcels, params), seed, strategy };
}
