import { VAN_STATUS_COUNT } from '../sim/VanStatus.ts';
import { FACILITY_FIELDS, KPI_KEYS } from './KpiSeries.ts';
import { FRAME_VAN_STRIDE, TRAIL_STRIDE } from './sampleTimeline.ts';

/**
 * One frame of the view as a single ArrayBuffer that goes to the sim worker and back by transfer
 * (never copied): a float64 header (request fields written by the page, results by the worker;
 * times stay float64 so nothing drifts over a day), then float32 van poses and trail segments.
 */
export const H = {
  /** Run the frame belongs to (frames of a replaced run come back marked stale). */
  run: 0,
  /** Bumped by every seek on the page, echoed back, so late answers to an old position are dropped. */
  seek: 1,
  requestT: 2,
  /** Trail settings: window (simulated s), mode (0 off, 1 all vans, 2 one van), the van. */
  trailWindowS: 3,
  trailMode: 4,
  trailVan: 5,
  /** Results: the sampled time, 1 if the run is over at t, recorded horizon, end of run (NaN until known). */
  t: 6,
  finished: 7,
  horizonS: 8,
  endS: 9,
  trailCount: 10,
  /** 1 if the worker could not fill the frame (stale run or wrong size). */
  stale: 11,
  /** KPI_KEYS values at t (from the last sample at or before t). */
  kpis: 16,
} as const;

export const TrailMode = { Off: 0, All: 1, One: 2 } as const;

export interface FrameLayout {
  readonly vans: number;
  readonly facilities: number;
  readonly trailCap: number;
  /** Offsets into the float64 header. */
  readonly statusAt: number;
  /** Per facility: ports busy, vans queued (exact at t), stock, warehouse backlog (sampled). */
  readonly facilitiesAt: number;
  readonly headerLength: number;
  /** Byte offsets of the float32 sections. */
  readonly vansByte: number;
  readonly trailsByte: number;
  readonly byteLength: number;
}

/**
 * Trail segments per frame: enough for long trails on small fleets, capped so a frame stays under
 * ~1 MB; a multiple of 1024 so the view can use the array as whole rows of a 2048-texel-wide
 * float texture without copying.
 */
export function trailCapacity(vans: number): number {
  return Math.min(32_768, Math.ceil(Math.max(1024, vans * 64) / 1024) * 1024);
}

export function frameLayout(vans: number, facilities: number, trailCap = trailCapacity(vans)): FrameLayout {
  const statusAt = H.kpis + KPI_KEYS.length;
  const facilitiesAt = statusAt + VAN_STATUS_COUNT;
  const headerLength = facilitiesAt + FACILITY_FIELDS * facilities;
  const vansByte = headerLength * 8;
  const trailsByte = vansByte + vans * FRAME_VAN_STRIDE * 4;
  return { vans, facilities, trailCap, statusAt, facilitiesAt, headerLength, vansByte, trailsByte, byteLength: trailsByte + trailCap * TRAIL_STRIDE * 4 };
}
