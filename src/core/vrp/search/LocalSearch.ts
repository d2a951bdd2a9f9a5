/**
 * Granular local search, first improvement, as HGS-CVRP `LocalSearch::run` (Vidal 2022, §3–4):
 * clients in random order, each against its granular neighbours in random order; a pair is
 * re-examined only if one of its routes changed since the pair was last tested (modification
 * stamps). Moves: relocate (1, 2, 2 reversed, optional or-opt 3), swap (1-1, 2-1, 2-2), 2-opt,
 * 2-opt* (and its reversed form on symmetric instances without time windows), moves into an empty
 * route, then SWAP* between routes whose polar sectors overlap, and reset-visit moves (reloads,
 * charging stations) on routes whose load or range is exceeded.
 */
import type { Rng } from '../../util/rng.ts';
import type { Neighbours } from './neighbours.ts';
import type { Penalties } from './Penalties.ts';
import type { SearchState } from './SearchState.ts';
import { sectorsOverlap } from './SearchState.ts';
import { tryRelocate } from '../operators/relocate.ts';
import { trySwap } from '../operators/swap.ts';
import { tryTwoOpt } from '../operators/twoOpt.ts';
import { tryTwoOptStar, tryTwoOptStarReversed } from '../operators/twoOptStar.ts';
import { SwapStar } from '../operators/swapStar.ts';
import { ResetVisits } from '../operators/resetVisits.ts';
import { tryPairRelocate } from '../operators/pairRelocate.ts';
import { OP } from './SearchStats.ts';
import type { SearchStats } from './SearchStats.ts';

export interface LocalSearchParams {
  /** Also try or-opt chains of 3 clients. */
  readonly orOpt3: boolean;
  readonly swapStar: boolean;
  /** At most this many non-empty routes (hierarchical objective / fleet limit); Infinity = no limit. */
  readonly maxRoutes: number;
}

export const defaultLocalSearchParams: LocalSearchParams = { orOpt3: false, swapStar: true, maxRoutes: Infinity };

export class LocalSearch {
  readonly s: SearchState;
  private readonly rng: Rng;
  private readonly nbStart: Int32Array;
  private readonly nb: Int32Array;
  private readonly order: Int32Array;
  private readonly routeOrder: Int32Array;
  private readonly lastTested: Int32Array;
  private readonly lastTestedStar: Int32Array;
  private readonly swapStar: SwapStar;
  private readonly resets: ResetVisits | null;
  private readonly reversedStar: boolean;
  params: LocalSearchParams;
  /** Improving moves applied in the last run. */
  movesApplied = 0;
  /** Operator statistics (`--stats`), or null: then each move tried costs one null check. */
  stats: SearchStats | null = null;

  constructor(s: SearchState, nbs: Neighbours, rng: Rng, params: LocalSearchParams = defaultLocalSearchParams) {
    this.s = s;
    this.rng = rng;
    this.params = params;
    this.nbStart = nbs.start;
    this.nb = Int32Array.from(nbs.list);
    const lo = s.p.numDepots;
    this.order = new Int32Array(s.p.numClients);
    for (let i = 0; i < this.order.length; i++) this.order[i] = lo + i;
    this.routeOrder = new Int32Array(s.numRoutes);
    for (let r = 0; r < s.numRoutes; r++) this.routeOrder[r] = r;
    this.lastTested = new Int32Array(s.numNodes);
    this.lastTestedStar = new Int32Array(s.numRoutes);
    this.swapStar = new SwapStar(s);
    const f = s.p.flags;
    this.resets = f.multiTrip || f.stations ? new ResetVisits(s) : null;
    this.reversedStar = f.symmetric && !f.timeWindows && !f.pairs;
  }

  /** Improve the routes loaded in the search state under the given penalties. */
  run(penalties: Penalties): void {
    const s = this.s;
    s.penalties = penalties;
    s.moves++;
    for (let r = 0; r < s.numRoutes; r++) s.updateRoute(r);
    const rng = this.rng;
    shuffle(rng, this.order);
    shuffle(rng, this.routeOrder);
    const g = Math.max(1, Math.round(this.nb.length / Math.max(1, this.order.length)));
    for (let i = 0; i < this.order.length; i++) if (rng.int(g) === 0) this.shuffleNeighbours(i);
    this.lastTested.fill(-1);
    this.lastTestedStar.fill(-1);
    this.swapStar.reset();
    this.resets?.reset();
    const startMoves = s.moves;
    const st = this.stats;
    if (st !== null) st.beginRun(() => this.totalCost());
    let loop = 0;
    for (let improved = true; improved; loop++) {
      improved = false;
      for (let i = 0; i < this.order.length; i++) if (this.improveClient(this.order[i], loop)) improved = true;
      if (this.params.swapStar && this.runSwapStar(loop)) improved = true;
      if (this.resets && this.c(OP['reset visits'], this.resets.run())) improved = true;
      if (loop > 1000) break; // Safety net against cycling on inexact evaluations.

    }
    this.movesApplied = s.moves - startMoves;
  }

  /** Count an operator call for the statistics (when on) and pass its outcome through. */
  private c(op: number, ok: boolean): boolean {
    const st = this.stats;
    if (st !== null) st.record(op, ok);
    return ok;
  }

  private totalCost(): number {
    const s = this.s;
    let sum = 0;
    for (let r = 0; r < s.numRoutes; r++) sum += s.rCost[r];
    return sum;
  }

