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
  /** A re-plan moved this many stops (parcels) to a different van than the previous plan had them on. */
  noteChurn(stops: number): void;
}

/** A plan a hook hands the engine for one van. */
export interface Assignment {
  readonly van: number;
  readonly decision: Decision;
}

/** What a hook returns: plans for some vans, or nothing. */
export type HookResult = readonly Assignment[] | null | undefined | void;

/**
 * The engine's plug-in that gives vans work. It reads the world through the view and answers
 * with decisions (or none); it never writes. The engine validates each plan (validatePlan) and
 * applies it, or refuses it naming the dispatcher and the rule. One dispatcher serves one run.
 *
 * Plans from the hooks: for a van that is idle at a facility the plan starts now; for a van that
 * is busy it is a *tail* that starts where the van's current plan ends (the frozen prefix: the
 * stop it is driving to and every parcel aboard stay as they are). A tail's parcels are reserved
 * when it is accepted; at the next re-plan every tail not yet started is released again (its
 * parcels go back to where they waited), so a re-plan may reassign all open work.
 */
export interface Dispatcher {
  readonly name: string;
  /** How charging sites split their power and hand out freed ports (the charging policy's); default: equal shares, first come first served. */
  readonly allocator?: PowerAllocator;
  /** A plan for van v, idle (or topping up while idle) at a facility, or null to leave it. */
  decide(view: SimView, v: number, log: DecisionLog): Decision | null;
  /** Called once the engine has accepted and applied a decision (its parcels reserved). */
  applied?(view: SimView, v: number, decision: Decision): void;
  /** Seconds between calls of `replan` (none when absent). */
  readonly replanEveryS?: number;
  /** Orders reached the warehouse (they are in the backlog now). */
  orderArrived?(view: SimView, parcels: readonly number[], log: DecisionLog): HookResult;
  /** Van v's battery fell below the charging threshold on the leg it just drove. */
  lowEnergy?(view: SimView, v: number, log: DecisionLog): HookResult;
  /** A charging port at a facility became free with nobody queued for it. */
  portFreed?(view: SimView, facility: number, log: DecisionLog): HookResult;
  /** A line-haul unloaded parcels into a station's stock. */
  linehaulArrived?(view: SimView, station: number, parcels: readonly number[], log: DecisionLog): HookResult;
  /** The periodic re-plan (every `replanEveryS`); tails not yet started have been released. */
  replan?(view: SimView, log: DecisionLog): HookResult;
}
