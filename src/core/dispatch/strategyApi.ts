/**
 * Everything a strategy file may use, in one import:
 *
 *   import { defineStrategy, evaluateRoute, StopMatrix } from '../../src/core/dispatch/strategyApi.ts';
 *   export default defineStrategy({ name: 'mine', description: '…', planTour(world, req, stops) { … } });
 *
 * What a strategy reads: the World (city, road costs and matrices through world.costs, parcels,
 * parameters) and, in hooks, the SimView (fleet, stock, backlog, chargers, the clock; read-only).
 * What it returns: stop indices from planTour (the fleet policy turns them into a tour), or plans
 * (`{ van, decision: { kind, plan, reason } }`) from hooks. The engine validates every plan
 * (capacity, battery, windows, frozen prefix) and stops the run with a message naming the
 * strategy and the rule if one is broken; an exception in a strategy file names its file and line.
 */
import type { DispatchStrategy } from './DispatchStrategy.ts';

export type { DispatchStrategy, StationPlan, StrategyContext, StrategyHooks } from './DispatchStrategy.ts';
export type { Assignment, Decision, DecisionKind, DecisionLog, HookResult } from '../sim/Decision.ts';
export type { Plan, Step } from '../sim/Plan.ts';
export type { FleetView, FrozenEnd, SimView } from '../sim/SimView.ts';
export type { World } from '../sim/World.ts';
export { nearestCharger, tripEnergyWh, expectedServiceS } from '../sim/World.ts';
export { VanStatus } from '../sim/VanStatus.ts';
export { ParcelState } from '../sim/ParcelState.ts';
export { evaluateRoute, makeStops, StopMatrix, tourPlan, type RouteEval, type TourRequest, type TourStop } from './tour.ts';
export { byUrgency, isUrgent } from './urgency.ts';
export { insertionStrategy } from './insertion.ts';
export { planStationVrp } from './vrpStrategy.ts';

/** Identity, for type checking a strategy file's export. */
export function defineStrategy(s: DispatchStrategy): DispatchStrategy {
  return s;
}
