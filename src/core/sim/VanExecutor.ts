import { Rng } from '../util/rng.ts';
import { whPerKm } from '../fleet/VanSpec.ts';
import { ChargerSites } from '../charging/ChargerSites.ts';
import { chargeTimeS, energyAfterS } from '../charging/chargeCurve.ts';
import type { DispatchStrategy } from '../dispatch/strategies.ts';
import type { Decision } from '../dispatch/Dispatcher.ts';
import { EventQueue } from './EventQueue.ts';
import { FleetState } from './FleetState.ts';
import { ParcelState } from './ParcelState.ts';
import type { Plan, Step } from './Plan.ts';
import { VanStatus } from './VanStatus.ts';
import type { World } from './World.ts';

export const Ev = { Arrive: 1, StepDone: 2, Release: 3, Tick: 4, WindowOpen: 5, ChargeDone: 6 } as const;

/** A broken physical invariant (overload, empty battery, unreachable node): a bug, never normal. */
export class SimulationError extends Error {}

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

export interface SimOptions {
  readonly seed: number;
  readonly strategy: DispatchStrategy;
  readonly observer?: SimObserver;
}

/**
 * The engine's state and how a van executes its plan, step by step: drive (along the fastest
 * path), load, unload, hand over at the curb, charge. Simulation extends it with the clock (the
 * event loop) and the dispatcher.
 */
export abstract class VanExecutor {
  readonly world: World;
  readonly strategy: DispatchStrategy;
  readonly seed: number;
  readonly fleet: FleetState;
  readonly chargers: ChargerSites;
  readonly parcelState: Uint8Array;
  readonly parcelVan: Int32Array;
  readonly attempts: Uint8Array;
  readonly deliveredAt: Float64Array;
  /** Van that delivered each parcel (-1 if none). */
  readonly deliveredBy: Int32Array;
  /** Parcels at the warehouse, by the facility index of their station. */
  readonly backlog: number[][];
  /** Parcels in stock at each station. */
  readonly stock: number[][];
  /** Facility index at each road node, or -1. */
  protected readonly facilityAt: Map<number, number>;
  now: number;
  finished = false;
  /** Extremes observed while running (for the report's limit checks). */
  maxSpeedKmh = 0;
  maxLoadKg = 0;
  maxVolumeM3 = 0;
  minSocWh = Infinity;
  events = 0;
  protected readonly queue = new EventQueue(256);
  protected readonly rng: Rng;
  protected readonly releaseTimes: number[];
  protected dispatchWanted = false;
  /**
   * Vans whose situation changed since the dispatcher last looked (they became idle, or stock
   * reached their facility); ticks and new waves mark everyone. Dispatch rounds decide only these.
   */
  protected readonly dirty: Uint8Array;
  protected readonly heading: Float32Array;
  protected readonly observer: SimObserver | undefined;
  /** Facility each van is at or bound for (where its plan ends), and how many vans that is per facility. */
  readonly destination: Int32Array;
  readonly boundCount: Int32Array;
  /** Station each van is line-hauling to (-1 if none), and how many per station. */
  readonly linehaulTo: Int32Array;
  readonly linehaulCount: Int32Array;
  /** Bumped whenever a station's stock changes (the dispatcher caches per version). */
  readonly stockVersion: Uint32Array;
  /** Station-level optimisations of the run so far, oldest first (a day has hundreds; capped at 5,000). */
  readonly planLog: PlanRecord[] = [];
  private planNumber = 0;
  /** The latest dispatcher decision per van and when it was taken. */
  readonly lastDecision: ({ t: number } & Decision)[] = [];

