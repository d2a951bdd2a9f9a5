import { describe, expect, it } from 'vitest';
import { syntheticCity } from '../../../test/fixtures/syntheticCity.ts';
import { buildContractionHierarchy } from '../routing/ch/buildContractionHierarchy.ts';
import { ChQuery } from '../routing/ch/ChQuery.ts';
import { BuildingsBuilder } from './Buildings.ts';
import { packCity, unpackCity } from './CityPack.ts';

describe('city pack', () => {
  const graph = syntheticCity({ cols: 12, rows: 10, seed: 2 });
  const ch = buildContractionHierarchy(graph);
  const b = new BuildingsBuilder();
  b.add([0, 0, 10, 0, 10, 10], 12, 3);
  b.add([20, 20, 20, 30, 30, 30, 30, 20], 30);
  const buildings = b.finish();
  const pack = packCity({ meta: { name: 'test', attribution: 'x', stats: { a: 1 } }, graph, ch, buildings });

  it('round-trips graph, hierarchy, buildings and meta through one buffer', () => {
    const c = unpackCity(pack.slice(0));
    expect(c.meta).toEqual({ name: 'test', attribution: 'x', stats: { a: 1 } });
    expect(new Uint8Array(c.graph.toBuffer())).toEqual(new Uint8Array(graph.toBuffer()));
    expect(new ChQuery(c.ch).query(0, graph.nodeCount - 1)).toBe(new ChQuery(ch).query(0, graph.nodeCount - 1));
    expect(c.buildings.count).toBe(2);
    expect(Array.from(c.buildings.ringStart)).toEqual([0, 3, 7]);
    expect(Array.from(c.buildings.xy)).toEqual(Array.from(buildings.xy));
    expect(Array.from(c.buildings.heightM)).toEqual([12, 30]);
    expect(Array.from(c.buildings.minHeightM)).toEqual([3, 0]);
  });

  it('names what is wrong with a bad pack', () => {
    expect(() => unpackCity(new ArrayBuffer(8), 'm.citypack')).toThrow('m.citypack: too short to be a city pack (8 bytes)');
    expect(() => unpackCity(new ArrayBuffer(64), 'm.citypack')).toThrow('m.citypack: not a city pack (bad magic)');
    expect(() => unpackCity(pack.slice(0, pack.byteLength - 100), 'm.citypack')).toThrow(/^m\.citypack: truncated \(section 4 needs \d+ bytes, have \d+\)$/);
    const v2 = pack.slice(0);
    new Uint32Array(v2)[1] = 2;
    expect(() => unpackCity(v2, 'm.citypack')).toThrow('m.citypack: city pack version 2 is not supported (expected 1); re-import the extract');
  });
});
