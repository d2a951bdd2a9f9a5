import { describe, expect, it } from 'vitest';
import { loadScenarioFile, runScenario } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import { checkState } from './checkState.ts';
import { Simulation } from './Simulation.ts';
import { ParcelState } from './ParcelState.ts';
import { buildReport } from './report.ts';
import { validateRun } from './validateRun.ts';

const small = loadScenarioFile('scenarios/small.json');

describe('checkState', () => {
  it('holds at the end of a run, and part-way through one', () => {
    const { sim } = runScenario(small, { seed: 3 });
    expect(checkState(sim.state)).toEqual([]);
    const run = prepareRun(small, { seed: 4 });
    const mid = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher() });
    for (const h of [7, 9, 11, 14]) {
      mid.runUntil(h * 3600);
      expect(mid.state.finished).toBe(false);
      expect(checkState(mid.state)).toEqual([]);
    }
  });

  it('finds a parcel in two places, a lost one, a wrong state, an overloaded van and time going backwards', () => {
    const { sim } = runScenario({ ...small, fleet: { ...small.fleet, size: 1 }, demand: { ...small.demand, parcels: 1500 } });
    const s = sim.state;
    const P = s.world.parcels;
    const k = s.backlog.findIndex((l) => l.length > 2);
    expect(k).toBeGreaterThanOrEqual(0);
    const [a, b, c] = s.backlog[k];
    s.stock[1].push(a); // a: in the backlog and a station's stock
    s.backlog[k].splice(s.backlog[k].indexOf(b), 1); // b: nowhere, still "at the warehouse"
    s.parcelState[c] = ParcelState.Delivered; // c: delivered, yet in the backlog
    s.fleet.cargo[0].push(...Array.from({ length: P.count }, (_, i) => i).filter((p) => s.parcelState[p] === ParcelState.Delivered).slice(0, 5));
    s.timeReversals = 2;
    const errors = checkState(s);
    expect(errors).toContain(`parcel ${P.id[a]} is in two places: the warehouse backlog for ${s.world.city.facilities[k].id} and the stock of ${s.world.city.facilities[1].id}`);
    expect(errors).toContain(`parcel ${P.id[b]} is at the warehouse but in no backlog, stock, cargo or plan: lost`);
    expect(errors).toContain(`parcel ${P.id[c]} is in the warehouse backlog but delivered`);
    expect(errors.some((e) => /is aboard van V\d+ but delivered$/.test(e))).toBe(true);
    expect(errors).toContain('time went backwards 2 time(s) in the event loop');
    // Overload: every waiting parcel on the one van.
    const all = Array.from({ length: P.count }, (_, i) => i);
    s.fleet.cargo[0] = all;
    expect(checkState(s).some((e) => /^van V\d+ carries [\d.]+ kg, over its payload of 1000 kg$/.test(e))).toBe(true);
  });
});

describe('the run report accounts for every parcel', () => {
  it('gives a failed parcel its reason and a pending one its place', () => {
    const { sim, run } = runScenario({ ...small, fleet: { ...small.fleet, size: 1 }, demand: { ...small.demand, parcels: 1500 } });
    const r = buildReport(sim, 'tiny', 0);
    expect(validateRun(r, run.world.params)).toEqual([]);
    const failed = r.parcels.filter((p) => p.status === 'failed');
    const pending = r.parcels.filter((p) => p.status === 'pending');
    expect(failed.length).toBeGreaterThan(0);
    expect(pending.length).toBeGreaterThan(0);
    for (const p of failed) expect(['attempts-exhausted', 'day-ended']).toContain(p.reason);
    // Returned to the sender: no place; still out: where it is.
    for (const p of failed) expect(p.place === undefined).toBe(p.reason === 'attempts-exhausted');
    for (const p of pending) {
      expect(['warehouse', 'station', 'van', 'not-released']).toContain(p.place);
      expect(p.reason).toBeUndefined();
    }
    const ids = new Set(sim.state.world.city.facilities.map((f) => f.id));
    for (const p of [...pending, ...failed]) if (p.place === 'warehouse' || p.place === 'station') expect(ids.has(p.at!)).toBe(true);
    // validateRun names a failed parcel without a reason.
    const broken = { ...r, parcels: r.parcels.map((p) => (p.status === 'failed' ? { ...p, reason: undefined } : p)) };
    expect(validateRun(broken, run.world.params)).toContain(`parcel ${failed[0].id} failed without a reason`);
  });
});
