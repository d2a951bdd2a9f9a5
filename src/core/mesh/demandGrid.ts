import type { City } from '../city/City.ts';
import type { Parcels } from '../demand/Parcels.ts';

/** Parcels per cell over the city, smoothed, scaled to 0..1: the demand heatmap's texture. */
export interface DemandGrid {
  readonly width: number;
  readonly height: number;
  readonly minX: number;
  readonly minY: number;
  readonly cellM: number;
  /** Row-major from the south-west corner, 0..1. */
  readonly values: Float32Array;
  readonly max: number;
}

/**
 * Count the day's parcels per grid cell (by door), blur twice with a 3×3 box (a cheap Gaussian)
 * and normalise by the 99th percentile so one busy tower does not wash the rest out.
 */
export function demandGrid(city: City, parcels: Parcels, cells = 128): DemandGrid {
  const { minX, minY, maxX, maxY } = city.bbox;
  const cellM = Math.max(maxX - minX, maxY - minY) / cells;
  const width = Math.max(1, Math.ceil((maxX - minX) / cellM));
  const height = Math.max(1, Math.ceil((maxY - minY) / cellM));
  let a: Float32Array = new Float32Array(width * height);
  for (let p = 0; p < parcels.count; p++) {
    const d = parcels.door[p];
    const x = Math.min(width - 1, Math.max(0, Math.floor((city.doors.x[d] - minX) / cellM)));
    const y = Math.min(height - 1, Math.max(0, Math.floor((city.doors.y[d] - minY) / cellM)));
    a[y * width + x]++;
  }
  for (let pass = 0; pass < 2; pass++) a = blur(a, width, height);
  const sorted = Float32Array.from(a).sort();
  const max = sorted[Math.floor(0.99 * (sorted.length - 1))] || 1;
  for (let i = 0; i < a.length; i++) a[i] = Math.min(1, a[i] / max);
  return { width, height, minX, minY, cellM, values: a, max };
}

function blur(a: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          s += a[yy * w + xx];
          n++;
        }
      }
      out[y * w + x] = s / n;
    }
  }
  return out;
}
