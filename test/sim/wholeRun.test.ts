import { describe, expect, it } from 'vitest';
import { validateRun } from '../../src/core/sim/validateRun.ts';
import { checkState } from '../../src/core/sim/checkState.ts';
import { loadScenarioFile, runScenario } from './runHelpers.ts';

const small = loadScenarioFile('scenarios/small.json');
const dflt = loadScenarioFile('scenarios/default.json');

describe('whole-run invariants', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    for (const strategy of ['insertion', 'nearest']) {
      it(`small town, seed ${seed}, ${strategy}: conservation and physical limits hold`, () => {
        const { report, run, sim } = runScenario(small, { seed, strategy });
        expect(validateRun(report, run.world.params)).toEqual([]);
        expect(checkState(sim.state)).toEqual([]);
        expect(report.kpis.delivered).toBeGreaterThan(0.8 * report.kpis.parcels);
      });
    }
  }

  it('the default district delivers most parcels within the day, within every limit', () => {
    const { report, run, sim } = runScenario(dflt);
    expect(validateRun(report, run.world.params)).toEqual([]);
    expect(checkState(sim.state)).toEqual([]);
    const k = report.kpis;
    expect(k.parcels).toBe(2000);
    expect(report.vans).toHaveLength(30);
    expect(k.delivered / k.parcels).toBeGreaterThan(0.95);
    expect(k.onTimeRate).toBeGreaterThan(0.9);
    expect(k.maxSpeedKmh).toBeLessThanOrEqual(60);
    expect(k.maxVanLoadKg).toBeLessThanOrEqual(1000);
    expect(k.maxVanVolumeM3).toBeLessThanOrEqual(24);
    expect(k.minBatteryKWh).toBeGreaterThanOrEqual(0);
    expect(k.energyKWh).toBeGreaterThan(0);
    expect(sim.finished).toBe(true);
  });

  it('a fleet too small for the day leaves parcels pending, still conserving them', () => {
    const { report, run, sim } = runScenario({ ...small, fleet: { ...small.fleet, size: 1 }, demand: { ...small.demand, parcels: 1500 } });
    expect(validateRun(report, run.world.params)).toEqual([]);
    expect(checkState(sim.state)).toEqual([]);
    expect(report.kpis.pending).toBeGreaterThan(0);
  });

  it('a tight battery forces charging without ever going below zero', () => {
    const van = { ...small.fleet.van, rangeKm: 25 };
    const { report, run, sim } = runScenario({ ...small, fleet: { ...small.fleet, van } });
    expect(validateRun(report, run.world.params)).toEqual([]);
    expect(checkState(sim.state)).toEqual([]);
    expect(report.kpis.chargedKWh).toBeGreaterThan(0);
    expect(report.kpis.minBatteryKWh).toBeGreaterThanOrEqual(0);
  });
});

describe('determinism', () => {
  it('same scenario and seed give a byte-identical report', () => {
    const a = JSON.stringify(runScenario(small, { seed: 9 }).report);
    const b = JSON.stringify(runScenario(small, { seed: 9 }).report);
    expect(a).toBe(b);
    const c = JSON.stringify(runScenario(small, { seed: 10 }).report);
    expect(c).not.toBe(a);
  });
});
