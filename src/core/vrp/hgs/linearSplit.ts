/**
 * Linear-time Split for the classic case (one capacity dimension, homogeneous fleet, no time):
 * Vidal (2016), "Split algorithm in O(n) for the capacitated vehicle routing problem", C&OR 69,
 * with the soft capacity penalty of HGS-CVRP `Split.cpp` (deque of non-dominated predecessors).
 * The unlimited version is O(n); the limited-fleet version one O(n) layer per vehicle. Costs are
 * exact dyadic values, so dominance tests need no epsilon.
 */
import type { SearchState } from '../search/SearchState.ts';

class Scratch {
  n = -1;
  R = -1;
  d0x = new Float64Array(0);
  dx0 = new Float64Array(0);
  sumDist = new Float64Array(0);
  sumLoad = new Float64Array(0);
  pot = new Float64Array(0);
  pred = new Int32Array(0);
  deque = new Int32Array(0);

  ensure(n: number, R: number): void {
    if (n + 2 > this.d0x.length) {
      this.d0x = new Float64Array(n + 2);
      this.dx0 = new Float64Array(n + 2);
      this.sumDist = new Float64Array(n + 2);
      this.sumLoad = new Float64Array(n + 2);
      this.deque = new Int32Array(n + 2);
    }
    if ((R + 1) * (n + 1) > this.pot.length) {
      this.pot = new Float64Array((R + 1) * (n + 1));
      this.pred = new Int32Array((R + 1) * (n + 1));
    }
    this.n = n;
    this.R = R;
  }
}

const sc = new Scratch();

/** Whether the linear split applies to this state's problem. */
export function linearSplitApplies(s: SearchState): boolean {
  return s.simple && s.numDims === 1 && !s.p.flags.heterogeneous;
}

/**
 * Routes per slot for `tour`, using at most R routes; null when the unlimited split needs more
 * than R routes and `limited` is false.
 */
export function linearSplit(s: SearchState, tour: Int32Array, R: number, limited: boolean): Int32Array[] | null {
  const n = tour.length;
  const p = s.p;
  const v = p.vehicles;
  const t = s.rType[0];
  const L = s.n;
  const dc = v.distanceCost[t];
  const fixed = v.fixedCost[t];
  const Q = v.capacity[t];
  const w = s.penalties.load[0];
  const dm = p.distance;
  const start = v.startDepot[t];
  const end = v.endDepot[t];
  sc.ensure(n, limited ? R : 1);
  const { d0x, dx0, sumDist, sumLoad, pot, pred, deque } = sc;
  sumDist[1] = 0;
  sumLoad[0] = 0;
  for (let i = 1; i <= n; i++) {
    const c = tour[i - 1];
    d0x[i] = dm[start * L + c];
    dx0[i] = dm[c * L + end];
    sumLoad[i] = sumLoad[i - 1] + p.delivery[c];
    if (i > 1) sumDist[i] = sumDist[i - 1] + dm[tour[i - 2] * L + c];
  }
  const W = n + 1;
  const propagate = (i: number, j: number, k: number): number => {
    const ex = sumLoad[j] - sumLoad[i] - Q;
    return pot[k * W + i] + dc * (sumDist[j] - sumDist[i + 1] + d0x[i + 1] + dx0[j]) + fixed + (ex > 0 ? w * ex : 0);
  };
  // i dominates j (i < j) as a predecessor for every x > j.
  const dominates = (i: number, j: number, k: number): boolean =>
    pot[k * W + j] + dc * d0x[j + 1] > pot[k * W + i] + dc * (d0x[i + 1] + sumDist[j + 1] - sumDist[i + 1]) + w * (sumLoad[j] - sumLoad[i]);
  // j dominates i (i < j) as a predecessor for every x > j.
  const dominatesRight = (i: number, j: number, k: number): boolean =>
    pot[k * W + j] + dc * d0x[j + 1] <= pot[k * W + i] + dc * (d0x[i + 1] + sumDist[j + 1] - sumDist[i + 1]);
  const layers = limited ? R : 1;
  pot.fill(Infinity, 0, (layers + 1) * W);
  pot[0] = 0;
  for (let k = 0; k < layers; k++) {
    const src = limited ? k : 0;
    const dst = limited ? k + 1 : 0;
    let front = 0;
    let back = 0;
    deque[0] = limited ? k : 0;
    for (let i = (limited ? k : 0) + 1; i <= n && back >= front; i++) {
      pot[dst * W + i] = propagate(deque[front], i, src);
      pred[dst * W + i] = deque[front];
      if (i < n) {
        if (!dominates(deque[back], i, src)) {
          while (back >= front && dominatesRight(deque[back], i, src)) back--;
          deque[++back] = i;
        }
        while (back > front && propagate(deque[front], i + 1, src) >= propagate(deque[front + 1], i + 1, src)) front++;
      }
    }
  }
  const routes: Int32Array[] = new Array<Int32Array>(s.numRoutes);
  for (let r = 0; r < s.numRoutes; r++) routes[r] = EMPTY;
  if (!limited) {
    let count = 0;
    for (let j = n; j > 0; j = pred[j]) count++;
    if (count > R) return null;
    let r = count - 1;
    for (let j = n; j > 0; j = pred[j]) routes[r--] = tour.slice(pred[j], j);
    return routes;
  }
  // It can be cheaper to use fewer vehicles (HGS-CVRP splitLF).
  let best = R;
  for (let k = 1; k < R; k++) if (pot[k * W + n] < pot[best * W + n]) best = k;
  if (pot[best * W + n] === Infinity) return null;
  let j = n;
  for (let k = best; k > 0; k--) {
    const i = pred[k * W + j];
    routes[k - 1] = tour.slice(i, j);
    j = i;
  }
  return j === 0 ? routes : null;
}

const EMPTY = new Int32Array(0);
