import type { Step } from '../sim/Plan.ts';
import type { World } from '../sim/World.ts';
import { planProgress } from './planProgress.ts';
import { newPose, vanAt } from './sampleTimeline.ts';
import { HANDOVER_STRIDE, LEG_STRIDE, L_COUNT, L_FIRST, L_STATUS, L_T, Outcome, STATUS_STRIDE, S_LOAD, S_SOC, S_T, S_VOL, type Timeline } from './Timeline.ts';

export type StopOutcome = 'on time' | 'late' | 'failed';

/** One stop of the van's current plan, as the van panel lists it. */
export interface StopView {
  readonly kind: 'load' | 'unload' | 'handover' | 'charge';
  /** Facility id, or "door N". */
  readonly place: string;
  readonly x: number;
  readonly y: number;
  readonly parcels: number;
  /** Door index of a hand-over. */
  readonly door?: number;
  /** Promised window of the hand-over (its first parcel's, which the van waits for). */
  readonly windowStartS?: number;
  readonly windowEndS?: number;
  /** When the van gets there (recorded; NaN beyond the recorded horizon). */
  readonly atS: number;
  readonly outcome?: StopOutcome;
}

export interface VanDetail {
  readonly van: number;
  readonly id: string;
  readonly t: number;
  readonly status: number;
  readonly x: number;
  readonly y: number;
  readonly socWh: number;
  readonly batteryWh: number;
  /** Distance left on the battery at the current load, km. */
  readonly rangeKm: number;
  readonly loadKg: number;
  readonly volumeM3: number;
  readonly payloadKg: number;
  readonly cargoM3: number;
  readonly decision: { readonly t: number; readonly kind: string; readonly reason: string } | null;
  readonly stops: StopView[];
  /** The rest of the plan's driving, as trail segments (TRAIL_STRIDE floats, times relative to t). */
  readonly route: Float32Array;
}

/**
 * Everything the van panel shows for van v at time t: state of charge (interpolated between the
 * recorded events: linear while driving), load, range, the decision that gave it its current
 * work, that plan's stops with windows and (recorded) arrival times, and the road still ahead.
 */
export function vanDetail(tl: Timeline, world: World, ids: readonly string[], v: number, t: number): VanDetail {
  const g = world.city.graph;
  const spec = world.params.van;
  const pose = vanAt(tl, g, v, t, newPose());
  const { socWh, loadKg, volumeM3 } = vanLevels(tl, v, t);
  const di = tl.decisionIndexAt(v, t);
  const d = di >= 0 ? tl.decisions[v][di] : null;
  const stops: StopView[] = [];
  let route: Float32Array = new Float32Array(0);
  if (d) {
    const times = planProgress(tl, v, d);
    for (let k = 0; k < d.plan.length; k++) {
      const s = stopOf(world, d.plan[k], times.startS[k]);
      if (s) stops.push(withOutcome(tl, v, s, t));
    }
    const legs: number[] = [];
    for (let k = 0; k < d.plan.length; k++) if (times.leg[k] >= 0) legs.push(times.leg[k]);
    route = routeOf(tl, world, v, t, legs);
  }
  return {
    van: v,
    id: ids[v] ?? `van ${v}`,
    t,
    status: pose.status,
    x: pose.x,
    y: pose.y,
    socWh,
    batteryWh: world.batteryWh,
    rangeKm: world.energy.rangeKm(30, loadKg, socWh), // urban driving, the rated-range convention
    loadKg,
    volumeM3,
    payloadKg: spec.payloadKg,
    cargoM3: spec.cargoM3,
    decision: d ? { t: d.t, kind: d.kind, reason: d.reason } : null,
    stops,
    route,
  };
}

/** Battery, load and volume at t: the last event's, with the battery interpolated towards the next event. */
export function vanLevels(tl: Timeline, v: number, t: number): { socWh: number; loadKg: number; volumeM3: number } {
  const st = tl.status[v];
  const i = tl.statusIndexAt(v, t);
  if (i < 0) return { socWh: tl.startSocWh[v], loadKg: 0, volumeM3: 0 };
  const o = i * STATUS_STRIDE;
  let soc = st[o + S_SOC];
  const next = o + STATUS_STRIDE;
  if (next < st.length && st[next + S_T] > st[o + S_T]) {
    const a = Math.min(1, (t - st[o + S_T]) / (st[next + S_T] - st[o + S_T]));
    soc += a * (st[next + S_SOC] - soc);
  }
  return { socWh: soc, loadKg: st[o + S_LOAD], volumeM3: st[o + S_VOL] };
}

function stopOf(world: World, s: Step, atS: number): StopView | null {
  const facs = world.city.facilities;
  switch (s.kind) {
    case 'drive':
      return null;
    case 'handover': {
      const P = world.parcels;
      const p = s.parcels[0];
      const doors = world.city.doors;
      return { kind: 'handover', place: `door ${s.door}`, door: s.door, x: doors.x[s.door], y: doors.y[s.door], parcels: s.parcels.length, windowStartS: P.windowStartS[p], windowEndS: P.windowEndS[p], atS };
    }
    case 'load':
      return { kind: 'load', place: facs[s.facility].id, x: facs[s.facility].x, y: facs[s.facility].y, parcels: s.parcels.length, atS };
    default:
      return { kind: s.kind, place: facs[s.facility].id, x: facs[s.facility].x, y: facs[s.facility].y, parcels: 0, atS };
  }
}

/** A hand-over that has happened by t gets its outcome from the recorded hand-overs (the replay does not tell the future). */
function withOutcome(tl: Timeline, v: number, s: StopView, t: number): StopView {
  if (s.kind !== 'handover' || Number.isNaN(s.atS) || s.atS > t) return s;
  const h = tl.handovers[v];
  for (let i = 0; i < h.length; i += HANDOVER_STRIDE) {
    if (h[i] < s.atS || h[i + 1] !== s.door) continue;
    if (h[i] > t) return s;
    const outcome: StopOutcome = h[i + 2] === Outcome.Failed ? 'failed' : h[i + 2] === Outcome.Late ? 'late' : 'on time';
    return { ...s, outcome, atS: s.atS };
  }
  return s;
}

/** The plan's legs that end after t, as trail segments (TRAIL_STRIDE floats) with times relative to t. */
function routeOf(tl: Timeline, world: World, v: number, t: number, legs: readonly number[]): Float32Array {
  const g = world.city.graph;
  const out: number[] = [];
  const L = tl.legs[v];
  for (const l of legs) {
    if (tl.legEndS(v, l) <= t) continue;
    const o = l * LEG_STRIDE;
    const legT = L[o + L_T];
    const first = L[o + L_FIRST];
    for (let k = first; k < first + L[o + L_COUNT]; k++) {
      const e = tl.edges[v][k];
      const s = legT + (k > first ? tl.endsMs[v][k - 1] : 0) / 1000;
      const en = legT + tl.endsMs[v][k] / 1000;
      if (en <= t) continue;
      out.push(g.x(g.source[e]), g.y(g.source[e]), s - t, L[o + L_STATUS], g.x(g.target[e]), g.y(g.target[e]), en - t, 0);
    }
  }
  return Float32Array.from(out);
}
