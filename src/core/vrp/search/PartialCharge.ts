/**
 * Partial-recharge charging decisions for a route tail (Keskin & Çatay 2016, EVRPTW-PR): from the
 * first station visit on, the visits are recorded and, once the whole route is known, the charge
 * at each station is chosen by two policies and the one with less time warp kept:
 *
 *   - "just enough": what the leg to the next station or depot needs, plus what fits into the
 *     waiting that the next leg's time windows force anyway (that leaves the merged duration
 *     segment unchanged and lowers the next station's charge);
 *   - "full, capped": to full, but never beyond what the rest of the route (to the next depot)
 *     needs. At every station it charges at most what full recharge (Schneider et al. 2014) would,
 *     so a route feasible under full recharge stays feasible.
 *
 * Exact optimal charges (trading a customer's slack for a shorter later charge) need an LP per
 * route; these two policies are a deterministic approximation of it. The charging time is the
 * vehicle type's charging function (piecewise-linear concave, Montoya et al. 2017; linear on the
 * benchmark instances). Durations merge as duration segments (Vidal et al. 2013 §4.1), exactly in
 * integers, so RouteEval (tail from the first station) and Solution (whole route) agree bit for bit.
 */
import type { ProblemData } from '../ProblemData.ts';
import { chargeTime, levelWithin } from '../ProblemData.ts';

export class PartialCharge {
  private readonly p: ProblemData;
  /** The tail: locations and kinds (0 client, 1 reload, 2 station). */
  readonly loc: Int32Array;
  readonly kind: Uint8Array;
  n = 0;
  /** State before the tail: duration segment, last location, range used since the last reset. */
  dur = 0;
  tw = 0;
  early = 0;
  late = 0;
  prevLoc = 0;
  trip0 = 0;
  /** Results of run(): service per tail visit, charge per tail visit (range units), segment, range excess. */
  readonly service: Float64Array;
  readonly charge: Float64Array;
  private readonly svc2: Float64Array;
  private readonly chg2: Float64Array;
  private readonly remain: Float64Array;
  resDur = 0;
  resTw = 0;
  resEarly = 0;
  resLate = 0;
  resExcess = 0;
  // Scratch segment of one policy run.
  private d = 0;
  private w = 0;
  private e = 0;
  private l = 0;

  constructor(p: ProblemData, capacity: number) {
    this.p = p;
    this.loc = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.service = new Float64Array(capacity);
    this.charge = new Float64Array(capacity);
    this.svc2 = new Float64Array(capacity);
    this.chg2 = new Float64Array(capacity);
    this.remain = new Float64Array(capacity);
  }

  begin(dur: number, tw: number, early: number, late: number, prevLoc: number, trip0: number): void {
    this.n = 0;
    this.dur = dur;
    this.tw = tw;
    this.early = early;
    this.late = late;
    this.prevLoc = prevLoc;
    this.trip0 = trip0;
  }

  push(l: number, kind: number): void {
    this.loc[this.n] = l;
    this.kind[this.n++] = kind;
  }

  /** Choose the charges for vehicle type t ending at endLoc (endLate: latest return). */
  run(t: number, endLoc: number, endLate: number): void {
    const p = this.p;
    const n = p.numLocations;
    // Range from each visit to the next depot (end or reload), for the capped policy.
    let rem = 0;
    let after = endLoc;
    for (let i = this.n - 1; i >= 0; i--) {
      const l = this.loc[i];
      rem += p.distance[l * n + after];
      this.remain[i] = rem;
      if (this.kind[i] === 1) rem = 0;
      after = l;
    }
    const tw1 = this.policy(t, endLoc, endLate, false, this.service, this.charge);
    const d1 = this.d;
    const w1 = this.w;
    const e1 = this.e;
    const l1 = this.l;
    const x1 = this.resExcess;
    const tw2 = this.policy(t, endLoc, endLate, true, this.svc2, this.chg2);
    if (tw2 < tw1) {
      for (let i = 0; i < this.n; i++) {
        this.service[i] = this.svc2[i];
        this.charge[i] = this.chg2[i];
      }
    } else {
      this.d = d1;
      this.w = w1;
      this.e = e1;
      this.l = l1;
      this.resExcess = x1;
    }
    this.resDur = this.d;
    this.resTw = this.w;
    this.resEarly = this.e;
    this.resLate = this.l;
  }

