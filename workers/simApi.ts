/**
 * The simulation service behind the sim worker: load a scenario (validated; a bad one leaves the
 * current run untouched), record the run ahead of the view, answer frames and questions about
 * any recorded moment, report. Plain functions over core, so the same object is exposed by the
 * browser worker and by a Node worker_thread in tests.
 *
 * The run is recorded as it goes (src/core/replay): the engine runs ahead in small slices between
 * requests, so showing time t — forward, backward, at any speed — is a lookup in the timeline.
 * Frames travel on their own MessagePort as one transferred ArrayBuffer (frameLayout), not
 * through comlink, so the page's per-frame cost is one message and no per-van objects.
 */
import { transfer } from 'comlink';
import { parseScenario, ScenarioError } from '../src/core/scenario/loadScenario.ts';
import { buildCity, cityFromContents, CityResourceError } from '../src/core/scenario/buildCity.ts';
import { DEFAULT_OSM_IMPORT, type CityProgress } from '../src/core/osm/importCityPack.ts';
import { prepareRun, RunOptionError, type PreparedRun, type RunOverrides } from '../src/core/scenario/buildRun.ts';
import { scenarioForExtract } from '../src/core/scenario/extractScenario.ts';
import { detectFormat } from '../src/core/osm/importCity.ts';
import { OsmImportError } from '../src/core/osm/OsmImportError.ts';
import { cachedImport, loadCity } from './cityLoader.ts';
import type { Scenario } from '../src/core/scenario/scenarioSchema.ts';
import type { City } from '../src/core/city/City.ts';
import type { World } from '../src/core/sim/World.ts';
import type { PlanRecord } from '../src/core/sim/Decision.ts';
import { STRATEGIES } from '../src/core/dispatch/strategies.ts';
import { CHARGING_POLICIES } from '../src/core/dispatch/chargingPolicies.ts';
import type { Kpis } from '../src/core/sim/kpi.ts';
import { buildReport, type RunReport } from '../src/core/sim/report.ts';
import { Rng } from '../src/core/util/rng.ts';
import { Replay } from '../src/core/replay/Replay.ts';
import type { Timeline } from '../src/core/replay/Timeline.ts';
import { KPI_KEYS, kpisFromRow, ROW_KPIS, ROW_STATUS, type KpiSeries } from '../src/core/replay/KpiSeries.ts';
import { frameLayout, H } from '../src/core/replay/frameLayout.ts';
import { fillFrame, newFrameScratch, type FrameSource } from '../src/core/replay/fillFrame.ts';
import { newPose, sampleVansAt } from '../src/core/replay/sampleTimeline.ts';
import { syntheticTimeline } from '../src/core/replay/syntheticTimeline.ts';
import { vanDetail, type VanDetail } from '../src/core/replay/vanDetail.ts';
import { facilityDetail, type FacilityDetail } from '../src/core/replay/facilityDetail.ts';
import { chargerDetail, chargerDetailTransferables, type ChargerDetail } from '../src/core/replay/chargerDetail.ts';
import { captionAt, type Caption } from '../src/core/replay/story.ts';
import { buildSceneData, sceneTransferables, type SceneData } from '../src/core/mesh/sceneData.ts';
import { demandGrid, type DemandGrid } from '../src/core/mesh/demandGrid.ts';
import { benchScenarioText } from '../src/core/replay/benchScenario.ts';
import { startRunScheduler, type RunScheduler, type SpawnSchedulerWorker } from './chargingWorker.ts';
import type { DispatchStrategy } from '../src/core/dispatch/DispatchStrategy.ts';
import { StrategyError } from '../src/core/dispatch/guardStrategy.ts';
import { PlanRefusedError } from '../src/core/sim/Simulation.ts';
import { formatClock } from '../src/core/util/clock.ts';
import { loadStrategySource, refusedPlanProblem, strategyFileLabel } from './strategySource.ts';

export type { FacilityInfo, SceneData } from '../src/core/mesh/sceneData.ts';

