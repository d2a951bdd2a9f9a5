import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/core/scenario/loadScenario.ts';
import { parseSweep, SweepError } from '../../src/core/scenario/sweepFile.ts';
import { deepJson, fuzz, mutatedText, randomText, readText, report, wrongTypesJson } from './fuzzHarness.ts';

const scenarios = ['charging-tight', 'city-day', 'default', 'lade-orders', 'manhattan', 'monaco', 'small'].map((n) => readText(`scenarios/${n}.json`));
const sweeps = [readText('scenarios/sweep-example.json')];
const inputs = (seeds: string[]) => fc.oneof({ weight: 5, arbitrary: mutatedText(seeds) }, { weight: 2, arbitrary: wrongTypesJson(seeds) }, { weight: 1, arbitrary: deepJson() }, { weight: 2, arbitrary: randomText() });

describe('fuzz: scenario and sweep JSON', () => {
  afterAll(() => report('scenario'));
  it('parseScenario returns a scenario or throws ScenarioError', () => {
    fuzz({ name: 'parseScenario', parse: (t: string) => parseScenario(t, 'fuzz.json'), errorClass: ScenarioError }, inputs(scenarios));
  });
  it('parseSweep returns a sweep or throws SweepError', () => {
    // Grids whose points multiply past memory: 3 to 12 axes of 2 to 40 values.
    const blowUp = fc.tuple(fc.integer({ min: 3, max: 12 }), fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 100 })).map(([axes, k, seeds]) =>
      JSON.stringify({ scenario: 'small.json', grid: Object.fromEntries(Array.from({ length: axes }, (_, a) => [`fleet.x${a}`, Array.from({ length: k }, (_, i) => i)])), seeds: { count: seeds } }),
    );
    fuzz({ name: 'parseSweep', parse: (t: string) => parseSweep(t, 'sweep.json'), errorClass: SweepError }, fc.oneof({ weight: 9, arbitrary: inputs(sweeps) }, { weight: 1, arbitrary: blowUp }));
  });
});
