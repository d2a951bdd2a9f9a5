/**
 * VROOM never answers with an infeasible plan: what cannot be served is `unassigned`. When the
 * solver's best plan still breaks a constraint (the fleet is too small for every task), tasks are
 * taken out of the offending routes one at a time, a shipment's pickup and delivery together: of
 * the removals that reduce the route's violation, the one of the lowest priority, and among
 * those the one that reduces it most, until every route holds.
 */
import type { ProblemData } from '../../ProblemData.ts';
import type { Solution } from '../../Solution.ts';
import { evaluateRoute, makeSolution } from '../../Solution.ts';

const violation = (p: ProblemData, t: number, visits: Int32Array) => {
  const r = evaluateRoute(p, t, visits);
  return r.timeWarp + r.excessLoad + r.excessDistance + r.excessRange;
};

export function unassignUntilFeasible(p: ProblemData, sol: Solution, priority: (loc: number) => number): { solution: Solution; removed: number[] } {
  if (sol.feasible) return { solution: sol, removed: [] };
  const removed: number[] = [];
  const routes = sol.routes.map((r) => {
    let visits = r.visits;
    let v = violation(p, r.vehicleType, visits);
    while (v > 0 && visits.length > 0) {
      let best: { visits: Int32Array; v: number; prio: number; out: number[] } | null = null;
      for (const l of visits) {
        const partner = p.pairedWith[l];
        if (partner >= 0 && p.pairRole[l] === 2) continue; // a pair is tried from its pickup
        const out = partner >= 0 ? [l, partner] : [l];
        const rest = visits.filter((x) => !out.includes(x));
        const nv = violation(p, r.vehicleType, rest);
        const prio = priority(l);
        if (nv < v && (!best || prio < best.prio || (prio === best.prio && nv < best.v))) best = { visits: rest, v: nv, prio, out };
      }
      if (!best) break;
      visits = best.visits;
      v = best.v;
      removed.push(...best.out);
    }
    return { type: r.vehicleType, visits };
  });
  const solution = makeSolution(p, routes);
  return { solution, removed: removed.sort((a, b) => a - b) };
}