  private shuffleNeighbours(i: number): void {
    const a = this.nbStart[i];
    const b = this.nbStart[i + 1];
    for (let k = b - 1; k > a; k--) {
      const j = a + this.rng.int(k - a + 1);
      const t = this.nb[k];
      this.nb[k] = this.nb[j];
      this.nb[j] = t;
    }
  }

  private improveClient(u: number, loop: number): boolean {
    const s = this.s;
    let improved = false;
    const last = this.lastTested[u];
    this.lastTested[u] = s.moves;
    const i = u - s.p.numDepots;
    for (let k = this.nbStart[i]; k < this.nbStart[i + 1]; k++) {
      const v = this.nb[k];
      const rU = s.routeOf[u];
      const rV = s.routeOf[v];
      if (rU < 0 || rV < 0) continue;
      if (loop > 0 && Math.max(s.rModified[rU], s.rModified[rV]) <= last) continue;
      if (this.pairMoves(u, v)) {
        improved = true;
        continue;
      }
      const pv = s.prev[v];
      if (!s.isClient(pv) && this.insertAfterMoves(u, pv)) improved = true;
    }
    if (loop > 0 && this.emptyRouteMoves(u)) improved = true;
    return improved;
  }

  /** HGS-CVRP moves 1–9 for the pair (u, v), and pickup-delivery pair relocation. */
  private pairMoves(u: number, v: number): boolean {
    const s = this.s;
    const PR = OP['pair relocate'];
    if (s.p.pairRole[u] === 1 && (this.c(PR, tryPairRelocate(s, u, v)) || this.c(PR, tryPairRelocate(s, u, s.prev[v])))) return true;
    if (this.relocations(u, v)) return true;
    if (this.params.orOpt3 && (this.c(OP['or-opt 3'], tryRelocate(s, u, 3, false, v)) || this.c(OP['or-opt 3 reversed'], tryRelocate(s, u, 3, true, v)))) return true;
    if (u <= v && this.c(OP['swap 1-1'], trySwap(s, u, 1, v, 1))) return true;
    if (this.c(OP['swap 2-1'], trySwap(s, u, 2, v, 1))) return true;
    if (u <= v && this.c(OP['swap 2-2'], trySwap(s, u, 2, v, 2))) return true;
    if (s.routeOf[u] === s.routeOf[v]) return this.c(OP['2-opt'], tryTwoOpt(s, u, v));
    if (this.reversedStar && this.c(OP['2-opt* reversed'], tryTwoOptStarReversed(s, u, v))) return true;
    return this.c(OP['2-opt*'], tryTwoOptStar(s, u, v));
  }

  /** HGS-CVRP moves 1–3: u, (u, x) and (x, u) after w. */
  private relocations(u: number, w: number): boolean {
    const s = this.s;
    return this.c(OP.relocate, tryRelocate(s, u, 1, false, w)) || this.c(OP['relocate 2'], tryRelocate(s, u, 2, false, w)) ||
      this.c(OP['relocate 2 reversed'], tryRelocate(s, u, 2, true, w));
  }

  /** Moves that place u right after a route start or a reset visit w. */
  private insertAfterMoves(u: number, w: number): boolean {
    const s = this.s;
    if (this.relocations(u, w)) return true;
    if (s.routeOf[u] === s.routeOf[w]) return false;
    if (this.reversedStar && s.isClient(w) && this.c(OP['2-opt* reversed'], tryTwoOptStarReversed(s, u, w))) return true;
    return this.c(OP['2-opt*'], tryTwoOptStar(s, u, w));
  }

  /** Relocations of u (and its successor) into an empty route, one per vehicle type (HGS-CVRP). */
  private emptyRouteMoves(u: number): boolean {
    const s = this.s;
    let used = 0;
    for (let r = 0; r < s.numRoutes; r++) if (s.rSize[r] > 0) used++;
    if (used >= this.params.maxRoutes) return false;
    const T = s.p.vehicles.numTypes;
    let seen = 0;
    for (let r = 0; r < s.numRoutes && seen < T; r++) {
      if (s.rSize[r] !== 0) continue;
      const bit = 1 << Math.min(s.rType[r], 30);
      if (seen & bit) continue;
      seen |= bit;
      const w = s.startOf(r);
      if (this.relocations(u, w)) return true;
      if (this.c(OP['2-opt*'], tryTwoOptStar(s, u, w))) return true;
    }
    return false;
  }

  private runSwapStar(loop: number): boolean {
    const s = this.s;
    const R = s.numRoutes;
    const useSectors = s.p.hasCoordinates;
    let improved = false;
    for (let i = 0; i < R; i++) {
      const rU = this.routeOrder[i];
      const last = this.lastTestedStar[rU];
      this.lastTestedStar[rU] = s.moves;
      for (let j = 0; j < R; j++) {
        const rV = this.routeOrder[j];
        if (rU >= rV || s.rSize[rU] === 0 || s.rSize[rV] === 0) continue;
        if (loop > 0 && Math.max(s.rModified[rU], s.rModified[rV]) <= last) continue;
        if (useSectors && !sectorsOverlap(s.rSectorStart[rU], s.rSectorEnd[rU], s.rSectorStart[rV], s.rSectorEnd[rV])) continue;
        const better = this.swapStar.evaluate(rU, rV) < 0;
        if (better) {
          this.swapStar.apply();
          improved = true;
        }
        this.c(OP['SWAP*'], better);
      }
    }
    return improved;
  }
}

export function shuffle(rng: Rng, a: Int32Array): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
