import { describe, expect, it } from 'vitest';
import { syntheticCity } from '../test/fixtures/syntheticCity.ts';
import { buildContractionHierarchy } from '../src/core/routing/ch/buildContractionHierarchy.ts';
import { packCity } from '../src/core/city/CityPack.ts';
import { loadOrBuildPack, MemoryStore, packKey } from './cityCache.ts';

const graph = syntheticCity({ cols: 8, rows: 8, seed: 1 });
const pack = packCity({ meta: { name: 't' }, graph, ch: buildContractionHierarchy(graph), buildings: { count: 0, ringStart: new Uint32Array(1), xy: new Float64Array(0), heightM: new Float32Array(0), minHeightM: new Float32Array(0) } });

describe('city pack cache', () => {
  it('builds once, then serves the stored pack', async () => {
    const store = new MemoryStore();
    let builds = 0;
    const build = async () => {
      builds++;
      return pack.slice(0);
    };
    const bytes = new Uint8Array([1, 2, 3]);
    expect((await loadOrBuildPack(store, bytes, { domain: null }, build)).cached).toBe(false);
    const again = await loadOrBuildPack(store, bytes, { domain: null }, build);
    expect(again.cached).toBe(true);
    expect(again.pack.byteLength).toBe(pack.byteLength);
    expect(builds).toBe(1);
    // Other options or other bytes: another entry.
    expect((await loadOrBuildPack(store, bytes, { domain: { maxRoadSpeedKmh: 50 } }, build)).cached).toBe(false);
    expect((await loadOrBuildPack(store, bytes, { domain: { maxRoadSpeedKmh: 60 } }, build)).cached).toBe(false);
    expect((await loadOrBuildPack(store, bytes, { domain: { maxRoadSpeedKmh: 60 } }, build)).cached).toBe(true);
    expect((await loadOrBuildPack(store, new Uint8Array([1, 2, 4]), { domain: null }, build)).cached).toBe(false);
    expect(builds).toBe(4);
  });

  it('drops a corrupt entry and rebuilds', async () => {
    const store = new MemoryStore();
    const bytes = new Uint8Array([9]);
    await store.put(await packKey(bytes, {}), new ArrayBuffer(40));
    const r = await loadOrBuildPack(store, bytes, {}, async () => pack.slice(0));
    expect(r.cached).toBe(false);
    expect((await store.get(r.key))!.byteLength).toBe(pack.byteLength);
  });

  it('keys by content hash and options, independent of option order', async () => {
    const k = await packKey(new TextEncoder().encode('abc'), { b: 1, a: { d: [1, 2], c: 'x' } });
    expect(k).toBe('vanfleet-citypack-1:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad:{"a":{"c":"x","d":[1,2]},"b":1}');
  });
});
