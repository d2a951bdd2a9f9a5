import type { DecisionKind } from '../sim/Decision.ts';
import type { Plan } from '../sim/Plan.ts';

/**
 * A recorded run, per van, in time order: everything the view needs to show any moment of the
 * day (positions, state, trails, route ahead, the decision behind the current work) by lookup,
 * so scrubbing back is as cheap as playing forward. Filled by TimelineRecorder from the engine's
 * observer hooks (or by a synthetic generator for rendering benchmarks); append-only.
 *
 * Per-van lists are flat number arrays with a fixed stride (one JS array per van and kind, not
 * one object per event): compact, and binary-searchable by time.
 */

/** Status events: [t, status, socWh, loadKg, volumeM3, where, headingRad]. */
export const STATUS_STRIDE = 7;
export const S_T = 0;
export const S_STATUS = 1;
export const S_SOC = 2;
export const S_LOAD = 3;
export const S_VOL = 4;
/** For a driving status the index of its leg; otherwise the road node the van stands at. */
export const S_WHERE = 5;
export const S_HEADING = 6;

/** Legs: [startT, firstEdge (offset into the van's edges/endsMs), edgeCount, status]. */
export const LEG_STRIDE = 4;
export const L_T = 0;
export const L_FIRST = 1;
export const L_COUNT = 2;
export const L_STATUS = 3;

/** Hand-overs: [t, door, outcome, parcels]. */
export const HANDOVER_STRIDE = 4;
export const Outcome = { OnTime: 0, Late: 1, Failed: 2 } as const;

export interface DecisionRecord {
  readonly t: number;
  readonly kind: DecisionKind;
  readonly reason: string;
  readonly plan: Plan;
  /** Index of the van's first status event that belongs to this plan (events at the same instant may precede it). */
  readonly firstStatus: number;
}

export class Timeline {
  readonly vanCount: number;
  readonly status: number[][];
  readonly legs: number[][];
  /** Edge ids of every leg of a van, back to back; legs index into it. */
  readonly edges: number[][];
  /** Cumulative end time of each edge within its leg, ms after the leg's start. */
  readonly endsMs: number[][];
  readonly decisions: DecisionRecord[][];
  readonly handovers: number[][];
  /** Every hand-over of the fleet in time order, for overlays: [t, door, outcome, van]. */
  readonly allHandovers: number[] = [];
  /** Every decision of the fleet in time order, for captions: [t, van, index into decisions[van]]. */
  readonly allDecisions: number[] = [];
  readonly startNode: Int32Array;
  readonly startSocWh: Float64Array;
  readonly startS: number;
  /** Everything at or before this time is recorded. */
  horizonS: number;
  /** When the run ended (NaN while it goes on). */
  endS = NaN;

  constructor(vanCount: number, startS: number, startNode: ArrayLike<number>, startSocWh: ArrayLike<number>) {
    this.vanCount = vanCount;
    this.startS = startS;
    this.horizonS = startS;
    const lists = () => Array.from({ length: vanCount }, (): number[] => []);
    this.status = lists();
    this.legs = lists();
    this.edges = lists();
    this.endsMs = lists();
    this.handovers = lists();
    this.decisions = Array.from({ length: vanCount }, (): DecisionRecord[] => []);
    this.startNode = Int32Array.from(startNode);
    this.startSocWh = Float64Array.from(startSocWh);
  }

  get finished(): boolean {
    return !Number.isNaN(this.endS);
  }

  /** The last time anything can be shown: the end of the run, or the recorded horizon. */
  get lastS(): number {
    return this.finished ? this.endS : this.horizonS;
  }

  addStatus(v: number, t: number, status: number, socWh: number, loadKg: number, volumeM3: number, where: number, heading: number): void {
    this.status[v].push(t, status, socWh, loadKg, volumeM3, where, heading);
  }

  /** Copies the (engine-owned, reused) arrays. */
  addLeg(v: number, t: number, status: number, edges: readonly number[], endsMs: readonly number[]): number {
    const e = this.edges[v];
    const first = e.length;
    for (let i = 0; i < edges.length; i++) {
      e.push(edges[i]);
      this.endsMs[v].push(endsMs[i]);
    }
    const legs = this.legs[v];
    legs.push(t, first, edges.length, status);
    return legs.length / LEG_STRIDE - 1;
  }

  /** Index of the next leg the van will record (for a driving status event, which precedes its leg). */
  nextLeg(v: number): number {
    return this.legs[v].length / LEG_STRIDE;
  }

  addDecision(v: number, rec: DecisionRecord): void {
    this.decisions[v].push(rec);
    this.allDecisions.push(rec.t, v, this.decisions[v].length - 1);
  }

  addHandover(v: number, t: number, door: number, outcome: number, parcels: number): void {
    this.handovers[v].push(t, door, outcome, parcels);
    this.allHandovers.push(t, door, outcome, v);
  }

  /** Index of the van's last status event at or before t, or -1. */
  statusIndexAt(v: number, t: number): number {
    return lastAtOrBefore(this.status[v], STATUS_STRIDE, t);
  }

  /** Index of the van's last decision at or before t, or -1. */
  decisionIndexAt(v: number, t: number): number {
    const d = this.decisions[v];
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (d[mid].t <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  /** End time of leg l of van v, s. */
  legEndS(v: number, l: number): number {
    const legs = this.legs[v];
    const o = l * LEG_STRIDE;
    return legs[o + L_T] + this.endsMs[v][legs[o + L_FIRST] + legs[o + L_COUNT] - 1] / 1000;
  }
}

/** Binary search in a flat array of records whose first field is a time: the last record with time <= t, or -1. */
export function lastAtOrBefore(a: readonly number[], stride: number, t: number): number {
  let lo = 0;
  let hi = a.length / stride;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid * stride] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
