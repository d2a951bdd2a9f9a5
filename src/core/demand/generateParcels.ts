import type { Rng } from '../util/rng.ts';
import type { Parcels } from './Parcels.ts';
import { cumulativeWeights, drawSize, pickDoor, type SizeParams } from './parcelSize.ts';

export interface DemandParams extends SizeParams {
  readonly parcels: number;
  /** Arrival waves at the warehouse: time (s after midnight) and share of the day's parcels. */
  readonly waves: readonly { readonly atS: number; readonly share: number }[];
  /** Length of the promised delivery window, hours. */
  readonly windowHours: number;
  /** Earliest window start after the parcel reaches the warehouse, hours. */
  readonly minLeadHours: number;
  /** End of the day: windows close by then. */
  readonly dayEndS: number;
}

/**
 * Draws the day's parcels: each arrives with a wave, goes to a door chosen in proportion to the
 * door's weight (floor area), and gets a window on the hour at least `minLeadHours` after arrival
 * (customers favour the earliest slots, see slotChoice); sizes from drawSize. Sorted by release
 * time; ids P00001…
 */
export function generateParcels(p: DemandParams, doorWeight: Float32Array, rng: Rng): Parcels {
  const n = p.parcels;
  const cum = cumulativeWeights(doorWeight);
  const totalShare = p.waves.reduce((s, w) => s + w.share, 0);
  const release = new Float64Array(n);
  let k = 0;
  p.waves.forEach((w, wi) => {
    const count = wi === p.waves.length - 1 ? n - k : Math.round((n * w.share) / totalShare);
    for (let i = 0; i < count && k < n; i++) release[k++] = w.atS;
  });
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
  const windowS = p.windowHours * 3600;
  for (let i = 0; i < n; i++) {
    out.door[i] = pickDoor(cum, rng);
    const size = drawSize(p, rng);
    out.weightKg[i] = size.weightKg;
    out.volumeM3[i] = size.volumeM3;
    const earliest = Math.ceil((release[i] + p.minLeadHours * 3600) / 3600) * 3600;
    const latest = Math.max(earliest, Math.floor((p.dayEndS - windowS) / 3600) * 3600);
    const start = earliest + 3600 * slotChoice(rng, Math.floor((latest - earliest) / 3600) + 1);
    out.windowStartS[i] = start;
    out.windowEndS[i] = Math.min(start + windowS, Math.max(p.dayEndS, earliest + windowS));
  }
  return out;
}

/**
 * Which of the n hourly slots a customer books: most take one of the first ones offered (the
 * "as soon as possible" preference), the rest spread over the day — geometric with p = 0.3,
 * truncated to the slots that exist.
 */
function slotChoice(rng: Rng, n: number): number {
  const p = 0.3;
  const u = rng.next() * (1 - (1 - p) ** n);
  return Math.min(n - 1, Math.floor(Math.log(1 - u) / Math.log(1 - p)));
}
