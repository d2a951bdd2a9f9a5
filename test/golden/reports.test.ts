/**
 * The engine's behaviour pinned byte for byte: the run report of every shipped scenario on seeds
 * 1–3 (and each strategy on the small town) must hash exactly as recorded in reports.json.
 * A deliberate change of behaviour regenerates the file: `REGEN=1 npx vitest run test/golden`.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioAndCity } from '../../src/cli/scenarioFiles.ts';
import { prepareRun } from '../../src/core/scenario/buildRun.ts';
import { Simulation } from '../../src/core/sim/Simulation.ts';
import { buildReport } from '../../src/core/sim/report.ts';

interface Golden {
  readonly run: string;
  readonly sha256: string;
  readonly kpis: Record<string, number>;
}

const FILE = new URL('./reports.json', import.meta.url);
const regen = process.env.REGEN === '1';
const saved: Golden[] = regen ? [] : (JSON.parse(readFileSync(FILE, 'utf8')) as Golden[]);

const runs: { scenario: string; seed: number; strategy?: string }[] = [];
for (const scenario of ['default', 'small', 'monaco', 'manhattan']) for (const seed of [1, 2, 3]) runs.push({ scenario, seed });
for (const strategy of ['nearest', 'vrp']) for (const seed of [1, 2, 3]) runs.push({ scenario: 'small', seed, strategy });

const cities = new Map<string, ReturnType<typeof loadScenarioAndCity>>();
function golden(scenario: string, seed: number, strategy?: string): Golden {
  let loaded = cities.get(scenario);
  if (!loaded) cities.set(scenario, (loaded = loadScenarioAndCity(`scenarios/${scenario}.json`)));
  const run = prepareRun(loaded.scenario, { seed, strategy }, loaded.city);
  const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
  sim.runToEnd();
  const report = buildReport(sim, loaded.scenario.name, 0);
  const json = `${JSON.stringify(report, null, 1)}\n`;
  return { run: `${scenario} seed ${seed} ${run.strategy.name}`, sha256: createHash('sha256').update(json).digest('hex'), kpis: { ...report.kpis } };
}

describe('run reports are byte-identical to the recorded ones', () => {
  const fresh: Golden[] = [];
  for (const r of runs) {
    it(`${r.scenario}, seed ${r.seed}${r.strategy ? `, ${r.strategy}` : ''}`, () => {
      const g = golden(r.scenario, r.seed, r.strategy);
      fresh.push(g);
      if (regen) return;
      const want = saved.find((s) => s.run === g.run);
      expect(want, `no recorded report for ${g.run} (REGEN=1 records it)`).toBeDefined();
      expect(g.kpis).toEqual(want!.kpis); // a readable diff first
      expect(g.sha256).toBe(want!.sha256);
    });
  }
  it.runIf(regen)('writes reports.json', () => {
    writeFileSync(FILE, `${JSON.stringify(fresh, null, 1)}\n`);
  });
});
