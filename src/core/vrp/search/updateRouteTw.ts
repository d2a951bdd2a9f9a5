/**
 * Route update for time-window problems with deliveries only and single trips (the classic VRPTW
 * and the dispatcher's station re-plans): the prefix and suffix data of SearchState computed
 * inline (duration-segment merges of Vidal et al. 2013, loads as sums), without the general
 * per-visit evaluator. Hot: runs for both routes of every applied move.
 */
import type { SearchState } from './SearchState.ts';

export function updateRouteTw(s: SearchState, r: number): void {
  const p = s.p;
  const v = p.vehicles;
  const t = s.rType[r];
  const n = s.n;
  const D = s.numDims;
  const dm = p.distance;
  const tm = p.duration;
  const start = s.startOf(r);
  const end = start + 1;
  let last = s.loc[start];
  let dist = 0;
  let rev = 0;
  let dur = 0;
  let tw = 0;
  let early = Math.max(v.twEarly[t], p.twEarly[last]);
  let late = Math.min(v.twLate[t], p.twLate[last]);
  let ax = 0;
  let ay = 0;
  let pos = 1;
  s.pos[start] = 0;
  s.pDist[start] = s.pDur[start] = s.pTw[start] = s.pRev[start] = 0;
  s.pEarly[start] = early;
  s.pLate[start] = late;
  for (let k = 0; k < D; k++) s.pDel[start * D + k] = s.pMax[start * D + k] = s.pPick[start * D + k] = 0;
  for (let node = s.next[start]; node !== end; node = s.next[node]) {
    const l = s.loc[node];
    const idx = last * n + l;
    dist += dm[idx];
    rev += dm[l * n + last] - dm[idx];
    const at = dur - tw + tm[idx];
    const e2 = p.twEarly[l];
    const l2 = p.twLate[l];
    const wait = e2 - at - late > 0 ? e2 - at - late : 0;
    const warp = early + at - l2 > 0 ? early + at - l2 : 0;
    const ne = (e2 - at > early ? e2 - at : early) - wait;
    late = (l2 - at < late ? l2 - at : late) + warp;
    early = ne;
    dur += p.service[l] + tm[idx] + wait;
    tw += warp;
    s.routeOf[node] = r;
    s.pos[node] = pos++;
    s.pDist[node] = dist;
    s.pRev[node] = rev;
    s.pDur[node] = dur;
    s.pTw[node] = tw;
    s.pEarly[node] = early;
    s.pLate[node] = late;
    const pn = s.prev[node];
    for (let k = 0; k < D; k++) {
      const q = s.pDel[pn * D + k] + p.delivery[l * D + k];
      s.pDel[node * D + k] = s.pMax[node * D + k] = q;
      s.pPick[node * D + k] = 0;
    }
    ax += p.x[l];
    ay += p.y[l];
    last = l;
  }
  const size = pos - 1;
  s.pos[end] = pos;
  s.rSize[r] = size;
  s.rResets[r] = 0;
  suffixesTw(s, r, D);
  // Cost (RouteEval.finish for this case).
  const pen = s.penalties;
  let cost = 0;
  let feasible = true;
  let total = 0;
  if (size > 0) {
    const idx = last * n + v.endDepot[t];
    total = dist + dm[idx];
    const at = dur - tw + tm[idx];
    const endLate = Math.min(v.twLate[t], p.twLate[v.endDepot[t]]);
    if (early + at - endLate > 0) tw += early + at - endLate;
    dur += tm[idx];
    if (dur > v.maxDuration[t]) tw += dur - v.maxDuration[t];
    const base = v.distanceCost[t] * total + v.fixedCost[t];
    cost = base + v.durationCost[t] * dur + pen.time * tw;
    s.rBase[r] = base;
    for (let k = 0; k < D; k++) {
      const ex = s.pDel[s.prev[end] * D + k] - v.capacity[t * D + k];
      if (ex > 0) {
        cost += pen.load[k] * ex;
        feasible = false;
      }
    }
    const dex = total - v.maxDistance[t];
    if (dex > 0) {
      cost += pen.distance * dex;
      feasible = false;
    }
    if (tw > 0) feasible = false;
  } else {
    s.rBase[r] = 0;
    tw = 0;
  }
  s.rCost[r] = cost;
  s.rDist[r] = total;
  s.rTimeWarp[r] = tw;
  const lastNode = s.prev[end];
  for (let k = 0; k < D; k++) s.rLoad[r * D + k] = size > 0 ? s.pDel[lastNode * D + k] : 0;
  s.rFeasible[r] = feasible ? 1 : 0;
  s.updateSector(r, ax, ay, size);
}

/** Suffix segments node .. last visit: distance, duration segment, delivery sums. */
function suffixesTw(s: SearchState, r: number, D: number): void {
  const p = s.p;
  const n = s.n;
  const start = s.startOf(r);
  const end = start + 1;
  for (let node = s.prev[end]; node !== start; node = s.prev[node]) {
    const l = s.loc[node];
    const nx = s.next[node];
    s.sReset[node] = 0;
    s.sStation[node] = 0;
    if (nx === end) {
      s.sDist[node] = 0;
      s.sDur[node] = p.service[l];
      s.sTw[node] = 0;
      s.sEarly[node] = p.twEarly[l];
      s.sLate[node] = p.twLate[l];
      for (let k = 0; k < D; k++) {
        const q = p.delivery[l * D + k];
        s.sHeadDel[node * D + k] = s.sHeadMax[node * D + k] = q;
        s.sHeadPick[node * D + k] = 0;
      }
      continue;
    }
    const idx = l * n + s.loc[nx];
    s.sDist[node] = p.distance[idx] + s.sDist[nx];
    const ed = p.duration[idx];
    const at = p.service[l] + ed;
    const wait = s.sEarly[nx] - at - p.twLate[l] > 0 ? s.sEarly[nx] - at - p.twLate[l] : 0;
    const warp = p.twEarly[l] + at - s.sLate[nx] > 0 ? p.twEarly[l] + at - s.sLate[nx] : 0;
    s.sEarly[node] = Math.max(s.sEarly[nx] - at, p.twEarly[l]) - wait;
    s.sLate[node] = Math.min(s.sLate[nx] - at, p.twLate[l]) + warp;
    s.sDur[node] = p.service[l] + s.sDur[nx] + ed + wait;
    s.sTw[node] = s.sTw[nx] + warp;
    for (let k = 0; k < D; k++) {
      const q = p.delivery[l * D + k] + s.sHeadDel[nx * D + k];
      s.sHeadDel[node * D + k] = s.sHeadMax[node * D + k] = q;
      s.sHeadPick[node * D + k] = 0;
    }
  }
}
