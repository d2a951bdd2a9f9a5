import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomProblem, randomRoutes } from '../../../test/vrp/randomProblem.ts';
import type { Features } from '../../../test/vrp/randomProblem.ts';
import { initialPenalties } from './hgs/Hgs.ts';
import { evaluateRoute, makeSolution } from './Solution.ts';
import { SearchState } from './search/SearchState.ts';
import { createProblem } from './createProblem.ts';

const features: Features[] = [
  {}, { tw: true }, { tw: true, dims: 2, pickups: true, depots: 2, types: 2, maxDistance: true, costs: true },
  { tw: true, multiTrip: true, range: true, dims: 2 }, { tw: true, stations: 3, types: 2 }, { tw: true, pairs: true },
];

describe('segment algebra vs forward simulation', () => {
  it('route data of the search state match evaluateRoute on random rich routes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: features.length - 1 }), (seed, fi) => {
        const p = randomProblem(seed, features[fi], 10);
        const s = new SearchState(p);
        s.load(randomRoutes(p, seed + 7), initialPenalties(p));
        const routes = s.exportRoutes();
        for (let r = 0; r < s.numRoutes; r++) {
          if (routes[r].length === 0) continue;
          const e = evaluateRoute(p, s.rType[r], routes[r]);
          s.ev.beginRoute(s.rType[r]);
          for (const l of routes[r]) s.ev.addVisit(l, l < p.numDepots ? 1 : l >= p.numDepots + p.numClients ? 2 : 0);
          s.ev.finish();
          expect(s.rDist[r]).toBe(e.distance);
          expect(s.ev.resTimeWarp).toBe(e.timeWarp);
          expect(s.ev.resLoadExcess).toBe(e.excessLoad);
          expect(s.ev.resRangeExcess).toBe(e.excessRange);
          expect(s.ev.resDistExcess).toBe(e.excessDistance);
          if (e.timeWarp === 0 && p.flags.timeWindows) expect(s.ev.resDur).toBe(e.duration);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('Solution', () => {
  it('reports schedule, trips, feasibility and unassigned clients', () => {
    // Depot 0, client 1 at 10 and client 2 at 20 on a line; client 2 opens at 25.
    const d = [0, 10, 20, 10, 0, 10, 20, 10, 0];
    const p = createProblem({
      numDepots: 1, distance: d,
      clients: [{ delivery: 3, service: 2 }, { delivery: 4, service: 1, twEarly: 25, twLate: 50 }],
      vehicleTypes: [{ count: 2, capacity: 5, maxTrips: 2, reloadDuration: 5 }],
    });
    const sol = makeSolution(p, [{ type: 0, visits: Int32Array.from([1, 0, 2]) }]);
    expect(sol.feasible).toBe(true);
    const r = sol.routes[0];
    expect(r.trips).toBe(2);
    expect(r.distance).toBe(60);
    // Leaves at 0: client 1 at 10 (service 2), depot at 22, reload until 27, client 2 at 47.
    expect(Array.from(r.serviceStart)).toEqual([10, 22, 47]);
    expect(r.arrivalAtEnd).toBe(68);
    const partial = makeSolution(p, [{ type: 0, visits: Int32Array.from([1, 2]) }]);
    expect(partial.excessLoad).toBe(2);
    expect(partial.feasible).toBe(false);
    expect(Array.from(makeSolution(p, [{ type: 0, visits: Int32Array.from([2]) }]).unassigned)).toEqual([1]);
  });
});
