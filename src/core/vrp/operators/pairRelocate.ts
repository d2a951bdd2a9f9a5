/**
 * Pickup-and-delivery pairs (e.g. warehouse → station transfers): both ends must ride the same
 * vehicle, pickup first. The other operators refuse moves that would break a pair, so pairs move
 * between routes here: remove pickup p and delivery d, insert p after v and d at its best position
 * after p (the PD-relocate of Li & Lim 2001 / VROOM `PDShift`). search/repairPairs.ts restores
 * the invariant after a split cut pairs apart (the giant tour knows nothing about pairs).
 */
import type { SearchState } from '../search/SearchState.ts';
import { commit, NO_MOVE } from './moveUtil.ts';

let bestAfterD = -1;

/**
 * Cost of route(v) with p inserted after v and d after the best node w at or after p; the best w
 * is left in `bestAfterD`. `skip` nodes (the pair's current positions) are left out.
 */
function bestInsertPair(s: SearchState, p: number, d: number, v: number): number {
  const ev = s.ev;
  const r = s.routeOf[v];
  const end = s.endOf(r);
  let best = Infinity;
  bestAfterD = -1;
  // d right after p, then after each later node of the route.
  for (let w = v; w !== end; w = s.next[w]) {
    if (w === p || w === d) continue;
    ev.beginPrefix(v).addNode(p);
    if (w !== v) ev.addRangeSkipping(s.next[v], w, p, d);
    ev.addNode(d);
    let nx = s.next[w];
    while (nx === p || nx === d) nx = s.next[nx];
    const c = ev.addSuffixSkipping(nx, p, d).finish();
    if (c < best) {
      best = c;
      bestAfterD = w;
    }
  }
  return best;
}

/** Delta of moving the pair of pickup p to route(v) (p after v); NO_MOVE if invalid or no gain. */
export function pairRelocateDelta(s: SearchState, p: number, v: number): number {
  const pr = s.p;
  if (pr.pairRole[s.loc[p]] !== 1) return NO_MOVE;
  const d = pr.pairedWith[s.loc[p]];
  const rP = s.routeOf[p];
  const rV = s.routeOf[v];
  if (rV < 0 || rP === rV || v === s.endOf(rV)) return NO_MOVE;
  // Route of the pair without it: walk, as p and d are not adjacent in general.
  const ev = s.ev.beginPrefix(s.prev[p]);
  ev.addSuffixSkipping(s.next[p], p, d);
  const costP = ev.finish();
  const costV = bestInsertPair(s, p, d, v);
  if (bestAfterD < 0) return NO_MOVE;
  return costP + costV - s.rCost[rP] - s.rCost[rV];
}

export function pairRelocateApply(s: SearchState, p: number, v: number): void {
  const d = s.p.pairedWith[s.loc[p]];
  const rP = s.routeOf[p];
  const rV = s.routeOf[v];
  bestInsertPair(s, p, d, v);
  const w = bestAfterD;
  s.moveAfter(p, v);
  s.moveAfter(d, w === v ? p : w);
  commit(s, rP, rV);
}

export function tryPairRelocate(s: SearchState, p: number, v: number): boolean {
  if (pairRelocateDelta(s, p, v) < 0) {
    pairRelocateApply(s, p, v);
    return true;
  }
  return false;
}
