/**
 * 2-opt within a route (Croes 1958; HGS-CVRP move 7): for u before v, reverse the range
 * next(u) .. v. On asymmetric matrices the reversed range's distance comes from the prefix sums of
 * reversal differences (HGS-CVRP `cumulatedReversalDistance`).
 */
import type { SearchState } from '../search/SearchState.ts';
import { baseOf, commit, d, NO_MOVE } from './moveUtil.ts';

function rangeHasPair(s: SearchState, a: number, b: number): boolean {
  // A pair with both ends inside the reversed range would have its order flipped.
  const p = s.p;
  for (let x = a; ; x = s.next[x]) {
    const l = s.loc[x];
    if (p.pairRole[l] === 1) {
      const q = p.pairedWith[l];
      if (s.routeOf[q] === s.routeOf[x] && s.pos[q] <= s.pos[b]) return true;
    }
    if (x === b) return false;
  }
}

export function twoOptDelta(s: SearchState, u: number, v: number, prune = true): number {
  const r = s.routeOf[u];
  if (r !== s.routeOf[v] || s.pos[u] >= s.pos[v] || !s.isClient(v)) return NO_MOVE;
  const x = s.next[u];
  if (x === v) return NO_MOVE;
  const y = s.next[v];
  if (s.p.flags.pairs && rangeHasPair(s, x, v)) return NO_MOVE;
  const delta = d(s, u, v) + d(s, x, y) - d(s, u, x) - d(s, v, y) + s.pRev[v] - s.pRev[x];
  if (prune && baseOf(s, r, s.rDist[r] + delta, true) - s.rCost[r] >= 0) return NO_MOVE;
  const ev = s.ev;
  return ev.beginPrefix(u).addRangeReversed(x, v).addSuffix(y).finish() - s.rCost[r];
}

/** Reverse the range a .. b of one route in place (a before b). */
export function reverseRange(s: SearchState, a: number, b: number): void {
  const before = s.prev[a];
  const after = s.next[b];
  let x = a;
  while (x !== after) {
    const nx = s.next[x];
    s.next[x] = s.prev[x];
    s.prev[x] = nx;
    x = nx;
  }
  s.next[before] = b;
  s.prev[b] = before;
  s.next[a] = after;
  s.prev[after] = a;
}

export function twoOptApply(s: SearchState, u: number, v: number): void {
  reverseRange(s, s.next[u], v);
  const r = s.routeOf[u];
  commit(s, r, r);
}

export function tryTwoOpt(s: SearchState, u: number, v: number): boolean {
  if (twoOptDelta(s, u, v) < 0) {
    twoOptApply(s, u, v);
    return true;
  }
  return false;
}
