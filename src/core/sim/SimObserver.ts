import type { Decision, PlanRecord } from './Decision.ts';
import type { VanStatus } from './VanStatus.ts';

/**
 * Optional listener for what happens in a run (the view's timeline, decision log, trails).
 * Arrays passed in are the engine's and are reused: copy what you keep.
 */
export interface SimObserver {
  decision?(van: number, t: number, d: Decision): void;
  /** A van starts a leg at t: its edges and each edge's cumulative end time in ms after t. */
  leg?(van: number, t: number, edges: readonly number[], endsMs: readonly number[]): void;
  status?(van: number, t: number, status: VanStatus): void;
  handover?(van: number, t: number, parcels: readonly number[], delivered: boolean): void;
  /** The dispatcher ran the optimiser for a station. */
  plan?(record: PlanRecord): void;
}
