import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/core/scenario/loadScenario.ts';
import { checkState } from '../../src/core/sim/checkState.ts';
import { validateRun } from '../../src/core/sim/validateRun.ts';
import { runScenario } from './runHelpers.ts';

const small = JSON.parse(readFileSync('scenarios/small.json', 'utf8'));

/**
 * The safety invariant of issue 11: no van ever runs out of energy on the road, whatever the
 * battery, the weather, the chargers or the policy. Tight scenarios: small packs, cold days, few
 * ports behind small grid connections, low thresholds. The engine throws on an empty battery, so a
 * run that completes with strandedVans 0 and a non-negative minimum charge proves it for that run.
 */
describe('no van is ever stranded', () => {
  it('holds over random tight scenarios and seeds, for both charging policies', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 10_000 }),
          rangeKm: fc.integer({ min: 25, max: 90 }),
          ambientC: fc.integer({ min: -20, max: 38 }),
          ports: fc.integer({ min: 1, max: 2 }),
          limitKW: fc.integer({ min: 8, max: 80 }),
          below: fc.double({ min: 0.1, max: 0.35, noNaN: true }),
          policy: fc.constantFrom('threshold', 'scheduled'),
        }),
        (p) => {
          const sc = parseScenario(
            JSON.stringify({
              ...small,
              seed: p.seed,
              facilities: { ...small.facilities, warehouseChargers: { ports: p.ports, powerKW: 40, gridLimitKW: p.limitKW }, stationChargers: { ports: p.ports, powerKW: 40, gridLimitKW: p.limitKW } },
              fleet: { ...small.fleet, ambientC: p.ambientC, chargeBelowSoc: p.below, chargeToSoc: 0.9, reserveSoc: 0.05, van: { rangeKm: p.rangeKm } },
              charging: { policy: p.policy },
            }),
            'tight.json',
          );
          const { report, run, sim } = runScenario(sc);
          expect(checkState(sim.state)).toEqual([]);
          expect(report.kpis.strandedVans).toBe(0);
          expect(report.kpis.minBatteryKWh).toBeGreaterThanOrEqual(0);
          expect(report.kpis.peakShareOfLimit).toBeLessThanOrEqual(1 + 1e-9);
          expect(validateRun(report, run.world.params)).toEqual([]);
        },
      ),
      { numRuns: 24, seed: 11 },
    );
  });
});
