import { ChargerSites } from '../charging/ChargerSites.ts';
import type { PowerAllocator } from '../charging/PowerAllocator.ts';
import type { Decision, PlanRecord } from './Decision.ts';
import { FleetState } from './FleetState.ts';
import type { Plan } from './Plan.ts';
import type { DecisionStats, FrozenEnd, SimView } from './SimView.ts';
import { frozenEnd } from './frozenEnd.ts';
import type { World } from './World.ts';

/**
 * Everything that changes during a run, in one place: the fleet (structure of arrays), where each
 * parcel is, the warehouse backlog and station stock, charger ports and queues, and the counters
 * the dispatcher and the report read. Only the engine writes it; everyone else gets it as a
 * SimView.
 */
export class SimState implements SimView {
  readonly world: World;
  readonly seed: number;
  readonly fleet: FleetState;
  readonly chargers: ChargerSites;
  readonly parcelState: Uint8Array;
  readonly parcelVan: Int32Array;
  readonly attempts: Uint8Array;
  readonly deliveredAt: Float64Array;
  readonly deliveredBy: Int32Array;
  readonly backlog: number[][];
  readonly stock: number[][];
  readonly stockVersion: Uint32Array;
  readonly destination: Int32Array;
  readonly boundCount: Int32Array;
  readonly linehaulTo: Int32Array;
  readonly linehaulCount: Int32Array;
  readonly heading: Float32Array;
  /** Facility index at each facility's road node. */
  readonly facilityAt: ReadonlyMap<number, number>;
  /** Distinct times at which parcels reach the warehouse, ascending. */
  readonly releaseTimes: readonly number[];
  now: number;
  finished = false;
  events = 0;
  /** Events handled at a time before the clock (an engine bug; checkState reports it). */
  timeReversals = 0;
  maxSpeedKmh = 0;
  maxLoadKg = 0;
  maxVolumeM3 = 0;
  minSocWh: number;
  /** Plans the engine cut short because the van could not otherwise have reached a charger. */
  energyRepairs = 0;
  lateByCharging = 0;
  /** Station-level optimisations of the run so far, oldest first (a day has hundreds; capped at 5,000). */
  readonly planLog: PlanRecord[] = [];
  /** Plans accepted from hooks to start when a van's current plan ends (their parcels reserved). */
  readonly tails: (Plan | null)[];
  /** Parcels by release time (the order they reach the warehouse) and how many have been released. */
  readonly releaseOrder: Uint32Array;
  released = 0;
  readonly decisions = { replans: 0, solverSeconds: 0, churn: 0 } satisfies DecisionStats;
  /** The latest accepted decision per van and when it was taken. */
  readonly lastDecision: ({ t: number } & Decision)[] = [];

  constructor(world: World, seed: number, allocator: PowerAllocator) {
    const { params, parcels, city } = world;
    const n = params.fleetSize;
    this.world = world;
    this.seed = seed;
    this.now = params.dayStartS;
    this.fleet = new FleetState(n);
    this.heading = new Float32Array(n);
    this.chargers = new ChargerSites(city.facilities, params.dayStartS, params.charging.tariffs, world.batteryWh, params.van.maxChargeKW, allocator, this.fleet.socWh, this.fleet.energyChargedWh);
    this.parcelState = new Uint8Array(parcels.count);
    this.parcelVan = new Int32Array(parcels.count).fill(-1);
    this.attempts = new Uint8Array(parcels.count);
    this.deliveredAt = new Float64Array(parcels.count).fill(NaN);
    this.deliveredBy = new Int32Array(parcels.count).fill(-1);
    this.backlog = city.facilities.map(() => []);
    this.stock = city.facilities.map(() => []);
    this.stockVersion = new Uint32Array(city.facilities.length);
    this.facilityAt = new Map(city.facilities.map((f, i) => [f.node, i]));
    this.destination = new Int32Array(n);
    this.boundCount = new Int32Array(city.facilities.length);
    this.boundCount[0] = n;
    this.linehaulTo = new Int32Array(n).fill(-1);
    this.linehaulCount = new Int32Array(city.facilities.length);
    const wh = city.facilities[0];
    for (let v = 0; v < n; v++) {
      this.fleet.node[v] = wh.node;
      this.fleet.facility[v] = 0;
      this.fleet.socWh[v] = world.batteryWh;
      this.fleet.statusSinceS[v] = this.now;
    }
    this.minSocWh = world.batteryWh;
    this.tails = Array.from({ length: n }, () => null);
    const rel = (p: number) => Math.max(parcels.releaseS[p], params.dayStartS);
    this.releaseOrder = Uint32Array.from({ length: parcels.count }, (_, i) => i).sort((a, b) => rel(a) - rel(b) || a - b);
    this.releaseTimes = [...new Set(Array.from(parcels.releaseS, (t) => Math.max(t, params.dayStartS)))].sort((a, b) => a - b);
  }

  get lastReleaseS(): number {
    return this.releaseTimes.length ? this.releaseTimes[this.releaseTimes.length - 1] : this.now;
  }

  pendingTail(v: number): Plan | null {
    return this.tails[v];
  }

  frozenEnd(v: number): FrozenEnd {
    return frozenEnd(this, v);
  }

  chargerUtilisation(f: number): number {
    return this.chargers.utilisation(f, this.world.params.dayStartS, this.now);
  }
}
