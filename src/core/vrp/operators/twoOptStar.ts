/**
 * 2-opt* (Potvin & Rousseau 1995; HGS-CVRP move 9): exchange the tails after u and after v of two
 * routes, giving (start_U .. u, next(v) .. end_U) and (start_V .. v, next(u) .. end_V). Each route
 * keeps its vehicle and end depot; suffix segments exclude the end depot so this is O(1).
 * The reversed variant (HGS-CVRP move 8) joins u to v and reverses one route's head and the other's
 * tail; it only pays off on symmetric instances without time windows, where it is enabled.
 */
import type { SearchState } from '../search/SearchState.ts';
import { baseOf, commit, d, dEnd, NO_MOVE } from './moveUtil.ts';

const loadDelta = new Float64Array(64);

function cutsPair(s: SearchState, u: number): boolean {
  return s.p.flags.pairs && s.openPairs[u] > 0;
}

/** Distance of prefix(a) + suffix(b) closed at the end depot of route r (b may be an end sentinel). */
function joinedDist(s: SearchState, a: number, b: number, r: number): number {
  const rb = s.routeOf[b];
  if (b === s.endOf(rb)) return s.pDist[a] + dEnd(s, a, r);
  const lastB = s.prev[s.endOf(rb)];
  return s.pDist[a] + d(s, a, b) + s.sDist[b] + dEnd(s, lastB, r);
}

export function twoOptStarDelta(s: SearchState, u: number, v: number, prune = true): number {
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  const x = s.next[u];
  const y = s.next[v];
  if (rU === rV || x < 0 || y < 0) return NO_MOVE;
  const eU = s.endOf(rU);
  const eV = s.endOf(rV);
  if (x === eU && y === eV) return NO_MOVE;
  const loc = s.loc;
  let distU: number;
  let distV: number;
  if (loc[eU] === loc[eV]) {
    // Same end depot: the HGS-CVRP formula.
    const dist = s.p.distance;
    const n = s.n;
    const lu = loc[u];
    const lv = loc[v];
    const lx = loc[x];
    const ly = loc[y];
    const dUX = dist[lu * n + lx];
    const dVY = dist[lv * n + ly];
    distU = s.pDist[u] + dist[lu * n + ly] + (s.chainDist(rV) - s.pDist[v] - dVY);
    distV = s.pDist[v] + dist[lv * n + lx] + (s.chainDist(rU) - s.pDist[u] - dUX);
  } else {
    distU = joinedDist(s, u, y, rU);
    distV = joinedDist(s, v, x, rV);
  }
  const sizeU = s.pos[u] + (y === eV ? 0 : s.rSize[rV] - s.pos[y] + 1);
  const sizeV = s.pos[v] + (x === eU ? 0 : s.rSize[rU] - s.pos[x] + 1);
  const lbU = baseOf(s, rU, distU, sizeU > 0);
  const lbV = baseOf(s, rV, distV, sizeV > 0);
  if (prune && lbU + lbV - s.rCost[rU] - s.rCost[rV] >= 0) return NO_MOVE;
  if (cutsPair(s, u) || cutsPair(s, v)) return NO_MOVE;
  if (s.simple) {
    const D = s.numDims;
    for (let k = 0; k < D; k++) {
      const moved = s.rLoad[rV * D + k] - s.pDel[v * D + k] - (s.rLoad[rU * D + k] - s.pDel[u * D + k]);
      loadDelta[k] = moved;
    }
    const newU = lbU + s.loadCost(rU, loadDelta);
    for (let k = 0; k < D; k++) loadDelta[k] = -loadDelta[k];
    return newU + lbV + s.loadCost(rV, loadDelta) - s.rCost[rU] - s.rCost[rV];
  }
  const ev = s.ev;
  const costU = ev.join(u, y);
  if (prune && costU + lbV - s.rCost[rU] - s.rCost[rV] >= 0) return NO_MOVE;
  const costV = ev.join(v, x);
  return costU + costV - s.rCost[rU] - s.rCost[rV];
}