  constructor(world: World, opts: SimOptions) {
    const { params, parcels, city } = world;
    this.world = world;
    this.strategy = opts.strategy;
    this.seed = opts.seed;
    this.observer = opts.observer;
    this.rng = new Rng(opts.seed).fork(2); // demand uses fork(1) of the same seed
    this.now = params.dayStartS;
    this.fleet = new FleetState(params.fleetSize);
    this.heading = new Float32Array(params.fleetSize);
    this.chargers = new ChargerSites(city.facilities, params.dayStartS);
    this.parcelState = new Uint8Array(parcels.count);
    this.parcelVan = new Int32Array(parcels.count).fill(-1);
    this.attempts = new Uint8Array(parcels.count);
    this.deliveredAt = new Float64Array(parcels.count).fill(NaN);
    this.deliveredBy = new Int32Array(parcels.count).fill(-1);
    this.backlog = city.facilities.map(() => []);
    this.stock = city.facilities.map(() => []);
    this.facilityAt = new Map(city.facilities.map((f, i) => [f.node, i]));
    this.destination = new Int32Array(params.fleetSize);
    this.boundCount = new Int32Array(city.facilities.length);
    this.boundCount[0] = params.fleetSize;
    this.linehaulTo = new Int32Array(params.fleetSize).fill(-1);
    this.linehaulCount = new Int32Array(city.facilities.length);
    this.stockVersion = new Uint32Array(city.facilities.length);
    this.dirty = new Uint8Array(params.fleetSize);
    const wh = city.facilities[0];
    for (let v = 0; v < this.fleet.size; v++) {
      this.fleet.node[v] = wh.node;
      this.fleet.facility[v] = 0;
      this.fleet.socWh[v] = world.batteryWh;
      this.fleet.statusSinceS[v] = this.now;
    }
    this.minSocWh = world.batteryWh;
    this.releaseTimes = [...new Set(Array.from(parcels.releaseS, (t) => Math.max(t, params.dayStartS)))].sort((a, b) => a - b);
    this.releaseTimes.forEach((t, i) => this.queue.push(t, Ev.Release, -1, 0, i));
    this.queue.push(this.now, Ev.Tick);
  }

  protected startPlan(v: number, plan: Plan): void {
    const dest = this.planDestination(plan, this.destination[v]);
    this.boundCount[this.destination[v]]--;
    this.boundCount[dest]++;
    this.destination[v] = dest;
    for (const s of plan) {
      if (s.kind === 'drive' && s.status === VanStatus.LineHaul) {
        this.linehaulTo[v] = this.facilityAt.get(s.to) ?? -1;
        if (this.linehaulTo[v] >= 0) this.linehaulCount[this.linehaulTo[v]]++;
      }
    }
    this.fleet.plan[v] = plan;
    this.fleet.step[v] = 0;
    this.startStep(v);
  }

  /** The facility a plan ends at (its last unload, charge or drive to a facility). */
  private planDestination(plan: Plan, fallback: number): number {
    for (let i = plan.length - 1; i >= 0; i--) {
      const s = plan[i];
      if (s.kind === 'unload' || s.kind === 'charge') return s.facility;
      if (s.kind === 'drive') return this.facilityAt.get(s.to) ?? fallback;
    }
    return fallback;
  }

  protected completeStep(v: number): void {
    const f = this.fleet;
    f.step[v]++;
    if (f.step[v] < f.plan[v].length) {
      this.startStep(v);
      return;
    }
    f.step[v] = -1;
    f.plan[v] = [];
    this.setStatus(v, VanStatus.Idle);
    this.dirty[v] = 1;
    this.dispatchWanted = true;
  }

  /** Ask the dispatcher to look at every van (new wave, periodic tick). */
  protected markAll(): void {
    this.dirty.fill(1);
    this.dispatchWanted = true;
  }

  /** Ask the dispatcher to look at the vans parked at facility k (its stock changed). */
  protected markAt(k: number): void {
    const fac = this.fleet.facility;
    for (let v = 0; v < fac.length; v++) if (fac[v] === k) this.dirty[v] = 1;
    this.dispatchWanted = true;
  }

  protected startStep(v: number): void {
    const s = this.fleet.currentStep(v) as Step;
    const lp = this.world.params.loading;
    switch (s.kind) {
      case 'drive':
        this.startLeg(v, s.to, s.status);
        return;
      case 'load':
        this.setStatus(v, VanStatus.Loading);
        this.queue.push(this.now + lp.baseS + lp.perParcelS * s.parcels.length, Ev.StepDone, v, this.fleet.token[v]);
        return;
      case 'unload':
        this.setStatus(v, VanStatus.Loading);
        this.queue.push(this.now + lp.baseS + lp.perParcelS * this.fleet.cargo[v].length, Ev.StepDone, v, this.fleet.token[v]);
        return;
      case 'handover': {
        const opens = this.world.parcels.windowStartS[s.parcels[0]];
        this.setStatus(v, VanStatus.AtDoor);
        if (this.now < opens) this.queue.push(opens, Ev.WindowOpen, v, this.fleet.token[v]);
        else this.startCustomer(v);
        return;
      }
      case 'charge':
        if (this.chargers.request(s.facility, v, this.now)) this.beginCharging(v);
        else this.setStatus(v, VanStatus.WaitingCharger);
        return;
    }
  }

