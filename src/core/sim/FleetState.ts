import { VAN_STATUS_COUNT, VanStatus } from './VanStatus.ts';
import type { Step } from './Plan.ts';

/**
 * The fleet as a structure of arrays at fixed capacity: one typed array per field, indexed by van.
 * Variable-length data (the current leg's path, cargo, plan) lives in per-van arrays that are
 * reused, not reallocated, across legs.
 */
export class FleetState {
  readonly size: number;
  readonly ids: readonly string[];
  readonly status: Uint8Array;
  /** Current node (the leg's origin while driving). */
  readonly node: Int32Array;
  /** Facility the van is parked at, or -1 while away. */
  readonly facility: Int32Array;
  readonly socWh: Float64Array;
  readonly loadKg: Float64Array;
  readonly volumeM3: Float64Array;
  readonly odometerM: Float64Array;
  readonly energyUsedWh: Float64Array;
  readonly energyChargedWh: Float64Array;
  /** Seconds spent in each status: statusTimeS[van * VAN_STATUS_COUNT + status]. */
  readonly statusTimeS: Float64Array;
  readonly statusSinceS: Float64Array;
  readonly delivered: Uint32Array;
  readonly tours: Uint32Array;
  /** Current leg: start time, edge ids and cumulative end time of each edge (ms from leg start). */
  readonly legStartS: Float64Array;
  readonly legEdges: number[][];
  readonly legEndMs: number[][];
  readonly legLengthMm: Float64Array;
  /** Energy the current leg takes (exact, edge by edge), Wh. */
  readonly legEnergyWh: Float64Array;
  /** When the van reached the door it is at (the autonomy stack draws power while it waits). */
  readonly doorSinceS: Float64Array;
  /** Time lost to charging (queueing, or a charge the van needed) since its last tour began, s. */
  readonly chargeDelayS: Float64Array;
  /** 1 while the van's current tour began after such a delay. */
  readonly tourDelayedByCharging: Uint8Array;
  /** Parcels aboard. */
  readonly cargo: number[][];
  /** Plan being executed and the index of the current step (-1: none, idle). */
  readonly plan: Step[][];
  readonly step: Int32Array;
  /** Bumped whenever the current step is abandoned; events carrying an older token are stale. */
  readonly token: Uint32Array;

  constructor(size: number) {
    this.size = size;
    this.ids = Array.from({ length: size }, (_, i) => `V${String(i + 1).padStart(size >= 100 ? 3 : 2, '0')}`);
    this.status = new Uint8Array(size);
    this.node = new Int32Array(size);
    this.facility = new Int32Array(size).fill(-1);
    this.socWh = new Float64Array(size);
    this.loadKg = new Float64Array(size);
    this.volumeM3 = new Float64Array(size);
    this.odometerM = new Float64Array(size);
    this.energyUsedWh = new Float64Array(size);
    this.energyChargedWh = new Float64Array(size);
    this.statusTimeS = new Float64Array(size * VAN_STATUS_COUNT);
    this.statusSinceS = new Float64Array(size);
    this.delivered = new Uint32Array(size);
    this.tours = new Uint32Array(size);
    this.legStartS = new Float64Array(size);
    this.legEdges = Array.from({ length: size }, () => []);
    this.legEndMs = Array.from({ length: size }, () => []);
    this.legLengthMm = new Float64Array(size);
    this.legEnergyWh = new Float64Array(size);
    this.doorSinceS = new Float64Array(size);
    this.chargeDelayS = new Float64Array(size);
    this.tourDelayedByCharging = new Uint8Array(size);
    this.cargo = Array.from({ length: size }, () => []);
    this.plan = Array.from({ length: size }, () => []);
    this.step = new Int32Array(size).fill(-1);
    this.token = new Uint32Array(size);
  }

  /** Change status at time t, accounting the time spent in the previous one. */
  setStatus(v: number, s: VanStatus, t: number): void {
    this.statusTimeS[v * VAN_STATUS_COUNT + this.status[v]] += t - this.statusSinceS[v];
    this.statusSinceS[v] = t;
    this.status[v] = s;
  }

  /** The steps of the current plan not yet finished (the current one first); empty when idle. */
  remainingPlan(v: number): readonly Step[] {
    const i = this.step[v];
    return i >= 0 ? this.plan[v].slice(i) : [];
  }

  /** The step being executed, or undefined when idle. */
  currentStep(v: number): Step | undefined {
    const i = this.step[v];
    return i >= 0 ? this.plan[v][i] : undefined;
  }

  isIdle(v: number): boolean {
    return this.step[v] < 0 && this.status[v] === VanStatus.Idle;
  }
}
