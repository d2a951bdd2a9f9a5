import { describe, expect, it } from 'vitest';
import { resultFileName } from './resultFile.ts';
import type { RunIdentity } from './resultFile.ts';

const x: RunIdentity = { set: 'x', objective: 'distance', defaultObjective: 'distance', timeLimitSeconds: 60, seed: 1, instances: 52, setInstances: 52 };

describe('VRP bench result file names', () => {
  it('carry the set, a non-default objective, the recharge variant and the time limit', () => {
    expect(resultFileName(x)).toBe('vrp-x-60s.json');
    expect(resultFileName({ ...x, set: 'solomon', objective: 'hierarchical', timeLimitSeconds: 30, instances: 42, setInstances: 42 })).toBe('vrp-solomon-hierarchical-30s.json');
    expect(resultFileName({ ...x, set: 'evrptw', objective: 'hierarchical', defaultObjective: 'hierarchical', recharge: 'partial', timeLimitSeconds: 30 })).toBe('vrp-evrptw-partial-30s.json');
    expect(resultFileName({ ...x, set: 'evrptw', objective: 'hierarchical', defaultObjective: 'hierarchical', recharge: 'full', timeLimitSeconds: 5 })).toBe('vrp-evrptw-5s.json');
  });

  it('never let a shorter, partial or other-seed run replace the file a table quotes', () => {
    const quoted = resultFileName(x);
    const others = [
      resultFileName({ ...x, timeLimitSeconds: 20 }),
      resultFileName({ ...x, instances: 6 }),
      resultFileName({ ...x, timeLimitSeconds: 20, instances: 6 }),
      resultFileName({ ...x, seed: 2 }),
    ];
    expect(others).toEqual(['vrp-x-20s.json', 'vrp-x-60s-exploratory.json', 'vrp-x-20s-exploratory.json', 'vrp-x-60s-seed2.json']);
    expect(others).not.toContain(quoted);
  });
});
