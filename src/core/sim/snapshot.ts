import type { SimView } from './SimView.ts';
import { isMoving } from './VanStatus.ts';

/** Floats per van in a snapshot: x, y (metres), heading (radians), status. */
export const VAN_STRIDE = 4;

/**
 * Write every van's position at time t (>= the last processed event) into out: interpolated along
 * the current leg's edges (binary search on cumulative edge times), or at the van's node when it
 * is not driving. Allocation-free: the hot path of the view.
 */
export function sampleVans(sim: SimView, t: number, out: Float32Array): void {
  const f = sim.fleet;
  const g = sim.world.city.graph;
  const xy = g.xy;
  for (let v = 0; v < f.size; v++) {
    const o = v * VAN_STRIDE;
    const status = f.status[v];
    out[o + 3] = status;
    if (!isMoving(status)) {
      const n = f.node[v];
      out[o] = xy[2 * n];
      out[o + 1] = xy[2 * n + 1];
      out[o + 2] = sim.heading[v];
      continue;
    }
    const ends = f.legEndMs[v];
    const edges = f.legEdges[v];
    const ms = (t - f.legStartS[v]) * 1000;
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] < ms) lo = mid + 1;
      else hi = mid;
    }
    const e = edges[lo];
    const start = lo > 0 ? ends[lo - 1] : 0;
    const a = Math.max(0, Math.min(1, (ms - start) / (ends[lo] - start)));
    const u = g.source[e];
    const w = g.target[e];
    const dx = xy[2 * w] - xy[2 * u];
    const dy = xy[2 * w + 1] - xy[2 * u + 1];
    out[o] = xy[2 * u] + a * dx;
    out[o + 1] = xy[2 * u + 1] + a * dy;
    out[o + 2] = Math.atan2(dy, dx);
  }
}