  protected startLeg(v: number, to: number, status: VanStatus): void {
    const f = this.fleet;
    const g = this.world.city.graph;
    if (f.node[v] === to) {
      this.completeStep(v);
      return;
    }
    const edges = this.world.costs.path(f.node[v], to, f.legEdges[v]);
    if (edges.length === 0) throw new SimulationError(`van ${f.ids[v]}: node ${to} is unreachable from node ${f.node[v]}`);
    const ends = f.legEndMs[v];
    ends.length = 0;
    let ms = 0;
    let mm = 0;
    for (const e of edges) {
      ms += g.timeMs[e];
      mm += g.lengthMm[e];
      ends.push(ms);
      const kmh = g.edgeSpeedKmh(e);
      if (kmh > this.maxSpeedKmh) this.maxSpeedKmh = kmh;
    }
    f.legStartS[v] = this.now;
    f.legLengthMm[v] = mm;
    f.facility[v] = -1;
    this.setStatus(v, status);
    this.observer?.leg?.(v, this.now, edges, ends);
    this.queue.push(this.now + ms / 1000, Ev.Arrive, v, f.token[v]);
  }

  protected finishLeg(v: number): void {
    const f = this.fleet;
    const g = this.world.city.graph;
    const edges = f.legEdges[v];
    const last = edges[edges.length - 1];
    f.node[v] = g.target[last];
    if (f.status[v] === VanStatus.LineHaul && this.linehaulTo[v] >= 0) {
      this.linehaulCount[this.linehaulTo[v]]--;
      this.linehaulTo[v] = -1;
    }
    f.facility[v] = this.facilityAt.get(f.node[v]) ?? -1;
    this.heading[v] = Math.atan2(g.y(g.target[last]) - g.y(g.source[last]), g.x(g.target[last]) - g.x(g.source[last]));
    const km = f.legLengthMm[v] / 1e6;
    const wh = km * whPerKm(this.world.params.van, f.loadKg[v]);
    f.odometerM[v] += km * 1000;
    f.energyUsedWh[v] += wh;
    f.socWh[v] -= wh;
    if (f.socWh[v] < this.minSocWh) this.minSocWh = f.socWh[v];
    if (f.socWh[v] < 0) throw new SimulationError(`van ${f.ids[v]}: battery below zero (${f.socWh[v].toFixed(1)} Wh) at t=${this.now.toFixed(0)} s`);
    edges.length = 0;
  }

  /** Last heading of a van, radians (x east, counter-clockwise). */
  headingOf(v: number): number {
    return this.heading[v];
  }

  protected finishTimedStep(v: number, ok: number): void {
    const s = this.fleet.currentStep(v) as Step;
    if (s.kind === 'load') this.finishLoad(v, s.parcels);
    else if (s.kind === 'unload') this.finishUnload(v, s.facility);
    else if (s.kind === 'handover') this.finishHandover(v, s.parcels, ok === 1);
  }

  protected finishLoad(v: number, parcels: readonly number[]): void {
    const f = this.fleet;
    const P = this.world.parcels;
    for (const p of parcels) {
      this.parcelState[p] = ParcelState.OnVan;
      this.parcelVan[p] = v;
      f.cargo[v].push(p);
      f.loadKg[v] += P.weightKg[p];
      f.volumeM3[v] += P.volumeM3[p];
    }
    const spec = this.world.params.van;
    if (f.loadKg[v] > spec.payloadKg + 1e-9) throw new SimulationError(`van ${f.ids[v]}: overloaded, ${f.loadKg[v].toFixed(2)} kg > ${spec.payloadKg} kg`);
    if (f.volumeM3[v] > spec.cargoM3 + 1e-9) throw new SimulationError(`van ${f.ids[v]}: over volume, ${f.volumeM3[v].toFixed(3)} m³ > ${spec.cargoM3} m³`);
    if (f.loadKg[v] > this.maxLoadKg) this.maxLoadKg = f.loadKg[v];
    if (f.volumeM3[v] > this.maxVolumeM3) this.maxVolumeM3 = f.volumeM3[v];
  }

