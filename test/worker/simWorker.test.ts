import { afterAll, describe, expect, it } from 'vitest';
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SimApi } from '../../workers/simApi.ts';
import { loadScenarioFile, runScenario } from '../sim/runHelpers.ts';

const worker = new Worker(new URL('./tsWorker.mjs', import.meta.url), { workerData: { entry: new URL('./nodeSimWorker.ts', import.meta.url).href } });
const api = wrap<SimApi>(nodeEndpoint(worker)) as Remote<SimApi>;
afterAll(() => worker.terminate());

describe('sim worker (comlink over worker_threads)', () => {
  it('gives the byte-identical report that core gives in-process', async () => {
    const text = readFileSync('scenarios/small.json', 'utf8');
    const loaded = await api.load(text, 'scenarios/small.json', { seed: 6 });
    expect(loaded.ok).toBe(true);
    const viaWorker = await api.runToEnd();
    const direct = runScenario(loadScenarioFile('scenarios/small.json'), { seed: 6 }).report;
    expect(JSON.stringify(viaWorker)).toBe(JSON.stringify(direct));
  });

  it('runs the scheduled policy with its fleet scheduler in a worker of its own, byte-identical to in-process', async () => {
    const text = readFileSync('scenarios/default.json', 'utf8');
    const loaded = await api.load(text, 'scenarios/default.json', { seed: 3, charging: 'scheduled' });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    expect(loaded.info.scheduler).toBe('worker');
    const viaWorker = await api.runToEnd();
    const direct = runScenario(loadScenarioFile('scenarios/default.json'), { seed: 3, charging: 'scheduled' }).report;
    expect(JSON.stringify(viaWorker)).toBe(JSON.stringify(direct));
    // A restart with the threshold rule has no fleet scheduler (and stops the previous worker).
    const again = await api.restart({ charging: 'threshold' });
    expect(again.ok && again.info.scheduler).toBe(null);
  }, 60000);

  it('steps the clock and returns the fleet in the transferred buffer', async () => {
    const loaded = await api.load(readFileSync('scenarios/small.json', 'utf8'), 'small.json');
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    expect(loaded.scene.buildings.positions.length).toBeGreaterThan(1000);
    const f1 = await api.step(loaded.info.dayStartS + 1800, new Float32Array(loaded.info.fleetSize * 4));
    const f2 = await api.step(loaded.info.dayStartS + 3 * 3600, f1.vans);
    expect(f2.t).toBe(loaded.info.dayStartS + 3 * 3600);
    expect(f2.kpis.delivered).toBeGreaterThan(f1.kpis.delivered);
    expect(f2.vans.length).toBe(loaded.info.fleetSize * 4);
  });

  it('rejects a broken scenario and keeps the current run', async () => {
    await api.load(readFileSync('scenarios/small.json', 'utf8'), 'small.json');
    const before = await api.step(8 * 3600, new Float32Array(32));
    const bad = await api.load('{"name": "x", "city": {"kind": "procedural"}, "fleet": {"size": -3}, "demand": {"parcels": 1}}', 'bad.json');
    expect(bad).toEqual({ ok: false, problems: ['bad.json:1: fleet.size: expected a positive integer, got -3'] });
    const after = await api.step(9 * 3600, before.vans);
    expect(after.kpis.delivered).toBeGreaterThanOrEqual(before.kpis.delivered);
    expect(after.t).toBe(9 * 3600);
  });
});
