import type { Decision, DecisionLog, HookResult } from '../sim/Decision.ts';
import type { SimView } from '../sim/SimView.ts';
import type { World } from '../sim/World.ts';
import type { TourRequest, TourStop } from './tour.ts';

/**
 * A dispatch strategy: the part of dispatching a planner swaps to compare like with like. The
 * shared fleet policy (FleetDispatcher: line-haul, charging, repositioning) asks it to build a
 * van's tour from its station's stock; the optional hooks let it act on events of the day and
 * re-plan periodically. A strategy reads the world through a read-only view and acts only by
 * returning plans, which the engine validates (capacity, battery, windows, frozen prefix) and
 * refuses, naming the strategy and the rule, when one breaks a rule. It never writes the state.
 * See src/core/dispatch/strategyApi.ts for everything a strategy file may use.
 */
export interface DispatchStrategy {
  readonly name: string;
  /** One line, shown by `--list-strategies`. */
  readonly description: string;
  /** Choose and order stops (candidates are sorted most urgent first). Returns indices into `stops`. */
  planTour(world: World, req: TourRequest, stops: readonly TourStop[]): number[];
  /**
   * Optional: plan every van available at a station at once (one request per van, same start and
   * end node). Routes are disjoint; a stop in no route waits for a later plan.
   */
  planStation?(world: World, reqs: readonly TourRequest[], stops: readonly TourStop[], seed: number): StationPlan;
  /** Optional: event hooks for one run (called once per run; keep per-run state in the closure). */
  createHooks?(ctx: StrategyContext): StrategyHooks;
}

/** What a strategy's hooks know about the run they serve. */
export interface StrategyContext {
  readonly world: World;
  readonly seed: number;
  /** The scenario's re-plan period (dispatch.replanMinutes), s. */
  readonly replanEveryS: number;
}

/**
 * Event hooks of a strategy. Each returns plans for some vans (`{ van, decision }`) or nothing.
 * A plan for an idle van starts now; a plan for a busy van is a tail that starts where its
 * current plan ends: what it is driving to and what it carries are frozen. Tails not yet
 * started are released before every `replan`, so a re-plan may reassign all open work.
 */
export interface StrategyHooks {
  /** Call `replan` this often, s (default: the context's replanEveryS when `replan` is given). */
  readonly replanEveryS?: number;
  /**
   * Van v is idle at a facility: a decision, `'wait'` to keep it idle, or null to let the fleet
   * policy decide (charge if low, line-haul, a tour built by planTour, reposition, top up).
   */
  vanIdle?(view: SimView, v: number, log: DecisionLog): Decision | 'wait' | null;
  orderArrived?(view: SimView, parcels: readonly number[], log: DecisionLog): HookResult;
  lowEnergy?(view: SimView, v: number, log: DecisionLog): HookResult;
  portFreed?(view: SimView, facility: number, log: DecisionLog): HookResult;
  linehaulArrived?(view: SimView, station: number, parcels: readonly number[], log: DecisionLog): HookResult;
  replan?(view: SimView, log: DecisionLog): HookResult;
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
