import { describe, expect, it } from 'vitest';
import { readInstance } from '../../src/core/vrp/io/readInstance.ts';
import type { Objective } from '../../src/core/vrp/io/Instance.ts';
import { toSolutionFile } from '../../src/core/vrp/io/solutionFile.ts';
import { solveInstance } from '../../src/core/vrp/solveInstance.ts';
import { maxIterations } from '../../src/core/vrp/stop.ts';
import { checkSolution } from './checkSolution.ts';
import { instanceText } from './fixtures.ts';

/** Small populations keep the suite fast; quality targets live in the benchmarks. */
const QUICK = { mu: 10, lambda: 15, initialFactor: 2 };

function run(set: string, file: string, iterations: number, objective?: Objective, seed = 1, routeMinWork = 200) {
  const text = instanceText(set, file);
  const inst = readInstance(text, file, { objective });
  const res = solveInstance(inst, { stop: maxIterations(iterations), seed, params: QUICK, routeMinStop: maxIterations(routeMinWork) });
  const sol = toSolutionFile(inst, res.best, 0);
  const check = checkSolution(text, inst.format, sol);
  return { res, sol, check };
}

describe('solver runs, checked independently', () => {
  it('Solomon C101, distance objective (DIMACS truncation): optimal 827.3', () => {
    const { res, sol, check } = run('solomon', 'C101.txt', 50);
    expect(check.errors).toEqual([]);
    expect(res.feasible).toBe(true);
    expect(sol.distance).toBe(827.3);
  });

  it('Solomon RC201, distance objective', () => {
    const { check, sol } = run('solomon', 'RC201.txt', 100);
    expect(check.errors).toEqual([]);
    expect(sol.distance).toBeLessThan(1261.8 * 1.05);
  });

  it('Solomon R101, hierarchical objective: 19 or 20 vehicles', () => {
    const { check, sol } = run('solomon', 'R101.txt', 30, 'hierarchical');
    expect(check.errors).toEqual([]);
    expect(sol.vehicles).toBeLessThanOrEqual(20);
  });

  it('CVRPLIB X-n101-k25 within 3 % of the optimum 27591', () => {
    const { check, sol } = run('x', 'X-n101-k25.vrp', 100);
    expect(check.errors).toEqual([]);
    expect(sol.distance).toBeLessThan(27591 * 1.03);
  });

  it('E-VRPTW small instances with station visits', () => {
    for (const f of ['c103C15.txt', 'r102C15.txt', 'rc108C10.txt']) {
      const { check, res } = run('evrptw/small', f, 50);
      expect(check.errors, f).toEqual([]);
      expect(res.feasible, f).toBe(true);
    }
  });

  it('E-VRPTW large instance c101_21 (stations on 100-customer routes)', () => {
    const { check, res, sol } = run('evrptw/large', 'c101_21.txt', 30, undefined, 1, 40);
    expect(check.errors).toEqual([]);
    expect(res.feasible).toBe(true);
    expect(sol.routes.flat().some((id) => id.startsWith('S'))).toBe(true);
  });

  it('is deterministic for a seed with an iteration-based stop', () => {
    const a = run('solomon', 'RC101.txt', 20, 'distance', 7).sol;
    const b = run('solomon', 'RC101.txt', 20, 'distance', 7).sol;
    expect(b.routes).toEqual(a.routes);
    expect(b.distance).toBe(a.distance);
  });
});