export function twoOptStarApply(s: SearchState, u: number, v: number): void {
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  const eU = s.endOf(rU);
  const eV = s.endOf(rV);
  const lastU = s.prev[eU];
  const lastV = s.prev[eV];
  const x = s.next[u];
  const y = s.next[v];
  if (y !== eV) {
    s.next[u] = y;
    s.prev[y] = u;
    s.next[lastV] = eU;
    s.prev[eU] = lastV;
  } else {
    s.next[u] = eU;
    s.prev[eU] = u;
  }
  if (x !== eU) {
    s.next[v] = x;
    s.prev[x] = v;
    s.next[lastU] = eV;
    s.prev[eV] = lastU;
  } else {
    s.next[v] = eV;
    s.prev[eV] = v;
  }
  commit(s, rU, rV);
}

export function tryTwoOptStar(s: SearchState, u: number, v: number): boolean {
  if (twoOptStarDelta(s, u, v) < 0) {
    twoOptStarApply(s, u, v);
    return true;
  }
  return false;
}

/**
 * Reversed 2-opt*: (start_U .. u, v, prev(v) .. first_V) and (last_U .. next(u), next(v) .. end_V).
 * Only for routes without resets (reload/station visits), evaluated by walking.
 */
export function twoOptStarReversedDelta(s: SearchState, u: number, v: number, prune = true): number {
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  if (rU === rV || !s.isClient(u) || !s.isClient(v) || s.rResets[rU] + s.rResets[rV] > 0) return NO_MOVE;
  if (s.p.flags.pairs) return NO_MOVE;
  const x = s.next[u];
  const y = s.next[v];
  const eU = s.endOf(rU);
  const sV = s.startOf(rV);
  // Symmetric distances: the reversed pieces keep their internal lengths.
  const eV = s.endOf(rV);
  const headV = s.pDist[v] - d(s, sV, s.next[sV]);
  const lastU = s.prev[eU];
  const distU = s.pDist[u] + d(s, u, v) + headV + dEnd(s, s.next[sV], rU);
  const tailV = y === eV ? 0 : s.sDist[y] + dEnd(s, s.prev[eV], rV);
  let distV: number;
  if (x === eU) distV = y === eV ? 0 : d(s, sV, y) + tailV;
  else distV = d(s, sV, lastU) + s.sDist[x] + (y === eV ? dEnd(s, x, rV) : d(s, x, y) + tailV);
  const lbU = baseOf(s, rU, distU, true);
  const lbV = baseOf(s, rV, distV, s.rSize[rU] - s.pos[u] + s.rSize[rV] - s.pos[v] > 0);
  if (prune && lbU + lbV - s.rCost[rU] - s.rCost[rV] >= 0) return NO_MOVE;
  if (s.simple) {
    const D = s.numDims;
    for (let k = 0; k < D; k++) loadDelta[k] = s.pDel[v * D + k] - (s.rLoad[rU * D + k] - s.pDel[u * D + k]);
    const newU = lbU + s.loadCost(rU, loadDelta);
    for (let k = 0; k < D; k++) loadDelta[k] = -loadDelta[k]; // total load is conserved
    return newU + lbV + s.loadCost(rV, loadDelta) - s.rCost[rU] - s.rCost[rV];
  }
  const ev = s.ev;
  const costU = ev.beginPrefix(u).addRangeReversed(s.next[sV], v).finish();
  ev.beginRoute(s.rType[rV]);
  if (x !== eU) ev.addRangeReversed(x, s.prev[eU]);
  const costV = ev.addSuffix(y).finish();
  return costU + costV - s.rCost[rU] - s.rCost[rV];
}

export function twoOptStarReversedApply(s: SearchState, u: number, v: number): void {
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  const eU = s.endOf(rU);
  const sV = s.startOf(rV);
  const headV: number[] = [];
  for (let z = s.next[sV]; z !== s.next[v]; z = s.next[z]) headV.push(z);
  const tailU: number[] = [];
  for (let z = s.next[u]; z !== eU; z = s.next[z]) tailU.push(z);
  for (const z of headV) s.unlink(z);
  for (const z of tailU) s.unlink(z);
  let after = u;
  for (let i = headV.length - 1; i >= 0; i--) {
    s.linkAfter(headV[i], after, rU);
    after = headV[i];
  }
  after = sV;
  for (let i = tailU.length - 1; i >= 0; i--) {
    s.linkAfter(tailU[i], after, rV);
    after = tailU[i];
  }
  commit(s, rU, rV);
}

export function tryTwoOptStarReversed(s: SearchState, u: number, v: number): boolean {
  if (twoOptStarReversedDelta(s, u, v) < 0) {
    twoOptStarReversedApply(s, u, v);
    return true;
  }
  return false;
}
