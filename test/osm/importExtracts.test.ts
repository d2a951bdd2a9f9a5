import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCity, OSM_ATTRIBUTION } from '../../src/core/osm/importCity.ts';
import { OsmImportError } from '../../src/core/osm/OsmImportError.ts';
import { NodeFlag } from '../../src/core/network/RoadGraph.ts';
import { validateGraph } from '../../src/core/network/validateGraph.ts';
import { buildContractionHierarchy } from '../../src/core/routing/ch/buildContractionHierarchy.ts';
import { ChQuery } from '../../src/core/routing/ch/ChQuery.ts';
import { ChMatrix } from '../../src/core/routing/ch/ChMatrix.ts';
import { TieBreakDijkstra } from '../../src/core/routing/ch/TieBreakDijkstra.ts';
import { Rng } from '../../src/core/util/rng.ts';

const read = (file: string) => new Uint8Array(readFileSync(new URL(`../../public/cities/${file}`, import.meta.url)));
const monacoBytes = read('monaco-2016.osm.pbf');
const monaco = importCity(monacoBytes, { name: 'monaco-2016.osm.pbf' });

/** CH queries, unpacked paths and a matrix against Dijkstra on random pairs of an imported city. */
function checkExact(city: ReturnType<typeof importCity>, sources: number, targets: number, seed: number) {
  const g = city.graph;
  const ch = buildContractionHierarchy(g);
  const q = new ChQuery(ch);
  const ref = new TieBreakDijkstra(g);
  const rng = new Rng(seed);
  const S = Array.from({ length: sources }, () => rng.int(g.nodeCount));
  const T = Array.from({ length: targets }, () => rng.int(g.nodeCount));
  const m = new ChMatrix(ch).compute(S, T);
  S.forEach((s, i) => {
    ref.run(s);
    T.forEach((t, j) => {
      const time = q.query(s, t);
      expect([time, q.lengthMm]).toEqual([ref.timeTo(t), ref.lengthTo(t)]);
      expect([m.timeMs[i * targets + j], m.lengthMm[i * targets + j]]).toEqual([time, q.lengthMm]);
      const path = q.pathEdges();
      expect(path.reduce((a, e) => a + g.timeMs[e], 0)).toBe(time);
    });
  });
}

describe('Monaco 2016 (.osm.pbf, DenseNodes)', () => {
  it('imports a plausible, valid, strongly connected network and buildings', () => {
    const { stats, graph, buildings } = monaco;
    expect(validateGraph(graph)).toEqual([]);
    expect(stats).toMatchObject({ format: 'pbf', osmNodes: 180_118, osmWays: 27_377, osmRelations: 212 });
    // 357 km of car roads in the file, motorway/trunk and private roads excluded by default.
    expect(stats.roads.roadKm).toBeGreaterThan(280);
    expect(stats.roads.roadKm).toBeLessThan(357);
    expect(stats.roads.highwayWays).toBe(2927);
    expect(graph.nodeCount).toBeGreaterThan(10_000);
    expect(stats.roads.turnRestrictions.relations).toBe(27);
    expect(stats.roads.turnRestrictions.applied).toBeGreaterThan(20);
    expect(graph.nodeFlags.some((f) => (f & NodeFlag.TurnSplit) !== 0)).toBe(true);
    expect(stats.roads.components.count).toBeGreaterThan(1);
    expect(buildings.count).toBeGreaterThan(23_000);
    // No heights in the file: seeded 3-12 floors of 3 m.
    expect(Math.min(...buildings.heightM)).toBeGreaterThanOrEqual(9);
    expect(Math.max(...buildings.heightM)).toBeLessThanOrEqual(36);
    expect(monaco.attribution).toBe(OSM_ATTRIBUTION);
    // Origin at the centre of the roads: Monaco, within the declared box.
    expect(monaco.origin.lon).toBeCloseTo(7.42, 1);
    expect(monaco.origin.lat).toBeCloseTo(43.74, 1);
  });

  it('is deterministic', () => {
    const again = importCity(monacoBytes, { name: 'monaco-2016.osm.pbf' });
    expect(firstDifference(new Uint8Array(again.graph.toBuffer()), new Uint8Array(monaco.graph.toBuffer()))).toBe(-1);
    expect(firstDifference(again.buildings.xy, monaco.buildings.xy)).toBe(-1);
    expect(firstDifference(again.buildings.heightM, monaco.buildings.heightM)).toBe(-1);
  });

  it('CH, paths and matrix equal Dijkstra on 1,000 random pairs (one-ways and turn restrictions included)', () => {
    checkExact(monaco, 20, 50, 1);
  });

  it('honours a custom operational domain', () => {
    const narrow = importCity(monacoBytes, { name: 'monaco', domain: { allowedClasses: ['residential', 'service', 'living_street', 'unclassified', 'tertiary'], maxRoadSpeedKmh: 50 }, buildings: false });
    expect(narrow.stats.roads.droppedWays.outsideDomainClass).toBeGreaterThan(monaco.stats.roads.droppedWays.outsideDomainClass);
    expect(narrow.graph.edgeCount).toBeLessThan(monaco.graph.edgeCount);
    expect(Math.max(...narrow.graph.speedLimitKmh)).toBeLessThanOrEqual(50);
    expect(() => importCity(monacoBytes, { name: 'monaco', domain: { allowedClasses: ['motorways'] as never } })).toThrow('allowedClasses: unknown road class "motorways"');
  });
});

