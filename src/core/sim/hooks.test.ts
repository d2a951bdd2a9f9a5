import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import { FleetDispatcher } from '../dispatch/FleetDispatcher.ts';
import { insertionStrategy } from '../dispatch/insertion.ts';
import { chargingPolicyByName } from '../dispatch/chargingPolicies.ts';
import type { DispatchStrategy, StrategyHooks } from '../dispatch/DispatchStrategy.ts';
import { tourPlan, makeStops } from '../dispatch/tour.ts';
import type { Assignment } from './Decision.ts';
import { ParcelState } from './ParcelState.ts';
import { buildReport } from './report.ts';
import { Simulation } from './Simulation.ts';
import type { SimView } from './SimView.ts';

const sc = loadScenarioFile('scenarios/small.json');

/** Run small.json with insertion tours plus the given hooks. */
function runWith(hooks: () => StrategyHooks, replanMinutes = 10) {
  const strategy: DispatchStrategy = { ...insertionStrategy, name: 'hooked', createHooks: hooks };
  const run = prepareRun(sc);
  const dispatcher = new FleetDispatcher(strategy, chargingPolicyByName('threshold')!, undefined, { world: run.world, seed: run.seed, replanEveryS: replanMinutes * 60 });
  const sim = new Simulation(run.world, { seed: run.seed, dispatcher });
  sim.runToEnd();
  return sim;
}

/** A busy van out on a tour from a station, and that station (or null). */
function vanOnTour(view: SimView): { v: number; k: number } | null {
  for (let v = 0; v < view.fleet.size; v++) {
    const rest = view.fleet.remainingPlan(v);
    const last = rest[rest.length - 1];
    if (rest.length > 2 && last?.kind === 'unload' && view.world.city.facilities[last.facility].kind === 'station' && !rest.some((s) => s.kind === 'load')) return { v, k: last.facility };
  }
  return null;
}

