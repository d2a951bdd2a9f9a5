import type { RoadGraph } from '../network/RoadGraph.ts';
import { isMoving } from '../sim/VanStatus.ts';
import { LEG_STRIDE, L_COUNT, L_FIRST, L_STATUS, L_T, STATUS_STRIDE, S_HEADING, S_STATUS, S_WHERE, lastAtOrBefore, type Timeline } from './Timeline.ts';

/** Floats per van in a sampled frame: x, y (metres), heading (radians), status — as core/sim/snapshot. */
export const FRAME_VAN_STRIDE = 4;

/** Where one van is at some time (reused scratch object; see vanAt). */
export interface VanPose {
  x: number;
  y: number;
  heading: number;
  status: number;
  /** Road node the van stands at, or -1 while driving. */
  node: number;
  /** Leg being driven, or -1. */
  leg: number;
}

export function newPose(): VanPose {
  return { x: 0, y: 0, heading: 0, status: 0, node: -1, leg: -1 };
}

/**
 * Van v's pose at time t (t within the recorded horizon): on its leg, interpolated between the
 * cumulative edge end times (binary search), or at the node of its last status event. Writes into
 * `pose` and allocates nothing: this runs for every van on every frame.
 */
export function vanAt(tl: Timeline, g: RoadGraph, v: number, t: number, pose: VanPose): VanPose {
  const st = tl.status[v];
  const i = lastAtOrBefore(st, STATUS_STRIDE, t);
  const xy = g.xy;
  pose.leg = -1;
  if (i < 0) {
    const n = tl.startNode[v];
    pose.x = xy[2 * n];
    pose.y = xy[2 * n + 1];
    pose.heading = 0;
    pose.status = 0;
    pose.node = n;
    return pose;
  }
  const o = i * STATUS_STRIDE;
  const status = st[o + S_STATUS];
  pose.status = status;
  const legs = tl.legs[v];
  const leg = st[o + S_WHERE];
  if (!isMoving(status) || leg * LEG_STRIDE >= legs.length) {
    const n = isMoving(status) ? lastNodeBefore(tl, g, v, leg) : leg;
    pose.x = xy[2 * n];
    pose.y = xy[2 * n + 1];
    pose.heading = st[o + S_HEADING];
    pose.node = n;
    return pose;
  }
  const lo0 = legs[leg * LEG_STRIDE + L_FIRST];
  const ends = tl.endsMs[v];
  const ms = (t - legs[leg * LEG_STRIDE + L_T]) * 1000;
  let lo = lo0;
  let hi = lo0 + legs[leg * LEG_STRIDE + L_COUNT] - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  const e = tl.edges[v][lo];
  const start = lo > lo0 ? ends[lo - 1] : 0;
  const a = Math.max(0, Math.min(1, (ms - start) / (ends[lo] - start)));
  const u = g.source[e];
  const w = g.target[e];
  const dx = xy[2 * w] - xy[2 * u];
  const dy = xy[2 * w + 1] - xy[2 * u + 1];
  pose.x = xy[2 * u] + a * dx;
  pose.y = xy[2 * u + 1] + a * dy;
  pose.heading = Math.atan2(dy, dx);
  pose.node = -1;
  pose.leg = leg;
  return pose;
}

/** The node a van reached at the end of the leg before `leg` (or its start node). */
function lastNodeBefore(tl: Timeline, g: RoadGraph, v: number, leg: number): number {
  if (leg <= 0) return tl.startNode[v];
  const legs = tl.legs[v];
  const o = (leg - 1) * LEG_STRIDE;
  return g.target[tl.edges[v][legs[o + L_FIRST] + legs[o + L_COUNT] - 1]];
}

/**
 * Sample every van at time t into `out` (FRAME_VAN_STRIDE floats per van) and count vans per
 * status into `counts` (zeroed here). `nodes`, if given, receives each parked van's node (-1
 * while driving), for charger occupancy. One tight loop with a reused pose: no allocation.
 */
