/**
 * Shared helpers for local-search operators. Each operator evaluates a move as `delta` (new minus
 * old penalized cost of the touched routes) and applies it separately (PyVRP
 * `LocalSearchOperator.h`). Evaluation is two-stage as in HGS-CVRP: a bound from distance and fixed
 * costs alone (penalties and duration costs are ≥ 0) rejects most moves before any segment merge.
 */
import type { SearchState } from '../search/SearchState.ts';

/** A move that cannot improve or is not allowed. */
export const NO_MOVE = Infinity;

/** Lower bound of a route's new cost from its new distance: distance cost + fixed cost if used. */
export function baseOf(s: SearchState, r: number, newDist: number, used: boolean): number {
  const v = s.p.vehicles;
  const t = s.rType[r];
  return used ? v.distanceCost[t] * newDist + v.fixedCost[t] : 0;
}

/** Distance between the locations of two nodes. */
export function d(s: SearchState, a: number, b: number): number {
  return s.p.distance[s.loc[a] * s.n + s.loc[b]];
}

/** Distance from a node's location to the end depot of route r. */
export function dEnd(s: SearchState, a: number, r: number): number {
  return s.p.distance[s.loc[a] * s.n + s.loc[s.endOf(r)]];
}

/** Last node of the chain of k nodes starting at u, or −1 if it leaves the clients of the route. */
export function chainEnd(s: SearchState, u: number, k: number): number {
  let c = u;
  for (let i = 1; i < k; i++) {
    c = s.next[c];
    if (!s.isClient(c)) return -1;
  }
  return c;
}

/** Internal distance of the chain u .. c (forward), and reversed when `reversed`. */
export function chainDist(s: SearchState, u: number, c: number, reversed: boolean): number {
  let sum = 0;
  for (let x = u; x !== c; x = s.next[x]) sum += reversed ? d(s, s.next[x], x) : d(s, x, s.next[x]);
  return sum;
}

/** True if any client of the chain u .. c belongs to a pickup-and-delivery pair. */
export function chainHasPair(s: SearchState, u: number, c: number): boolean {
  const role = s.p.pairRole;
  for (let x = u; ; x = s.next[x]) {
    if (role[s.loc[x]] !== 0) return true;
    if (x === c) return false;
  }
}

/**
 * Precedence of pairs after moving chain u .. c (same route) to just after v, optionally reversed:
 * each pickup must still precede its delivery.
 */
export function chainPairsOkAfterMove(s: SearchState, u: number, c: number, v: number, reversed: boolean): boolean {
  const p = s.p;
  const pu = s.pos[u];
  const pc = s.pos[c];
  for (let x = u; ; x = s.next[x]) {
    const l = s.loc[x];
    const role = p.pairRole[l];
    if (role !== 0) {
      const q = p.pairedWith[l];
      const inChain = s.pos[q] >= pu && s.pos[q] <= pc && s.routeOf[q] === s.routeOf[u];
      if (inChain) {
        if (reversed) return false;
      } else {
        const before = s.pos[v] < s.pos[q]; // chain lands before the partner
        if ((role === 1) !== before) return false;
      }
    }
    if (x === c) return true;
  }
}

/** Mark a move applied: advance the move clock (HGS-CVRP increments before updating routes). */
export function commit(s: SearchState, rU: number, rV: number): void {
  s.moves++;
  s.updateRoute(rU);
  if (rV !== rU && rV >= 0) s.updateRoute(rV);
}
