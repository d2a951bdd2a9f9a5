// A worker thread of `npm run compare --workers N`: runs the (variant, seed) pairs it is sent through
// runCompareRun, with the charging scheduler in this thread, and posts each run's report back.
import { parentPort, workerData } from 'node:worker_threads';
import type { City } from '../core/city/City.ts';
import { buildCity, CityResourceError } from '../core/scenario/buildCity.ts';
import { RunOptionError } from '../core/scenario/buildRun.ts';
import { parseScenario, ScenarioError } from '../core/scenario/loadScenario.ts';
import type { Scenario } from '../core/scenario/scenarioSchema.ts';
import type { RunReport } from '../core/sim/report.ts';
import type { DispatchStrategy } from '../core/dispatch/DispatchStrategy.ts';
import { StrategyError } from '../core/dispatch/guardStrategy.ts';
import { PlanRefusedError } from '../core/sim/Simulation.ts';
import { runCompareRun } from './compareRun.ts';
import { loadStrategyFile } from './strategyFiles.ts';
import { CliInputError } from './readInput.ts';
import { readCityResources } from './scenarioFiles.ts';

export interface CompareWorkerData {
  readonly scenarioFile: string;
  /** Each variant's scenario as JSON text, and the name it is reported under. */
  readonly variants: readonly { readonly text: string; readonly source: string }[];
  /** Strategy files the variants name: the name as given, and the file's absolute path. */
  readonly strategyFiles: readonly { readonly name: string; readonly path: string }[];
}

export interface CompareJobMessage {
  readonly id: number;
  readonly variant: number;
  readonly seed: number;
}

export type CompareResultMessage =
  | { readonly id: number; readonly report: RunReport }
  /** `user`: bad input, `text` is the line to print; otherwise a bug, `text` has the stack. */
  | { readonly id: number; readonly failure: { readonly text: string; readonly user: boolean; readonly strategy?: boolean } };

const data = workerData as CompareWorkerData;
const scenarios: (Scenario | undefined)[] = [];
// The city of the variant last run: jobs come variant by variant, so each thread builds a variant's city about once.
let cached: { variant: number; city: City } | null = null;

function scenarioOf(v: number): Scenario {
  scenarios[v] ??= parseScenario(data.variants[v].text, data.variants[v].source);
  return scenarios[v];
}

function cityOf(v: number): City {
  if (cached?.variant !== v) {
    cached = null; // let the previous city go before building the next
    const sc = scenarioOf(v);
    cached = { variant: v, city: buildCity(sc, readCityResources(sc, data.scenarioFile)) };
  }
  return cached.city;
}

// Each thread loads the strategy files itself (a module cannot be sent between threads), once.
let strategies: Promise<Map<string, DispatchStrategy>> | null = null;
function strategyFiles(): Promise<Map<string, DispatchStrategy>> {
  strategies ??= (async () => new Map(await Promise.all(data.strategyFiles.map(async (f) => [f.name, await loadStrategyFile(f.path, f.name, false)] as const))))();
  return strategies;
}

function failure(e: unknown): { text: string; user: boolean; strategy?: boolean } {
  if (e instanceof StrategyError || e instanceof PlanRefusedError) return { text: `compare: ${e.message}`, user: true, strategy: true };
  if (e instanceof ScenarioError) return { text: e.message, user: true };
  if (e instanceof CityResourceError || e instanceof RunOptionError || e instanceof CliInputError) return { text: `compare: ${e.message}`, user: true };
  return { text: e instanceof Error ? (e.stack ?? e.message) : String(e), user: false };
}

parentPort!.on('message', (job: CompareJobMessage) => {
  void (async () => {
    let msg: CompareResultMessage;
    try {
      const report = await runCompareRun({ scenario: scenarioOf(job.variant), scenarioFile: data.scenarioFile, city: cityOf(job.variant), seed: job.seed, strategyFiles: await strategyFiles() });
      msg = { id: job.id, report };
    } catch (e) {
      msg = { id: job.id, failure: failure(e) };
    }
    parentPort!.postMessage(msg);
  })();
});
