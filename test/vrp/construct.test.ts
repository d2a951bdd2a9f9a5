import { describe, expect, it } from 'vitest';
import { readInstance } from '../../src/core/vrp/io/readInstance.ts';
import { toSolutionFile } from '../../src/core/vrp/io/solutionFile.ts';
import { makeSolution } from '../../src/core/vrp/Solution.ts';
import { solveInstance } from '../../src/core/vrp/solveInstance.ts';
import { maxIterations } from '../../src/core/vrp/stop.ts';
import { checkSolution } from './checkSolution.ts';
import { instanceText } from './fixtures.ts';
import { constructions, sequentialInsertion } from '../../src/core/vrp/construct/insertion.ts';

describe('sequential insertion construction (Solomon I1)', () => {
  for (const name of ['R101', 'RC101', 'C101', 'R201']) {
    it(`gives feasible solutions on ${name}, checked independently`, () => {
      const text = instanceText('solomon', `${name}.txt`);
      const inst = readInstance(text, name, { objective: 'distance' });
      const all = constructions(inst.problem);
      expect(all.length).toBeGreaterThan(0);
      for (const routes of all) {
        const sol = makeSolution(inst.problem, routes.map((visits) => ({ type: 0, visits })));
        const check = checkSolution(text, 'solomon', toSolutionFile(inst, sol, 0));
        expect(check.errors).toEqual([]);
      }
    });
  }

  it('returns null when the fleet is too small to route every client', () => {
    const text = instanceText('solomon', 'R101.txt').replace(/(NUMBER\s+CAPACITY\s+)25/, '$110');
    const inst = readInstance(text, 'R101', { objective: 'distance' });
    expect(sequentialInsertion(inst.problem, { lambda: 1, seedRule: 'farthest' })).toBeNull();
  });

  it('makes the first step of a tightly windowed run feasible (anytime answer)', () => {
    const text = instanceText('solomon', 'R101.txt');
    const inst = readInstance(text, 'R101', { objective: 'distance' });
    const res = solveInstance(inst, { stop: maxIterations(0), seed: 3 });
    expect(res.feasible).toBe(true);
  });
});
