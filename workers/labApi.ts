/**
 * The service behind a Lab page worker (workers/lab.worker.ts): run one (variant, seed) pair of a
 * comparison to the end of the day, headless, and send back its report and its KPIs over the day;
 * or run one again and build its trips GeoJSON and stops CSV. A run goes exactly as one of
 * `npm run compare` (src/cli/compareRun.ts): prepareRun on the variant's scenario and seed, the
 * dispatcher with the charging scheduler in this thread, runToEnd, buildReport with wallSeconds 0;
 * the recorder that observes it does not change it. So the same seeds give the CLI's numbers.
 *
 * Cities are built once per worker and kept (a few, most recent first): the city does not depend on
 * the seed, and a worker is sent many seeds of the same variants.
 *
 * Strategy files the planner added to the Lab are sent to every worker once, before its runs
 * (addStrategy), and compiled there from their text as the app's sim worker does
 * (workers/strategySource.ts). A variant whose dispatch.strategy names a file, by its name or by any
 * path ending in it (`deadline-first.ts`, `./examples/strategies/deadline-first.ts`, as compare is
 * given it), runs that file: prepareRun gets it in its strategyFiles map under the name the variant
 * gives, as runCompareRun passes the CLI's loaded files.
 */
import { parseScenario, ScenarioError } from '../src/core/scenario/loadScenario.ts';
import { CityResourceError } from '../src/core/scenario/buildCity.ts';
import { prepareRun, RunOptionError } from '../src/core/scenario/buildRun.ts';
import type { Scenario } from '../src/core/scenario/scenarioSchema.ts';
import type { City } from '../src/core/city/City.ts';
import { buildReport, type RunReport } from '../src/core/sim/report.ts';
import { PlanRefusedError, Simulation } from '../src/core/sim/Simulation.ts';
import { StrategyError } from '../src/core/dispatch/guardStrategy.ts';
import type { DispatchStrategy } from '../src/core/dispatch/DispatchStrategy.ts';
import { isStrategyPath } from '../src/core/scenario/buildRun.ts';
import { ExportRecorder } from '../src/core/replay/exportRecorder.ts';
import { dayProfile, type DayProfile } from '../src/core/replay/dayProfile.ts';
import { ExportOptionError, tripsGeoJson } from '../src/core/replay/exportTrips.ts';
import { stopsCsv } from '../src/core/replay/exportStops.ts';
import { formatClock } from '../src/core/util/clock.ts';
import { loadCity } from './cityLoader.ts';
import { loadStrategySource, refusedPlanProblem, strategyFileLabel } from './strategySource.ts';

export interface LabJob {
  /** The variant's scenario as JSON text (its settings written in), and the name problems are reported under. */
  readonly text: string;
  readonly source: string;
  /** Where the shipped scenario lives (map files of a real city are relative to it), and the page's address. */
  readonly scenarioPath: string;
  readonly baseUrl?: string;
  readonly seed: number;
}

export type LabRunResult =
  | {
      readonly ok: true;
      /** The run's report without its per-parcel list (the Lab only needs the KPIs, costs, vans and charging). */
      readonly report: RunReport;
      readonly profile: DayProfile;
    }
  | { readonly ok: false; readonly problem: string };

/** A strategy file added to a worker: its label (the file name runs know it by) and the strategy's own name and description, or what is wrong with it (file:line). */
export type LabStrategyResult =
  | { readonly ok: true; readonly label: string; readonly name: string; readonly description: string }
  | { readonly ok: false; readonly problem: string };

export type LabExportResult = { readonly ok: true; readonly trips: string; readonly stops: string } | { readonly ok: false; readonly problem: string };

const CITY_CACHE = 3;

interface StrategyFile {
  readonly label: string;
  readonly text: string;
  readonly strategy: DispatchStrategy;
}

/** A strategy broke part-way through a run: when, in simulated time. */
class RunStopped extends Error {
  constructor(
    readonly error: StrategyError | PlanRefusedError,
    readonly atS: number,
  ) {
    super(error.message);
  }
}

function problemOf(e: unknown, job: LabJob, file?: StrategyFile): string {
  const source = job.source;
  if (e instanceof RunStopped) {
    const what = e.error instanceof PlanRefusedError && file ? refusedPlanProblem(e.message, file.label, file.text) : e.message;
    return `${source}, seed ${job.seed}: the run stopped at ${formatClock(e.atS, true)}: ${what}`;
  }
  if (e instanceof ScenarioError) return e.message;
  if (e instanceof PlanRefusedError && file) return `${source}: ${refusedPlanProblem(e.message, file.label, file.text)}`;
  if (e instanceof CityResourceError) return `${source}: ${e.message}`;
  if (e instanceof RunOptionError || e instanceof StrategyError || e instanceof PlanRefusedError || e instanceof ExportOptionError) return `${source}: ${e.message}`;
  return `${source}: the run failed: ${e instanceof Error ? e.message : String(e)}`;
}

