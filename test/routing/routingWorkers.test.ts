import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { wrap, proxy, transfer } from 'comlink';
import { syntheticCity } from '../fixtures/syntheticCity.ts';
import { buildContractionHierarchy } from '../../src/core/routing/ch/buildContractionHierarchy.ts';
import { ChMatrix } from '../../src/core/routing/ch/ChMatrix.ts';
import { ChQuery } from '../../src/core/routing/ch/ChQuery.ts';
import { unpackCity } from '../../src/core/city/CityPack.ts';
import { Rng } from '../../src/core/util/rng.ts';
import { createNodeRoutingPool, spawnNodeRoutingWorker } from '../../workers/routingPool.node.ts';
import { distribute } from '../../workers/RoutingPool.ts';
import type { RoutingApi } from '../../workers/routingApi.ts';

const graph = syntheticCity({ cols: 40, rows: 30, shapePointShare: 0.2, seed: 4 });
const ch = buildContractionHierarchy(graph);
const rng = new Rng(12);
const sources = Array.from({ length: 37 }, () => rng.int(graph.nodeCount));
const targets = Array.from({ length: 23 }, () => rng.int(graph.nodeCount));

describe('routing worker pool (comlink over worker_threads)', async () => {
  const pool = await createNodeRoutingPool(2, ch.toBuffer().slice(0), graph.toBuffer().slice(0));
  afterAll(() => pool.terminate());

  it('splits a matrix across workers and equals the in-process bucket matrix', async () => {
    const m = await pool.matrix(sources, targets);
    const local = new ChMatrix(ch).compute(sources, targets);
    expect(m.sources).toBe(37);
    expect(Array.from(m.timeMs)).toEqual(Array.from(local.timeMs));
    expect(Array.from(m.lengthMm)).toEqual(Array.from(local.lengthMm));
  });

  it('unpacks routes in the workers', async () => {
    const q = new ChQuery(ch);
    for (let i = 0; i < 5; i++) {
      const r = await pool.route(sources[i], targets[i]);
      expect(r.timeMs).toBe(q.query(sources[i], targets[i]));
      expect(Array.from(r.edges)).toEqual(q.pathEdges());
    }
  });

  it('shares one buffer among workers in Node instead of copying per worker', () => {
    const bufs = distribute(new ArrayBuffer(16), 3);
    expect(bufs[0]).toBeInstanceOf(SharedArrayBuffer);
    expect(new Set(bufs).size).toBe(1);
  });
});

describe('routing worker: city import off the main thread', async () => {
  const w = spawnNodeRoutingWorker();
  const api = wrap<RoutingApi>(w.endpoint);
  afterAll(() => w.terminate());

  it('imports Monaco with progress, returns a transferable pack, then routes on it', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../public/cities/monaco-2016.osm.pbf', import.meta.url)));
    const phases: string[] = [];
    const res = await api.prepareCity(transfer(bytes, [bytes.buffer]), { name: 'monaco-2016.osm.pbf' }, proxy((phase: string) => void phases.push(phase)));
    if (!res.ok) throw new Error(res.message);
    expect(res.meta.name).toBe('monaco-2016');
    expect(new Set(phases)).toEqual(new Set(['parse', 'roads', 'buildings', 'contract', 'pack']));
    const city = unpackCity(res.pack.slice(0));
    expect(city.buildings.count).toBeGreaterThan(23_000);
    const loaded = await api.loadPack(res.pack);
    expect(loaded.nodes).toBe(city.graph.nodeCount);
    const r = await api.route(0, city.graph.nodeCount - 1);
    expect(r.timeMs).toBe(new ChQuery(city.ch).query(0, city.graph.nodeCount - 1));
  });

  it('answers a bad extract with the importer message, not an exception', async () => {
    const res = await api.prepareCity(new Uint8Array([0, 0, 0, 9, 1, 2]), { name: 'broken.osm.pbf' });
    expect(res).toEqual({ ok: false, kind: 'truncated', message: 'broken.osm.pbf: blob 1 is truncated (expected a 9-byte header, got 2)' });
  });
});
