import { OsmDataBuilder, newTags, type OsmData, type Tags } from './OsmData.ts';
import { OsmImportError } from './OsmImportError.ts';
import type { ParseOptions } from './parsePbf.ts';

type Position = number[];
interface Geometry {
  type: string;
  coordinates?: unknown;
  geometries?: Geometry[];
}
interface Feature {
  type?: string;
  id?: unknown;
  geometry?: Geometry | null;
  properties?: Record<string, unknown> | null;
}

/**
 * Read GeoJSON road lines (and building polygons) as OSM-like data: each LineString (or part of
 * a MultiLineString) becomes a way tagged with the feature's properties (OSM keys such as
 * `highway`, `oneway`, `maxspeed`; also osmtogeojson's nested `tags`), and Polygons with a
 * `building` or `building:part` property become closed building ways (outer ring). Lines join
 * where they share a coordinate (to 1e-7 degrees), so the network must be noded at junctions as
 * OSM-derived GeoJSON is. No turn restrictions can be expressed.
 */
export function parseGeoJson(input: Uint8Array | string, options: ParseOptions = {}): OsmData {
  const name = options.name ?? 'extract.geojson';
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.trim() === '') throw new OsmImportError(name, 'empty', 'the file is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const at = /position (\d+)/.exec(msg);
    const truncated = /end of (JSON )?input|Unterminated/i.test(msg) || (at !== null && Number(at[1]) >= text.trimEnd().length);
    throw new OsmImportError(name, truncated ? 'truncated' : 'malformed', truncated ? `the file is truncated: the JSON ends early (${msg})` : `not valid JSON (${msg})`);
  }
  const features = featuresOf(doc);
  if (!features) throw new OsmImportError(name, 'malformed', 'not GeoJSON: expected a FeatureCollection, Feature or geometry object');
  const out = new OsmDataBuilder('geojson');
  const nodeAt = new Map<string, number>();
  let nextNode = 1;
  let nextWay = 1;
  const node = (p: Position, where: string): number => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      throw new OsmImportError(name, 'malformed', `${where}: invalid position ${JSON.stringify(p)?.slice(0, 40)}`);
    }
    const key = `${Math.round(p[0] * 1e7)},${Math.round(p[1] * 1e7)}`;
    let id = nodeAt.get(key);
    if (id === undefined) {
      id = nextNode++;
      nodeAt.set(key, id);
      out.addNode(id, p[0], p[1]);
    }
    return id;
  };
  features.forEach((f, i) => {
    const where = `features[${i}]`;
    const tags = tagsOf(f);
    const id = wayIdOf(f) ?? -nextWay;
    nextWay++;
    const line = (coords: unknown, w: string) => {
      if (!Array.isArray(coords) || coords.length < 2) return;
      out.ways.push({ id, refs: Float64Array.from((coords as Position[]).map((p, k) => node(p, `${w}.coordinates[${k}]`))), tags });
    };
    for (const g of flatten(f.geometry ?? null)) {
      if (g.type === 'LineString') line(g.coordinates, `${where}.geometry`);
      else if (g.type === 'MultiLineString' && Array.isArray(g.coordinates)) g.coordinates.forEach((c, k) => line(c, `${where}.geometry.coordinates[${k}]`));
      else if ((g.type === 'Polygon' || g.type === 'MultiPolygon') && (tags.building || tags['building:part'])) {
        const polys = (g.type === 'Polygon' ? [g.coordinates] : (g.coordinates as unknown[])) as unknown[];
        polys.forEach((rings, k) => Array.isArray(rings) && line(rings[0], `${where}.geometry.coordinates[${k}][0]`));
      }
    }
    if (i % 4096 === 0) options.onProgress?.(i / features.length);
  });
  options.onProgress?.(1);
  return out.finish();
}

function featuresOf(doc: unknown): Feature[] | null {
  if (!doc || typeof doc !== 'object') return null;
  const d = doc as { type?: string; features?: unknown };
  if (d.type === 'FeatureCollection' && Array.isArray(d.features)) return d.features as Feature[];
  if (d.type === 'Feature') return [d as Feature];
  if (typeof d.type === 'string' && ('coordinates' in d || 'geometries' in d)) return [{ type: 'Feature', geometry: d as Geometry, properties: {} }];
  return null;
}

function flatten(g: Geometry | null): Geometry[] {
  if (!g || typeof g !== 'object') return [];
  if (g.type === 'GeometryCollection') return (g.geometries ?? []).flatMap(flatten);
  return [g];
}

/** Properties as OSM tags: nested `tags` (osmtogeojson) win; scalars are stringified. */
function tagsOf(f: Feature): Tags {
  const tags = newTags();
  const props = f.properties ?? {};
  const add = (o: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'string') tags[k] = v;
      else if (typeof v === 'number' || typeof v === 'boolean') tags[k] = String(v);
    }
  };
  add(props);
  if (props.tags && typeof props.tags === 'object') add(props.tags as Record<string, unknown>);
  return tags;
}

/** OSM way id from "way/123", "@id", or a numeric id, if the feature carries one. */
function wayIdOf(f: Feature): number | undefined {
  const props = f.properties ?? {};
  for (const c of [f.id, props['@id'], props.id, props.osm_id]) {
    if (typeof c === 'number' && Number.isFinite(c)) return c;
    if (typeof c === 'string') {
      const m = /^(?:way\/)?(\d+)$/.exec(c);
      if (m) return Number(m[1]);
    }
  }
  return undefined;
}
