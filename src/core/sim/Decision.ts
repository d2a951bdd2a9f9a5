import type { PowerAllocator } from '../charging/PowerAllocator.ts';
import type { Plan } from './Plan.ts';
import type { SimView } from './SimView.ts';

export type DecisionKind = 'line-haul' | 'tour' | 'charge' | 'reposition' | 'idle-charge';

/**
 * A plan for one van and why it was chosen (shown in the app, kept in the decision log). The
 * parcels of its `load` steps are reserved by the engine when it accepts the plan: they must be at
 * that facility now (the warehouse backlog or the station's stock).
 */
export interface Decision {
  readonly kind: DecisionKind;
  readonly plan: Plan;
  readonly reason: string;
}

/** One station-level optimisation (strategies with planStation): what it covered and how it converged. */
export interface PlanRecord {
  readonly t: number;
  readonly facility: number;
  readonly vans: number;
  readonly stops: number;
  readonly iterations: number;
  readonly cost: number;
  readonly leftForLater: number;
  readonly history: readonly { readonly iteration: number; readonly cost: number }[];
}

/** Where a dispatcher reports what it did beyond its decisions (the optimiser panel's records). */
export interface DecisionLog {
  notePlan(record: PlanRecord): void;
}

/**
 * The engine's plug-in that gives idle vans work. It reads the world through the view and answers
 * with a decision (or none); it never writes. The engine validates each plan (validatePlan) and
 * applies it, or refuses it naming the dispatcher and the rule. One dispatcher serves one run.
 */
export interface Dispatcher {
  readonly name: string;
  /** How charging sites split their power and hand out freed ports (the charging policy's); default: equal shares, first come first served. */
  readonly allocator?: PowerAllocator;
  /** A plan for van v, idle (or topping up while idle) at a facility, or null to leave it. */
  decide(view: SimView, v: number, log: DecisionLog): Decision | null;
  /** Called once the engine has accepted and applied a decision (its parcels reserved). */
  applied?(view: SimView, v: number, decision: Decision): void;
}
