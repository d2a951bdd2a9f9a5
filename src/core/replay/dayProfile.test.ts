import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import { buildReport } from '../sim/report.ts';
import { Simulation } from '../sim/Simulation.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { averageProfiles, dayProfile, onTimeShare } from './dayProfile.ts';
import { Outcome, Timeline } from './Timeline.ts';
import { TimelineRecorder } from './TimelineRecorder.ts';

const H = 3600;

describe('dayProfile', () => {
  it('counts hand-overs by hour and time-weights working and charging vans (hand-checked)', () => {
    const tl = new Timeline(2, 8 * H, [0, 0], [1000, 1000]);
    // Van 0 works 08:30–10:00, then charges until 10:30; van 1 works 09:00–09:15 and idles after.
    tl.addStatus(0, 8.5 * H, VanStatus.Loading, 0, 0, 0, 0, 0);
    tl.addStatus(0, 8.75 * H, VanStatus.Delivering, 0, 0, 0, 0, 0);
    tl.addStatus(0, 10 * H, VanStatus.Charging, 0, 0, 0, 0, 0);
    tl.addStatus(0, 10.5 * H, VanStatus.Idle, 0, 0, 0, 0, 0);
    tl.addStatus(1, 9 * H, VanStatus.Delivering, 0, 0, 0, 0, 0);
    tl.addStatus(1, 9.25 * H, VanStatus.Idle, 0, 0, 0, 0, 0);
    tl.addHandover(0, 9.1 * H, 5, Outcome.OnTime, 3);
    tl.addHandover(0, 9.2 * H, 6, Outcome.Late, 1);
    tl.addHandover(1, 9.2 * H, 7, Outcome.Failed, 2);
    tl.addHandover(0, 8.9 * H, 8, Outcome.OnTime, 1);
    const p = dayProfile(tl, 8.2 * H, 11 * H);
    expect(p.startS).toBe(8 * H);
    expect(p.delivered).toEqual([1, 4, 0]);
    expect(p.onTime).toEqual([1, 3, 0]);
    expect(p.failedAttempts).toEqual([0, 2, 0]);
    expect(p.busyVans.map((x) => Math.round(x * 1000) / 1000)).toEqual([0.5, 1.25, 0]);
    expect(p.chargingVans).toEqual([0, 0, 0.5]);
    expect(onTimeShare(p)).toEqual([1, 0.75, NaN]);
  });

  it('averages seeds hour by hour, aligned on the clock', () => {
    const a = { startS: 8 * H, bucketS: H, delivered: [2, 4], onTime: [2, 2], failedAttempts: [0, 0], busyVans: [1, 1], chargingVans: [0, 0] };
    const b = { startS: 9 * H, bucketS: H, delivered: [6, 2], onTime: [6, 2], failedAttempts: [2, 0], busyVans: [3, 1], chargingVans: [0, 1] };
    const m = averageProfiles([a, b])!;
    expect(m.startS).toBe(8 * H);
    expect(m.delivered).toEqual([1, 5, 1]);
    expect(m.onTime).toEqual([1, 4, 1]);
    expect(m.busyVans).toEqual([0.5, 2, 0.5]);
    expect(averageProfiles([])).toBeNull();
  });

  it('adds up to the run report on a whole day', () => {
    const sc = loadScenarioFile('scenarios/small.json');
    const run = prepareRun(sc, { seed: 2 });
    const rec = new TimelineRecorder();
    const sim = new Simulation(run.world, { seed: run.seed, dispatcher: run.createDispatcher(), observer: rec });
    rec.bind(sim.state);
    sim.runToEnd();
    rec.sync();
    const tl = rec.timeline!;
    const report = buildReport(sim, sc.name, 0);
    const p = dayProfile(tl, run.world.params.dayStartS, tl.endS);
    const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
    expect(sum(p.delivered)).toBe(report.kpis.delivered);
    expect(sum(p.onTime) / sum(p.delivered)).toBeCloseTo(report.kpis.onTimeRate, 9);
    expect(Math.max(...p.busyVans)).toBeLessThanOrEqual(sc.fleet.size + 1e-9);
    expect(sum(p.busyVans)).toBeGreaterThan(0);
  });
});
