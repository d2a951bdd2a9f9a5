import type { World } from '../sim/World.ts';
import type { TourRequest, TourStop } from './tour.ts';

/**
 * A dispatch strategy builds one van's tour from its station's stock. The rest of dispatching
 * (line-haul, charging, repositioning) is shared (FleetDispatcher), so strategies compare like for
 * like. A strategy is a pure function of its inputs: it reads the world, never the engine's state.
 */
export interface DispatchStrategy {
  readonly name: string;
  readonly description: string;
  /** Choose and order stops (candidates are sorted most urgent first). Returns indices into `stops`. */
  planTour(world: World, req: TourRequest, stops: readonly TourStop[]): number[];
  /**
   * Optional: plan every van available at a station at once (one request per van, same start and
   * end node). Routes are disjoint; a stop in no route waits for a later plan.
   */
  planStation?(world: World, reqs: readonly TourRequest[], stops: readonly TourStop[], seed: number): StationPlan;
}

/** A station-level plan and how the optimiser got there (for the app's progress chart). */
export interface StationPlan {
  readonly routes: number[][];
  readonly iterations: number;
  /** (iteration, cost) each time the best solution improved. */
  readonly history: readonly { readonly iteration: number; readonly cost: number }[];
  readonly cost: number;
  readonly leftForLater: number;
}
