import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import type { Decision, Dispatcher } from './Decision.ts';
import type { Plan } from './Plan.ts';
import { PlanRefusedError, Simulation } from './Simulation.ts';
import type { SimView } from './SimView.ts';
import { VanStatus } from './VanStatus.ts';
import { nearestCharger, tripEnergyWh } from './World.ts';
import { validatePlan } from './validatePlan.ts';
import { ParcelState } from './ParcelState.ts';

const run = prepareRun(loadScenarioFile('scenarios/small.json'));
const { world } = run;
const wh = world.city.facilities[0];
const station = world.city.facilities.findIndex((f) => f.kind === 'station');

/** A dispatcher that gives van 0 one plan, built from the view, once; the rest stay idle. */
function once(make: (view: SimView) => Plan): Dispatcher {
  let done = false;
  return {
    name: 'test-plugin',
    decide(view, v): Decision | null {
      if (done || v !== 0 || view.backlog.every((b) => b.length === 0)) return null;
      done = true;
      return { kind: 'line-haul', plan: make(view), reason: 'test' };
    },
  };
}

function refusal(make: (view: SimView) => Plan, w = world): string {
  const sim = new Simulation(w, { seed: 1, dispatcher: once(make) });
  try {
    sim.runUntil(world.params.dayEndS);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanRefusedError);
    return (e as Error).message;
  }
  throw new Error('the plan was accepted');
}

const waiting = (view: SimView) => view.backlog.flat();

describe('the engine validates every plan a dispatcher returns', () => {
  it('accepts a good line-haul and reserves its parcels', () => {
    let taken: number[] = [];
    const d = once((view) => {
      taken = waiting(view).slice(0, 3);
      const to = world.stationOfParcel[taken[0]];
      taken = taken.filter((p) => world.stationOfParcel[p] === to);
      return [{ kind: 'load', facility: 0, parcels: taken }, { kind: 'drive', to: world.city.facilities[to].node, status: VanStatus.LineHaul }, { kind: 'unload', facility: to }];
    });
    const sim = new Simulation(world, { seed: 1, dispatcher: d });
    sim.runUntil(world.params.dayStartS + 3600);
    expect(taken.length).toBeGreaterThan(0);
    expect(sim.state.backlog.flat().some((p) => taken.includes(p))).toBe(false);
    expect(sim.state.lastDecision[0].reason).toBe('test');
  });

  it('refuses parcels that are not waiting where they are loaded', () => {
    const msg = refusal((view) => [{ kind: 'load', facility: station, parcels: waiting(view).slice(0, 1) }]);
    expect(msg).toMatch(/dispatcher "test-plugin": line-haul plan for van V01 .* refused: step 1 \(load\): the van is not at facility/);
    expect(refusal((view) => [{ kind: 'drive', to: world.city.facilities[station].node, status: VanStatus.LineHaul }, { kind: 'load', facility: station, parcels: waiting(view).slice(0, 1) }])).toMatch(/step 2 \(load\): parcel .* is not waiting at/);
  });

  it('refuses a parcel loaded twice, an overload, and a hand-over of a parcel not aboard', () => {
    expect(refusal((view) => [{ kind: 'load', facility: 0, parcels: [waiting(view)[0], waiting(view)[0]] }])).toMatch(/is loaded twice/);
    const tiny = { ...world, params: { ...world.params, van: { ...world.params.van, payloadKg: 5 } } };
    expect(refusal((view) => [{ kind: 'load', facility: 0, parcels: waiting(view).slice(0, 20) }], tiny)).toMatch(/kg aboard exceeds the payload of 5 kg/);
    expect(
      refusal((view) => {
        const p = waiting(view)[0];
        const door = world.parcels.door[p];
        return [{ kind: 'drive', to: world.city.doors.node[door], status: VanStatus.Delivering }, { kind: 'handover', door, parcels: [p] }];
      }),
    ).toMatch(/step 2 \(handover\): parcel .* is not aboard/);
  });

  it('refuses a charge above the battery or where there is no charger', () => {
    expect(refusal(() => [{ kind: 'charge', facility: 0, targetWh: 2 * world.batteryWh, interruptible: false }])).toMatch(/exceeds the battery/);
    const noCharger = world.city.facilities.findIndex((f) => f.chargerPorts === 0);
    if (noCharger >= 0) {
      const f = world.city.facilities[noCharger];
      expect(refusal(() => [{ kind: 'drive', to: f.node, status: VanStatus.ToCharger }, { kind: 'charge', facility: noCharger, targetWh: 1, interruptible: false }])).toMatch(/has no charger/);
    }
    expect(wh.chargerPorts).toBeGreaterThan(0);
  });
});

