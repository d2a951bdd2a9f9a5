/**
 * Partial recharge (Keskin & Çatay 2016), non-linear charging (Montoya et al. 2017) and charger
 * ports across routes, checked by hand-computed values, the independent checker and by comparing
 * the search's evaluator with the Solution's forward simulation.
 */
import { describe, expect, it } from 'vitest';
import { createProblem } from '../../src/core/vrp/createProblem.ts';
import { chargeTime } from '../../src/core/vrp/ProblemData.ts';
import { evaluateRoute } from '../../src/core/vrp/Solution.ts';
import { evalRoute } from '../../src/core/vrp/hgs/Individual.ts';
import { schedulePorts } from '../../src/core/vrp/hgs/chargerPorts.ts';
import { readInstance } from '../../src/core/vrp/io/readInstance.ts';
import { toSolutionFile } from '../../src/core/vrp/io/solutionFile.ts';
import { Penalties } from '../../src/core/vrp/search/Penalties.ts';
import { SearchState } from '../../src/core/vrp/search/SearchState.ts';
import { solve } from '../../src/core/vrp/solve.ts';
import { solveInstance } from '../../src/core/vrp/solveInstance.ts';
import { maxIterations } from '../../src/core/vrp/stop.ts';
import { chargeTimeS } from '../../src/core/charging/chargeCurve.ts';
import { checkSolution } from './checkSolution.ts';
import { instanceText } from './fixtures.ts';

const QUICK = { mu: 10, lambda: 15, initialFactor: 2 };

/**
 * Locations: depot 0, clients 1 and 2 (demand 1 each, capacity 1: one route each), station 3 half
 * way to either client. Range 30: depot → S (10) → client (10) → depot (20) needs a charge of 10
 * at S (partial), 20 time units at 2 per unit of energy.
 */
function tiny(ports: number[] | undefined, recharge: 'full' | 'partial' = 'partial') {
  const d = [
    [0, 20, 20, 10],
    [20, 0, 20, 10],
    [20, 20, 0, 10],
    [10, 10, 10, 0],
  ].flat();
  return createProblem({
    numDepots: 1, numStations: 1, distance: d, clients: [{ delivery: 1 }, { delivery: 1 }],
    depots: [{ twEarly: 0, twLate: 1000 }],
    vehicleTypes: [{ count: 2, capacity: 1, energyCapacity: 30, energyPerDistance: 1, chargeTimePerEnergy: 2, recharge }],
    stationPorts: ports,
  });
}

describe('partial recharge', () => {
  it('charges only what the leg to the depot needs (hand-computed)', () => {
    const p = tiny(undefined);
    const r = evaluateRoute(p, 0, Int32Array.from([3, 1]));
    expect(Array.from(r.charges)).toEqual([10]);
    expect(Array.from(r.serviceStart)).toEqual([10, 40]);
    expect(r.arrivalAtEnd).toBe(60);
    const full = evaluateRoute(tiny(undefined, 'full'), 0, Int32Array.from([3, 1]));
    expect(Array.from(full.charges)).toEqual([10]);
    expect(full.arrivalAtEnd).toBe(60);
  });

  it('the search evaluator agrees with the forward simulation on random routes', () => {
    const inst = readInstance(instanceText('evrptw/large', 'r101_21.txt'), 'r101_21.txt', { recharge: 'partial' });
    const p = inst.problem;
    const s = new SearchState(p);
    const pen = new Penalties(1);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let trial = 0; trial < 200; trial++) {
      const route: number[] = [];
      for (let i = 2 + Math.floor(rnd() * 10); i > 0; i--)
        route.push(rnd() < 0.3 ? 1 + p.numClients + Math.floor(rnd() * p.numStations) : 1 + Math.floor(rnd() * p.numClients));
      const r = Int32Array.from(route.filter((l, i) => l > p.numClients || route.indexOf(l) === i));
      s.load([r], pen);
      const er = evaluateRoute(p, 0, r);
      const expected = er.distance + pen.time * er.timeWarp + pen.distance * er.excessRange;
      expect(s.rCost[0]).toBe(expected);
      expect(evalRoute(s, 0, r)).toBe(expected);
      // Every prefix ⊕ suffix split re-evaluates to the same cost.
      for (let node = s.next[s.startOf(0)]; node !== s.endOf(0); node = s.next[node])
        expect(s.ev.beginPrefix(node).addSuffix(s.next[node]).finish()).toBe(expected);
    }
  });

  it('E-VRPTW small instances under partial recharge: checked, and never worse than full recharge', () => {
    for (const f of ['c103C15.txt', 'r102C10.txt', 'rc108C10.txt']) {
      const text = instanceText('evrptw/small', f);
      const out = (['full', 'partial'] as const).map((recharge) => {
        const inst = readInstance(text, f, { recharge });
        const res = solveInstance(inst, { stop: maxIterations(60), seed: 1, params: QUICK, routeMinStop: maxIterations(200) });
        const sol = toSolutionFile(inst, res.best, 0);
        expect(checkSolution(text, 'evrptw', sol).errors, `${f} ${recharge}`).toEqual([]);
        return sol;
      });
      expect(out[1].recharge).toBe('partial');
      expect(out[1].charges!.length).toBe(out[1].routes.length);
      expect(out[1].vehicles, f).toBeLessThanOrEqual(out[0].vehicles);
    }
  });

  it('the checker rejects a charge beyond the battery and a missing charge', () => {
    const text = instanceText('evrptw/small', 'c103C15.txt');
    const inst = readInstance(text, 'c103C15.txt', { recharge: 'partial' });
    const res = solveInstance(inst, { stop: maxIterations(30), seed: 1, params: QUICK, routeMinStop: maxIterations(100) });
    const sol = toSolutionFile(inst, res.best, 0);
    const ri = sol.charges!.findIndex((c) => c.length > 0);
    expect(ri).toBeGreaterThanOrEqual(0);
    const over = sol.charges!.map((c, i) => (i === ri ? c.map((x) => x + 1000) : c));
    expect(checkSolution(text, 'evrptw', { ...sol, charges: over }).ok).toBe(false);
    const missing = sol.charges!.map((c, i) => (i === ri ? c.slice(1) : c));
    expect(checkSolution(text, 'evrptw', { ...sol, charges: missing }).ok).toBe(false);
  });
});

