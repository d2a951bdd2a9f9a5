/**
 * Whether some vehicle could serve a task on a route of its own (a shipment: its pickup, then its
 * delivery). VROOM reports a task no vehicle can serve as unassigned instead of failing; so does
 * vanfleet, saying why.
 */
import type { ProblemData } from '../../ProblemData.ts';
import { evaluateRoute } from '../../Solution.ts';

/** null when some vehicle type can serve it alone; otherwise why not. */
export function serveableAlone(p: ProblemData, loc: number, skillsHeld: boolean): string | null {
  if (!skillsHeld) return 'no vehicle has the skills it needs';
  const partner = p.pairedWith[loc];
  const visits = Int32Array.from(partner < 0 ? [loc] : p.pairRole[loc] === 1 ? [loc, partner] : [partner, loc]);
  let load = false;
  for (let t = 0; t < p.vehicles.numTypes; t++) {
    if (p.vehicles.count[t] === 0) continue;
    const r = evaluateRoute(p, t, visits);
    if (r.excessLoad > 0) continue;
    load = true;
    if (r.timeWarp === 0 && r.excessDistance === 0) return null;
  }
  return load ? 'no vehicle can reach it within its time window and return within its own' : "its amount exceeds every vehicle's capacity";
}