describe('the battery and windows rules', () => {
  it('refuses a plan whose drives need more energy than the van has, and a hand-over that would wait hours for its window', () => {
    const g = world.city.graph;
    let far = 0;
    for (let n = 0; n < g.nodeCount; n++) if (Math.hypot(g.x(n) - wh.x, g.y(n) - wh.y) > Math.hypot(g.x(far) - wh.x, g.y(far) - wh.y)) far = n;
    const sim = new Simulation(world, { seed: 1, dispatcher: { name: 'idle', decide: () => null } });
    sim.state.fleet.socWh[0] = 300;
    const broken = validatePlan(sim.state, 0, { kind: 'reposition', plan: [{ kind: 'drive', to: far, status: VanStatus.Returning }, { kind: 'drive', to: wh.node, status: VanStatus.Returning }], reason: 'test' });
    expect(broken).toMatch(/^battery: the drives need about \d+\.\d kWh by the planning estimate, the van has 0\.3 kWh$/);
    sim.state.fleet.socWh[0] = world.batteryWh;
    // A parcel whose window opens late in the day, handed over at the start of it.
    const P = world.parcels;
    let late = -1;
    for (let p = 0; p < P.count; p++) if (P.windowStartS[p] - world.params.dayStartS > world.params.dispatch.maxTourHours * 3600 + 3600 && (late < 0 || P.windowStartS[p] > P.windowStartS[late])) late = p;
    expect(late).toBeGreaterThanOrEqual(0);
    sim.state.parcelState[late] = ParcelState.AtWarehouse;
    const door = P.door[late];
    const plan = [{ kind: 'load', facility: 0, parcels: [late] }, { kind: 'drive', to: world.city.doors.node[door], status: VanStatus.Delivering }, { kind: 'handover', door, parcels: [late] }] as const;
    expect(validatePlan(sim.state, 0, { kind: 'tour', plan: [...plan], reason: 'test' })).toMatch(/^step 3 \(handover\): windows: the van would wait \d+\.\d h at door/);
  });
});

describe('the engine never lets a plan strand a van', () => {
  it('sends a van that could not reach a charger after its next leg to charge instead, and counts the repair', () => {
    const g = world.city.graph;
    // The node farthest (by straight line) from the warehouse.
    let far = 0;
    for (let n = 0; n < g.nodeCount; n++) if (Math.hypot(g.x(n) - wh.x, g.y(n) - wh.y) > Math.hypot(g.x(far) - wh.x, g.y(far) - wh.y)) far = n;
    let asked = 0;
    const dispatcher: Dispatcher = {
      name: 'reckless',
      decide(view, v) {
        if (v !== 0 || asked++ > 0) return null;
        return { kind: 'reposition', plan: [{ kind: 'drive', to: far, status: VanStatus.Returning }], reason: 'test' };
      },
    };
    const sim = new Simulation(world, { seed: 1, dispatcher });
    // Just enough for the drive by the planning estimate (so the plan is accepted), not for the way on to a charger.
    const legWh = tripEnergyWh(world, world.costs.lengthMm(wh.node, far) / 1000, world.costs.timeMs(wh.node, far) / 1000, 0);
    expect(nearestCharger(world, far).energyWh).toBeGreaterThan(0.05 * legWh);
    sim.state.fleet.socWh[0] = 1.02 * legWh;
    sim.runUntil(world.params.dayStartS + 4 * 3600);
    expect(sim.state.energyRepairs).toBe(1);
    expect(sim.state.fleet.odometerM[0]).toBe(0); // it never left
    expect(sim.state.fleet.socWh[0]).toBeGreaterThan(0.5 * world.batteryWh); // it charged instead
    expect(sim.state.minSocWh).toBeGreaterThanOrEqual(0);
  });
});
