/**
 * The simulation service behind the sim worker: load a scenario (validated; a bad one leaves the
 * current run untouched), step the clock and sample the fleet, report. Plain functions over core,
 * so the same object is exposed by the browser worker and by a Node worker_thread in tests.
 */
import { transfer } from 'comlink';
import { parseScenario, ScenarioError } from '../src/core/scenario/loadScenario.ts';
import { buildCity, prepareRun, RunOptionError, type PreparedRun, type RunOverrides } from '../src/core/scenario/buildRun.ts';
import type { Scenario } from '../src/core/scenario/scenarioSchema.ts';
import type { City } from '../src/core/city/City.ts';
import { STRATEGIES } from '../src/core/dispatch/strategies.ts';
import { Simulation } from '../src/core/sim/Simulation.ts';
import { computeKpis, type Kpis } from '../src/core/sim/kpi.ts';
import { buildReport, type RunReport } from '../src/core/sim/report.ts';
import { sampleVans, VAN_STRIDE } from '../src/core/sim/snapshot.ts';
import { buildRoadMesh } from '../src/ui/geometry/roadMesh.ts';
import { buildBuildingMesh } from '../src/ui/geometry/buildingMesh.ts';
import { meshTransferables, type MeshArrays } from '../src/ui/geometry/MeshArrays.ts';

export interface FacilityInfo {
  readonly id: string;
  readonly kind: 'warehouse' | 'station';
  readonly x: number;
  readonly y: number;
  readonly chargerPorts: number;
  readonly chargerKW: number;
}

export interface SceneData {
  readonly roads: MeshArrays;
  readonly buildings: MeshArrays;
  readonly facilities: FacilityInfo[];
  readonly bbox: { minX: number; minY: number; maxX: number; maxY: number };
  readonly attribution?: string;
  readonly buildingCount: number;
}

export interface ScenarioInfo {
  readonly source: string;
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly strategy: string;
  readonly strategies: { name: string; description: string }[];
  readonly dayStartS: number;
  readonly dayEndS: number;
  readonly fleetSize: number;
  readonly parcels: number;
  readonly vanIds: string[];
}

export type LoadResult = { ok: true; info: ScenarioInfo; scene: SceneData } | { ok: false; problems: string[] };

export interface Frame {
  readonly t: number;
  readonly finished: boolean;
  readonly kpis: Kpis;
  /** VAN_STRIDE floats per van (x, y, heading, status); the caller's buffer, handed back. */
  readonly vans: Float32Array;
}

interface Current {
  readonly source: string;
  readonly scenario: Scenario;
  readonly city: City;
  readonly run: PreparedRun;
  readonly sim: Simulation;
}

export function createSimApi() {
  let cur: Current | null = null;

  const start = (source: string, scenario: Scenario, city: City, overrides: RunOverrides): Current => {
    const run = prepareRun(scenario, overrides, city);
    return { source, scenario, city, run, sim: new Simulation(run.world, { seed: run.seed, strategy: run.strategy }) };
  };

  const info = (c: Current): ScenarioInfo => ({
    source: c.source,
    name: c.scenario.name,
    description: c.scenario.description,
    seed: c.run.seed,
    strategy: c.run.strategy.name,
    strategies: STRATEGIES.map((s) => ({ name: s.name, description: s.description })),
    dayStartS: c.run.world.params.dayStartS,
    dayEndS: c.run.world.params.dayEndS,
    fleetSize: c.sim.fleet.size,
    parcels: c.run.world.parcels.count,
    vanIds: [...c.sim.fleet.ids],
  });

  const failure = (e: unknown): LoadResult => {
    if (e instanceof ScenarioError) return { ok: false, problems: e.message.split('\n') };
    if (e instanceof RunOptionError) return { ok: false, problems: [e.message] };
    return { ok: false, problems: [`could not build the scenario: ${e instanceof Error ? e.message : String(e)}`] };
  };

  return {
    /** Validate and build a scenario; on failure the current run keeps going. */
    load(text: string, source: string, overrides: RunOverrides = {}): LoadResult {
      let next: Current;
      try {
        const scenario = parseScenario(text, source);
        next = start(source, scenario, buildCity(scenario), overrides);
      } catch (e) {
        return failure(e);
      }
      cur = next;
      const scene: SceneData = {
        roads: buildRoadMesh(next.city.graph),
        buildings: buildBuildingMesh(next.city.buildings),
        facilities: next.city.facilities.map((f) => ({ id: f.id, kind: f.kind, x: f.x, y: f.y, chargerPorts: f.chargerPorts, chargerKW: f.chargerKW })),
        bbox: next.city.bbox,
        attribution: next.city.attribution,
        buildingCount: next.city.buildings.count,
      };
      const result: LoadResult = { ok: true, info: info(next), scene };
      return transfer(result, [...meshTransferables(scene.roads), ...meshTransferables(scene.buildings)]);
    },

    /** Start the loaded scenario again (same city), optionally with another seed or strategy. */
    restart(overrides: RunOverrides = {}): LoadResult {
      if (!cur) return { ok: false, problems: ['no scenario loaded'] };
      try {
        cur = start(cur.source, cur.scenario, cur.city, overrides);
      } catch (e) {
        return failure(e);
      }
      return { ok: true, info: info(cur), scene: undefined as unknown as SceneData };
    },

    /** Advance the clock to t (seconds after midnight) and sample the fleet into the given buffer. */
    step(t: number, vans: Float32Array): Frame {
      if (!cur) throw new Error('no scenario loaded');
      const sim = cur.sim;
      const need = sim.fleet.size * VAN_STRIDE;
      const buf = vans.length === need ? vans : new Float32Array(need);
      sim.runUntil(t);
      sampleVans(sim, sim.now, buf);
      const frame: Frame = { t: sim.now, finished: sim.finished, kpis: computeKpis(sim, sim.finished), vans: buf };
      return transfer(frame, [buf.buffer as ArrayBuffer]);
    },

    /** The report of the run so far (complete once finished). */
    report(): RunReport {
      if (!cur) throw new Error('no scenario loaded');
      return buildReport(cur.sim, cur.scenario.name, 0);
    },

    /** Run the loaded scenario to the end of the day and report (wallSeconds is 0: deterministic bytes). */
    runToEnd(): RunReport {
      if (!cur) throw new Error('no scenario loaded');
      cur.sim.runToEnd();
      return buildReport(cur.sim, cur.scenario.name, 0);
    },
  };
}

export type SimApi = ReturnType<typeof createSimApi>;
