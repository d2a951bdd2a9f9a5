import { buildContractionHierarchy } from '../routing/ch/buildContractionHierarchy.ts';
import type { CityPackContents, CityPackMeta } from '../city/CityPack.ts';
import type { RoadClassName } from '../network/RoadGraph.ts';
import { importCity, type ImportPhase } from './importCity.ts';

/** Progress of a city import: phase (parse, roads, buildings, contract) and the fraction done within it. */
export type CityProgress = (phase: ImportPhase | 'contract', fraction: number) => void;

/** What an extract is imported with (also what a cached pack is keyed by). */
export interface OsmImportOptions {
  readonly domain?: { allowedClasses?: RoadClassName[]; maxRoadSpeedKmh?: number };
  readonly turnRestrictions: boolean;
  readonly buildings: boolean;
  readonly topSpeedKmh: number;
}

/** What an extract with no scenario is imported with: the van's default domain, top speed 60 km/h. */
export const DEFAULT_OSM_IMPORT: OsmImportOptions = { turnRestrictions: true, buildings: true, topSpeedKmh: 60 };

/**
 * From extract bytes to city-pack contents: import (roads, turn restrictions, buildings) and the
 * contraction hierarchy, with the importer's summary as meta. The one way an extract becomes a
 * city: `npm run import` packs the result (packCity), a scenario naming an extract builds its city
 * from it, and the simulation worker caches its pack. `name` is the file name (error messages,
 * default city name). Throws OsmImportError for a bad file.
 */
export function importCityPack(bytes: Uint8Array, name: string, options: OsmImportOptions = DEFAULT_OSM_IMPORT, onProgress?: CityProgress): CityPackContents {
  const city = importCity(bytes, { name, ...options, onProgress });
  onProgress?.('contract', 0);
  const ch = buildContractionHierarchy(city.graph, { onProgress: (f) => onProgress?.('contract', f) });
  const meta: CityPackMeta = {
    name: city.name,
    attribution: city.attribution,
    origin: city.origin,
    bbox: city.bbox,
    lonLatBox: city.lonLatBox,
    source: { name, bytes: bytes.length, format: city.stats.format },
    options: { domain: options.domain ?? null, topSpeedKmh: options.topSpeedKmh, turnRestrictions: options.turnRestrictions },
    stats: city.stats,
    hierarchy: { upEdges: ch.upEdgeCount, downEdges: ch.downEdgeCount },
  };
  return { meta, graph: city.graph, ch, buildings: city.buildings };
}
