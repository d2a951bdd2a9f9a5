/**
 * Station-aware route minimisation (Nagata & Bräysy 2009 ejections with charging-station
 * insertion, src/core/vrp/routemin/stationEjection.ts) on a Schneider et al. (2014) instance:
 * the fleet found within a fixed work budget, the solution checked by the independent checker.
 * (Partial recharge goes through the same minimiser in recharge.test.ts's small instances.)
 */
import { describe, expect, it } from 'vitest';
import { readInstance } from '../../src/core/vrp/io/readInstance.ts';
import { toSolutionFile } from '../../src/core/vrp/io/solutionFile.ts';
import { routeMinApplicable } from '../../src/core/vrp/routemin/minimiseRoutes.ts';
import { solveInstance } from '../../src/core/vrp/solveInstance.ts';
import { maxIterations } from '../../src/core/vrp/stop.ts';
import { checkSolution } from './checkSolution.ts';
import { instanceText } from './fixtures.ts';

const QUICK = { mu: 10, lambda: 15, initialFactor: 2 };

function run(recharge: 'full' | 'partial', work: number) {
  const text = instanceText('evrptw/large', 'r101_21.txt');
  const inst = readInstance(text, 'r101_21.txt', { recharge });
  expect(routeMinApplicable(inst.problem)).toBe(true);
  const res = solveInstance(inst, { stop: maxIterations(1), seed: 1, params: QUICK, routeMinStop: maxIterations(work) });
  const sol = toSolutionFile(inst, res.best, 0);
  expect(checkSolution(text, 'evrptw', sol).errors, recharge).toEqual([]);
  return sol;
}

describe('route minimisation with charging stations', () => {
  it('r101_21, full recharge: ejections with station insertion reach 19 routes (best known 18)', () => {
    // The former drop-a-route-and-repair scheme ended at 24 routes within 10 s.
    expect(run('full', 150).vehicles).toBeLessThanOrEqual(19);
  }, 60000);
});
