import type { Plan, Step } from './Plan.ts';
import type { World } from './World.ts';

/** The fleet as a decider sees it: the engine's arrays, read-only. */
export interface FleetView {
  readonly size: number;
  readonly ids: readonly string[];
  readonly status: ArrayLike<number>;
  /** Current node (the leg's origin while driving). */
  readonly node: ArrayLike<number>;
  /** Facility the van is parked at, or -1 while away. */
  readonly facility: ArrayLike<number>;
  readonly socWh: ArrayLike<number>;
  readonly loadKg: ArrayLike<number>;
  readonly volumeM3: ArrayLike<number>;
  readonly odometerM: ArrayLike<number>;
  readonly energyUsedWh: ArrayLike<number>;
  readonly energyChargedWh: ArrayLike<number>;
  readonly statusTimeS: ArrayLike<number>;
  readonly statusSinceS: ArrayLike<number>;
  readonly delivered: ArrayLike<number>;
  readonly tours: ArrayLike<number>;
  readonly legStartS: ArrayLike<number>;
  readonly legEdges: readonly (readonly number[])[];
  readonly legEndMs: readonly (readonly number[])[];
  readonly cargo: readonly (readonly number[])[];
  currentStep(v: number): Step | undefined;
  /** The steps of van v's plan not yet finished, the current one first (the frozen prefix of a re-plan). */
  remainingPlan(v: number): readonly Step[];
  isIdle(v: number): boolean;
}

/** Charger ports and queues per facility, read-only. */
export interface ChargersView {
  readonly ports: ArrayLike<number>;
  readonly powerKW: ArrayLike<number>;
  readonly limitKW: ArrayLike<number>;
  readonly busy: ArrayLike<number>;
  readonly queues: readonly (readonly number[])[];
  readonly maxQueue: ArrayLike<number>;
  /** Energy delivered, its cost and the highest draw so far, per site. */
  readonly energyWh: ArrayLike<number>;
  readonly cost: ArrayLike<number>;
  readonly peakKW: ArrayLike<number>;
  /** Seconds each session waited for a port, per site. */
  readonly waits: readonly (readonly number[])[];
  /** [t, site, kW] at every change of a site's draw. */
  readonly powerLog: readonly number[];
  /** [van, site, requested, plugged in, ended, from Wh, to Wh] per session. */
  readonly sessions: readonly number[];
  /** Power van v gets now, kW. */
  powerOf(v: number): number;
}

/**
 * What dispatchers, KPIs, reports and the view may read of a running simulation: the state of the
 * world (fleet, parcels, stock, chargers) and the clock. Nothing here can be written; deciders act
 * by returning plans (see Dispatcher), which the engine validates and applies.
 */
export interface SimView {
  readonly world: World;
  readonly seed: number;
  readonly now: number;
  readonly finished: boolean;
  /** Time after which no parcel will reach the warehouse. */
  readonly lastReleaseS: number;
  readonly fleet: FleetView;
  readonly chargers: ChargersView;
  /** ParcelState per parcel. */
  readonly parcelState: ArrayLike<number>;
  readonly parcelVan: ArrayLike<number>;
  readonly attempts: ArrayLike<number>;
  readonly deliveredAt: ArrayLike<number>;
  /** Van that delivered each parcel (-1 if none). */
  readonly deliveredBy: ArrayLike<number>;
  /** Parcels at the warehouse, by the facility index of their station (in no particular order). */
  readonly backlog: readonly (readonly number[])[];
  /** Parcels in stock at each station (in no particular order). */
  readonly stock: readonly (readonly number[])[];
  /** Bumped whenever a station's stock changes. */
  readonly stockVersion: ArrayLike<number>;
  /** Facility each van is at or bound for (where its plan ends), and how many vans that is per facility. */
  readonly destination: ArrayLike<number>;
  readonly boundCount: ArrayLike<number>;
  /** Station each van is line-hauling to (-1 if none), and how many per station. */
  readonly linehaulTo: ArrayLike<number>;
  readonly linehaulCount: ArrayLike<number>;
  /** Last heading of each van, radians (x east, counter-clockwise). */
  readonly heading: ArrayLike<number>;
  /** Extremes observed so far (for the report's limit checks). */
  readonly maxSpeedKmh: number;
  readonly maxLoadKg: number;
  readonly maxVolumeM3: number;
  readonly minSocWh: number;
  readonly energyRepairs: number;
  /** Parcels delivered late on a tour that started after its van waited for a charger or had to charge. */
  readonly lateByCharging: number;
  /** The plan van v will start when its current one ends (accepted from a hook), or null. */
  pendingTail(v: number): Plan | null;
  /** Where van v's current plan leaves it: node, facility there (-1 if none), parcels still aboard, and an estimate of when. */
  frozenEnd(v: number): FrozenEnd;
  /** How the strategy's decisions went so far: re-plans, seconds spent deciding, stops moved between vans. */
  readonly decisions: DecisionStats;
  /** Port-time share in use at facility f since the start of the day. */
  chargerUtilisation(f: number): number;
}

/** The end of a van's current plan, from which a tail starts. */
export interface FrozenEnd {
  readonly node: number;
  readonly facility: number;
  /** Parcels aboard then (assuming every planned hand-over succeeds). */
  readonly cargo: readonly number[];
  /** Estimated time the plan ends, s (drive times plus expected service; charging at full power). */
  readonly atS: number;
}

export interface DecisionStats {
  readonly replans: number;
  readonly solverSeconds: number;
  readonly churn: number;
}
