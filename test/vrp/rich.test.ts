/**
 * The dispatcher's kind of problem: a station (depot) and a warehouse, vans with different
 * availability, two capacity dimensions (kg, litres), time windows, an energy budget per trip,
 * multi-trip reloads, and warehouse → station transfers as pickup-and-delivery pairs.
 * Solutions are checked by forward simulation (makeSolution) plus explicit invariants.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/util/rng.ts';
import { createProblem, ProblemError } from '../../src/core/vrp/createProblem.ts';
import type { ClientSpec, ProblemSpec } from '../../src/core/vrp/createProblem.ts';
import { solve } from '../../src/core/vrp/solve.ts';
import { maxIterations } from '../../src/core/vrp/stop.ts';

/** Metres and seconds on a grid around the station at (0, 0); vans at 10 m/s. */
function cityProblem(seed: number, parcels: number, extra: Partial<ProblemSpec> = {}, vans = 3): ProblemSpec {
  const rng = new Rng(seed);
  const pts: [number, number][] = [[0, 0], [6000, 1000]];
  const clients: ClientSpec[] = [];
  for (let i = 0; i < parcels; i++) {
    pts.push([rng.int(8000) - 4000, rng.int(8000) - 4000]);
    const open = 8 * 3600 + rng.int(6) * 3600;
    clients.push({ delivery: [5 + rng.int(40), 20 + rng.int(200)], service: 60, twEarly: open, twLate: open + 2 * 3600 });
  }
  const n = pts.length;
  const distance: number[] = [];
  const duration: number[] = [];
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const d = Math.round(1.3 * Math.hypot(pts[a][0] - pts[b][0], pts[a][1] - pts[b][1]));
      distance.push(d);
      duration.push(Math.round(d / 10));
    }
  return {
    numDepots: 2, distance, duration, numDims: 2, coords: pts.flat(), clients,
    depots: [{ twEarly: 7 * 3600, twLate: 20 * 3600 }, { twEarly: 6 * 3600, twLate: 22 * 3600 }],
    vehicleTypes: Array.from({ length: vans }, (_, k) => ({
      count: 1, capacity: [1000, 24000], startDepot: 0, twEarly: 7 * 3600 + k * 1800, twLate: 19 * 3600,
      energyCapacity: 40_000, energyPerDistance: 0.2, maxTrips: 3, reloadDuration: 900, fixedCost: 1000, durationCost: 0.25,
      name: `van${k}`,
    })),
    ...extra,
  };
}

describe('rich constraints (dispatcher-style problems)', () => {
  it('multi-trip vans with different availability, two capacities, time windows and range', () => {
    const p = createProblem(cityProblem(3, 80, {}, 3));
    const res = solve(p, { stop: maxIterations(40), seed: 2, params: { mu: 10, lambda: 15, initialFactor: 2 } });
    const sol = res.best;
    expect(res.feasible).toBe(true);
    expect(sol.unassigned.length).toBe(0);
    const seen = new Set<number>();
    for (const r of sol.routes) {
      // Departure no earlier than the van's availability; every trip within 200 km of range.
      expect(r.departure).toBeGreaterThanOrEqual(p.vehicles.twEarly[r.vehicleType]);
      expect(r.excessRange).toBe(0);
      for (const l of r.visits) if (l >= p.numDepots) seen.add(l);
    }
    expect(seen.size).toBe(80);
  });

  it('uses reloads when one trip cannot carry the load', () => {
    const spec = cityProblem(5, 40, {}, 1);
    const clients = spec.clients.map((c) => ({ ...c, twEarly: 0, twLate: 24 * 3600 }));
    const total = clients.reduce((a, c) => a + (c.delivery as number[])[0], 0);
    const cap = Math.ceil(total / 3) + 40;
    const p = createProblem({ ...spec, clients, vehicleTypes: [{ ...spec.vehicleTypes[0], capacity: [cap, 24000], maxTrips: 4, twLate: 23 * 3600 }] });
    const res = solve(p, { stop: maxIterations(40), seed: 1 });
    expect(res.feasible).toBe(true);
    expect(res.best.routes[0].trips).toBeGreaterThanOrEqual(3);
  });

  it('keeps pickup-and-delivery pairs on one van, pickup first', () => {
    const spec = cityProblem(7, 30, {}, 2);
    const clients = spec.clients.map((c) => ({ ...c }));
    // Three transfers: picked at the warehouse-side client, delivered to another client.
    const pairs = [{ pickup: 2, delivery: 3 }, { pickup: 4, delivery: 5 }, { pickup: 6, delivery: 7 }];
    for (const pr of pairs) {
      clients[pr.pickup - 2] = { ...clients[pr.pickup - 2], delivery: [0, 0], pickup: [50, 500] };
      clients[pr.delivery - 2] = { ...clients[pr.delivery - 2], delivery: [0, 0], pickup: [0, 0], twEarly: 0, twLate: 24 * 3600 };
    }
    const p = createProblem({ ...spec, clients, pairs, vehicleTypes: spec.vehicleTypes.map((t) => ({ ...t, maxTrips: 1 })) });
    const res = solve(p, { stop: maxIterations(40), seed: 3 });
    expect(res.feasible).toBe(true);
    for (const pr of pairs) {
      const r = res.best.routes.find((x) => x.visits.includes(pr.pickup))!;
      const at = Array.from(r.visits);
      expect(at.indexOf(pr.delivery)).toBeGreaterThan(at.indexOf(pr.pickup));
    }
  });

  it('validates the boundary with the offending path', () => {
    const spec = cityProblem(1, 3);
    expect(() => createProblem({ ...spec, vehicleTypes: [{ count: 1, capacity: [1000] }] })).toThrow(
      new ProblemError('vehicleTypes[0].capacity: expected 2 non-negative integers, got [1000]'),
    );
    expect(() => createProblem({ ...spec, distance: [1, 2, 3] })).toThrow('distance: expected 25 entries (5 x 5)');
    const clients = spec.clients.map((c, i) => (i === 1 ? { ...c, twEarly: 50, twLate: 10 } : c));
    expect(() => createProblem({ ...spec, clients })).toThrow('clients[1].twLate: expected >= twEarly (50), got 10');
  });

  it('is deterministic for a seed', () => {
    const p = createProblem(cityProblem(9, 40));
    const quick = { mu: 8, lambda: 10, initialFactor: 2 };
    const a = solve(p, { stop: maxIterations(20), seed: 4, params: quick }).best;
    const b = solve(p, { stop: maxIterations(20), seed: 4, params: quick }).best;
    expect(b.routes.map((r) => Array.from(r.visits))).toEqual(a.routes.map((r) => Array.from(r.visits)));
  });
});
