import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/loadScenario.ts';
import { prepareRun } from '../../src/core/scenario/buildRun.ts';
import { demandCutoffS } from '../../src/core/scenario/scenarioSchema.ts';
import { Simulation } from '../../src/core/sim/Simulation.ts';
import { ParcelState } from '../../src/core/sim/ParcelState.ts';

// The demand section's rules, and orders all day through a whole run.
const base = { name: 'x', city: { kind: 'procedural', widthM: 1800, heightM: 1200 }, facilities: { stations: 2 }, fleet: { size: 6 } };
const scenario = (demand: object, extra: object = {}) => parseScenario(JSON.stringify({ ...base, ...extra, demand }, null, 1), 'x.json');
const problems = (demand: object, extra: object = {}) => {
  try {
    scenario(demand, extra);
  } catch (e) {
    return (e as Error).message.split('\n').map((l) => l.replace(/^x\.json:\d+: /, ''));
  }
  return [];
};

describe('demand in the scenario', () => {
  it('keeps waves the default and reads arrivals with their defaults', () => {
    expect(scenario({ parcels: 10 }).demand.waves).toHaveLength(3);
    const sc = scenario({ parcels: 10, arrivals: {} });
    expect(sc.demand.arrivals).toMatchObject({ count: 'exact' });
    expect(sc.demand.arrivals!.profile).toHaveLength(24);
    // day.end 21:00 − 3 h window = 18:00 on the 30-min grid, − 1.5 h lead → 16:30.
    expect(demandCutoffS(sc)).toBe(16.5 * 3600);
  });

  it.each([
    ['waves and arrivals', { parcels: 5, waves: [{ at: '06:00', share: 1 }], arrivals: {} }, 'demand.arrivals: give one of waves, arrivals, orders; got waves and arrivals'],
    ['parcels with orders', { parcels: 5, orders: 'o.csv' }, "demand.parcels: leave out with demand.orders: the order file's rows are the parcels"],
    ['no parcels', { arrivals: {} }, 'demand.parcels: required field is missing'],
    ['a cut-off with waves', { parcels: 5, cutoff: '12:00' }, 'demand.cutoff: applies to demand.arrivals or demand.orders, not to waves'],
    ['a short profile', { parcels: 5, arrivals: { profile: [1, 2, 3] } }, 'demand.arrivals.profile: expected at least 24 items, got 3'],
    ['a long profile', { parcels: 5, arrivals: { profile: new Array(25).fill(1) } }, 'demand.arrivals.profile: expected 24 hourly rates (00:00–01:00 … 23:00–24:00), got 25'],
    ['a silent profile', { parcels: 5, arrivals: { profile: new Array(24).fill(0) } }, 'demand.arrivals.profile: expected at least one hour with orders'],
    ['a cut-off too late for the windows', { parcels: 5, arrivals: {}, cutoff: '19:00' }, 'demand.cutoff: expected at most 16:30 (day.end 21:00 − windowHours on the 30-minute slot grid − minLeadHours), so every promised window closes by day.end; got 19:00'],
    ['no orders before the cut-off', { parcels: 5, arrivals: { profile: [...new Array(20).fill(0), 1, 1, 1, 1] } }, 'demand.arrivals.profile: expected some orders before the cut-off 16:30'],
    ['an unknown count rule', { parcels: 5, arrivals: { count: 'some' } }, 'demand.arrivals.count: unknown count rule "some"; expected one of: exact, poisson'],
  ])('refuses %s', (_what, demand, message) => {
    expect(problems(demand)).toContain(message);
  });

  it('runs orders placed all day: released when ordered, windows from the order time, every parcel served', () => {
    const sc = scenario({ parcels: 300, arrivals: { profile: [...new Array(6).fill(0), ...new Array(12).fill(1), ...new Array(6).fill(0)] }, windowHours: 1.5, minLeadHours: 1, slotMinutes: 15 });
    const run = prepareRun(sc, { seed: 3 });
    const P = run.world.parcels;
    expect(P.count).toBe(300);
    const cutoff = demandCutoffS(sc);
    for (let i = 0; i < P.count; i++) {
      expect(P.releaseS[i]).toBeLessThan(cutoff);
      const opens = Math.ceil((Math.max(P.releaseS[i], sc.day.start) + 3600) / 900) * 900;
      expect(P.windowStartS[i]).toBe(opens);
      expect(P.windowEndS[i]).toBe(opens + 5400);
      expect(P.windowEndS[i]).toBeLessThanOrEqual(sc.day.end);
    }
    // Orders from 06:00 to the cut-off (18:00 in the profile, 18:30 by the windows): the afternoon gets its share.
    expect(Array.from(P.releaseS).filter((t) => t >= 14 * 3600).length).toBeGreaterThan(50);
    const again = prepareRun(sc, { seed: 3 }).world.parcels;
    expect(Array.from(again.releaseS)).toEqual(Array.from(P.releaseS));
    expect(Array.from(again.door)).toEqual(Array.from(P.door));
    const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
    sim.runToEnd();
    const st = sim.state.parcelState;
    const left = Array.from(st).filter((s) => s === ParcelState.Unreleased || s === ParcelState.AtWarehouse || s === ParcelState.AtStation).length;
    expect(left).toBe(0); // parcels released late in the day still got a line-haul and a tour
  });
});
