/**
 * Where a VRP bench run is saved: the name carries everything that changes what the figures
 * mean, so a short or partial exploratory run can never replace the file a README table quotes.
 *
 *   vrp-<set>[-<objective>][-partial]-<limit>s[-seed<N>][-exploratory].json
 *
 * - objective only where it is not the set's default (vrp-solomon-hierarchical-30s.json);
 * - `-partial` for the E-VRPTW partial-recharge variant;
 * - the time limit per instance, always (vrp-x-60s.json, vrp-x-20s.json are different runs);
 * - the seed where it is not 1;
 * - `-exploratory` when the run covered only some of the set's instances (--instances).
 */
import type { Objective } from '../../src/core/vrp/index.ts';

export interface RunIdentity {
  readonly set: string;
  readonly objective: Objective;
  /** The objective the set is run under when none is given. */
  readonly defaultObjective: Objective;
  readonly recharge?: 'full' | 'partial';
  readonly timeLimitSeconds: number;
  readonly seed: number;
  /** Instances solved, and instances in the whole set. */
  readonly instances: number;
  readonly setInstances: number;
}

export function resultFileName(r: RunIdentity): string {
  const parts = [`vrp-${r.set}`];
  if (r.objective !== r.defaultObjective) parts.push(r.objective);
  if (r.recharge === 'partial') parts.push('partial');
  parts.push(`${r.timeLimitSeconds}s`);
  if (r.seed !== 1) parts.push(`seed${r.seed}`);
  if (r.instances < r.setInstances) parts.push('exploratory');
  return `${parts.join('-')}.json`;
}
