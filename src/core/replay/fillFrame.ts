import type { RoadGraph } from '../network/RoadGraph.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { FACILITY_FIELDS, KPI_KEYS, ROW_FACILITIES, ROW_KPIS, type KpiSeries } from './KpiSeries.ts';
import { H, TrailMode, type FrameLayout } from './frameLayout.ts';
import { FRAME_VAN_STRIDE, newPose, sampleVansAt, TRAIL_STRIDE, writeTrails, type VanPose } from './sampleTimeline.ts';
import type { Timeline } from './Timeline.ts';

/** What a frame is sampled from: a recorded (or recording) run. */
export interface FrameSource {
  readonly runId: number;
  readonly timeline: Timeline;
  readonly kpis: KpiSeries | null;
  readonly graph: RoadGraph;
  readonly layout: FrameLayout;
  /** Facility index at each facility's road node. */
  readonly facilityAt: ReadonlyMap<number, number>;
  /** Record the run at least up to t (runs the engine if it is behind). */
  ensure(t: number): void;
}

/** Reused between frames: the worker fills thousands of frames per run. */
export interface FrameScratch {
  readonly pose: VanPose;
  nodes: Int32Array;
  counts: Float64Array;
}

export function newFrameScratch(): FrameScratch {
  return { pose: newPose(), nodes: new Int32Array(0), counts: new Float64Array(0) };
}

/** Trail segments per van when every van has one: the frame's budget shared out, within 3..64. */
function perVanTrail(layout: FrameLayout): number {
  return Math.max(3, Math.min(64, Math.floor(layout.trailCap / Math.max(1, layout.vans))));
}

/**
 * Answer a frame request in place: sample every van at the requested time, count them by state
 * and by charger, copy the KPI sample, and write the trails. Returns false (and marks the frame
 * stale) if the buffer belongs to another run or has the wrong size.
 */
export function fillFrame(src: FrameSource, buf: ArrayBuffer, scratch: FrameScratch): boolean {
  const L = src.layout;
  const h = new Float64Array(buf, 0, L.headerLength);
  if (buf.byteLength !== L.byteLength || h[H.run] !== src.runId) {
    h[H.stale] = 1;
    return false;
  }
  const tl = src.timeline;
  let t = Math.max(tl.startS, h[H.requestT]);
  src.ensure(t);
  t = Math.min(t, tl.lastS);
  if (scratch.nodes.length !== L.vans) scratch.nodes = new Int32Array(L.vans);
  if (scratch.counts.length !== L.facilitiesAt - L.statusAt) scratch.counts = new Float64Array(L.facilitiesAt - L.statusAt);
  const vans = new Float32Array(buf, L.vansByte, L.vans * FRAME_VAN_STRIDE);
  sampleVansAt(tl, src.graph, t, vans, scratch.counts, scratch.nodes, scratch.pose);
  for (let s = 0; s < scratch.counts.length; s++) h[L.statusAt + s] = scratch.counts[s];
  writeFacilities(src, h, t, vans, scratch.nodes);
  writeKpis(src.kpis, h, t);
  const mode = h[H.trailMode];
  const trails = new Float32Array(buf, L.trailsByte, L.trailCap * TRAIL_STRIDE);
  h[H.trailCount] =
    mode === TrailMode.Off ? 0 : writeTrails(tl, src.graph, t, h[H.trailWindowS], trails, L.trailCap, mode === TrailMode.One ? 4096 : perVanTrail(L), mode === TrailMode.One ? h[H.trailVan] : -1);
  h[H.t] = t;
  h[H.finished] = tl.finished && t >= tl.endS ? 1 : 0;
  h[H.horizonS] = tl.lastS;
  h[H.endS] = tl.endS;
  h[H.stale] = 0;
  return true;
}

/** Ports busy and vans queued at each facility at t (exact, from the poses); stock and backlog from the samples. */
function writeFacilities(src: FrameSource, h: Float64Array, t: number, vans: Float32Array, nodes: Int32Array): void {
  const L = src.layout;
  for (let f = 0; f < L.facilities; f++) {
    h[L.facilitiesAt + FACILITY_FIELDS * f] = 0;
    h[L.facilitiesAt + FACILITY_FIELDS * f + 1] = 0;
  }
  for (let v = 0; v < L.vans; v++) {
    const s = vans[v * FRAME_VAN_STRIDE + 3];
    if (s !== VanStatus.Charging && s !== VanStatus.WaitingCharger) continue;
    const f = src.facilityAt.get(nodes[v]);
    if (f === undefined) continue;
    h[L.facilitiesAt + FACILITY_FIELDS * f + (s === VanStatus.Charging ? 0 : 1)]++;
  }
  const k = src.kpis;
  const row = k ? k.rowAt(t) : -1;
  for (let f = 0; f < L.facilities; f++) {
    const o = L.facilitiesAt + FACILITY_FIELDS * f;
    h[o + 2] = row >= 0 && k ? k.get(row, ROW_FACILITIES + FACILITY_FIELDS * f + 2) : 0;
    h[o + 3] = row >= 0 && k ? k.get(row, ROW_FACILITIES + FACILITY_FIELDS * f + 3) : 0;
  }
}

function writeKpis(k: KpiSeries | null, h: Float64Array, t: number): void {
  const row = k ? k.rowAt(t) : -1;
  for (let i = 0; i < KPI_KEYS.length; i++) h[H.kpis + i] = row >= 0 && k ? k.get(row, ROW_KPIS + i) : 0;
}
