import { describe, expect, it } from 'vitest';
import { zlibSync } from 'fflate';
import { parsePbf } from './parsePbf.ts';
import { importCity } from './importCity.ts';

/** A minimal protobuf writer, enough to hand-build OSM PBF files. */
const varint = (v: number): number[] => {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
};
const zigzag = (v: number) => (v < 0 ? -2 * v - 1 : 2 * v);
const field = (n: number, wire: number) => varint(n * 8 + wire);
const int = (n: number, v: number) => [...field(n, 0), ...varint(v)];
const sint = (n: number, v: number) => int(n, zigzag(v));
const bytes = (n: number, b: ArrayLike<number>) => [...field(n, 2), ...varint(b.length), ...Array.from(b)];
const str = (n: number, s: string) => bytes(n, new TextEncoder().encode(s));
const packed = (n: number, vs: number[], signed: boolean) => bytes(n, vs.flatMap((v) => varint(signed ? zigzag(v) : v)));
const delta = (vs: number[]) => vs.map((v, i) => (i === 0 ? v : v - vs[i - 1]));

function blob(type: string, payload: number[], compress: boolean): number[] {
  const body = compress ? [...bytes(3, zlibSync(Uint8Array.from(payload))), ...int(2, payload.length)] : bytes(1, payload);
  const header = [...str(1, type), ...int(3, body.length)];
  return [0, 0, (header.length >> 8) & 0xff, header.length & 0xff, ...header, ...body];
}

/** Plain Node messages with ids out of order (as Columbus), a way with delta refs, granularity after the group. */
function tinyPbf(compress: boolean): Uint8Array {
  const strings = ['', 'highway', 'residential', 'oneway', 'yes'];
  const node = (id: number, lat: number, lon: number) => bytes(1, [...sint(1, id), ...sint(8, lat), ...sint(9, lon)]);
  const group = [
    ...node(30_000_000_003, 0, 2000), // 1e-7° units at granularity 100: lon 0.0002
    ...node(5, 0, 0),
    ...node(7, 0, 1000),
    ...bytes(3, [...int(1, 9_000_000_001), ...packed(2, [1, 3], false), ...packed(3, [2, 4], false), ...packed(8, delta([5, 7, 30_000_000_003]), true)]),
  ];
  const block = [...bytes(1, strings.flatMap((s) => str(1, s))), ...bytes(2, group), ...int(17, 100)];
  const header = [...str(4, 'OsmSchema-V0.6'), ...str(16, 'hand')];
  return Uint8Array.from([...blob('OSMHeader', header, compress), ...blob('OSMData', block, compress)]);
}

describe('OSM PBF decoder on hand-built files', () => {
  it.each([['raw', false], ['zlib', true]])('reads %s blobs, plain Nodes, unsorted and 64-bit ids', (_, compress) => {
    const d = parsePbf(tinyPbf(compress as boolean));
    expect(Array.from(d.nodeId)).toEqual([30_000_000_003, 5, 7]);
    expect(Array.from(d.lon)).toEqual([0.0002, 0, 0.0001]);
    expect(d.ways).toHaveLength(1);
    expect(d.ways[0].id).toBe(9_000_000_001);
    expect(Array.from(d.ways[0].refs)).toEqual([5, 7, 30_000_000_003]);
    expect({ ...d.ways[0].tags }).toEqual({ highway: 'residential', oneway: 'yes' });
  });

  it('imports it, and names why a lone one-way street is no network', () => {
    expect(() => importCity(tinyPbf(true), { name: 'tiny.osm.pbf' })).toThrow(
      'tiny.osm.pbf: no drivable network: the van may use 1 road ways (0.02 km), but no two places on them can reach each other both ways (one-way dead ends)',
    );
  });

  it('rejects a header that requires an unknown feature', () => {
    const header = [...str(4, 'OsmSchema-V0.6'), ...str(4, 'HistoricalInformation')];
    expect(() => parsePbf(Uint8Array.from(blob('OSMHeader', header, false)), { name: 'h.osm.pbf' })).toThrow('h.osm.pbf: blob 1 (OSMHeader) requires the feature "HistoricalInformation", which this importer does not support');
  });

  it('refuses zip bombs: a raw_size over 32 MiB, or zlib data that inflates past what the blob declares', () => {
    // 64 MiB of zeros deflate to ~64 KiB; before, an undeclared raw_size inflated all of it and a
    // declared one was silently truncated to it.
    const zeros = zlibSync(new Uint8Array(64 * 2 ** 20), { level: 9 });
    const bomb = (rawSize: number | null) => {
      const body = [...bytes(3, zeros), ...(rawSize === null ? [] : int(2, rawSize))];
      const header = [...str(1, 'OSMData'), ...int(3, body.length)];
      return Uint8Array.from([...tinyPbf(false), 0, 0, (header.length >> 8) & 0xff, header.length & 0xff, ...header, ...body]);
    };
    expect(() => parsePbf(bomb(1000), { name: 'b.osm.pbf' })).toThrow('b.osm.pbf: blob 3 is corrupt: it inflates to more than the 1000 bytes it declares');
    expect(() => parsePbf(bomb(null), { name: 'b.osm.pbf' })).toThrow('b.osm.pbf: blob 3 is corrupt: it inflates to more than the 32 MiB limit for an uncompressed blob');
    expect(() => parsePbf(bomb(64 * 2 ** 20), { name: 'b.osm.pbf' })).toThrow('b.osm.pbf: blob 3 declares raw_size 67108864 bytes, over the 32 MiB limit for an uncompressed blob');
  });
});
