/**
 * The solution file contract (issue 4 item 4):
 * `{ instance, objective, vehicles, distance, routes: [[stop ids in visiting order]], seconds }`,
 * ids as in the instance file, depot excluded, charging stations included where visited.
 */
import type { Solution } from '../Solution.ts';
import type { Instance, Objective } from './Instance.ts';
import { reportedDistance } from './Instance.ts';

export interface SolutionFile {
  readonly instance: string;
  readonly objective: Objective;
  readonly vehicles: number;
  readonly distance: number;
  readonly routes: string[][];
  readonly seconds: number;
}

export function toSolutionFile(inst: Instance, sol: Solution, seconds: number): SolutionFile {
  const routes = sol.routes.map((r) => Array.from(r.visits));
  const distance = reportedDistance(inst, routes);
  return {
    instance: inst.name,
    objective: inst.objective,
    vehicles: routes.length,
    distance: inst.arc === 'exact' ? Math.round(distance * 1e6) / 1e6 : distance,
    routes: routes.map((r) => r.map((l) => inst.ids[l])),
    seconds: Math.round(seconds * 1000) / 1000,
  };
}
