import { BuildingsBuilder, signedArea, type Buildings } from '../city/Buildings.ts';
import type { LocalProjection } from '../geo/LocalProjection.ts';
import type { OsmData, OsmRelation, Tags } from './OsmData.ts';
import { assembleRings } from './rings.ts';

export interface BuildingOptions {
  /** Floors drawn for buildings without height or levels: a deterministic pick per OSM id in [min, max]. */
  readonly defaultLevels?: readonly [number, number];
  /** Height of one floor, m. */
  readonly levelHeightM?: number;
}

export interface BuildingStats {
  /** Footprints emitted: building outlines and building:part pieces. */
  outlines: number;
  parts: number;
  /** Outlines not drawn because building:part pieces stand inside them (drawn instead). */
  outlinesWithParts: number;
  fromHeight: number;
  fromLevels: number;
  defaulted: number;
  /** Unclosed, degenerate, or with nodes missing from the file. */
  skipped: number;
}

interface Footprint {
  readonly osmId: number;
  readonly part: boolean;
  readonly ring: number[];
  readonly tags: Tags;
}

const isSet = (v: string | undefined) => v !== undefined && v !== 'no';

/**
 * Building footprints (outer rings of closed ways and multipolygon relations) with heights from
 * `height`, else `building:levels` (+ `roof:levels`) × floor height, else a seeded default; bases
 * from `min_height` or `building:min_level`. Skyscrapers are mapped as `building:part` pieces
 * inside an outline: the parts are drawn, and an outline only where no part stands in it (and
 * never the outline of a `type=building` relation that lists parts), so no volume is drawn twice.
 */
export function extractBuildings(data: OsmData, index: Map<number, number>, proj: LocalProjection, options: BuildingOptions = {}): { buildings: Buildings; stats: BuildingStats } {
  const stats: BuildingStats = { outlines: 0, parts: 0, outlinesWithParts: 0, fromHeight: 0, fromLevels: 0, defaulted: 0, skipped: 0 };
  const footprints = collectFootprints(data, index, proj, stats);
  const hidden = outlinesWithParts(footprints, data.relations);
  const levelM = options.levelHeightM ?? 3;
  const [minLevels, maxLevels] = options.defaultLevels ?? [3, 12];
  const out = new BuildingsBuilder();
  footprints.forEach((f, i) => {
    if (hidden[i]) {
      stats.outlinesWithParts++;
      return;
    }
    const t = f.tags;
    let heightM = parseLength(t.height);
    const levels = parseCount(t['building:levels']);
    if (heightM !== undefined) stats.fromHeight++;
    else if (levels !== undefined) {
      heightM = (levels + (parseCount(t['roof:levels']) ?? 0)) * levelM;
      stats.fromLevels++;
    } else {
      heightM = (minLevels + (hashId(f.osmId) % (maxLevels - minLevels + 1))) * levelM;
      stats.defaulted++;
    }
    const minLevel = parseCount(t['building:min_level']);
    const minHeightM = parseLength(t.min_height) ?? (minLevel !== undefined ? minLevel * levelM : 0);
    if (heightM <= minHeightM) heightM = minHeightM + levelM;
    out.add(f.ring, heightM, minHeightM);
    if (f.part) stats.parts++;
    else stats.outlines++;
  });
  return { buildings: out.finish(), stats };
}

function collectFootprints(data: OsmData, index: Map<number, number>, proj: LocalProjection, stats: BuildingStats): Footprint[] {
  const footprints: Footprint[] = [];
  const toRing = (refs: ArrayLike<number>): number[] | null => {
    const ring: number[] = [];
    for (let i = 0; i + 1 < refs.length; i++) {
      const k = index.get(refs[i]);
      if (k === undefined) return null;
      const x = proj.x(data.lon[k]);
      const y = proj.y(data.lat[k]);
      const n = ring.length;
      if (n >= 2 && ring[n - 2] === x && ring[n - 1] === y) continue;
      ring.push(x, y);
    }
    return ring.length >= 6 && Math.abs(signedArea(ring)) > 1e-6 ? ring : null;
  };
  const add = (osmId: number, tags: Tags, refs: ArrayLike<number>) => {
    const part = isSet(tags['building:part']);
    if (!part && !isSet(tags.building)) return;
    const closed = refs.length >= 4 && refs[0] === refs[refs.length - 1];
    const ring = closed ? toRing(refs) : null;
    if (ring) footprints.push({ osmId, part, ring, tags });
    else stats.skipped++;
  };
  for (const w of data.ways) if (isSet(w.tags.building) || isSet(w.tags['building:part'])) add(w.id, w.tags, w.refs);
  const wayRefs = new Map<number, Float64Array>();
  for (const w of data.ways) wayRefs.set(w.id, w.refs);
  for (const r of data.relations) {
    if (r.tags.type !== 'multipolygon' || !(isSet(r.tags.building) || isSet(r.tags['building:part']))) continue;
    const outer = r.members.filter((m) => m.type === 'way' && (m.role === 'outer' || m.role === '')).map((m) => wayRefs.get(m.ref));
    if (outer.some((w) => w === undefined)) {
      stats.skipped++;
      continue;
    }
    const { rings, open } = assembleRings(outer as Float64Array[]);
    if (open > 0) stats.skipped++;
    for (const refs of rings) add(r.id, r.tags, refs);
  }
  return footprints;
}

