/**
 * Selective route exchange crossover (SREX; Nagata & Kobayashi 2010, Nagata, Bräysy & Dullaert
 * 2010 for the VRPTW; the default crossover of PyVRP, Wouda, Lan & Kool 2024) and a ruin-and-
 * recreate perturbation of one solution, both for searches under a fleet cap.
 *
 * OX on the giant tour followed by a split throws away the route structure and the charging stops;
 * at a tight fleet (the hierarchical objective's distance phase) such offspring are far from
 * feasible and the local search rarely repairs them. SREX keeps whole routes, stations included:
 * a window of consecutive routes (by polar angle) of parent A is replaced by an equally long
 * window of parent B, chosen to overlap A's window most. Of the two ways to resolve the clients
 * now visited twice (drop them from A's kept routes, or from B's routes) the cheaper one wins;
 * clients visited by neither go in at their least penalised position (a charging stop with the
 * least detour beside them if the energy runs short). The child never has more routes than A.
 */
import type { Rng } from '../../util/rng.ts';
import type { Penalties } from '../search/Penalties.ts';
import type { SearchState } from '../search/SearchState.ts';
import { polarAngle } from '../search/SearchState.ts';
import { StationInsertion } from '../routemin/stationInsertion.ts';

export class RouteExchange {
  private readonly s: SearchState;
  private readonly rng: Rng;
  private readonly ins: StationInsertion;
  /** Per location: 1 = in A's window, 2 = in A's kept routes (clients only). */
  private readonly inA: Uint8Array;
  private readonly inB: Uint8Array;
  private readonly missing: number[] = [];

  constructor(s: SearchState, rng: Rng) {
    this.s = s;
    this.rng = rng;
    this.ins = new StationInsertion(s, rng);
    this.inA = new Uint8Array(s.p.numLocations);
    this.inB = new Uint8Array(s.p.numLocations);
  }

  /** Child routes (location lists) of parents given as routes per slot. */
  cross(a: readonly Int32Array[], b: readonly Int32Array[], pen: Penalties): Int32Array[] {
    const ra = this.byAngle(a);
    const rb = this.byAngle(b);
    const nA = ra.length;
    const nB = rb.length;
    if (nA === 0 || nB === 0) return a.map((r) => r.slice());
    const k = 1 + this.rng.int(Math.min(nA, nB));
    const startA = this.rng.int(nA);
    let startB = this.rng.int(nB);
    const inA = this.inA;
    inA.fill(0);
    for (let i = 0; i < nA; i++) {
      const mark = (i - startA + nA) % nA < k ? 1 : 2;
      for (const l of ra[i]) if (this.isClient(l)) inA[l] = mark;
    }
    // Move B's window while that increases the clients it shares with A's window.
    let best = this.overlap(rb, startB, k);
    for (let dir = -1; dir <= 1; dir += 2) {
      for (;;) {
        const cand = (startB + dir + nB) % nB;
        const o = this.overlap(rb, cand, k);
        if (o <= best) break;
        best = o;
        startB = cand;
      }
    }
    const inB = this.inB;
    inB.fill(0);
    const selB: Int32Array[] = [];
    for (let i = 0; i < k; i++) {
      const r = rb[(startB + i) % nB];
      selB.push(r);
      for (const l of r) if (this.isClient(l)) inB[l] = 1;
    }
    const keptA: Int32Array[] = [];
    for (let i = 0; i < nA; i++) if ((i - startA + nA) % nA >= k) keptA.push(ra[i]);
    const missing = this.missing;
    missing.length = 0;
    const p = this.s.p;
    for (let c = p.numDepots; c < p.numDepots + p.numClients; c++) if (inA[c] !== 2 && !inB[c]) missing.push(c);
    this.rng.shuffle(missing);
    // Child 1: A's kept routes without B's window clients; child 2: B's window without A's kept clients.
    const c1 = [...keptA.map((r) => r.filter((l) => !this.isClient(l) || !inB[l])), ...selB];
    const c2 = [...keptA, ...selB.map((r) => r.filter((l) => !this.isClient(l) || inA[l] !== 2))];
    const cost1 = this.complete(c1, pen);
    const out1 = this.s.exportRoutes();
    const cost2 = this.complete(c2, pen);
    return cost1 <= cost2 ? out1 : this.s.exportRoutes();
  }

  /**
   * Ruin and recreate: remove a client and its `count − 1` nearest clients (by distance), then
   * insert them again at their least penalised positions in random order.
   */
  perturb(routes: readonly Int32Array[], count: number, pen: Penalties): Int32Array[] {
    const p = this.s.p;
    const n = p.numLocations;
    const lo = p.numDepots;
    const hi = lo + p.numClients;
    const centre = lo + this.rng.int(p.numClients);
    const cand: number[] = [];
    for (let c = lo; c < hi; c++) cand.push(c);
    cand.sort((x, y) => p.distance[centre * n + x] - p.distance[centre * n + y] || x - y);
    const gone = this.inB;
    gone.fill(0);
    const missing = this.missing;
    missing.length = 0;
    for (let i = 0; i < Math.min(count, cand.length); i++) {
      gone[cand[i]] = 1;
      missing.push(cand[i]);
    }
    this.rng.shuffle(missing);
    this.complete(
      routes.map((r) => r.filter((l) => !gone[l])),
      pen,
    );
    return this.s.exportRoutes();
  }

  private isClient(l: number): boolean {
    const p = this.s.p;
    return l >= p.numDepots && l < p.numDepots + p.numClients;
  }

  /** Load routes, insert `this.missing`, return the penalised cost. */
  private complete(routes: readonly Int32Array[], pen: Penalties): number {
    const s = this.s;
    s.load(routes, pen);
    for (const v of this.missing) {
      if (this.ins.insert(v, false)) continue;
      // No non-empty route: open the first slot.
      s.linkAfter(v, s.startOf(0), 0);
      s.moves++;
      s.updateRoute(0);
    }
    return s.totalCost();
  }

  private overlap(rb: readonly Int32Array[], start: number, k: number): number {
    let o = 0;
    for (let i = 0; i < k; i++) for (const l of rb[(start + i) % rb.length]) if (this.isClient(l) && this.inA[l] === 1) o++;
    return o;
  }

  /** Non-empty routes sorted by the polar angle of their client centroid around the depot. */
  private byAngle(routes: readonly Int32Array[]): Int32Array[] {
    const p = this.s.p;
    const keyed: { r: Int32Array; a: number }[] = [];
    for (const r of routes) {
      let x = 0;
      let y = 0;
      let m = 0;
      for (const l of r)
        if (this.isClient(l)) {
          x += p.x[l];
          y += p.y[l];
          m++;
        }
      if (m === 0) continue;
      keyed.push({ r, a: polarAngle(x / m - p.x[0], y / m - p.y[0]) });
    }
    keyed.sort((u, v) => u.a - v.a);
    return keyed.map((e) => e.r);
  }
}
