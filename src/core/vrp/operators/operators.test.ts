import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomProblem, randomRoutes } from '../../../../test/vrp/randomProblem.ts';
import type { Features } from '../../../../test/vrp/randomProblem.ts';
import { Rng } from '../../util/rng.ts';
import { initialPenalties } from '../hgs/Hgs.ts';
import { SearchState } from '../search/SearchState.ts';
import { relocateApply, relocateDelta } from './relocate.ts';
import { swapApply, swapDelta } from './swap.ts';
import { twoOptApply, twoOptDelta } from './twoOpt.ts';
import { twoOptStarApply, twoOptStarDelta, twoOptStarReversedApply, twoOptStarReversedDelta } from './twoOptStar.ts';
import { SwapStar } from './swapStar.ts';
import { pairRelocateApply, pairRelocateDelta } from './pairRelocate.ts';

const featureSets: Record<string, Features> = {
  cvrp: {},
  cvrpCosts: { costs: true, types: 2 },
  cvrp2d: { dims: 2, types: 2, depots: 2 },
  vrptw: { tw: true },
  vrptwAsym: { tw: true, asymmetric: true },
  rich: { tw: true, dims: 2, pickups: true, depots: 2, types: 2, maxDistance: true, costs: true },
  pairs: { tw: true, pairs: true, types: 2 },
  multiTrip: { tw: true, multiTrip: true, range: true, dims: 2 },
  stations: { tw: true, stations: 3, types: 2 },
};

type Op = (s: SearchState, rng: Rng, u: number, v: number) => number | null;

/** Each op evaluates a random move without pruning and applies it when finite; returns the delta. */
const ops: Record<string, Op> = {
  relocate: (s, rng, u, v) => {
    const k = 1 + rng.int(3);
    const rev = rng.chance(0.5);
    const d = relocateDelta(s, u, k, rev, v, false);
    if (Number.isFinite(d)) relocateApply(s, u, k, rev, v);
    return d;
  },
  swap: (s, rng, u, v) => {
    const a = 1 + rng.int(2);
    const b = 1 + rng.int(2);
    const d = swapDelta(s, u, a, v, b, false);
    if (Number.isFinite(d)) swapApply(s, u, a, v, b);
    return d;
  },
  twoOpt: (s, _rng, u, v) => {
    const d = twoOptDelta(s, u, v, false);
    if (Number.isFinite(d)) twoOptApply(s, u, v);
    return d;
  },
  twoOptStar: (s, _rng, u, v) => {
    const d = twoOptStarDelta(s, u, v, false);
    if (Number.isFinite(d)) twoOptStarApply(s, u, v);
    return d;
  },
  pairRelocate: (s, _rng, u, v) => {
    const d = pairRelocateDelta(s, u, v);
    if (Number.isFinite(d)) pairRelocateApply(s, u, v);
    return d;
  },
  twoOptStarReversed: (s, _rng, u, v) => {
    if (!s.p.flags.symmetric || s.p.flags.timeWindows) return null;
    const d = twoOptStarReversedDelta(s, u, v, false);
    if (Number.isFinite(d)) twoOptStarReversedApply(s, u, v);
    return d;
  },
};

/** A node to move/insert after: a client, a route start, or a reset visit, chosen at random. */
function pickNode(s: SearchState, rng: Rng, clientsOnly: boolean): number {
  const lo = s.p.numDepots;
  if (clientsOnly || rng.chance(0.6)) return lo + rng.int(s.p.numClients);
  if (rng.chance(0.7)) return s.startOf(rng.int(s.numRoutes));
  for (let i = 0; i < 10; i++) {
    const x = s.firstPool + rng.int(Math.max(1, s.numNodes - s.firstPool));
    if (x < s.numNodes && s.routeOf[x] >= 0) return x;
  }
  return lo;
}

describe('operators: delta equals the actual change of the total penalized cost', () => {
  for (const [name, features] of Object.entries(featureSets)) {
    it(`${name}`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 4, max: 12 }), (seed, nc) => {
          const p = randomProblem(seed, features, nc);
          const s = new SearchState(p);
          const pen = initialPenalties(p);
          pen.time = 3;
          pen.distance = 2.5;
          s.load(randomRoutes(p, seed + 1), pen);
          const fresh = new SearchState(p);
          const rng = new Rng(seed + 2);
          const names = Object.keys(ops);
          for (let i = 0; i < 40; i++) {
            const name = names[rng.int(names.length)];
            const u = pickNode(s, rng, true);
            const v = pickNode(s, rng, false);
            if (u === v || s.routeOf[u] < 0 || s.routeOf[v] < 0) continue;
            const before = s.totalCost();
            const delta = ops[name](s, rng, u, v);
            if (delta === null || !Number.isFinite(delta)) continue;
            const after = s.totalCost();
            fresh.load(s.exportRoutes(), pen);
            expect(after, `${name}(${u}, ${v}) state vs recomputed`).toBe(fresh.totalCost());
            expect(after - before, `${name}(${u}, ${v}) delta`).toBeCloseTo(delta, 6);
          }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('SWAP* (evaluate returns the exact delta of the move it applies)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(...Object.keys(featureSets)), (seed, fs) => {
        const p = randomProblem(seed, featureSets[fs], 10);
        const s = new SearchState(p);
        const pen = initialPenalties(p);
        s.load(randomRoutes(p, seed + 1), pen);
        const star = new SwapStar(s);
        const fresh = new SearchState(p);
        for (let a = 0; a < s.numRoutes; a++)
          for (let b = a + 1; b < s.numRoutes; b++) {
            if (s.rSize[a] === 0 || s.rSize[b] === 0) continue;
            const before = s.totalCost();
            const d = star.evaluate(a, b);
            if (!Number.isFinite(d)) continue;
            star.apply();
            fresh.load(s.exportRoutes(), pen);
            expect(s.totalCost()).toBe(fresh.totalCost());
            expect(s.totalCost() - before).toBeCloseTo(d, 6);
          }
      }),
      { numRuns: 60 },
    );
  });
});
