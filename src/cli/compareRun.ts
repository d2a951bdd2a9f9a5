// One run of `npm run compare`: a variant's scenario on one seed. Every run goes through runCompareRun,
// in the main thread (--workers 1) or in a worker thread (src/cli/compareWorker.ts), so both give the same numbers.
import type { FleetScheduler } from '../core/charging/FleetScheduler.ts';
import type { DispatchStrategy } from '../core/dispatch/DispatchStrategy.ts';
import type { City } from '../core/city/City.ts';
import { prepareRun } from '../core/scenario/buildRun.ts';
import type { Scenario } from '../core/scenario/scenarioSchema.ts';
import { buildReport, type RunReport } from '../core/sim/report.ts';
import { Simulation } from '../core/sim/Simulation.ts';
import type { RunScheduler } from '../../workers/chargingWorker.ts';
import { startCliScheduler, type SchedulerPlacement } from './chargingScheduler.ts';

export interface CompareRunInput {
  /** The variant's scenario (its settings written in). */
  readonly scenario: Scenario;
  /** The scenario file it came from: paths in it are relative to this file. */
  readonly scenarioFile: string;
  /** The variant's city (it does not depend on the seed: built once per variant and thread). */
  readonly city: City;
  readonly seed: number;
  /** The charging policy's fleet scheduler in a worker of its own; default: in this thread. */
  readonly scheduler?: FleetScheduler;
  /** Strategy files the variants name, loaded (src/cli/strategyFiles.ts), by the name the variant gives. */
  readonly strategyFiles?: ReadonlyMap<string, DispatchStrategy>;
}

/**
 * Simulate one (variant, seed) pair to the end of the day; its report has wallSeconds 0. The
 * strategy's time (decisions.solverSeconds) is measured, the only field that differs between reruns.
 */
export async function runCompareRun(input: CompareRunInput): Promise<RunReport> {
  const run = prepareRun(input.scenario, { seed: input.seed, strategyFiles: input.strategyFiles }, input.city);
  const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(input.scheduler), clock: () => performance.now() });
  sim.runToEnd();
  return buildReport(sim, input.scenario.name, 0);
}

/**
 * The charging scheduler worker a variant's runs share on one core (--workers 1, --scheduler worker):
 * same fleet, sites and tariffs for every seed. Null in-thread or for a policy without one.
 */
export function startVariantScheduler(scenario: Scenario, city: City, seed: number, placement: SchedulerPlacement, strategyFiles?: ReadonlyMap<string, DispatchStrategy>): Promise<RunScheduler | null> {
  return startCliScheduler(prepareRun(scenario, { seed, strategyFiles }, city), placement, 'compare');
}
