/**
 * Backward pass of SearchState.updateRoute: the concatenable segment of every suffix of a route,
 * node .. last visit, built as node ⊕ suffix(next). Merge rules as in RouteEval (Vidal et al. 2013
 * §4.1 for durations; PyVRP LoadSegment for loads). Reloads split a suffix into an open head trip,
 * closed trips (their excess already summed for this route's vehicle type) and an open tail trip.
 * Station visits make the segment depend on the prefix (charging time), so they are only flagged:
 * RouteEval walks such suffixes.
 */
import type { SearchState } from './SearchState.ts';

export function computeSuffixes(s: SearchState, r: number, D: number): void {
  const p = s.p;
  const v = p.vehicles;
  const t = s.rType[r];
  const n = p.numLocations;
  const start = s.startOf(r);
  const end = s.endOf(r);
  const maxTrip = v.maxTripDistance[t];
  const hasTw = p.flags.timeWindows;
  for (let node = s.prev[end]; node !== start; node = s.prev[node]) {
    const l = s.loc[node];
    const kind = s.kind[node];
    const nx = s.next[node];
    const empty = nx === end;
    const idx = empty ? 0 : l * n + s.loc[nx];
    const e = empty ? 0 : p.distance[idx];
    s.sDist[node] = e + (empty ? 0 : s.sDist[nx]);
    const service = kind === 0 ? p.service[l] : kind === 1 ? v.reloadDuration[t] : 0;
    if (hasTw) {
      if (empty) {
        s.sDur[node] = service;
        s.sTw[node] = 0;
        s.sEarly[node] = p.twEarly[l];
        s.sLate[node] = p.twLate[l];
      } else {
        // merge(first = node segment, edge, second = suffix(nx))
        const ed = p.duration[idx];
        const at = service + ed;
        const wait = Math.max(s.sEarly[nx] - at - p.twLate[l], 0);
        const warp = Math.max(p.twEarly[l] + at - s.sLate[nx], 0);
        s.sEarly[node] = Math.max(s.sEarly[nx] - at, p.twEarly[l]) - wait;
        s.sLate[node] = Math.min(s.sLate[nx] - at, p.twLate[l]) + warp;
        s.sDur[node] = service + s.sDur[nx] + ed + wait;
        s.sTw[node] = s.sTw[nx] + warp;
      }
    }
    const bReset = empty ? 0 : s.sReset[nx];
    s.sStation[node] = kind === 2 || (!empty && s.sStation[nx] === 1) ? 1 : 0;
    const bHeadTrip = empty ? 0 : s.sHeadTrip[nx];
    if (kind === 1) {
      s.sReset[node] = 1;
      s.sHeadTrip[node] = 0;
      if (!bReset) {
        s.sTailTrip[node] = e + bHeadTrip;
        s.sClosedRange[node] = 0;
      } else {
        const ex = e + bHeadTrip - maxTrip;
        s.sClosedRange[node] = s.sClosedRange[nx] + (ex > 0 ? ex : 0);
        s.sTailTrip[node] = s.sTailTrip[nx];
      }
    } else {
      s.sReset[node] = bReset;
      s.sHeadTrip[node] = e + bHeadTrip;
      s.sTailTrip[node] = bReset ? s.sTailTrip[nx] : e + bHeadTrip;
      s.sClosedRange[node] = bReset ? s.sClosedRange[nx] : 0;
    }
    for (let k = 0; k < D; k++) {
      const i = node * D + k;
      const j = nx * D + k;
      const hd = empty ? 0 : s.sHeadDel[j];
      const hp = empty ? 0 : s.sHeadPick[j];
      const hm = empty ? 0 : s.sHeadMax[j];
      if (kind === 1) {
        if (!bReset) {
          s.sTailDel[i] = hd;
          s.sTailPick[i] = hp;
          s.sTailMax[i] = hm;
          s.sClosed[i] = 0;
        } else {
          const ex = hm - v.capacity[t * D + k];
          s.sClosed[i] = s.sClosed[j] + (ex > 0 ? ex : 0);
          s.sTailDel[i] = s.sTailDel[j];
          s.sTailPick[i] = s.sTailPick[j];
          s.sTailMax[i] = s.sTailMax[j];
        }
        s.sHeadDel[i] = s.sHeadPick[i] = s.sHeadMax[i] = 0;
        continue;
      }
      const d = kind === 0 ? p.delivery[l * D + k] : 0;
      const q = kind === 0 ? p.pickup[l * D + k] : 0;
      const m1 = (d > q ? d : q) + hd;
      const m2 = hm + q;
      s.sHeadDel[i] = d + hd;
      s.sHeadPick[i] = q + hp;
      s.sHeadMax[i] = m1 > m2 ? m1 : m2;
      if (bReset) {
        s.sClosed[i] = s.sClosed[j];
        s.sTailDel[i] = s.sTailDel[j];
        s.sTailPick[i] = s.sTailPick[j];
        s.sTailMax[i] = s.sTailMax[j];
      } else {
        s.sClosed[i] = 0;
        s.sTailDel[i] = s.sHeadDel[i];
        s.sTailPick[i] = s.sHeadPick[i];
        s.sTailMax[i] = s.sHeadMax[i];
      }
    }
  }
}
