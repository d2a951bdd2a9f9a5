import type { Rng } from '../util/rng.ts';
import type { OrderBook } from './orderFile.ts';
import type { Parcels } from './Parcels.ts';
import { drawSize, volumeOf, type SizeParams } from './parcelSize.ts';
import { windowStartFor, type WindowRule } from './promisedWindow.ts';

/**
 * One run's parcels from an order file: the file's doors, times and whatever sizes and windows it
 * gives; what it leaves out is drawn with the run's seed (sizes as for generated demand; a volume
 * alone from the given weight and a drawn density; a weight alone from the given volume) or derived
 * (the promised window). Released at the warehouse when ordered. Ids are the file's.
 */
export function orderBookParcels(book: OrderBook, size: SizeParams, window: WindowRule, rng: Rng): Parcels {
  const n = book.count;
  const out = {
    count: n,
    id: [...book.id],
    door: book.door.slice(),
    weightKg: new Float64Array(n),
    volumeM3: new Float64Array(n),
    releaseS: book.orderS.slice(),
    windowStartS: new Float64Array(n),
    windowEndS: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const drawn = drawSize(size, rng); // always drawn, so a column given for some rows does not shift the others' draws
    const kg = book.weightKg[i];
    const m3 = book.volumeM3[i];
    const density = drawn.weightKg / drawn.volumeM3;
    out.weightKg[i] = !Number.isNaN(kg) ? kg : !Number.isNaN(m3) ? Math.round(Math.min(size.weightMaxKg, Math.max(0.1, m3 * density)) * 100) / 100 : drawn.weightKg;
    out.volumeM3[i] = !Number.isNaN(m3) ? m3 : !Number.isNaN(kg) ? volumeOf(kg, density) : drawn.volumeM3;
    if (Number.isNaN(book.windowStartS[i])) {
      out.windowStartS[i] = windowStartFor(book.orderS[i], window);
      out.windowEndS[i] = out.windowStartS[i] + window.windowS;
    } else {
      out.windowStartS[i] = book.windowStartS[i];
      out.windowEndS[i] = book.windowEndS[i];
    }
  }
  return out;
}
