/**
 * Exchange: swap the chain of a clients starting at u with the chain of b clients starting at v
 * ((1,1), (2,1), (2,2): HGS-CVRP moves 4, 5 and 6). Works within a route (chains disjoint, possibly
 * adjacent) and between routes.
 */
import type { SearchState } from '../search/SearchState.ts';
import { baseOf, chainHasPair, commit, d, NO_MOVE } from './moveUtil.ts';

export function swapDelta(s: SearchState, u: number, a: number, v: number, b: number, prune = true): number {
  const fs = s.firstSentinel;
  if (u >= fs || v >= fs) return NO_MOVE;
  const next = s.next;
  const ua = a === 1 ? u : next[u];
  const vb = b === 1 ? v : next[v];
  if (ua >= fs || vb >= fs) return NO_MOVE;
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  // Disjoint chains only.
  if (rU === rV && s.pos[u] <= s.pos[vb] && s.pos[v] <= s.pos[ua]) return NO_MOVE;
  const pu = s.prev[u];
  const nu = next[ua];
  const pv = s.prev[v];
  const nv = next[vb];
  const loc = s.loc;
  const dist = s.p.distance;
  const n = s.n;
  const lu = loc[u];
  const lua = loc[ua];
  const lv = loc[v];
  const lvb = loc[vb];
  const inU = a === 1 ? 0 : dist[lu * n + lua];
  const inV = b === 1 ? 0 : dist[lv * n + lvb];
  if (rU !== rV) {
    const lpu = loc[pu];
    const lnu = loc[nu];
    const lpv = loc[pv];
    const lnv = loc[nv];
    const dU = dist[lpu * n + lv] + inV + dist[lvb * n + lnu] - dist[lpu * n + lu] - inU - dist[lua * n + lnu];
    const dV = dist[lpv * n + lu] + inU + dist[lua * n + lnv] - dist[lpv * n + lv] - inV - dist[lvb * n + lnv];
    const lbU = baseOf(s, rU, s.rDist[rU] + dU, true);
    const lbV = baseOf(s, rV, s.rDist[rV] + dV, true);
    if (prune && lbU + lbV - s.rCost[rU] - s.rCost[rV] >= 0) return NO_MOVE;
    if (s.p.flags.pairs && (chainHasPair(s, u, ua) || chainHasPair(s, v, vb))) return NO_MOVE;
    if (s.simple) return simpleSwapDelta(s, u, ua, v, vb, rU, rV, lbU, lbV);
    const ev = s.ev;
    const costU = a === 1 && b === 1 ? ev.joinVia(pu, v, nu) : ev.beginPrefix(pu).addRange(v, vb).addSuffix(nu).finish();
    if (prune && costU + lbV - s.rCost[rU] - s.rCost[rV] >= 0) return NO_MOVE;
    const costV = a === 1 && b === 1 ? ev.joinVia(pv, u, nv) : ev.beginPrefix(pv).addRange(u, ua).addSuffix(nv).finish();
    return costU + costV - s.rCost[rU] - s.rCost[rV];
  }
  if (s.p.flags.pairs && (chainHasPair(s, u, ua) || chainHasPair(s, v, vb))) return NO_MOVE;
  const ev = s.ev;
  // Same route: order the chains as (first chain f..fe) before (second chain g..ge).
  const uFirst = s.pos[u] < s.pos[v];
  const f = uFirst ? u : v;
  const fe = uFirst ? ua : vb;
  const g = uFirst ? v : u;
  const ge = uFirst ? vb : ua;
  const pf = s.prev[f];
  const ng = s.next[ge];
  const inF = uFirst ? inU : inV;
  const inG = uFirst ? inV : inU;
  let delta: number;
  if (s.next[fe] === g) {
    delta = d(s, pf, g) + inG + d(s, ge, f) + inF + d(s, fe, ng) - d(s, pf, f) - inF - d(s, fe, g) - inG - d(s, ge, ng);
  } else {
    const nf = s.next[fe];
    const pg = s.prev[g];
    delta = d(s, pf, g) + d(s, ge, nf) + d(s, pg, f) + d(s, fe, ng) - d(s, pf, f) - d(s, fe, nf) - d(s, pg, g) - d(s, ge, ng);
  }
  if (s.simple) return s.p.vehicles.distanceCost[s.rType[rU]] * delta;
  if (prune && baseOf(s, rU, s.rDist[rU] + delta, true) - s.rCost[rU] >= 0) return NO_MOVE;
  ev.beginPrefix(pf).addRange(g, ge);
  if (s.next[fe] !== g) ev.addRange(s.next[fe], s.prev[g]);
  ev.addRange(f, fe).addSuffix(ng);
  return ev.finish() - s.rCost[rU];
}

const loadDelta = new Float64Array(64);

/** Classic case: exact delta from distances and load penalties (HGS-CVRP moves 4–6). */
function simpleSwapDelta(s: SearchState, u: number, ua: number, v: number, vb: number, rU: number, rV: number, baseU: number, baseV: number): number {
  const D = s.numDims;
  const del = s.p.delivery;
  for (let k = 0; k < D; k++) {
    let q = del[u * D + k] - del[v * D + k];
    if (ua !== u) q += del[ua * D + k];
    if (vb !== v) q -= del[vb * D + k];
    loadDelta[k] = -q;
  }
  const newU = baseU + s.loadCost(rU, loadDelta);
  for (let k = 0; k < D; k++) loadDelta[k] = -loadDelta[k];
  const newV = baseV + s.loadCost(rV, loadDelta);
  return newU + newV - s.rCost[rU] - s.rCost[rV];
}

const cu = new Int32Array(2);
const cv = new Int32Array(2);

function insertChain(s: SearchState, c: Int32Array, len: number, after: number): void {
  for (let i = 0; i < len; i++) {
    s.linkAfter(c[i], after, s.routeOf[after]);
    after = c[i];
  }
}

export function swapApply(s: SearchState, u: number, a: number, v: number, b: number): void {
  const rU = s.routeOf[u];
  const rV = s.routeOf[v];
  cu[0] = u;
  cu[1] = s.next[u];
  cv[0] = v;
  cv[1] = s.next[v];
  const ua = cu[a - 1];
  const vb = cv[b - 1];
  const pu = s.prev[u];
  const pv = s.prev[v];
  for (let i = 0; i < a; i++) s.unlink(cu[i]);
  for (let i = 0; i < b; i++) s.unlink(cv[i]);
  if (pv === ua) {
    insertChain(s, cv, b, pu);
    insertChain(s, cu, a, vb);
  } else if (pu === vb) {
    insertChain(s, cu, a, pv);
    insertChain(s, cv, b, ua);
  } else {
    insertChain(s, cv, b, pu);
    insertChain(s, cu, a, pv);
  }
  commit(s, rU, rV);
}

export function trySwap(s: SearchState, u: number, a: number, v: number, b: number): boolean {
  if (swapDelta(s, u, a, v, b) < 0) {
    swapApply(s, u, a, v, b);
    return true;
  }
  return false;
}
