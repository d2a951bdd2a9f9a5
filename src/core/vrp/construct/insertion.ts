/**
 * Feasible construction by sequential insertion (Solomon 1987, "Algorithms for the vehicle routing
 * and scheduling problems with time window constraints", heuristic I1): open a route with a seed
 * client, repeatedly insert the unrouted client with the best feasible insertion until none fits,
 * then open the next route. The insertion criterion is I1's c2 = λ·d(depot, u) − c1 with c1 the
 * route's cost increase (distance, plus duration cost where priced); feasibility of every insertion
 * is exact through the search state's O(1) segment concatenation (`RouteEval.joinVia`).
 *
 * The hybrid genetic search starts from random giant tours; on tightly time-constrained instances
 * (Solomon R1/RC1) its penalised search can take seconds to reach the first feasible solution, so
 * short runs and the anytime contract (a feasible answer whenever one was found) need a feasible
 * seed from the start. Constructions with different seed rules and λ give a few diverse seeds.
 *
 * Not used with pickup-and-delivery pairs or charging stations (insertion of single clients cannot
 * place a pair or a station); returns null when the fleet runs out before every client is routed.
 */
import type { ProblemData } from '../ProblemData.ts';
import { Penalties } from '../search/Penalties.ts';
import { SearchState } from '../search/SearchState.ts';

export interface InsertionOptions {
  /** Weight of the distance from the depot in the insertion criterion (I1's λ). */
  readonly lambda: number;
  /** Seed rule for a new route: the unrouted client farthest from the depot, or with the earliest deadline. */
  readonly seedRule: 'farthest' | 'deadline';
}

export const constructionApplicable = (p: ProblemData): boolean => !p.flags.pairs && !p.flags.pickups && !p.flags.stations;

/** Routes (location lists per fleet slot) of a feasible solution, or null. */
export function sequentialInsertion(p: ProblemData, opts: InsertionOptions, state?: SearchState): Int32Array[] | null {
  if (!constructionApplicable(p)) return null;
  const s = state ?? new SearchState(p);
  const pen = new Penalties(p.numDims);
  s.load([], pen);
  const ev = s.ev;
  const n = p.numLocations;
  const lo = p.numDepots;
  const hi = lo + p.numClients;
  const unrouted: number[] = [];
  for (let c = lo; c < hi; c++) unrouted.push(c);
  const dist = p.distance;
  for (let r = 0; r < s.numRoutes && unrouted.length > 0; r++) {
    const depot = s.loc[s.startOf(r)];
    // Seed: a client that fits alone, by the seed rule.
    let seedIdx = -1;
    let seedKey = -Infinity;
    for (let i = 0; i < unrouted.length; i++) {
      const u = unrouted[i];
      const key = opts.seedRule === 'farthest' ? dist[depot * n + u] : -p.twLate[u];
      if (key <= seedKey) continue;
      ev.joinVia(s.startOf(r), u, s.endOf(r));
      if (!ev.feasible()) continue;
      seedKey = key;
      seedIdx = i;
    }
    if (seedIdx < 0) return null;
    insert(s, unrouted, seedIdx, s.startOf(r), r);
    for (;;) {
      let bestIdx = -1;
      let bestAfter = -1;
      let bestScore = -Infinity;
      const base = s.rCost[r];
      for (let i = 0; i < unrouted.length; i++) {
        const u = unrouted[i];
        let c1 = Infinity;
        let after = -1;
        for (let v = s.startOf(r); v !== s.endOf(r); v = s.next[v]) {
          const cost = ev.joinVia(v, u, s.next[v]) - base;
          if (cost < c1 && ev.feasible()) {
            c1 = cost;
            after = v;
          }
        }
        if (after < 0) continue;
        const score = opts.lambda * dist[depot * n + u] - c1;
        if (score > bestScore) {
          bestScore = score;
          bestIdx = i;
          bestAfter = after;
        }
      }
      if (bestIdx < 0) break;
      insert(s, unrouted, bestIdx, bestAfter, r);
    }
  }
  return unrouted.length === 0 ? s.exportRoutes() : null;
}

function insert(s: SearchState, unrouted: number[], idx: number, after: number, r: number): void {
  const u = unrouted[idx];
  unrouted[idx] = unrouted[unrouted.length - 1];
  unrouted.pop();
  s.linkAfter(u, after, r);
  s.moves++;
  s.updateRoute(r);
}

/**
 * Seed solutions for the search: feasible constructions under a few seed rules and λ values
 * (duplicates and failures dropped). Only for time-windowed problems; without windows the search's
 * random tours reach feasibility at once.
 */
export function constructions(p: ProblemData): Int32Array[][] {
  if (!constructionApplicable(p) || !p.flags.timeWindows) return [];
  const s = new SearchState(p);
  const out: Int32Array[][] = [];
  const seen = new Set<string>();
  for (const opts of [
    { lambda: 1, seedRule: 'farthest' },
    { lambda: 2, seedRule: 'farthest' },
    { lambda: 1, seedRule: 'deadline' },
    { lambda: 2, seedRule: 'deadline' },
  ] as const) {
    const routes = sequentialInsertion(p, opts, s);
    if (!routes) continue;
    const key = routes.map((r) => r.join(',')).join(';');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(routes);
  }
  return out;
}