  private merge(edge: number, dur2: number, tw2: number, early2: number, late2: number): void {
    const at = this.d - this.w + edge;
    const wait = Math.max(early2 - at - this.l, 0);
    const warp = Math.max(this.e + at - late2, 0);
    const early = Math.max(early2 - at, this.e) - wait;
    this.l = Math.min(late2 - at, this.l) + warp;
    this.e = early;
    this.d += dur2 + edge + wait;
    this.w += warp;
  }

  /** One policy over the tail; returns the time warp including the return to endLoc. */
  private policy(t: number, endLoc: number, endLate: number, capped: boolean, service: Float64Array, charge: Float64Array): number {
    const p = this.p;
    const v = p.vehicles;
    const n = p.numLocations;
    const mt = v.maxTripDistance[t];
    this.d = this.dur;
    this.w = this.tw;
    this.e = this.early;
    this.l = this.late;
    let excess = 0;
    let leg = this.trip0;
    let level = mt;
    let last = this.prevLoc;
    for (let i = 0; i < this.n; i++) {
      const l = this.loc[i];
      const k = this.kind[i];
      const idx = last * n + l;
      leg += p.distance[idx];
      charge[i] = 0;
      if (k === 0) service[i] = p.service[l];
      else {
        if (leg > mt) excess += leg - mt;
        const arr = level - leg > 0 ? level - leg : 0;
        if (k === 1) {
          service[i] = v.reloadDuration[t];
          level = mt;
        } else {
          const x = capped ? this.cappedCharge(i, arr, mt) : this.justEnough(t, i, arr, mt, idx, endLoc);
          charge[i] = x;
          service[i] = chargeTime(v, t, arr, arr + x);
          level = arr + x;
        }
        leg = 0;
      }
      this.merge(p.duration[idx], service[i], 0, p.twEarly[l], p.twLate[l]);
      last = l;
    }
    const idx = last * n + endLoc;
    leg += p.distance[idx];
    if (leg > mt) excess += leg - mt;
    this.resExcess = excess;
    const at = this.d - this.w + p.duration[idx];
    const endWarp = this.e + at - endLate;
    let tw = this.w + (endWarp > 0 ? endWarp : 0);
    const total = this.d + p.duration[idx];
    if (total > v.maxDuration[t]) tw += total - v.maxDuration[t];
    return tw;
  }

  private cappedCharge(i: number, arr: number, mt: number): number {
    const want = this.remain[i] < mt ? this.remain[i] : mt;
    return want > arr ? want - arr : 0;
  }

  /** The leg's need, plus the charge that fits into the wait its windows force (next reset a station). */
  private justEnough(t: number, i: number, arr: number, mt: number, idxIn: number, endLoc: number): number {
    const p = this.p;
    const v = p.vehicles;
    const n = p.numLocations;
    let need = 0;
    let b = this.loc[i];
    let j = i + 1;
    for (; j < this.n; j++) {
      need += p.distance[b * n + this.loc[j]];
      if (this.kind[j] !== 0) break;
      b = this.loc[j];
    }
    if (j === this.n) need += p.distance[b * n + endLoc];
    let x = need - arr;
    if (x < 0) x = 0;
    if (x > mt - arr) x = mt - arr;
    if (j === this.n || this.kind[j] !== 2 || j === i + 1) return x;
    // Forced wait before the leg's clients: merge (segment so far ⊕ station) with the leg's segment B.
    const base = chargeTime(v, t, arr, arr + x);
    const l = this.loc[i];
    const d0 = this.d;
    const w0 = this.w;
    const e0 = this.e;
    const l0 = this.l;
    this.merge(p.duration[idxIn], base, 0, p.twEarly[l], p.twLate[l]);
    const cd = this.d;
    const cw = this.w;
    const cl = this.l;
    // Segment B of the leg's clients, i + 1 .. j − 1, merged on its own.
    this.d = p.service[this.loc[i + 1]];
    this.w = 0;
    this.e = p.twEarly[this.loc[i + 1]];
    this.l = p.twLate[this.loc[i + 1]];
    for (let q = i + 2; q < j; q++) {
      const lq = this.loc[q];
      this.merge(p.duration[this.loc[q - 1] * n + lq], p.service[lq], 0, p.twEarly[lq], p.twLate[lq]);
    }
    const wait = this.e - (cd - cw + p.duration[l * n + this.loc[i + 1]]) - cl;
    this.d = d0;
    this.w = w0;
    this.e = e0;
    this.l = l0;
    if (wait <= 0) return x;
    const to = levelWithin(v, t, arr, mt, base + wait);
    return to > arr + x ? to - arr : x;
  }
}