export function createLabApi() {
  const scenarios = new Map<string, Scenario>();
  const cities: { key: string; city: Promise<City> }[] = [];
  const files = new Map<string, StrategyFile>();

  /** The added file a variant's dispatch.strategy names (by its last path part), if it names a file. */
  const fileOf = (sc: Scenario): StrategyFile | undefined => {
    const name = sc.dispatch.strategy;
    if (!isStrategyPath(name)) return undefined;
    const f = files.get(strategyFileLabel(name));
    if (!f) throw new RunOptionError(`dispatch.strategy: the strategy file "${name}" has not been added to the Lab (Add strategy file…)`);
    return f;
  };

  const scenarioOf = (job: LabJob): Scenario => {
    let sc = scenarios.get(job.text);
    if (!sc) {
      sc = parseScenario(job.text, job.source);
      scenarios.set(job.text, sc);
    }
    return sc;
  };

  const cityOf = (job: LabJob, sc: Scenario): Promise<City> => {
    const i = cities.findIndex((c) => c.key === job.text);
    if (i >= 0) {
      const [hit] = cities.splice(i, 1);
      cities.unshift(hit);
      return hit.city;
    }
    const city = loadCity(sc, job.scenarioPath, job.baseUrl);
    cities.unshift({ key: job.text, city });
    city.catch(() => {
      const j = cities.findIndex((c) => c.city === city);
      if (j >= 0) cities.splice(j, 1); // a failed build is not kept
    });
    cities.length = Math.min(cities.length, CITY_CACHE);
    return city;
  };

  /** Simulate the job's day with a recorder attached, as runCompareRun does without one. */
  const simulate = async (job: LabJob, onProgress?: (fraction: number) => void) => {
    const sc = scenarioOf(job);
    const file = fileOf(sc);
    const city = await cityOf(job, sc);
    const run = prepareRun(sc, { seed: job.seed, strategyFiles: file && new Map([[sc.dispatch.strategy, file.strategy]]) }, city);
    const rec = new ExportRecorder();
    const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(), observer: rec, clock: () => performance.now() });
    rec.bind(sim.state);
    let last = 0;
    try {
      sim.runToEnd((f) => {
        const now = performance.now();
        if (onProgress && now - last > 200) {
          last = now;
          onProgress(f);
        }
      });
    } catch (e) {
      if (e instanceof StrategyError || e instanceof PlanRefusedError) throw new RunStopped(e, sim.now);
      throw e;
    }
    rec.sync();
    return { sc, city, run, sim, rec, tl: rec.timeline! };
  };

  /** The added file a job's variant runs, for naming it in a problem (undefined if none, or the scenario does not parse). */
  const jobFile = (job: LabJob): StrategyFile | undefined => {
    try {
      return fileOf(scenarioOf(job));
    } catch {
      return undefined;
    }
  };

  return {
    /**
     * Compile and load a strategy file from its text (`name` is the file's name as opened; a path is
     * cut to its last part), for the runs that name it; a file added again under the same name
     * replaces the earlier one. What is wrong with it comes back with its file and line.
     */
    async addStrategy(name: string, text: string): Promise<LabStrategyResult> {
      const label = strategyFileLabel(name);
      try {
        const strategy = await loadStrategySource(text, name);
        files.set(label, { label, text, strategy });
        return { ok: true, label, name: strategy.name, description: strategy.description };
      } catch (e) {
        return { ok: false, problem: e instanceof StrategyError ? e.message : `strategy file ${label}: ${e instanceof Error ? e.message : String(e)}` };
      }
    },

    /** One (variant, seed) run to the end of the day: its report and KPIs over the day, or what went wrong. */
    async run(job: LabJob, onProgress?: (fraction: number) => void): Promise<LabRunResult> {
      try {
        const { sc, run, sim, tl } = await simulate(job, onProgress);
        const full = buildReport(sim, sc.name, 0);
        return { ok: true, report: { ...full, parcels: [] }, profile: dayProfile(tl, run.world.params.dayStartS, tl.endS) };
      } catch (e) {
        return { ok: false, problem: problemOf(e, job, jobFile(job)) };
      }
    },

    /** The same run again (the same seed gives the same day), exported: trips GeoJSON and stops CSV. */
    async exports(job: LabJob, date?: string): Promise<LabExportResult> {
      try {
        const { sc, city, run, sim, rec, tl } = await simulate(job);
        const ids = sim.state.fleet.ids;
        const trips = tripsGeoJson(tl, city, ids, { date, meta: { scenario: sc.name, seed: run.seed, strategy: run.strategy.name, variant: job.source } });
        return { ok: true, trips, stops: stopsCsv(tl, rec.attempts, run.world, ids) };
      } catch (e) {
        return { ok: false, problem: problemOf(e, job, jobFile(job)) };
      }
    },
  };
}

export type LabApi = ReturnType<typeof createLabApi>;