export function sampleVansAt(tl: Timeline, g: RoadGraph, t: number, out: Float32Array, counts: Float64Array | null, nodes: Int32Array | null, pose: VanPose): void {
  if (counts) counts.fill(0);
  for (let v = 0; v < tl.vanCount; v++) {
    vanAt(tl, g, v, t, pose);
    const o = v * FRAME_VAN_STRIDE;
    out[o] = pose.x;
    out[o + 1] = pose.y;
    out[o + 2] = pose.heading;
    out[o + 3] = pose.status;
    if (counts) counts[pose.status]++;
    if (nodes) nodes[v] = pose.node;
  }
}

/**
 * Floats per trail segment: x0, y0, t0, status, x1, y1, t1, 0 (times in s relative to the frame's
 * t). Eight, as two RGBA texels: the view reads segments from a float texture in the vertex shader.
 */
export const TRAIL_STRIDE = 8;

/** Index of van v's last leg that started at or before t, or -1. */
export function legIndexAt(tl: Timeline, v: number, t: number): number {
  return lastAtOrBefore(tl.legs[v], LEG_STRIDE, t);
}

/**
 * Write the road each van drove during (t - windowS, t] as segments (newest first, at most
 * `perVan` per van, `cap` in all) into `out`; returns the number of segments. Only van `only`
 * if it is >= 0. Times are relative to t so they stay exact in float32 over a whole day.
 */
export function writeTrails(tl: Timeline, g: RoadGraph, t: number, windowS: number, out: Float32Array, cap: number, perVan: number, only = -1): number {
  let n = 0;
  const from = only >= 0 ? only : 0;
  const to = only >= 0 ? only + 1 : tl.vanCount;
  for (let v = from; v < to && n < cap; v++) {
    let left = Math.min(perVan, cap - n);
    const legs = tl.legs[v];
    for (let l = legIndexAt(tl, v, t); l >= 0 && left > 0; l--) {
      const o = l * LEG_STRIDE;
      const legT = legs[o + L_T];
      if (tl.legEndS(v, l) <= t - windowS) break;
      const wrote = trailOfLeg(tl, g, v, legs[o + L_FIRST], legs[o + L_COUNT], legT, legs[o + L_STATUS], t, windowS, out, n, left);
      n += wrote;
      left -= wrote;
    }
  }
  return n;
}

/** Segments of one leg inside the window, newest first. Hot loop: indices only, no allocation. */
function trailOfLeg(tl: Timeline, g: RoadGraph, v: number, first: number, count: number, legT: number, status: number, t: number, windowS: number, out: Float32Array, at: number, left: number): number {
  const ends = tl.endsMs[v];
  const edges = tl.edges[v];
  const xy = g.xy;
  const oldest = t - windowS;
  let n = 0;
  for (let k = first + count - 1; k >= first && n < left; k--) {
    const s = legT + (k > first ? ends[k - 1] : 0) / 1000;
    const e = legT + ends[k] / 1000;
    if (s >= t) continue;
    if (e <= oldest) break;
    const a0 = s < oldest ? oldest : s;
    const a1 = e > t ? t : e;
    const u = g.source[edges[k]];
    const w = g.target[edges[k]];
    const f0 = (a0 - s) / (e - s);
    const f1 = (a1 - s) / (e - s);
    const ux = xy[2 * u];
    const uy = xy[2 * u + 1];
    const dx = xy[2 * w] - ux;
    const dy = xy[2 * w + 1] - uy;
    const o = (at + n) * TRAIL_STRIDE;
    out[o] = ux + f0 * dx;
    out[o + 1] = uy + f0 * dy;
    out[o + 2] = a0 - t;
    out[o + 3] = status;
    out[o + 4] = ux + f1 * dx;
    out[o + 5] = uy + f1 * dy;
    out[o + 6] = a1 - t;
    out[o + 7] = 0;
    n++;
  }
  return n;
}
