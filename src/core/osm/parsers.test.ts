import { describe, expect, it } from 'vitest';
import { parseOsmXml } from './parseOsmXml.ts';
import { parseGeoJson } from './parseGeoJson.ts';
import { importCity } from './importCity.ts';
import { parseLength, pointInRing, hashId } from './buildings.ts';
import { assembleRings } from './rings.ts';
import { stronglyConnectedComponents } from './components.ts';
import { EdgeFlag } from '../network/RoadGraph.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('OSM XML', () => {
  it('reads nodes, ways, relations, entities, and skips deleted objects', () => {
    const d = parseOsmXml(`<?xml version='1.0'?>
<osm version="0.6"><bounds minlat="1" minlon="2" maxlat="3" maxlon="4"/>
  <node id="5" lat="1.5" lon="2.5"><tag k="name" v="A &amp; B"/></node>
  <node id="-6" lat='1.6' lon='2.6' action="delete"/>
  <way id="7"><nd ref="5"/><nd ref="-6"/><tag k="highway" v="residential"/><tag k="name" v="&quot;Q&quot; &#233;"/></way>
  <!-- a comment <node id="9"/> -->
  <relation id="8"><member type="way" ref="7" role="from"/><tag k="type" v="restriction"/></relation>
</osm>`);
    expect(d.nodeCount).toBe(1);
    expect([d.nodeId[0], d.lon[0], d.lat[0]]).toEqual([5, 2.5, 1.5]);
    expect(d.ways[0]).toMatchObject({ id: 7, tags: { highway: 'residential', name: '"Q" é' } });
    expect(Array.from(d.ways[0].refs)).toEqual([5, -6]);
    expect(d.relations[0].members).toEqual([{ type: 'way', ref: 7, role: 'from' }]);
    expect(d.declaredBounds).toEqual({ minLon: 2, minLat: 1, maxLon: 4, maxLat: 3 });
  });

  it('names the line of a malformed element', () => {
    expect(() => parseOsmXml('<osm>\n<node id="1" lat="x" lon="0"/>\n</osm>', { name: 'a.osm' })).toThrow('a.osm: line 2: node 1 has no valid lat/lon');
    expect(() => parseOsmXml('<html></html>', { name: 'a.osm' })).toThrow('a.osm: not an OSM XML file (no <osm> element)');
    // Fuzzing found a 100,000-letter run in a tag taking 14 s (timed in test/fuzz/osm.fuzz.test.ts).
    expect(parseOsmXml(`<osm><node id="1" lat="0" lon="0" ${'x'.repeat(100_000)}/></osm>`).nodeCount).toBe(1);
    // Fuzzing found a RangeError from String.fromCodePoint.
    expect(() => parseOsmXml('<osm>\n<node id="1" lat="0" lon="0">\n<tag k="name" v="&#99999999;"/>\n</node></osm>', { name: 'a.osm' })).toThrow('a.osm: line 3: <tag> has an invalid character reference "&#99999999;"');
  });
});

describe('GeoJSON road lines', () => {
  const fc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'way/10', properties: { highway: 'residential', oneway: 'yes', maxspeed: 20 }, geometry: { type: 'LineString', coordinates: [[0, 0], [0.001, 0], [0.002, 0]] } },
      { type: 'Feature', properties: { tags: { highway: 'primary' } }, geometry: { type: 'MultiLineString', coordinates: [[[0.002, 0], [0.002, 0.001]], [[0.002, 0.001], [0, 0.001], [0, 0]]] } },
      { type: 'Feature', properties: { building: 'yes', height: 21 }, geometry: { type: 'Polygon', coordinates: [[[0.0005, 0.0002], [0.0008, 0.0002], [0.0008, 0.0005], [0.0005, 0.0002]]] } },
      { type: 'Feature', properties: { highway: 'footway' }, geometry: { type: 'Point', coordinates: [0, 0] } },
    ],
  };

  it('joins lines at shared coordinates and keeps properties as tags', () => {
    const d = parseGeoJson(JSON.stringify(fc));
    expect(d.ways.map((w) => [w.id, w.refs.length, w.tags.highway ?? w.tags.building])).toEqual([[10, 3, 'residential'], [-2, 2, 'primary'], [-2, 3, 'primary'], [-3, 4, 'yes']]);
    expect(d.nodeCount).toBe(3 + 2 + 3);
    const city = importCity(enc(JSON.stringify(fc)), { name: 'roads.geojson' });
    expect(city.graph.nodeCount).toBe(5);
    // The one-way residential street (2 segments) and the two-way primary ring (3 segments, both ways).
    expect(city.graph.edgeCount).toBe(2 + 2 * 3);
    expect(Array.from(city.graph.flags).filter((f) => f & EdgeFlag.OneWay)).toHaveLength(2);
    expect(Array.from(city.graph.speedLimitKmh).sort()).toEqual([20, 20, 50, 50, 50, 50, 50, 50]);
    expect(city.buildings.count).toBe(1);
    expect(city.buildings.heightM[0]).toBe(21);
    expect(city.attribution).toBeUndefined();
  });

  it('names an invalid position by its path', () => {
    const bad = { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[0, 0], ['a', 1]] } };
    expect(() => parseGeoJson(JSON.stringify(bad), { name: 'r.geojson' })).toThrow('r.geojson: features[0].geometry.coordinates[1]: invalid position ["a",1]');
  });
});

describe('building helpers', () => {
  it('parses heights in metres and feet', () => {
    expect(parseLength('12')).toBe(12);
    expect(parseLength('12.5 m')).toBe(12.5);
    expect(parseLength('12,5')).toBe(12.5);
    expect(parseLength("40'")).toBeCloseTo(12.192);
    expect(parseLength('10 ft 6 in')).toBeCloseTo(3.2004);
    expect(parseLength(`10'6"`)).toBeCloseTo(3.2004);
    expect(parseLength('tall')).toBeUndefined();
  });

  it('assembles multipolygon rings from unordered, reversed ways', () => {
    const { rings, open } = assembleRings([[1, 2, 3], [5, 4, 3], [5, 1], [7, 8]]);
    expect(rings).toEqual([[1, 2, 3, 4, 5, 1]]);
    expect(open).toBe(1);
  });

  it('point in ring and id hashing', () => {
    expect(pointInRing([0, 0, 10, 0, 10, 10, 0, 10], 5, 5)).toBe(true);
    expect(pointInRing([0, 0, 10, 0, 10, 10, 0, 10], 15, 5)).toBe(false);
    expect(hashId(12_345_678_901)).toBe(hashId(12_345_678_901));
    expect(hashId(12_345_678_901)).not.toBe(hashId(12_345_678_902));
  });
});

describe('strongly connected components', () => {
  it('finds the largest, iteratively', () => {
    // 0⇄1→2⇄3, 4 alone; then a long cycle that would overflow a recursive Tarjan.
    const r = stronglyConnectedComponents(5, [0, 1, 1, 2, 3], [1, 0, 2, 3, 2]);
    expect(r.count).toBe(3);
    expect(r.component[0]).toBe(r.component[1]);
    expect(r.component[2]).toBe(r.component[3]);
    const n = 200_000;
    const from = Array.from({ length: n }, (_, i) => i);
    const to = Array.from({ length: n }, (_, i) => (i + 1) % n);
    expect(stronglyConnectedComponents(n, from, to)).toMatchObject({ count: 1, largestSize: n });
  });
});
