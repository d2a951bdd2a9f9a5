/**
 * Relocate and or-opt: move the chain of k consecutive clients starting at u (k = 1..3) to just
 * after v, optionally reversed. k = 1 is HGS-CVRP move 1, k = 2 moves 2 and 3 (reversed); k = 3
 * is or-opt (Or 1976). v may be a start sentinel (insert first) or a reset visit.
 *
 * Hot kernel: the distance delta and the penalty-free lower bound are computed first from locals
 * (no helper calls), which rejects most candidates in a few loads; the exact evaluation follows.
 */
import type { SearchState } from '../search/SearchState.ts';
import { baseOf, chainHasPair, chainPairsOkAfterMove, commit, NO_MOVE } from './moveUtil.ts';

export function relocateDelta(s: SearchState, u: number, k: number, reversed: boolean, v: number, prune = true): number {
  const next = s.next;
  const loc = s.loc;
  const dist = s.p.distance;
  const n = s.n;
  const pu = s.prev[u];
  if (v === pu) return NO_MOVE;
  let c = u;
  for (let i = 1; i < k; i++) {
    c = next[c];
    if (c >= s.firstSentinel) return NO_MOVE; // chain must be clients
  }
  const nc = next[c];
  const y = next[v];
  if (y < 0) return NO_MOVE; // v is an end sentinel
  const lu = loc[u];
  const lc = loc[c];
  const lpu = loc[pu];
  const lnc = loc[nc];
  const lv = loc[v];
  const ly = loc[y];
  let inner = 0;
  let innerNew = 0;
  if (k > 1) {
    for (let x = u; x !== c; x = next[x]) {
      inner += dist[loc[x] * n + loc[next[x]]];
      innerNew += dist[loc[next[x]] * n + loc[x]];
    }
    if (!reversed) innerNew = inner;
  }
  const lf = reversed ? lc : lu;
  const ll = reversed ? lu : lc;
  const dRem = dist[lpu * n + lnc] - dist[lpu * n + lu] - dist[lc * n + lnc] - inner;
  const dIns = dist[lv * n + lf] + innerNew + dist[ll * n + ly] - dist[lv * n + ly];
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  if (rU !== rV) {
    const lbV = baseOf(s, rV, s.chainDist(rV) + dIns, true);
    const lbU = baseOf(s, rU, s.rDist[rU] + dRem, s.rSize[rU] > k);
    if (prune && lbU + lbV - s.rCost[rU] - s.rCost[rV] >= 0) return NO_MOVE;
    if (s.p.flags.pairs && chainHasPair(s, u, c)) return NO_MOVE;
    if (s.simple) return simpleInterDelta(s, u, c, rU, rV, lbU, lbV);
    // Then the (cached) exact cost of U without the chain, and V only if still promising.
    const costU = s.removalCost(u, k, c);
    if (prune && costU + lbV - s.rCost[rU] - s.rCost[rV] >= 0) return NO_MOVE;
    let costV: number;
    if (k === 1) costV = s.ev.joinVia(v, u, y);
    else {
      const ev = s.ev.beginPrefix(v);
      if (reversed) ev.addRangeReversed(u, c);
      else ev.addRange(u, c);
      costV = ev.addSuffix(y).finish();
    }
    return costU + costV - s.rCost[rU] - s.rCost[rV];
  }
  if (s.pos[v] >= s.pos[u] && s.pos[v] <= s.pos[c]) return NO_MOVE;
  if (s.simple) return s.p.vehicles.distanceCost[s.rType[rU]] * (dRem + dIns);
  if (prune && baseOf(s, rU, s.rDist[rU] + dRem + dIns, true) - s.rCost[rU] >= 0) return NO_MOVE;
  if (s.p.flags.pairs && chainHasPair(s, u, c) && !chainPairsOkAfterMove(s, u, c, v, reversed)) return NO_MOVE;
  const ev = s.ev;
  if (s.pos[v] < s.pos[u]) {
    ev.beginPrefix(v);
    if (reversed) ev.addRangeReversed(u, c);
    else ev.addRange(u, c);
    ev.addRange(y, pu);
    ev.addSuffix(nc);
  } else {
    ev.beginPrefix(pu).addRange(nc, v);
    if (reversed) ev.addRangeReversed(u, c);
    else ev.addRange(u, c);
    ev.addSuffix(y);
  }
  return ev.finish() - s.rCost[rU];
}

const loadDelta = new Float64Array(64);

/** Exact delta in the classic case: distances, fixed costs and load penalties (HGS-CVRP moves 1–3). */
function simpleInterDelta(s: SearchState, u: number, c: number, rU: number, rV: number, baseU: number, baseV: number): number {
  const D = s.numDims;
  const del = s.p.delivery;
  for (let q = 0; q < D; q++) {
    let sum = 0;
    for (let x = u; ; x = s.next[x]) {
      sum += del[x * D + q];
      if (x === c) break;
    }
    loadDelta[q] = -sum;
  }
  const newU = baseU + s.loadCost(rU, loadDelta);
  for (let q = 0; q < D; q++) loadDelta[q] = -loadDelta[q];
  const newV = baseV + s.loadCost(rV, loadDelta);
  return newU + newV - s.rCost[rU] - s.rCost[rV];
}

const chain = new Int32Array(3);

export function relocateApply(s: SearchState, u: number, k: number, reversed: boolean, v: number): void {
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  let x = u;
  for (let i = 0; i < k; i++, x = s.next[x]) chain[i] = x;
  let after = v;
  for (let i = 0; i < k; i++) {
    const node = chain[reversed ? k - 1 - i : i];
    s.moveAfter(node, after);
    after = node;
  }
  commit(s, rU, rV);
}

/** First-improvement step used by the local search driver. */
export function tryRelocate(s: SearchState, u: number, k: number, reversed: boolean, v: number): boolean {
  if (relocateDelta(s, u, k, reversed, v) < 0) {
    relocateApply(s, u, k, reversed, v);
    return true;
  }
  return false;
}