describe('strategy hooks', () => {
  it('are called for orders, idle vans, line-hauls, ports, low batteries and the periodic re-plan', () => {
    const calls = { orders: 0, idle: 0, linehaul: 0, port: 0, low: 0, replan: 0 };
    const sim = runWith(() => ({
      orderArrived: (_v, parcels) => void (calls.orders += parcels.length),
      vanIdle: () => (calls.idle++, null),
      linehaulArrived: (view, k, parcels) => {
        expect(view.world.city.facilities[k].kind).toBe('station');
        expect(parcels.every((p) => view.parcelState[p] === ParcelState.AtStation)).toBe(true);
        calls.linehaul++;
      },
      portFreed: () => void calls.port++,
      lowEnergy: (view, v) => {
        expect(view.fleet.socWh[v]).toBeLessThan(view.world.params.chargeBelowSoc * view.world.batteryWh);
        calls.low++;
      },
      replan: () => void calls.replan++,
    }), 30);
    const P = sim.world.parcels;
    expect(calls.orders).toBe(P.count);
    expect(calls.idle).toBeGreaterThan(0);
    expect(calls.linehaul).toBeGreaterThan(0);
    expect(calls.port).toBeGreaterThan(0);
    const { dayStartS, dayEndS } = sim.world.params;
    expect(calls.replan).toBe(Math.floor((dayEndS - dayStartS) / 1800));
    expect(sim.state.decisions.replans).toBe(calls.replan);
    // Hooks that return nothing change nothing: the run equals plain insertion.
    const plain = runScenario(sc).report;
    expect(buildReport(sim, sc.name, 0).kpis).toEqual(plain.kpis);
  });

  it('a tail for a busy van reserves its parcels, starts after the frozen prefix, and is released at the next re-plan', () => {
    let booked: { v: number; parcels: number[] } | null = null;
    let released = false;
    let started = false;
    const sim = runWith(() => ({
      replan(view): Assignment[] {
        if (booked && !released) {
          // The engine released the tail before this call: its parcels wait in stock again (or it has started).
          const back = booked.parcels.every((p) => view.parcelState[p] === ParcelState.AtStation);
          const onVan = booked.parcels.every((p) => view.parcelState[p] !== ParcelState.AtStation && view.parcelState[p] !== ParcelState.Assigned);
          expect(back || onVan).toBe(true);
          released = back;
          started = onVan;
          return [];
        }
        if (booked) return [];
        const t = vanOnTour(view);
        if (!t || view.stock[t.k].length === 0) return [];
        const stops = makeStops(view.world, view.stock[t.k].slice(0, 1), view.now);
        booked = { v: t.v, parcels: stops[0].parcels };
        return [{ van: t.v, decision: { kind: 'tour', plan: tourPlan(t.k, view.world.city.facilities[t.k].node, stops), reason: 'test tail' } }];
      },
    }), 5);
    expect(booked).not.toBeNull();
    expect(released || started).toBe(true);
    expect(sim.state.tails.every((t) => t === null)).toBe(true);
  });

  it('the engine refuses a tail that does not start where the frozen prefix ends, naming the strategy and the rule', () => {
    expect(() =>
      runWith(() => ({
        replan(view): Assignment[] {
          const t = vanOnTour(view);
          if (!t) return [];
          // Loading at the warehouse, but the van's current tour ends at a station.
          const p = view.backlog.flat()[0];
          if (p === undefined) return [];
          return [{ van: t.v, decision: { kind: 'line-haul', plan: [{ kind: 'load', facility: 0, parcels: [p] }], reason: 'test' } }];
        },
      })),
    ).toThrow(/^dispatcher "hooked": replan: line-haul plan for busy van V\d+ at t=\d+ s refused \(it follows the frozen prefix, \d+ steps\): step 1 \(load\): the van is not at facility warehouse then$/);
  });

  it('refuses hook results that are not plans for vans of the fleet', () => {
    expect(() => runWith(() => ({ replan: () => [{ van: 999, decision: { kind: 'tour', plan: [], reason: '' } }] }))).toThrow(/replan: van 999 is not a van of the fleet/);
    expect(() => runWith(() => ({ replan: () => 'soon' as unknown as Assignment[] }))).toThrow(/replan returned string, expected an array/);
    // vanIdle answers for one van: a decision or null, not a list of assignments.
    expect(() => runWith(() => ({ vanIdle: () => [] as unknown as null }))).toThrow(/^dispatcher "hooked": vanIdle for van V\d+ at t=\d+ s returned an array, expected a decision \{ kind, plan, reason \} or null$/);
    expect(() =>
      runWith(() => ({
        orderArrived(view): Assignment[] {
          const idle = Array.from({ length: view.fleet.size }, (_, v) => v).find((v) => view.fleet.isIdle(v) && view.fleet.facility[v] === 0);
          const p = view.backlog.flat()[0];
          if (idle === undefined || p === undefined) return [];
          return [{ van: idle, decision: { kind: 'line-haul', plan: [{ kind: 'load', facility: 0, parcels: [p, p] }], reason: 'test' } }];
        },
      })),
    ).toThrow(/^dispatcher "hooked": orderArrived: line-haul plan for van V\d+ at t=\d+ s refused: step 1 \(load\): parcel P\d+ is loaded twice$/);
  });
});

describe('the rolling strategy', () => {
  it('re-plans every period, moves stops between vans, keeps every parcel accounted for, and is deterministic', () => {
    const a = runScenario(sc, { strategy: 'rolling' });
    const b = runScenario(sc, { strategy: 'rolling' });
    expect(JSON.stringify(a.report)).toBe(JSON.stringify(b.report));
    const { dayStartS, dayEndS } = a.sim.world.params;
    expect(a.report.decisions.replans).toBe(Math.floor((dayEndS - dayStartS) / 600));
    const k = a.report.kpis;
    expect(k.delivered + k.failed + k.pending).toBe(k.parcels);
    expect(k.pending).toBe(0);
    expect(a.sim.state.planLog.length).toBeGreaterThan(0);
    expect(a.report.decisions.churn).toBeGreaterThanOrEqual(0);
    expect(a.sim.state.parcelState.every((s) => s !== ParcelState.Assigned)).toBe(true);
  });
});
