/**
 * Granular neighbourhoods (Toth & Vigo 2003; Vidal et al. 2013 §4.2): move evaluation is restricted
 * to pairs (u, v) where v is among the k nearest clients of u. With time windows the "distance" is
 * PyVRP's proximity (`compute_neighbours`), which adds the minimum waiting time and minimum time
 * warp incurred when serving j right after i, symmetrised by taking the minimum of both directions.
 * The relation is closed under symmetry as in HGS-CVRP `Params.cpp` (if j is a neighbour of i, i
 * is a neighbour of j). Stored as CSR over client locations.
 */
import type { ProblemData } from '../ProblemData.ts';

export interface Neighbours {
  /** start[c - numDepots] .. start[c - numDepots + 1] indexes `list` for client location c. */
  readonly start: Int32Array;
  readonly list: Int32Array;
}

export interface NeighbourParams {
  readonly granularity: number;
  readonly weightWaitTime: number;
  readonly weightTimeWarp: number;
}

export const defaultNeighbourParams: NeighbourParams = { granularity: 40, weightWaitTime: 0.2, weightTimeWarp: 1 };

export function proximity(p: ProblemData, i: number, j: number, w: NeighbourParams): number {
  const n = p.numLocations;
  let c = p.distance[i * n + j];
  if (p.flags.timeWindows) {
    const t = p.duration[i * n + j];
    const wait = p.twEarly[j] - t - p.service[i] - p.twLate[i];
    const warp = p.twEarly[i] + p.service[i] + t - p.twLate[j];
    if (wait > 0) c += w.weightWaitTime * wait;
    if (warp > 0) c += w.weightTimeWarp * warp;
  }
  return c;
}

export function computeNeighbours(p: ProblemData, w: NeighbourParams = defaultNeighbourParams): Neighbours {
  const lo = p.numDepots;
  const nc = p.numClients;
  const k = Math.min(w.granularity, nc - 1);
  const sets: Set<number>[] = Array.from({ length: nc }, () => new Set<number>());
  // The k nearest by symmetric proximity, kept sorted in small arrays (ties: lower index first),
  // so the whole computation is O(n² + n·k log n) without sorting full rows.
  const topKey = new Float64Array(k + 1);
  const topIdx = new Int32Array(k + 1);
  for (let a = 0; a < nc; a++) {
    const i = lo + a;
    let m = 0;
    for (let b = 0; b < nc; b++) {
      if (b === a) continue;
      const j = lo + b;
      const key = Math.min(proximity(p, i, j, w), proximity(p, j, i, w));
      if (m === k && key >= topKey[k - 1]) continue;
      let q = m < k ? m++ : k - 1;
      while (q > 0 && topKey[q - 1] > key) {
        topKey[q] = topKey[q - 1];
        topIdx[q] = topIdx[q - 1];
        q--;
      }
      topKey[q] = key;
      topIdx[q] = b;
    }
    for (let q = 0; q < m; q++) {
      sets[a].add(topIdx[q]);
      sets[topIdx[q]].add(a);
    }
  }
  const start = new Int32Array(nc + 1);
  for (let a = 0; a < nc; a++) start[a + 1] = start[a] + sets[a].size;
  const list = new Int32Array(start[nc]);
  for (let a = 0; a < nc; a++) {
    // Order each list by proximity: the closest candidates are tried first.
    const i = lo + a;
    const arr = [...sets[a]];
    const key = arr.map((x) => Math.min(proximity(p, i, lo + x, w), proximity(p, lo + x, i, w)));
    const order = arr.map((_, q) => q).sort((x, y) => key[x] - key[y] || arr[x] - arr[y]);
    for (let q = 0; q < order.length; q++) list[start[a] + q] = lo + arr[order[q]];
  }
  return { start, list };
}