export interface ScenarioInfo {
  readonly source: string;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  /** The run's strategy: a built-in name, or the name of a strategy file opened in the app (its key in `strategies`). */
  readonly strategy: string;
  /** Built-ins, then the strategy files opened in this page (`file`, shown as `label`: "deadline-first (deadline-first.ts)"). */
  readonly strategies: { name: string; description: string; label?: string; file?: boolean }[];
  /** The charging policy of the run, and the ones to choose from. */
  readonly charging: string;
  readonly chargingPolicies: { name: string; description: string }[];
  readonly dayStartS: number;
  readonly dayEndS: number;
  readonly fleetSize: number;
  readonly parcels: number;
  readonly vanIds: string[];
  /** Identifies the run in frames; a new load or restart gets a new one. */
  readonly runId: number;
  readonly facilities: number;
  /** A made-up fleet for rendering benchmarks (no dispatcher, no KPIs). */
  readonly synthetic: boolean;
  /** Where the charging policy's fleet scheduler runs: its own worker, this thread, or none (a policy without one). */
  readonly scheduler: 'worker' | 'in-thread' | null;
}

export type LoadResult = { ok: true; info: ScenarioInfo; scene: SceneData } | { ok: false; problems: string[] };

/**
 * A run that stopped before the end of its day (a strategy threw, a plan was refused): sent on the
 * frame port when it happens. The run's record ends where it stopped, so the view plays up to there.
 */
export interface RunStopped {
  readonly kind: 'stopped';
  readonly runId: number;
  /** Simulated time of the failure, and the last recorded moment (where the view holds). */
  readonly atS: number;
  readonly shownUntilS: number;
  readonly problems: string[];
}

/** A strategy file opened in the app: its strategy (guarded), its text (to place refused plans) and the name it goes by. */
interface StrategyFile {
  readonly label: string;
  readonly strategy: DispatchStrategy;
  readonly text: string;
}

/** The legacy one-call frame (tests, simple callers): KPIs as an object, vans in the caller's buffer. */
export interface Frame {
  readonly t: number;
  readonly finished: boolean;
  readonly kpis: Kpis;
  /** 4 floats per van (x, y, heading, status); the caller's buffer, handed back. */
  readonly vans: Float32Array;
}

/** The KPI samples so far, for charts. */
export interface Series {
  readonly startS: number;
  readonly stepS: number;
  readonly rowLength: number;
  readonly count: number;
  readonly rows: Float64Array;
  readonly kpiKeys: readonly string[];
  readonly kpiOffset: number;
  readonly statusOffset: number;
  /** The run is recorded to its end: these are all the samples there will be. */
  readonly finished: boolean;
  readonly dayEndS: number;
}

interface Current extends FrameSource {
  readonly source: string;
  readonly scenario: Scenario;
  readonly city: City;
  readonly world: World;
  readonly run: PreparedRun;
  readonly replay: Replay | null;
  readonly ids: string[];
  readonly synthetic: boolean;
  readonly sched: RunScheduler | null;
  /** Set when the run failed part-way; it is not advanced after that. */
  stopped: RunStopped | null;
}

export interface SimApiOptions {
  /**
   * Start a run's fleet charging scheduler in its own worker (needs SharedArrayBuffer: a
   * cross-origin-isolated page, or Node). Without it, or if the worker fails to start, the
   * scheduler runs in the simulation's thread with the same plans.
   */
  readonly spawnScheduler?: SpawnSchedulerWorker;
}

/** Slice of engine time per turn of the run-ahead loop, ms of wall time: short, so frames are never held up long. */
const SLICE_MS = 5;

