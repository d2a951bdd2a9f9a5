import type { Rng } from '../util/rng.ts';
import type { Parcels } from './Parcels.ts';
import { cumulativeWeights, drawSize, pickDoor, type SizeParams } from './parcelSize.ts';
import { windowStartFor, type WindowRule } from './promisedWindow.ts';
import { sampleArrivals, type ArrivalParams } from './sampleArrivals.ts';

export interface OrderDayParams extends SizeParams, ArrivalParams {
  readonly window: WindowRule;
}

/**
 * Orders placed during the day (demand.arrivals): order times from the hourly profile
 * (sampleArrivals), each parcel released at the warehouse when it is ordered, sent to a door drawn
 * in proportion to its weight, with the window promised at order time (promisedWindow). Sorted by
 * order time; ids P00001…
 */
export function generateOrders(p: OrderDayParams, doorWeight: Float32Array, rng: Rng): Parcels {
  const release = sampleArrivals(p, rng);
  const n = release.length;
  const cum = cumulativeWeights(doorWeight);
  const out = {
    count: n,
    id: Array.from({ length: n }, (_, i) => `P${String(i + 1).padStart(5, '0')}`),
    door: new Uint32Array(n),
    weightKg: new Float64Array(n),
    volumeM3: new Float64Array(n),
    releaseS: release,
    windowStartS: new Float64Array(n),
    windowEndS: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.door[i] = pickDoor(cum, rng);
    const size = drawSize(p, rng);
    out.weightKg[i] = size.weightKg;
    out.volumeM3[i] = size.volumeM3;
    out.windowStartS[i] = windowStartFor(release[i], p.window);
    out.windowEndS[i] = out.windowStartS[i] + p.window.windowS;
  }
  return out;
}
