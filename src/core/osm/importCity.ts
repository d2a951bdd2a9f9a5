import type { GeoOrigin, RoadGraph } from '../network/RoadGraph.ts';
import type { Buildings } from '../city/Buildings.ts';
import { LocalProjection } from '../geo/LocalProjection.ts';
import { nodeIndex, type LonLatBox, type OsmData, type OsmFormat } from './OsmData.ts';
import { OsmImportError } from './OsmImportError.ts';
import { parsePbf } from './parsePbf.ts';
import { parseOsmXml } from './parseOsmXml.ts';
import { parseGeoJson } from './parseGeoJson.ts';
import { buildRoadNetwork, selectRoads, type RoadImportStats, type RoadNetworkOptions } from './buildRoadNetwork.ts';
import { extractBuildings, type BuildingOptions, type BuildingStats } from './buildings.ts';

export const OSM_ATTRIBUTION = '© OpenStreetMap contributors — https://www.openstreetmap.org/copyright';

export type ImportPhase = 'parse' | 'roads' | 'buildings';

export interface ImportOptions extends RoadNetworkOptions, BuildingOptions {
  /** File name, used in error messages and as the default city name. */
  readonly name?: string;
  /** Force a format instead of sniffing the bytes. */
  readonly format?: OsmFormat;
  /** Extract building footprints (default true). */
  readonly buildings?: boolean;
  /** Progress per phase, fraction 0..1 within the phase. */
  readonly onProgress?: (phase: ImportPhase, fraction: number) => void;
}

export interface LocalBox {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface ImportStats {
  readonly format: OsmFormat;
  readonly osmNodes: number;
  readonly osmWays: number;
  readonly osmRelations: number;
  readonly roads: RoadImportStats;
  readonly buildings: BuildingStats | null;
}

export interface ImportedCity {
  readonly name: string;
  readonly graph: RoadGraph;
  readonly buildings: Buildings;
  /** Local (0, 0) of graph and building coordinates. */
  readonly origin: GeoOrigin;
  /** Extent of the road network and buildings, local metres and degrees. */
  readonly bbox: LocalBox;
  readonly lonLatBox: LonLatBox;
  readonly stats: ImportStats;
  readonly attribution?: string;
}

/** Which encoding the bytes are in, from their first bytes (not the file name). */
export function detectFormat(bytes: Uint8Array, name = 'extract'): OsmFormat {
  if (bytes.length === 0) throw new OsmImportError(name, 'empty', 'the file is empty');
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3; // UTF-8 byte order mark
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x3c) return 'xml'; // "<"
  if (bytes[i] === 0x7b) return 'geojson'; // "{"
  if (i === bytes.length) throw new OsmImportError(name, 'empty', 'the file is empty (only whitespace)');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  // A PBF file starts with a big-endian header length (< 64 KiB) and the "OSMHeader" blob type.
  if (bytes[0] === 0 && bytes[1] === 0 && (head.includes('OSMHeader') || bytes.length < 16)) return 'pbf';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new OsmImportError(name, 'unsupported', 'the file is gzip-compressed; decompress it first (e.g. gunzip)');
  if (bytes[0] === 0x42 && bytes[1] === 0x5a && bytes[2] === 0x68) throw new OsmImportError(name, 'unsupported', 'the file is bzip2-compressed; decompress it first (e.g. bunzip2)');
  const hex = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
  throw new OsmImportError(name, 'malformed', `not an OpenStreetMap extract: expected .osm.pbf, .osm XML or GeoJSON, but it starts with bytes ${hex}`);
}

/** Parse an extract in any supported encoding into OsmData. */
export function parseExtract(bytes: Uint8Array, options: ImportOptions = {}): OsmData {
  const name = options.name ?? 'extract';
  const format = options.format ?? detectFormat(bytes, name);
  const p = { name, onProgress: (f: number) => options.onProgress?.('parse', f) };
  if (format === 'pbf') return parsePbf(bytes, p);
  if (format === 'xml') return parseOsmXml(bytes, p);
  return parseGeoJson(bytes, p);
}

/**
 * Import an OpenStreetMap extract (.osm.pbf, .osm XML or GeoJSON road lines) as the van's road
 * graph (see buildRoadNetwork) and building footprints, in local metres around the centre of
 * the drivable roads. Throws OsmImportError naming the file and the problem for empty,
 * truncated, corrupt or unsupported files and for extracts with no road the van may drive.
 */
