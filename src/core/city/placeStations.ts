import type { Rng } from '../util/rng.ts';

/**
 * Transfer-station sites: weighted k-means (Lloyd 1982, k-means++ seeding of Arthur & Vassilvitskii
 * 2007) over demand points, then each centre moved to the nearest free candidate site (for example
 * an arterial intersection). Returns indices into the candidate list, one per station.
 */
export function placeStations(
  k: number,
  pointsXY: Float64Array,
  weights: Float32Array,
  candidatesXY: Float64Array,
  rng: Rng,
): number[] {
  const n = weights.length;
  const m = candidatesXY.length / 2;
  if (k > m) throw new Error(`placeStations: ${k} stations but only ${m} candidate sites`);
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const d2 = new Float64Array(n).fill(Infinity);
  for (let c = 0; c < k; c++) {
    // k-means++: next centre drawn with probability ∝ weight × squared distance to the nearest centre.
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i] * (c === 0 ? 1 : d2[i]);
    let r = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= weights[i] * (c === 0 ? 1 : d2[i]);
      if (r <= 0) {
        pick = i;
        break;
      }
    }
    cx[c] = pointsXY[2 * pick];
    cy[c] = pointsXY[2 * pick + 1];
    for (let i = 0; i < n; i++) d2[i] = Math.min(d2[i], (pointsXY[2 * i] - cx[c]) ** 2 + (pointsXY[2 * i + 1] - cy[c]) ** 2);
  }
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sw = new Float64Array(k);
  for (let iter = 0; iter < 25; iter++) {
    sx.fill(0);
    sy.fill(0);
    sw.fill(0);
    for (let i = 0; i < n; i++) {
      const c = nearest(pointsXY[2 * i], pointsXY[2 * i + 1], cx, cy);
      sx[c] += weights[i] * pointsXY[2 * i];
      sy[c] += weights[i] * pointsXY[2 * i + 1];
      sw[c] += weights[i];
    }
    for (let c = 0; c < k; c++) {
      if (sw[c] > 0) {
        cx[c] = sx[c] / sw[c];
        cy[c] = sy[c] / sw[c];
      }
    }
  }
  const taken = new Set<number>();
  const sites: number[] = [];
  for (let c = 0; c < k; c++) {
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < m; j++) {
      if (taken.has(j)) continue;
      const d = (candidatesXY[2 * j] - cx[c]) ** 2 + (candidatesXY[2 * j + 1] - cy[c]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    taken.add(best);
    sites.push(best);
  }
  return sites;
}

function nearest(x: number, y: number, cx: Float64Array, cy: Float64Array): number {
  let best = 0;
  let bestD = Infinity;
  for (let c = 0; c < cx.length; c++) {
    const d = (x - cx[c]) ** 2 + (y - cy[c]) ** 2;
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best;
}