  protected finishUnload(v: number, facility: number): void {
    const f = this.fleet;
    const isStation = this.world.city.facilities[facility].kind === 'station';
    for (const p of f.cargo[v]) {
      this.parcelVan[p] = -1;
      if (!isStation) {
        this.parcelState[p] = ParcelState.AtWarehouse;
        this.backlog[this.world.stationOfParcel[p]].push(p);
      } else if (this.attempts[p] >= this.world.params.maxAttempts) {
        this.parcelState[p] = ParcelState.Failed; // returned to sender
      } else {
        this.parcelState[p] = ParcelState.AtStation;
        this.stock[facility].push(p);
        this.stockVersion[facility]++;
      }
    }
    f.cargo[v].length = 0;
    f.loadKg[v] = 0;
    f.volumeM3[v] = 0;
    this.markAt(facility);
  }

  /** The customer has been notified: draw whether and when they come down. */
  protected startCustomer(v: number): void {
    const s = this.fleet.currentStep(v) as Extract<Step, { kind: 'handover' }>;
    const h = this.world.params.handover;
    const noShow = this.rng.chance(h.noShowProbability);
    const delay = this.rng.exponential(h.customerResponseMeanS);
    const ok = !noShow && delay <= h.customerWaitS;
    const done = ok ? this.now + delay + h.perParcelS * s.parcels.length : this.now + h.customerWaitS;
    this.queue.push(done, Ev.StepDone, v, this.fleet.token[v], ok ? 1 : 0);
  }

  protected finishHandover(v: number, parcels: readonly number[], ok: boolean): void {
    const f = this.fleet;
    this.observer?.handover?.(v, this.now, parcels, ok);
    const P = this.world.parcels;
    for (const p of parcels) {
      this.attempts[p]++;
      if (!ok) continue;
      this.parcelState[p] = ParcelState.Delivered;
      this.deliveredAt[p] = this.now;
      this.deliveredBy[p] = v;
      f.delivered[v]++;
      f.loadKg[v] -= P.weightKg[p];
      f.volumeM3[v] -= P.volumeM3[p];
      const i = f.cargo[v].indexOf(p);
      if (i < 0) throw new SimulationError(`van ${f.ids[v]}: handed over parcel ${P.id[p]} it was not carrying`);
      f.cargo[v].splice(i, 1);
    }
    if (f.cargo[v].length === 0) {
      f.loadKg[v] = 0; // no floating-point residue on an empty van
      f.volumeM3[v] = 0;
    }
  }

  protected beginCharging(v: number): void {
    const f = this.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    const kW = Math.min(this.chargers.powerKW[s.facility], this.world.params.van.maxChargeKW);
    this.setStatus(v, VanStatus.Charging);
    f.chargeStartS[v] = this.now;
    f.chargeStartWh[v] = f.socWh[v];
    f.chargeKW[v] = kW;
    const dt = chargeTimeS(f.socWh[v], s.targetWh, this.world.batteryWh, kW);
    this.queue.push(this.now + dt, Ev.ChargeDone, v, f.token[v]);
  }

  protected finishCharge(v: number): void {
    const f = this.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    const target = Math.max(f.socWh[v], s.targetWh);
    f.energyChargedWh[v] += target - f.socWh[v];
    f.socWh[v] = target;
    this.handPort(s.facility);
  }

  /** Free a port at a facility; the next queued van starts charging. */
  protected handPort(facility: number): void {
    const next = this.chargers.release(facility, this.now);
    if (next >= 0) this.beginCharging(next);
  }

  /** Stop an interruptible charge (or leave the queue) because the van has work. */
  protected interruptCharging(v: number): void {
    const f = this.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    if (f.status[v] === VanStatus.Charging) {
      const e = energyAfterS(f.chargeStartWh[v], this.now - f.chargeStartS[v], this.world.batteryWh, f.chargeKW[v]);
      const gained = Math.max(0, Math.min(e, s.targetWh) - f.socWh[v]);
      f.energyChargedWh[v] += gained;
      f.socWh[v] += gained;
      this.handPort(s.facility);
    } else {
      this.chargers.leaveQueue(s.facility, v);
    }
    f.token[v]++;
    f.step[v] = -1;
    f.plan[v] = [];
    this.setStatus(v, VanStatus.Idle);
  }

  /** A fresh number per optimisation (seeds the solver deterministically). */
  nextPlanNumber(): number {
    return ++this.planNumber;
  }

  notePlan(rec: PlanRecord): void {
    this.planLog.push(rec);
    if (this.planLog.length > 5000) this.planLog.shift();
    this.observer?.plan?.(rec);
  }

  protected setStatus(v: number, s: VanStatus): void {
    this.fleet.setStatus(v, s, this.now);
    this.observer?.status?.(v, this.now, s);
  }
}
