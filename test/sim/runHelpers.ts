import { readFileSync } from 'node:fs';
import { parseScenario } from '../../src/core/scenario/loadScenario.ts';
import { prepareRun, type RunOverrides } from '../../src/core/scenario/buildRun.ts';
import { Simulation } from '../../src/core/sim/Simulation.ts';
import { buildReport } from '../../src/core/sim/report.ts';
import type { Scenario } from '../../src/core/scenario/scenarioSchema.ts';

export function loadScenarioFile(file: string): Scenario {
  return parseScenario(readFileSync(file, 'utf8'), file);
}

/** Run a scenario to the end; returns the simulation and its report (wallSeconds zeroed). */
export function runScenario(sc: Scenario, overrides: RunOverrides = {}) {
  const run = prepareRun(sc, overrides);
  const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
  sim.runToEnd();
  return { run, sim, report: buildReport(sim, sc.name, 0) };
}
