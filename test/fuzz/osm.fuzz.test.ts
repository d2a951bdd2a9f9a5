import fc from 'fast-check';
import { unzlibSync, zlibSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { importCity, parseExtract } from '../../src/core/osm/importCity.ts';
import { OsmImportError } from '../../src/core/osm/OsmImportError.ts';
import { parseOsmXml } from '../../src/core/osm/parseOsmXml.ts';
import { concat, deepJson, fuzz, mutatedBytes, mutatedText, randomText, readBytes, readText, report, wrongTypesJson } from './fuzzHarness.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** Protobuf bits, enough to re-wrap and forge PBF blobs. */
const varint = (v: number): number[] => {
  const out: number[] = [];
  for (; v >= 0x80; v = Math.floor(v / 0x80)) out.push((v % 0x80) | 0x80);
  out.push(v);
  return out;
};
const lenField = (n: number, b: Uint8Array) => concat(Uint8Array.from([...varint(n * 8 + 2), ...varint(b.length)]), b);
const intField = (n: number, v: number) => Uint8Array.from([...varint(n * 8), ...varint(v)]);
function frame(type: string, body: Uint8Array): Uint8Array {
  const header = concat(lenField(1, enc(type)), intField(3, body.length));
  return concat(Uint8Array.from([0, 0, header.length >> 8, header.length & 0xff]), header, body);
}

/** Monaco's blobs as [header+blob bytes, zlib payload, raw_size]; small seeds are its header blob plus its last (27 KiB) data blob. */
function monacoSeeds(): Uint8Array[] {
  const b = readBytes('public/cities/monaco-2016.osm.pbf');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const blobs: { start: number; end: number; body: [number, number] }[] = [];
  for (let pos = 0; pos < b.length; ) {
    const hl = view.getUint32(pos);
    const h = b.subarray(pos + 4, pos + 4 + hl);
    const size = h[h.lastIndexOf(0x18) + 1] | 0 ? readVarint(h, h.lastIndexOf(0x18) + 1) : 0;
    blobs.push({ start: pos, end: pos + 4 + hl + size, body: [pos + 4 + hl, pos + 4 + hl + size] });
    pos += 4 + hl + size;
  }
  const head = b.subarray(blobs[0].start, blobs[0].end);
  const last = blobs[blobs.length - 1];
  const zlibOf = (body: Uint8Array) => {
    // Blob field 3 (zlib_data) starts with tag 0x1a and a length varint.
    const at = body.indexOf(0x1a);
    let i = at + 1;
    while (body[i] & 0x80) i++;
    return body.subarray(i + 1, i + 1 + readVarint(body, at + 1));
  };
  const payload = unzlibSync(zlibOf(b.subarray(...last.body)));
  return [
    concat(head, b.subarray(last.start, last.end)), // zlib, as shipped
    concat(head, frame('OSMData', lenField(1, payload))), // the same block uncompressed: flips land in the protobuf
  ];
}
function readVarint(b: Uint8Array, i: number): number {
  let v = 0;
  for (let s = 1; ; s *= 128) {
    const c = b[i++];
    v += (c & 0x7f) * s;
    if (!(c & 0x80)) return v;
  }
}

/** Zip bombs: 64 MiB of zeros (~64 KiB of zlib) under a declared raw_size that is absent, small, or over the cap. */
function bombs(head: Uint8Array): fc.Arbitrary<Uint8Array> {
  const zeros = zlibSync(new Uint8Array(64 * 2 ** 20), { level: 9 });
  return fc.constantFrom(null, 0, 1, 1000, 32 * 2 ** 20, 32 * 2 ** 20 + 1, 64 * 2 ** 20, 2 ** 53).map((raw) => concat(head, frame('OSMData', concat(lenField(3, zeros), raw === null ? new Uint8Array(0) : intField(2, raw)))));
}

const xmlSeeds = [readText('test/fixtures/osm/turns.osm'), readText('test/fixtures/osm/viaway.osm')];
const geojsonSeeds = [
  JSON.stringify({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', id: 'way/10', properties: { highway: 'residential', oneway: 'yes', maxspeed: 20 }, geometry: { type: 'LineString', coordinates: [[0, 0], [0.001, 0], [0.002, 0]] } },
      { type: 'Feature', properties: { tags: { highway: 'primary' } }, geometry: { type: 'MultiLineString', coordinates: [[[0.002, 0], [0.002, 0.001]], [[0.002, 0.001], [0, 0.001], [0, 0]]] } },
      { type: 'Feature', properties: { building: 'yes', height: 21 }, geometry: { type: 'Polygon', coordinates: [[[0.0005, 0.0002], [0.0008, 0.0002], [0.0008, 0.0005], [0.0005, 0.0002]]] } },
    ],
  }),
];

describe('fuzz: OSM extracts', () => {
  afterAll(() => report('osm'));
  const pbf = monacoSeeds();
  it('PBF: OsmData or OsmImportError (truncated, flipped, spliced, duplicated blobs, zip bombs)', () => {
    const arb = fc.oneof({ weight: 8, arbitrary: mutatedBytes(pbf) }, { weight: 1, arbitrary: bombs(pbf[0].subarray(0, 203)) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((r) => concat(Uint8Array.from([0, 0]), r)) });
    fuzz({ name: 'parsePbf', parse: (b: Uint8Array) => parseExtract(b, { name: 'fuzz.osm.pbf', format: 'pbf' }), errorClass: OsmImportError }, arb);
  });
  it('OSM XML: a 100,000-letter run in a tag is read in well under the bound (it took 14 s)', () => {
    const start = performance.now();
    expect(parseOsmXml(`<osm><node id="1" lat="0" lon="0" ${'x'.repeat(100_000)}/></osm>`).nodeCount).toBe(1);
    expect(performance.now() - start).toBeLessThan(500);
  });
  it('OSM XML: a city or OsmImportError', () => {
    const arb = fc.oneof({ weight: 6, arbitrary: mutatedText(xmlSeeds) }, { weight: 1, arbitrary: fc.integer({ min: 1000, max: 100_000 }).map((n) => '<osm>' + '<node id="1" lat="0" lon="0">'.repeat(n)) }, { weight: 1, arbitrary: randomText() });
    fuzz({ name: 'OSM XML', parse: (t: string) => importCity(enc(t), { name: 'fuzz.osm', format: 'xml' }), errorClass: OsmImportError }, arb);
  });
  it('GeoJSON: a city or OsmImportError', () => {
    const arb = fc.oneof({ weight: 5, arbitrary: mutatedText(geojsonSeeds) }, { weight: 3, arbitrary: wrongTypesJson(geojsonSeeds) }, { weight: 1, arbitrary: deepJson() }, { weight: 1, arbitrary: randomText() });
    fuzz({ name: 'GeoJSON', parse: (t: string) => importCity(enc(t), { name: 'fuzz.geojson', format: 'geojson' }), errorClass: OsmImportError }, arb);
  });
  it('any bytes through format detection: a city or OsmImportError', () => {
    const arb = fc.oneof(mutatedBytes([enc(xmlSeeds[0]), enc(geojsonSeeds[0]), pbf[1]]), fc.uint8Array({ maxLength: 1000 }));
    fuzz({ name: 'importCity', parse: (b: Uint8Array) => importCity(b, { name: 'fuzz.extract' }), errorClass: OsmImportError }, arb);
  });
});
