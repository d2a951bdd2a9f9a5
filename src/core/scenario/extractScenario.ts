import type { CityPackContents } from '../city/CityPack.ts';
import { parseScenario } from './loadScenario.ts';
import type { Scenario } from './scenarioSchema.ts';

/**
 * A scenario for an extract dropped on the app (or imported without one): the city as imported,
 * sized to it — about one parcel per twelve buildings (200 to 3,000), one van per 70 parcels,
 * a station per ~3 km² of built-up area (1 to 8) — and every other setting at its default.
 */
export function scenarioForExtract(fileName: string, contents: CityPackContents): Scenario {
  const b = contents.meta.bbox as { minX: number; minY: number; maxX: number; maxY: number } | undefined;
  const areaKm2 = b ? ((b.maxX - b.minX) * (b.maxY - b.minY)) / 1e6 : 4;
  const buildings = contents.buildings.count;
  const parcels = Math.max(200, Math.min(3000, Math.round(buildings / 12)));
  const raw = {
    name: contents.meta.name || fileName,
    description: `Imported from ${fileName}: ${buildings.toLocaleString('en')} buildings, ${contents.graph.nodeCount.toLocaleString('en')} road nodes. Fleet and demand sized to the city; edit the scenario to change them.`,
    city: { kind: 'osm', extract: fileName },
    facilities: { stations: Math.max(1, Math.min(8, Math.round(areaKm2 / 3))) },
    fleet: { size: Math.max(2, Math.ceil(parcels / 70)) },
    demand: { parcels },
  };
  return parseScenario(JSON.stringify(raw), fileName);
}
