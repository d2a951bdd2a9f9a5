import { buildContractionHierarchy, type ChBuildOptions } from '../../routing/ch/buildContractionHierarchy.ts';
import { packCity, type CityPackContents, type CityPackMeta } from '../../city/CityPack.ts';
import { importCity, type ImportOptions, type ImportPhase } from './importCity.ts';

export type PreparePhase = ImportPhase | 'contract' | 'pack';

export interface PrepareOptions extends Omit<ImportOptions, 'onProgress'> {
  readonly ch?: Omit<ChBuildOptions, 'onProgress'>;
  /** Progress per phase (parse, roads, buildings, contract, pack), fraction 0..1 within the phase. */
  readonly onProgress?: (phase: PreparePhase, fraction: number) => void;
}

/**
 * From extract bytes to a ready city: import (roads, turn restrictions, buildings), contraction
 * hierarchy, and the one-buffer city pack (src/core/city/CityPack.ts). What a worker runs when a
 * planner drops an extract, and what `npm run import` runs.
 */
export function prepareCityPack(bytes: Uint8Array, options: PrepareOptions = {}): { pack: ArrayBuffer; contents: CityPackContents } {
  const progress = options.onProgress;
  const city = importCity(bytes, { ...options, onProgress: progress });
  progress?.('contract', 0);
  const ch = buildContractionHierarchy(city.graph, { ...options.ch, onProgress: (f) => progress?.('contract', f) });
  progress?.('pack', 0);
  const meta: CityPackMeta = {
    name: city.name,
    attribution: city.attribution,
    origin: city.origin,
    bbox: city.bbox,
    lonLatBox: city.lonLatBox,
    source: { name: options.name ?? 'extract', bytes: bytes.length, format: city.stats.format },
    options: { domain: options.domain ?? null, topSpeedKmh: options.topSpeedKmh ?? 60, turnRestrictions: options.turnRestrictions !== false },
    stats: city.stats,
    hierarchy: { upEdges: ch.upEdgeCount, downEdges: ch.downEdgeCount },
  };
  const contents: CityPackContents = { meta, graph: city.graph, ch, buildings: city.buildings };
  const pack = packCity(contents);
  progress?.('pack', 1);
  return { pack, contents };
}
