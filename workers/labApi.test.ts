import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareRun } from '../src/core/scenario/buildRun.ts';
import { parseScenario } from '../src/core/scenario/loadScenario.ts';
import { applyVariant, expandVariants } from '../src/core/scenario/variants.ts';
import { buildReport } from '../src/core/sim/report.ts';
import { Simulation } from '../src/core/sim/Simulation.ts';
import { createLabApi } from './labApi.ts';

const file = 'scenarios/small.json';
const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;

describe('the Lab worker service', () => {
  it('gives the numbers of an unobserved run for the same variant and seed, with KPIs over the day that add up', async () => {
    const api = createLabApi();
    const [v] = expandVariants(['dispatch.strategy=nearest']);
    const text = JSON.stringify(applyVariant(raw, v));
    const job = { text, source: `${file} [${v.label}]`, scenarioPath: file, seed: 2 };
    const res = await api.run(job);
    if (!res.ok) throw new Error(res.problem);
    const sc = parseScenario(text, file);
    // What runCompareRun (src/cli/compareRun.ts) does, unobserved; the browser test compares with the CLI itself.
    const run = prepareRun(sc, { seed: 2 });
    const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
    sim.runToEnd();
    const cli = buildReport(sim, sc.name, 0);
    expect(res.report.kpis).toEqual(cli.kpis);
    expect(res.report.costs).toEqual(cli.costs);
    expect(res.profile.delivered.reduce((s, x) => s + x, 0)).toBe(cli.kpis.delivered);
    const again = await api.run(job); // city from the cache
    expect(again.ok && again.report.kpis).toEqual(cli.kpis);
    const ex = await api.exports(job);
    if (!ex.ok) throw new Error(ex.problem);
    expect(JSON.parse(ex.trips).type).toBe('FeatureCollection');
    expect(ex.stops.split('\r\n')[0]).toMatch(/^van,tour,attempt,parcel,/);
  });

  it('names what is wrong with a bad variant instead of throwing', async () => {
    const api = createLabApi();
    const [bad] = expandVariants(['fleet.size=-3']);
    const r = await api.run({ text: JSON.stringify(applyVariant(raw, bad)), source: 'small [fleet.size=-3]', scenarioPath: file, seed: 1 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problem).toMatch(/fleet\.size/);
    const [unknown] = expandVariants(['dispatch.strategy=zigzag']);
    const u = await api.run({ text: JSON.stringify(applyVariant(raw, unknown)), source: 'small [zigzag]', scenarioPath: file, seed: 1 });
    expect(!u.ok && u.problem).toMatch(/dispatch\.strategy: .*"zigzag"/);
  });
});