export function importCity(bytes: Uint8Array, options: ImportOptions = {}): ImportedCity {
  const name = options.name ?? 'extract';
  const data = parseExtract(bytes, options);
  options.onProgress?.('roads', 0);
  const index = nodeIndex(data);
  const selection = selectRoads(data, options.domain);
  const roadBox = lonLatBoxOf(data, index, selection.ways);
  if (!roadBox) throw noRoads(name, data, selection);
  // Rounded to 1e-7° because RoadGraph stores its origin so: graph.origin is then the exact origin.
  const e7 = (x: number) => Math.round(x * 1e7) / 1e7;
  const proj = new LocalProjection(e7((roadBox.minLon + roadBox.maxLon) / 2), e7((roadBox.minLat + roadBox.maxLat) / 2));
  const { graph, stats: roads } = buildRoadNetwork(data, index, proj, selection, options);
  if (graph.edgeCount === 0) {
    throw new OsmImportError(name, 'no-roads', `no drivable network: the van may use ${selection.ways.length} road ways (${roads.roadKm.toFixed(2)} km), but no two places on them can reach each other both ways (one-way dead ends)`);
  }
  options.onProgress?.('roads', 1);
  let buildings: Buildings = { count: 0, ringStart: new Uint32Array(1), xy: new Float64Array(0), heightM: new Float32Array(0), minHeightM: new Float32Array(0) };
  let buildingStats: BuildingStats | null = null;
  if (options.buildings !== false) {
    options.onProgress?.('buildings', 0);
    ({ buildings, stats: buildingStats } = extractBuildings(data, index, proj, options));
    options.onProgress?.('buildings', 1);
  }
  const bbox = localBox(graph, buildings);
  return {
    name: name.replace(/\.(osm\.pbf|pbf|osm|xml|geojson|json)$/i, ''),
    graph,
    buildings,
    origin: { lon: proj.lon0, lat: proj.lat0 },
    bbox,
    lonLatBox: { minLon: proj.lon(bbox.minX), minLat: proj.lat(bbox.minY), maxLon: proj.lon(bbox.maxX), maxLat: proj.lat(bbox.maxY) },
    stats: { format: data.format, osmNodes: data.nodeCount, osmWays: data.ways.length, osmRelations: data.relations.length, roads, buildings: buildingStats },
    attribution: data.format === 'geojson' ? undefined : OSM_ATTRIBUTION,
  };
}

const REASON_TEXT: Record<string, string> = {
  notDrivable: 'not for motor vehicles',
  outsideDomainClass: "outside the van's road classes",
  outsideDomainSpeed: "above the van's road speed limit",
  noAccess: 'no access',
  area: 'areas',
  construction: 'under construction',
  reversible: 'reversible',
};

function noRoads(name: string, data: OsmData, sel: ReturnType<typeof selectRoads>): OsmImportError {
  const reasons = Object.entries(sel.dropped)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${REASON_TEXT[r] ?? r}`)
    .join(', ');
  const detail = sel.highwayWays === 0
    ? `no drivable roads: none of its ${data.ways.length} ways is a road (no highway tag)`
    : `no drivable roads: none of its ${sel.highwayWays} highway ways is open to the van${reasons ? ` (${reasons})` : ''}`;
  return new OsmImportError(name, 'no-roads', detail);
}

function lonLatBoxOf(data: OsmData, index: Map<number, number>, ways: readonly { refs: Float64Array }[]): LonLatBox | null {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const w of ways) {
    for (let i = 0; i < w.refs.length; i++) {
      const k = index.get(w.refs[i]);
      if (k === undefined) continue;
      minLon = Math.min(minLon, data.lon[k]);
      maxLon = Math.max(maxLon, data.lon[k]);
      minLat = Math.min(minLat, data.lat[k]);
      maxLat = Math.max(maxLat, data.lat[k]);
    }
  }
  return minLon <= maxLon ? { minLon, minLat, maxLon, maxLat } : null;
}

function localBox(g: RoadGraph, b: Buildings): LocalBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const xy of [g.xy, b.xy]) {
    for (let i = 0; i < xy.length; i += 2) {
      if (xy[i] < minX) minX = xy[i];
      if (xy[i] > maxX) maxX = xy[i];
      if (xy[i + 1] < minY) minY = xy[i + 1];
      if (xy[i + 1] > maxY) maxY = xy[i + 1];
    }
  }
  return { minX, minY, maxX, maxY };
}