/** Index of the first differing byte, or -1 (deep equality on megabytes is slow in vitest). */
function firstDifference(a: ArrayBufferView, b: ArrayBufferView): number {
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  if (x.length !== y.length) return Math.min(x.length, y.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

describe('Lower Manhattan 2025 (real heights, building parts, dense one-ways)', () => {
  const mn = importCity(read('lower-manhattan-2025.osm.pbf'), { name: 'lower-manhattan-2025.osm.pbf' });

  it('draws parts instead of their outlines and keeps real heights', () => {
    const b = mn.stats.buildings!;
    expect(b.parts).toBeGreaterThan(1500);
    expect(b.outlinesWithParts).toBeGreaterThan(100);
    expect(b.fromHeight).toBeGreaterThan(2000);
    // One World Trade Center's spire reaches 541 m; its tallest part is well above 300 m.
    expect(Math.max(...mn.buildings.heightM)).toBeGreaterThan(300);
    expect(mn.buildings.minHeightM.some((h) => h > 0)).toBe(true);
    // Extent from roads and buildings (about 1.7 km), not the file's 37 km relation box.
    expect(mn.bbox.maxX - mn.bbox.minX).toBeLessThan(3000);
  });

  it('has a mostly one-way grid without motorways, and CH equals Dijkstra', () => {
    expect(mn.stats.roads.roadKm).toBeGreaterThan(20);
    expect(mn.stats.roads.roadKm).toBeLessThan(56);
    expect(mn.stats.roads.droppedWays.outsideDomainClass).toBeGreaterThan(0); // FDR Drive
    expect(validateGraph(mn.graph)).toEqual([]);
    checkExact(mn, 15, 40, 2);
  });
});

describe('Columbus 2015 (plain Node messages, unsorted ids)', () => {
  it('imports thousands of km of streets, and CH equals Dijkstra there too', () => {
    const c = importCity(read('columbus-ohio-2015.osm.pbf'), { name: 'columbus-ohio-2015.osm.pbf', buildings: false });
    expect(c.stats).toMatchObject({ osmNodes: 110_560, osmWays: 15_503, osmRelations: 111 });
    expect(c.stats.roads.roadKm).toBeGreaterThan(2500);
    expect(c.graph.nodeCount).toBeGreaterThan(40_000);
    expect(validateGraph(c.graph)).toEqual([]);
    checkExact(c, 8, 40, 3);
  });
});

describe('broken extracts get a clear error naming the problem', () => {
  const expectError = (bytes: Uint8Array, kind: string, message: string, options = {}) => {
    let error: unknown;
    try {
      importCity(bytes, { name: 'monaco.osm.pbf', ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OsmImportError);
    expect({ kind: (error as OsmImportError).kind, message: (error as Error).message }).toEqual({ kind, message });
  };
  const text = (s: string) => new TextEncoder().encode(s);

  it('empty, truncated, garbage', () => {
    expectError(new Uint8Array(0), 'empty', 'monaco.osm.pbf: the file is empty');
    expectError(monacoBytes.slice(0, 1_000_000), 'truncated', 'monaco.osm.pbf: blob 2 is truncated (expected 1014625 bytes, got 999780)');
    expectError(monacoBytes.slice(0, 100), 'truncated', 'monaco.osm.pbf: blob 1 is truncated (expected 185 bytes, got 82)');
    expectError(monacoBytes.slice(0, 2), 'truncated', 'monaco.osm.pbf: blob 1 is truncated (the file ends inside its 4-byte length prefix)');
    const garbage = new Rng(3);
    expectError(Uint8Array.from({ length: 5000 }, () => 0x80 | garbage.int(128)), 'malformed', expect.stringMatching(/^monaco\.osm\.pbf: not an OpenStreetMap extract: expected \.osm\.pbf, \.osm XML or GeoJSON, but it starts with bytes/) as unknown as string);
    expectError(text('hello world'), 'malformed', 'monaco.osm.pbf: not an OpenStreetMap extract: expected .osm.pbf, .osm XML or GeoJSON, but it starts with bytes 68 65 6c 6c');
    expectError(text('hello world'), 'malformed', 'monaco.osm.pbf: not an OSM PBF file (it does not start with a blob header)', { format: 'pbf' });
  });

  it('corrupt compressed data', () => {
    const corrupt = monacoBytes.slice();
    for (let i = 600_000; i < 600_100; i++) corrupt[i] ^= 0x5a;
    expectError(corrupt, 'malformed', 'monaco.osm.pbf: blob 2 is corrupt: it inflates to 2398210 bytes, expected 2398213');
  });

  it('unsupported compression', () => {
    expectError(pbfWithBlob('OSMHeader', 4, [1, 2, 3]), 'unsupported', 'monaco.osm.pbf: blob 1 uses lzma compression, which this importer does not read (re-encode with zlib, e.g. `osmium cat in.osm.pbf -o out.osm.pbf`)');
    expectError(pbfWithBlob('OSMHeader', 7, [1, 2, 3]), 'unsupported', expect.stringContaining('blob 1 uses zstd compression') as unknown as string);
  });

  it('no drivable roads, truncated XML and JSON', () => {
    const footway = '<osm><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.001"/><way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>';
    expectError(text(footway), 'no-roads', 'monaco.osm.pbf: no drivable roads: none of its 1 highway ways is open to the van (1 not for motor vehicles)');
    expectError(text('<osm><node id="1" lat="0" lon="0"/></osm>'), 'no-roads', 'monaco.osm.pbf: no drivable roads: none of its 0 ways is a road (no highway tag)');
    expectError(text('<osm><node id="1" lat="0" lon="0"/><way id="3"><nd ref="1"/>'), 'truncated', 'monaco.osm.pbf: the file is truncated: it ends inside <way id="3"> before </osm> (line 1)');
    expectError(text('{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[0.001,0'), 'truncated', expect.stringMatching(/^monaco\.osm\.pbf: the file is truncated: the JSON ends early/) as unknown as string);
    expectError(text('{"a":1}'), 'malformed', 'monaco.osm.pbf: not GeoJSON: expected a FeatureCollection, Feature or geometry object');
  });
});

/** A one-blob PBF whose Blob carries its data in the given compression field (4 lzma, 6 lz4, 7 zstd). */
function pbfWithBlob(type: string, field: number, payload: number[]): Uint8Array {
  const bytesField = (f: number, data: number[]) => [(f << 3) | 2, data.length, ...data];
  const blob = [...bytesField(field, payload), (2 << 3) | 0, 10];
  const header = [...bytesField(1, [...new TextEncoder().encode(type)]), (3 << 3) | 0, blob.length];
  return Uint8Array.from([0, 0, 0, header.length, ...header, ...blob]);
}
