/**
 * The solution file contract (issue 4 item 4):
 * `{ instance, objective, vehicles, distance, routes: [[stop ids in visiting order]], seconds }`,
 * ids as in the instance file, depot excluded, charging stations included where visited.
 * Under partial recharge (issue 11) it adds `recharge: "partial"` and `charges`: per route, the
 * energy added at each station visit in visiting order, so the plan can be checked.
 */
import type { Solution } from '../Solution.ts';
import type { Instance, Objective } from './Instance.ts';
import { euclid, reportedDistance } from './Instance.ts';

export interface SolutionFile {
  readonly instance: string;
  readonly objective: Objective;
  readonly vehicles: number;
  readonly distance: number;
  readonly routes: string[][];
  readonly seconds: number;
  readonly recharge?: 'partial';
  readonly charges?: number[][];
}

export function toSolutionFile(inst: Instance, sol: Solution, seconds: number): SolutionFile {
  const routes = sol.routes.map((r) => Array.from(r.visits));
  const distance = reportedDistance(inst, routes);
  const file: SolutionFile = {
    instance: inst.name,
    objective: inst.objective,
    vehicles: routes.length,
    distance: inst.arc === 'exact' ? Math.round(distance * 1e6) / 1e6 : distance,
    routes: routes.map((r) => r.map((l) => inst.ids[l])),
    seconds: Math.round(seconds * 1000) / 1000,
  };
  if (inst.recharge !== 'partial' || !inst.battery) return file;
  return { ...file, recharge: 'partial', charges: routes.map((r, i) => exactCharges(inst, r, sol.routes[i].charges)) };
}

/**
 * The solver's charges (Solution routes, energy units) on the file's exact coordinates. The
 * solver's integer arithmetic rounds distances up and the battery down, so the exact battery on
 * arrival is never lower than the solver's: clipping each charge at what fits into the battery
 * keeps every level at least the solver's (never below zero) and every charging time at most the
 * solver's (its schedule, hence the time windows, stays valid).
 */
function exactCharges(inst: Instance, route: readonly number[], solver: Float64Array): number[] {
  const { Q, r } = inst.battery!;
  const p = inst.problem;
  const d = (a: number, b: number) => euclid(inst.xs[a] - inst.xs[b], inst.ys[a] - inst.ys[b]);
  const out: number[] = [];
  let level = Q;
  let last = 0;
  for (const l of route) {
    level -= r * d(last, l);
    last = l;
    if (l < p.numDepots + p.numClients) continue;
    const x = Math.max(0, Math.min(solver[out.length], Q - level));
    out.push(x);
    level += x;
  }
  return out;
}