describe('non-linear charging function', () => {
  it('a piecewise-linear fit of the simulator curve (flat to 80 %, tapering) charges slower near full', () => {
    const capWh = 36800;
    const kW = 60;
    const points = [0, 0.8, 0.85, 0.9, 0.95, 1].map((f) => ({ energy: f * capWh, time: Math.round(chargeTimeS(0, f * capWh, capWh, kW)) }));
    const p = createProblem({
      numDepots: 1, numStations: 1, distance: [0, 1, 1, 1, 0, 1, 1, 1, 0], clients: [{}],
      vehicleTypes: [{ count: 1, capacity: 1, energyCapacity: capWh, energyPerDistance: 1, chargeCurve: points, recharge: 'partial' }],
    });
    const v = p.vehicles;
    // 10 % of the battery below the knee: 3680 Wh at 60 kW = 220.8 s; the top 10 % takes much longer.
    expect(chargeTime(v, 0, 0, 3680)).toBe(221);
    expect(chargeTime(v, 0, capWh - 3680, capWh)).toBeGreaterThan(2 * 221);
    expect(() =>
      createProblem({
        numDepots: 1, numStations: 1, distance: [0, 1, 1, 1, 0, 1, 1, 1, 0], clients: [{}],
        vehicleTypes: [{ count: 1, capacity: 1, energyCapacity: 10, energyPerDistance: 1, chargeCurve: [{ energy: 0, time: 0 }, { energy: 5, time: 10 }, { energy: 10, time: 12 }] }],
      }),
    ).toThrow(/concave/);
  });
});

describe('charger ports across routes', () => {
  it('the repair staggers two charges at a single-port station (hand-checked)', () => {
    const p = tiny([1]);
    const ps = schedulePorts(p, [{ type: 0, visits: Int32Array.from([3, 1]) }, { type: 0, visits: Int32Array.from([3, 2]) }]);
    // Both arrive at S at 10 and charge 20: the second waits until 30.
    expect(ps.overlap).toBe(0);
    expect(ps.routes.map((r) => r.serviceStart[0])).toEqual([10, 30]);
    expect(ps.timeWarp).toBe(0);
  });

  it('the solver never has more vehicles charging at once than the station has ports', () => {
    for (const ports of [[1], [2]]) {
      const p = tiny(ports);
      const res = solve(p, { stop: maxIterations(50), seed: 3, params: QUICK });
      expect(res.feasible).toBe(true);
      // Charging intervals at S: service start and 2 time units per unit of energy charged.
      const intervals: [number, number][] = [];
      for (const r of res.best.routes) {
        let k = 0;
        r.visits.forEach((l, i) => l === 3 && intervals.push([r.serviceStart[i], r.serviceStart[i] + 2 * r.charges[k++]]));
      }
      expect(intervals.filter(([a, b]) => b > a).length).toBeGreaterThanOrEqual(2);
      for (const [a, b] of intervals) {
        const concurrent = intervals.filter(([c, d]) => c < b && a < d).length;
        expect(concurrent).toBeLessThanOrEqual(ports[0]);
      }
    }
  });

  it('a tight depot deadline makes the single-port instance infeasible (one route must wait 20)', () => {
    const p = createProblem({
      numDepots: 1, numStations: 1,
      distance: [[0, 20, 20, 10], [20, 0, 20, 10], [20, 20, 0, 10], [10, 10, 10, 0]].flat(),
      clients: [{ delivery: 1, twLate: 30 }, { delivery: 1, twLate: 30 }],
      depots: [{ twEarly: 0, twLate: 1000 }],
      vehicleTypes: [{ count: 2, capacity: 1, energyCapacity: 30, energyPerDistance: 1, chargeTimePerEnergy: 2, recharge: 'partial' }],
      stationPorts: [1],
    });
    const ps = schedulePorts(p, [{ type: 0, visits: Int32Array.from([3, 1]) }, { type: 0, visits: Int32Array.from([3, 2]) }]);
    expect(ps.timeWarp).toBeGreaterThan(0);
  });
});
