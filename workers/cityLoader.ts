/**
 * Builds a scenario's city in the worker: fetches the map file a real city names, and keeps the
 * prepared pack (graph, hierarchy, buildings) in IndexedDB keyed by the file's content and the
 * import options, so a real city opens instantly the second time. Used for shipped scenarios,
 * opened scenario files and extracts dropped on the app.
 */
import type { City } from '../src/core/city/City.ts';
import { packCity, unpackCity, type CityPackContents } from '../src/core/city/CityPack.ts';
import { buildCity, cityContents, cityFromContents, CityResourceError, osmImportOptions, scenarioResources, withOrders } from '../src/core/scenario/buildCity.ts';
import { importCityPack, type CityProgress, type OsmImportOptions } from '../src/core/osm/importCityPack.ts';
import type { Scenario } from '../src/core/scenario/scenarioSchema.ts';
import { OsmImportError } from '../src/core/osm/OsmImportError.ts';
import { IndexedDbStore, MemoryStore, packKey, type PackStore } from './cityCache.ts';
import { siteUrlOf } from './siteUrl.ts';

let store: PackStore | null = null;
function packStore(): PackStore {
  store ??= typeof indexedDB !== 'undefined' ? new IndexedDbStore() : new MemoryStore();
  return store;
}

/** Import an extract, or take its prepared pack from the cache when this file was imported before with these options. */
export async function cachedImport(bytes: Uint8Array, name: string, options: OsmImportOptions, onProgress?: CityProgress): Promise<{ contents: CityPackContents; cached: boolean }> {
  let key: string | null = null;
  try {
    key = await packKey(bytes, options);
    const hit = await packStore().get(key);
    if (hit) return { contents: unpackCity(hit, name), cached: true };
  } catch {
    // A cache that cannot be read (private browsing, quota, stale entry) is just a miss.
  }
  const contents = importCityPack(bytes, name, options, onProgress);
  if (key) void packStore().put(key, packCity(contents)).catch(() => undefined);
  return { contents, cached: false };
}

/** Contents of an OSM scenario's city from its map bytes (cached for extracts). */
async function osmContents(sc: Scenario, resources: ReadonlyMap<string, Uint8Array>, onProgress?: CityProgress): Promise<CityPackContents> {
  const c = sc.city;
  if (c.kind !== 'osm' || c.pack !== undefined) return cityContents(sc, resources, onProgress);
  try {
    return (await cachedImport(resources.get(c.extract!)!, c.extract!.split('/').pop()!, osmImportOptions(sc), onProgress)).contents;
  } catch (e) {
    if (e instanceof OsmImportError) throw new CityResourceError('city.extract', e.message); // as the uncached path says it
    throw e;
  }
}

/** The scenario's city, fetching (relative to the scenario at `src`, resolved against `baseUrl`) and caching its map; and its order file, if any. */
export async function loadCity(sc: Scenario, src: string, baseUrl: string | undefined, onProgress?: CityProgress): Promise<City> {
  const resources = await fetchCityFiles(sc, src, baseUrl);
  if (sc.city.kind !== 'osm') return buildCity(sc, resources);
  return withOrders(sc, cityFromContents(sc, await osmContents(sc, resources, onProgress)), resources);
}

async function fetchCityFiles(sc: Scenario, src: string, baseUrl: string | undefined): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const { path, field } of scenarioResources(sc)) {
    if (!baseUrl) throw new CityResourceError(field, `"${path}" cannot be fetched here (no base address)`);
    const url = siteUrlOf(src, path, baseUrl);
    let res: Response;
    try {
      res = await fetch(url);
    } catch (e) {
      throw new CityResourceError(field, `could not fetch "${path}" (${e instanceof Error ? e.message : String(e)})`);
    }
    if (!res.ok) throw new CityResourceError(field, `could not fetch "${path}" from ${url} (HTTP ${res.status})`);
    out.set(path, new Uint8Array(await res.arrayBuffer()));
  }
  return out;
}
