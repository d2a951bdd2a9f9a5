/**
 * Concatenable suffixes through charging stations under full recharge (Schneider, Stenger & Goeke
 * 2014). A station's charging time depends only on the range used since the last charge, and a
 * full recharge leaves the same state whatever came before. So a suffix x .. last visit splits into
 * a head x .. (first station F) whose segment is fixed, F itself, whose charging time follows from
 * the range on arrival (known when the suffix is appended), and the part after F, which is fixed
 * again. Storing the head and the after-station segments makes `RouteEval.addSuffix` O(1) on routes
 * with stations instead of a walk over the suffix (the E-VRPTW profile spent 90 % of the local
 * search walking; duration segments as Vidal et al. 2013, §4.1).
 *
 * Not used under partial recharge (the charge depends on the rest of the route) or with reloads
 * in the route (multi-trip): those suffixes are still walked.
 */
import { chargeTime } from '../ProblemData.ts';
import type { SearchState } from './SearchState.ts';

const NONE = -1;

export class StationSuffixes {
  /** First station node in node .. last visit (the node itself if it is one), NONE if none. */
  readonly first: Int32Array;
  /** Head segment node .. prev(first): duration, time warp, start window; distance node → first. */
  readonly hDur: Float64Array;
  readonly hTw: Float64Array;
  readonly hEarly: Float64Array;
  readonly hLate: Float64Array;
  readonly hTrip: Float64Array;
  /**
   * At a station node S: the segment of next(S) .. last visit with its charging times (range reset
   * at S), the range excess of its closed legs, and the range used from its last station on.
   */
  readonly aDur: Float64Array;
  readonly aTw: Float64Array;
  readonly aEarly: Float64Array;
  readonly aLate: Float64Array;
  readonly aClosed: Float64Array;
  readonly aTail: Float64Array;
  // Scratch segment of merge().
  private mDur = 0;
  private mTw = 0;
  private mEarly = 0;
  private mLate = 0;

  constructor(numNodes: number) {
    const f = () => new Float64Array(numNodes);
    this.first = new Int32Array(numNodes).fill(NONE);
    [this.hDur, this.hTw, this.hEarly, this.hLate, this.hTrip] = [f(), f(), f(), f(), f()];
    [this.aDur, this.aTw, this.aEarly, this.aLate, this.aClosed, this.aTail] = [f(), f(), f(), f(), f(), f()];
  }

  /** seg1 ⊕ (edge of duration ed) ⊕ seg2 into the scratch segment. */
  private merge(d1: number, tw1: number, e1: number, l1: number, ed: number, d2: number, tw2: number, e2: number, l2: number): void {
    const at = d1 - tw1 + ed;
    const wait = Math.max(e2 - at - l1, 0);
    const warp = Math.max(e1 + at - l2, 0);
    this.mEarly = Math.max(e2 - at, e1) - wait;
    this.mLate = Math.min(l2 - at, l1) + warp;
    this.mDur = d1 + d2 + ed + wait;
    this.mTw = tw1 + tw2 + warp;
  }

  /** Backward pass over route r, after computeSuffixes (whose plain segments it reuses). */
  compute(s: SearchState, r: number): void {
    const p = s.p;
    const t = s.rType[r];
    const n = p.numLocations;
    const mt = p.vehicles.maxTripDistance[t];
    const start = s.startOf(r);
    const end = s.endOf(r);
    const hasTw = p.flags.timeWindows;
    for (let x = s.prev[end]; x !== start; x = s.prev[x]) {
      const lx = s.loc[x];
      const y = s.next[x];
      const ly = s.loc[y];
      const e = y === end ? 0 : p.distance[lx * n + ly];
      const ed = y === end ? 0 : p.duration[lx * n + ly];
      if (s.kind[x] === 2) {
        this.first[x] = x;
        this.hDur[x] = this.hTw[x] = this.hTrip[x] = 0;
        this.hEarly[x] = -Infinity;
        this.hLate[x] = Infinity;
        this.afterStation(s, x, y, end, e, mt, t, hasTw);
        continue;
      }
      const f = y === end ? NONE : this.first[y];
      this.first[x] = f;
      if (f === NONE) continue;
      const service = p.service[lx];
      if (y === f) {
        this.hDur[x] = service;
        this.hTw[x] = 0;
        this.hEarly[x] = p.twEarly[lx];
        this.hLate[x] = p.twLate[lx];
        this.hTrip[x] = e;
      } else {
        if (hasTw) {
          this.merge(service, 0, p.twEarly[lx], p.twLate[lx], ed, this.hDur[y], this.hTw[y], this.hEarly[y], this.hLate[y]);
          this.hDur[x] = this.mDur;
          this.hTw[x] = this.mTw;
          this.hEarly[x] = this.mEarly;
          this.hLate[x] = this.mLate;
        }
        this.hTrip[x] = e + this.hTrip[y];
      }
    }
  }

  /** The after-station data of station node x, whose successor is y. */
  private afterStation(s: SearchState, x: number, y: number, end: number, e: number, mt: number, t: number, hasTw: boolean): void {
    const p = s.p;
    const v = p.vehicles;
    const n = p.numLocations;
    if (y === end) {
      this.aDur[x] = this.aTw[x] = this.aClosed[x] = this.aTail[x] = 0;
      this.aEarly[x] = -Infinity;
      this.aLate[x] = Infinity;
      return;
    }
    const f = this.first[y];
    if (f === NONE) {
      // Plain suffix: computeSuffixes' segment is exact (no station in it).
      this.aDur[x] = s.sDur[y];
      this.aTw[x] = s.sTw[y];
      this.aEarly[x] = s.sEarly[y];
      this.aLate[x] = s.sLate[y];
      this.aClosed[x] = 0;
      this.aTail[x] = e + s.sDist[y];
      return;
    }
    // y .. prev(f), then f with the charge for the range used since x, then after(f).
    const lf = s.loc[f];
    // Range used from x's departure to f's arrival (hTrip includes the edge into f).
    const arrive = y === f ? e : e + this.hTrip[y];
    const charge = chargeTime(v, t, mt - arrive, mt);
    let dur = 0;
    let tw = 0;
    let early = p.twEarly[lf];
    let late = p.twLate[lf];
    if (hasTw) {
      if (y === f) {
        dur = charge;
      } else {
        const edIn = p.duration[s.loc[s.prev[f]] * n + lf];
        this.merge(this.hDur[y], this.hTw[y], this.hEarly[y], this.hLate[y], edIn, charge, 0, early, late);
        dur = this.mDur;
        tw = this.mTw;
        early = this.mEarly;
        late = this.mLate;
      }
      const nf = s.next[f];
      if (nf !== end) {
        this.merge(dur, tw, early, late, p.duration[lf * n + s.loc[nf]], this.aDur[f], this.aTw[f], this.aEarly[f], this.aLate[f]);
        dur = this.mDur;
        tw = this.mTw;
        early = this.mEarly;
        late = this.mLate;
      }
    }
    this.aDur[x] = dur;
    this.aTw[x] = tw;
    this.aEarly[x] = early;
    this.aLate[x] = late;
    this.aClosed[x] = (arrive > mt ? arrive - mt : 0) + this.aClosed[f];
    this.aTail[x] = this.aTail[f];
  }
}