/** Which outlines have building:part pieces standing in them (spatial test plus type=building relations). */
function outlinesWithParts(fs: Footprint[], relations: readonly OsmRelation[]): Uint8Array {
  const hidden = new Uint8Array(fs.length);
  const outlineAt = new Map<number, number[]>();
  fs.forEach((f, i) => {
    if (!f.part) outlineAt.set(f.osmId, [...(outlineAt.get(f.osmId) ?? []), i]);
  });
  for (const r of relations) {
    if (r.tags.type !== 'building' || !r.members.some((m) => m.role === 'part')) continue;
    for (const m of r.members) if (m.role === 'outline') for (const i of outlineAt.get(m.ref) ?? []) hidden[i] = 1;
  }
  // Grid over outline boxes (100 m cells), then point-in-polygon for a point inside each part.
  const cell = 100;
  const grid = new Map<string, number[]>();
  fs.forEach((f, i) => {
    if (f.part) return;
    const [x0, y0, x1, y1] = ringBox(f.ring);
    for (let gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++) {
      for (let gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
        const k = `${gx},${gy}`;
        if (!grid.has(k)) grid.set(k, []);
        grid.get(k)!.push(i);
      }
    }
  });
  for (const f of fs) {
    if (!f.part) continue;
    const [px, py] = pointInside(f.ring);
    for (const i of grid.get(`${Math.floor(px / cell)},${Math.floor(py / cell)}`) ?? []) {
      if (!hidden[i] && pointInRing(fs[i].ring, px, py)) hidden[i] = 1;
    }
  }
  return hidden;
}

function ringBox(r: number[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < r.length; i += 2) {
    x0 = Math.min(x0, r[i]);
    x1 = Math.max(x1, r[i]);
    y0 = Math.min(y0, r[i + 1]);
    y1 = Math.max(y1, r[i + 1]);
  }
  return [x0, y0, x1, y1];
}

/** A point inside the ring: the vertex average if inside, else the midpoint of a chord that is. */
function pointInside(r: number[]): [number, number] {
  const k = r.length / 2;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < r.length; i += 2) {
    cx += r[i] / k;
    cy += r[i + 1] / k;
  }
  if (pointInRing(r, cx, cy)) return [cx, cy];
  for (let j = 2; j < k; j++) {
    const mx = (r[0] + r[2 * j]) / 2;
    const my = (r[1] + r[2 * j + 1]) / 2;
    if (pointInRing(r, mx, my)) return [mx, my];
  }
  return [r[0], r[1]];
}

/** Even-odd rule point-in-polygon on a flat ring (not closed). */
export function pointInRing(r: ArrayLike<number>, x: number, y: number): boolean {
  let inside = false;
  const k = r.length / 2;
  for (let i = 0, j = k - 1; i < k; j = i++) {
    const xi = r[2 * i];
    const yi = r[2 * i + 1];
    const xj = r[2 * j];
    const yj = r[2 * j + 1];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** A length in metres: "12", "12.5 m", "12,5", "40'", "40 ft", "12'6\"". */
export function parseLength(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const s = v.trim().replace(',', '.');
  const feet = /^(\d+(?:\.\d+)?)\s*(?:'|ft|feet)\s*(?:(\d+(?:\.\d+)?)\s*(?:"|in))?$/.exec(s);
  if (feet) return Number(feet[1]) * 0.3048 + (feet[2] ? Number(feet[2]) * 0.0254 : 0);
  const m = /^(-?\d+(?:\.\d+)?)\s*(m|metres?|meters?)?$/.exec(s);
  if (!m) return undefined;
  const x = Number(m[1]);
  return x >= 0 && x < 1000 ? x : undefined;
}

/** A level count: "5", "5.5"; with ";" lists, the highest. */
function parseCount(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  let best: number | undefined;
  for (const p of v.split(';')) {
    const x = Number(p.trim().replace(',', '.'));
    if (p.trim() !== '' && Number.isFinite(x) && x >= 0 && x < 300 && (best === undefined || x > best)) best = x;
  }
  return best;
}

/** A well-mixed 32-bit hash of an OSM id (ids exceed 2^32, so both halves are mixed). */
export function hashId(id: number): number {
  const lo = id >>> 0;
  const hi = Math.floor(Math.abs(id) / 4294967296) >>> 0;
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(hi + 0x7f4a7c15, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
