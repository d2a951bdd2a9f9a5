import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScenarioFile } from '../../../test/sim/runHelpers.ts';
import { prepareRun } from '../scenario/buildRun.ts';
import { STRATEGIES } from './strategies.ts';
import { evaluateRoute, makeStops, StopMatrix, type TourRequest } from './tour.ts';
import { tripEnergyWh } from '../sim/World.ts';

const run = prepareRun(loadScenarioFile('scenarios/small.json'));
const world = run.world;
const station = world.city.facilities[1];

function request(overrides: Partial<TourRequest> = {}): TourRequest {
  const t = 9 * 3600;
  return {
    startNode: station.node,
    endNode: station.node,
    startS: t,
    capacityKg: 1000,
    capacityM3: 24,
    energyBudgetWh: 30_000,
    maxStops: 40,
    maxEndS: t + 4 * 3600,
    ...overrides,
  };
}

describe.each(STRATEGIES.map((s) => [s.name, s] as const))('%s strategy', (_name, strategy) => {
  it('never exceeds payload, volume, energy budget, stop count or tour length, and keeps windows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(world.parcels.count - 1), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 5, max: 1000 }),
        fc.double({ min: 0.05, max: 24, noNaN: true }),
        fc.integer({ min: 500, max: 30_000 }),
        fc.integer({ min: 1, max: 40 }),
        (picked, kg, m3, wh, maxStops) => {
          const parcels = [...new Set(picked)];
          const req = request({ capacityKg: kg, capacityM3: m3, energyBudgetWh: wh, maxStops, startS: 6 * 3600 });
          const stops = makeStops(world, parcels, req.startS);
          const route = strategy.planTour(world, req, stops);
          expect(new Set(route).size).toBe(route.length);
          expect(route.length).toBeLessThanOrEqual(maxStops);
          const load = route.reduce((s, i) => s + stops[i].weightKg, 0);
          const vol = route.reduce((s, i) => s + stops[i].volumeM3, 0);
          expect(load).toBeLessThanOrEqual(kg + 1e-9);
          expect(vol).toBeLessThanOrEqual(m3 + 1e-9);
          const ev = evaluateRoute(world, req, stops, new StopMatrix(world, req, stops), route);
          if (route.length > 0) {
            expect(ev.feasible).toBe(true);
            expect(ev.energyWh).toBeLessThanOrEqual(wh);
            expect(ev.endS).toBeLessThanOrEqual(req.maxEndS);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('plans energy at the departure load, above the empty van\'s and below the fully loaded van\'s', () => {
    const parcels = Array.from({ length: 30 }, (_, i) => i);
    // Rolling holds work that is not urgent for its next re-plan: ask it once the first parcel is urgent.
    const urgentAt = Math.min(...parcels.map((p) => world.parcels.windowEndS[p])) - world.params.dispatch.urgentMinutes * 60 + 60;
    const req = strategy.name === 'rolling' ? request({ startS: urgentAt, maxEndS: urgentAt + 4 * 3600 }) : request();
    const stops = makeStops(world, parcels, req.startS);
    const route = strategy.planTour(world, req, stops);
    expect(route.length).toBeGreaterThan(0);
    const ev = evaluateRoute(world, req, stops, new StopMatrix(world, req, stops), route);
    const load = route.reduce((s, i) => s + stops[i].weightKg, 0);
    const drive = (kg: number) => {
      const mx = new StopMatrix(world, req, stops);
      let wh = 0;
      const legs = [0, ...route.map((i) => 2 + i), 1];
      for (let i = 1; i < legs.length; i++) wh += tripEnergyWh(world, mx.lengthM[legs[i - 1] * mx.size + legs[i]], mx.timeS[legs[i - 1] * mx.size + legs[i]], kg);
      return wh;
    };
    expect(load).toBeGreaterThan(0);
    expect(ev.energyWh).toBeGreaterThan(drive(load)); // plus the doors' standing time
    const worst = route.reduce((s, i) => s + world.params.handover.customerWaitS + world.params.handover.perParcelS * stops[i].parcels.length, 0);
    expect(ev.energyWh - drive(load)).toBeLessThanOrEqual(world.energy.dwellWh(ev.endS - req.startS + worst));
    expect(drive(load)).toBeGreaterThan(drive(0));
  });

  it('returns nothing when even one parcel does not fit', () => {
    const stops = makeStops(world, [0, 1, 2], 6 * 3600);
    expect(strategy.planTour(world, request({ capacityKg: 0.01 }), stops)).toEqual([]);
    expect(strategy.planTour(world, request({ energyBudgetWh: 1 }), stops)).toEqual([]);
  });
});

describe('rolling between re-plans', () => {
  const rolling = STRATEGIES.find((s) => s.name === 'rolling')!;
  const insertion = STRATEGIES.find((s) => s.name === 'insertion')!;
  it('holds work that is not urgent for the next re-plan, and sends urgent work at once as insertion would', () => {
    const P = world.parcels;
    const parcels = Array.from({ length: 20 }, (_, i) => i);
    const firstEnd = Math.min(...parcels.map((p) => P.windowEndS[p]));
    const urgentMs = world.params.dispatch.urgentMinutes * 60;
    const calm = request({ startS: firstEnd - urgentMs - 60, maxEndS: firstEnd - urgentMs - 60 + 4 * 3600 });
    expect(rolling.planTour(world, calm, makeStops(world, parcels, calm.startS))).toEqual([]);
    const pressed = request({ startS: firstEnd - urgentMs + 60, maxEndS: firstEnd - urgentMs + 60 + 4 * 3600 });
    const stops = makeStops(world, parcels, pressed.startS);
    const route = rolling.planTour(world, pressed, stops);
    expect(route.length).toBeGreaterThan(0);
    expect(route).toEqual(insertion.planTour(world, pressed, stops));
  });
});