export function createSimApi(opts: SimApiOptions = {}) {
  let cur: Current | null = null;
  let runs = 0;
  let pumping = false;
  const scratch = newFrameScratch();
  /** Strategy files opened in the app, by label; kept for restarts and for later scenarios of the page. */
  let files = new Map<string, StrategyFile>();
  let framePort: MessagePort | null = null;

  /** Record the run ahead of the view, a slice at a time, yielding to frame and API messages in between. */
  const pump = () => {
    pumping = false;
    const c = cur;
    const r = c?.replay;
    if (!c || !r || r.done || c.stopped) return;
    const t0 = performance.now();
    try {
      while (!r.done && performance.now() - t0 < SLICE_MS) r.step();
    } catch (e) {
      return stop(c, e);
    }
    if (!r.done) schedule();
  };

  /** Advance the record to t for a request; a failure stops the run (instead of failing the request). */
  const advance = (c: Current, t: number) => {
    if (!c.replay || c.stopped) return;
    try {
      c.replay.ensure(t);
    } catch (e) {
      stop(c, e);
    }
  };

  /**
   * A run failed part-way: end its record at the last recorded moment (the view holds there, its
   * figures up to then), keep the message, and tell the page.
   */
  const stop = (c: Current, e: unknown) => {
    if (c.stopped) return;
    if (!(e instanceof StrategyError || e instanceof PlanRefusedError)) console.error(e);
    c.timeline.endS = c.timeline.horizonS;
    const atS = c.replay ? c.replay.sim.now : c.timeline.horizonS;
    c.stopped = { kind: 'stopped', runId: c.runId, atS, shownUntilS: c.timeline.horizonS, problems: [runProblem(c, e, atS)] };
    if (c === cur) framePort?.postMessage(c.stopped);
  };

  /** What to say about a run's failure: the strategy's message; a refused plan from a file also gets the file and the hook's line. */
  const runProblem = (c: Current, e: unknown, atS: number): string => {
    const msg = e instanceof Error ? e.message : String(e);
    if (e instanceof StrategyError) return msg;
    if (e instanceof PlanRefusedError) {
      const f = fileOf(c.run.strategy);
      return f ? refusedPlanProblem(msg, f.label, f.text) : msg;
    }
    return `the simulation failed at ${formatClock(atS, true)}: ${msg}`;
  };

  const fileOf = (s: DispatchStrategy): StrategyFile | undefined => [...files.values()].find((f) => f.strategy === s);
  const schedule = () => {
    if (pumping) return;
    pumping = true;
    setTimeout(pump, 0);
  };

  const source = (src: string, scenario: Scenario, city: City, run: PreparedRun, timeline: Timeline, kpis: KpiSeries | null, replay: Replay | null, ids: string[], sched: RunScheduler | null = null): Current => {
    const runId = ++runs;
    const c: Current = {
      runId,
      source: src,
      scenario,
      city,
      world: run.world,
      run,
      replay,
      timeline,
      kpis,
      graph: city.graph,
      layout: frameLayout(timeline.vanCount, city.facilities.length),
      facilityAt: new Map(city.facilities.map((f, i) => [f.node, i])),
      ids,
      synthetic: replay === null,
      sched,
      stopped: null,
      ensure: (t: number) => advance(c, t),
    };
    return c;
  };

  const startScheduler = async (run: PreparedRun): Promise<RunScheduler | null> => {
    if (!opts.spawnScheduler) return null;
    try {
      return await startRunScheduler(run, opts.spawnScheduler, (why) => console.warn(`charging scheduler: ${why}`));
    } catch (e) {
      console.warn(`charging scheduler: its worker did not start (${e instanceof Error ? e.message : String(e)}); scheduling in the simulation worker`);
      return null;
    }
  };

  const start = async (src: string, scenario: Scenario, city: City, overrides: RunOverrides, fileSet = files): Promise<Current> => {
    const run = prepareRun(scenario, { ...overrides, strategyFiles: new Map([...fileSet].map(([k, f]) => [k, f.strategy])) }, city);
    const sched = await startScheduler(run);
    try {
      const replay = new Replay(run.world, run.seed, run.createDispatcher(sched?.scheduler));
      return source(src, scenario, city, run, replay.timeline, replay.kpis, replay, [...replay.sim.state.fleet.ids], sched);
    } catch (e) {
      sched?.close();
      throw e;
    }
  };

  /** Make `next` the current run, stopping the previous run's scheduler worker. */
  const replace = (next: Current) => {
    if (cur && cur !== next) cur.sched?.close();
    cur = next;
  };

  const info = (c: Current): ScenarioInfo => ({
    source: c.source,
    name: c.scenario.name,
    description: c.scenario.description,
    seed: c.run.seed,
    strategy: fileOf(c.run.strategy)?.label ?? c.run.strategy.name,
    strategies: [
      ...STRATEGIES.map((s) => ({ name: s.name, description: s.description })),
      ...[...files.values()].map((f) => ({ name: f.label, description: f.strategy.description, label: `${f.strategy.name} (${f.label})`, file: true })),
    ],
    charging: c.run.charging.name,
    chargingPolicies: CHARGING_POLICIES.map((p) => ({ name: p.name, description: p.description })),
    dayStartS: c.synthetic ? c.timeline.startS : c.world.params.dayStartS,
    dayEndS: c.synthetic ? c.timeline.endS : c.world.params.dayEndS,
    fleetSize: c.timeline.vanCount,
    parcels: c.world.parcels.count,
    vanIds: c.ids,
    runId: c.runId,
    facilities: c.city.facilities.length,
    synthetic: c.synthetic,
    scheduler: c.sched ? c.sched.scheduler.where : c.run.charging.name === 'scheduled' && !c.synthetic ? 'in-thread' : null,
  });

  const failure = (e: unknown, src = ''): LoadResult => {
    if (e instanceof ScenarioError) return { ok: false, problems: e.message.split('\n') };
    if (e instanceof CityResourceError) return { ok: false, problems: [`${src}: ${e.message}`] };
    if (e instanceof RunOptionError || e instanceof StrategyError || e instanceof PlanRefusedError) return { ok: false, problems: [e.message] };
    return { ok: false, problems: [`could not build the scenario: ${e instanceof Error ? e.message : String(e)}`] };
  };

  const loaded = (next: Current): LoadResult => {
    replace(next);
    schedule();
    const scene = buildSceneData(next.city);
    return transfer({ ok: true, info: info(next), scene } as LoadResult, sceneTransferables(scene));
  };

  const need = (): Current => {
    if (!cur) throw new Error('no scenario loaded');
    return cur;
  };

  return {
    /**
     * Validate and build a scenario, fetching the map files a real city names (relative to the
     * scenario, resolved against `baseUrl`, the page's address); on failure the current run keeps going.
     */
    async load(text: string, src: string, overrides: RunOverrides = {}, baseUrl?: string, onProgress?: CityProgress): Promise<LoadResult> {
      let next: Current;
      try {
        const scenario = parseScenario(text, src);
        next = await start(src, scenario, await loadCity(scenario, src, baseUrl, onProgress), overrides);
      } catch (e) {
        return failure(e, src);
      }
      return loaded(next);
    },

    /**
     * An OpenStreetMap extract dropped on the app: import it (progress by phase), size a scenario to
     * the city, and run it. A file that is not a usable extract leaves the current run going.
     */
    async loadExtract(bytes: Uint8Array, name: string, onProgress?: CityProgress): Promise<LoadResult & { scenarioText?: string }> {
      let next: Current;
      let scenarioText: string;
      try {
        detectFormat(bytes, name);
        const { contents } = await cachedImport(bytes, name, DEFAULT_OSM_IMPORT, onProgress);
        const scenario = scenarioForExtract(name, contents);
        scenarioText = JSON.stringify({ ...scenarioJson(scenario), city: { kind: 'osm', extract: name } }, null, 2);
        next = await start(name, scenario, cityFromContents(scenario, contents), {});
      } catch (e) {
        if (e instanceof OsmImportError) return { ok: false, problems: [e.message] };
        return failure(e, name);
      }
      return { ...loaded(next), scenarioText } as LoadResult & { scenarioText?: string };
    },

    /**
     * A rendering benchmark scene: a procedural city of the given size with `vans` made-up vans
     * driving random routes for two hours from 10:00 (the dispatcher cannot run thousands yet).
     */
    loadBench(vans: number, widthM = 8000, heightM = 6000): LoadResult {
      try {
        const scenario = parseScenario(benchScenarioText(widthM, heightM), 'bench');
        const city = buildCity(scenario);
        const run = prepareRun(scenario, {}, city);
        const tl = syntheticTimeline(city.graph, vans, 10 * 3600, 2 * 3600, new Rng(5));
        const ids = Array.from({ length: vans }, (_, v) => `S${String(v + 1).padStart(4, '0')}`);
        return loaded(source(`bench:${vans}`, scenario, city, run, tl, null, null, ids));
      } catch (e) {
        return failure(e);
      }
    },

    /**
     * A strategy file opened in the app: compile and load its text here, then start the loaded
     * scenario again (same city, same seed and charging policy unless `overrides` say otherwise)
     * with it. A file that does not load, or a strategy that fails as the run is set up, leaves
     * the current run going; one that fails later stops its run there (RunStopped on the frame port).
     */
    async loadStrategy(text: string, name: string, overrides: Omit<RunOverrides, 'strategy' | 'strategyFiles'> = {}): Promise<LoadResult> {
      const c = cur;
      if (!c || c.synthetic) return { ok: false, problems: [`${name}: open a scenario first; a strategy file runs in the scenario on screen`] };
      const label = strategyFileLabel(name);
      let next: Current;
      try {
        const strategy = await loadStrategySource(text, name);
        const trial = new Map(files).set(label, { label, strategy, text });
        next = await start(c.source, c.scenario, c.city, { seed: overrides.seed ?? c.run.seed, charging: overrides.charging ?? c.run.charging.name, strategy: label }, trial);
        files = trial;
      } catch (e) {
        return failure(e);
      }
      replace(next);
      schedule();
      return { ok: true, info: info(next), scene: undefined as unknown as SceneData };
    },

    /** How the current run stopped part-way, if it did. */
    stopped(): RunStopped | null {
      return cur?.stopped ?? null;
    },

    /** Start the loaded scenario again (same city), optionally with another seed, strategy or charging policy. */
    async restart(overrides: RunOverrides = {}): Promise<LoadResult> {
      if (!cur) return { ok: false, problems: ['no scenario loaded'] };
      if (cur.synthetic) return { ok: true, info: info(cur), scene: undefined as unknown as SceneData };
      try {
        replace(await start(cur.source, cur.scenario, cur.city, overrides));
      } catch (e) {
        return failure(e);
      }
      schedule();
      return { ok: true, info: info(cur), scene: undefined as unknown as SceneData };
    },

    /** Serve frames on this port: each message is a frame buffer (frameLayout), filled and sent straight back. */
    connect(port: MessagePort): void {
      framePort = port;
      port.onmessage = (e: MessageEvent<ArrayBuffer>) => {
        const buf = e.data;
        if (cur) fillFrame(cur, buf, scratch);
        else new Float64Array(buf, 0, H.stale + 1)[H.stale] = 1;
        port.postMessage(buf, [buf]);
      };
    },

    /** Sample the fleet at t (seconds after midnight) into the given buffer. */
    step(t: number, vans: Float32Array): Frame {
      const c = need();
      c.ensure(t);
      const tl = c.timeline;
      const at = Math.min(Math.max(t, tl.startS), tl.lastS);
      const buf = vans.length === tl.vanCount * 4 ? vans : new Float32Array(tl.vanCount * 4);
      sampleVansAt(tl, c.graph, at, buf, null, null, newPose());
      const row = c.kpis ? c.kpis.rowAt(at) : -1;
      const kpis = kpisFromRow(row >= 0 && c.kpis ? rowOf(c.kpis, row) : new Float64Array(KPI_KEYS.length + ROW_KPIS), ROW_KPIS);
      return transfer({ t: at, finished: tl.finished && at >= tl.endS, kpis, vans: buf }, [buf.buffer as ArrayBuffer]);
    },

    /** How far the run is recorded, and when it ends (NaN until known). */
    progress(): { horizonS: number; endS: number } {
      const tl = need().timeline;
      return { horizonS: tl.lastS, endS: tl.endS };
    },

    vanDetail(v: number, t: number): VanDetail {
      const c = need();
      c.ensure(t);
      const d = vanDetail(c.timeline, c.world, c.ids, v, Math.min(t, c.timeline.lastS));
      return transfer(d, [d.route.buffer as ArrayBuffer]);
    },

    facilityDetail(f: number, t: number): FacilityDetail {
      const c = need();
      c.ensure(t);
      return facilityDetail(c.timeline, c.city, c.kpis, c.ids, f, Math.min(t, c.timeline.lastS));
    },

    /**
     * A charger site at t: the vans plugged in (state of charge, kW) and queued, peak, energy and
     * cost so far, and its draw up to t with its limit and tariff for the chart (typed arrays,
     * transferred). Null for a site without ports or a synthetic fleet.
     */
    chargerDetail(f: number, t: number): ChargerDetail | null {
      const c = need();
      const fac = c.city.facilities[f];
      if (!c.replay || !fac || fac.chargerPorts <= 0) return null;
      c.ensure(t);
      const d = chargerDetail(c.timeline, c.replay.charging, fac, f, c.world.params.charging.tariffs[f], c.world.batteryWh, c.ids, Math.min(t, c.timeline.lastS));
      return transfer(d, chargerDetailTransferables(d));
    },

    /** The KPI samples recorded so far (for the chart over the day). */
    series(): Series {
      const c = need();
      const k = c.kpis;
      const rows = k ? k.snapshot() : new Float64Array(0);
      return transfer(
        {
          startS: c.timeline.startS,
          stepS: k?.stepS ?? 60,
          rowLength: k?.rowLength ?? 1,
          count: k?.count ?? 0,
          rows,
          kpiKeys: [...KPI_KEYS],
          kpiOffset: ROW_KPIS,
          statusOffset: ROW_STATUS,
          finished: c.timeline.finished,
          dayEndS: c.synthetic ? c.timeline.endS : c.world.params.dayEndS,
        },
        [rows.buffer],
      );
    },

    /** Every recorded hand-over as [x, y, t - day start, outcome (0 on time, 1 late, 2 failed)], for the late-deliveries overlay. */
    handovers(): { marks: Float32Array; count: number; startS: number; horizonS: number } {
      const c = need();
      const h = c.timeline.allHandovers;
      const doors = c.city.doors;
      const n = h.length / 4;
      const marks = new Float32Array(n * 4);
      for (let i = 0; i < n; i++) {
        const d = h[4 * i + 1];
        marks[4 * i] = doors.x[d];
        marks[4 * i + 1] = doors.y[d];
        marks[4 * i + 2] = h[4 * i] - c.timeline.startS;
        marks[4 * i + 3] = h[4 * i + 2];
      }
      return transfer({ marks, count: n, startS: c.timeline.startS, horizonS: c.timeline.lastS }, [marks.buffer]);
    },

    /** The day's demand per cell, for the heatmap. */
    demand(): DemandGrid {
      const c = need();
      const g = demandGrid(c.city, c.world.parcels);
      return transfer(g, [g.values.buffer as ArrayBuffer]);
    },

    /** What to say in the demo's caption bar at t (about van `focus`, if it has a story). */
    caption(t: number, focus: number): Caption | null {
      const c = need();
      return captionAt(c.timeline, c.ids, Math.min(t, c.timeline.lastS), focus);
    },

    /**
     * The dispatcher's latest station optimisations up to t (strategies that plan stations, such as
     * vrp), newest last: what the optimiser covered and its best cost by iteration.
     */
    plans(t: number, limit = 3): PlanRecord[] {
      const c = need();
      if (!c.replay) return [];
      c.ensure(t);
      const log = c.replay.sim.state.planLog;
      let hi = log.length;
      while (hi > 0 && log[hi - 1].t > t) hi--;
      return log.slice(Math.max(0, hi - limit), hi);
    },

    /** The report of the run so far (complete once finished). */
    report(): RunReport {
      const c = need();
      if (!c.replay) throw new Error('a synthetic benchmark fleet has no report');
      return buildReport(c.replay.sim, c.scenario.name, 0);
    },

    /** Run the loaded scenario to the end of the day and report (wallSeconds is 0: deterministic bytes); a run that stops part-way throws its problem. */
    runToEnd(): RunReport {
      const c = need();
      if (!c.replay) throw new Error('a synthetic benchmark fleet has no report');
      advance(c, Infinity);
      if (c.stopped) throw new Error(c.stopped.problems.join('\n'));
      return buildReport(c.replay.sim, c.scenario.name, 0);
    },
  };
}

/** The scenario as a user would write it (the validated values, clock times back as "HH:MM"). */
function scenarioJson(sc: Scenario): Record<string, unknown> {
  const hm = (t: number) => `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}`;
  return {
    ...sc,
    day: { start: hm(sc.day.start), end: hm(sc.day.end) },
    demand: { ...sc.demand, waves: sc.demand.waves.map((w) => ({ at: hm(w.at), share: w.share })) },
  };
}

function rowOf(k: KpiSeries, row: number): Float64Array {
  const out = new Float64Array(k.rowLength);
  k.copyRow(row, out, 0);
  return out;
}

export type SimApi = ReturnType<typeof createSimApi>;
