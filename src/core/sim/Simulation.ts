import { Rng } from '../util/rng.ts';
import { whPerKm } from '../fleet/VanSpec.ts';
import { ChargerSites } from '../charging/ChargerSites.ts';
import { chargeTimeS, energyAfterS } from '../charging/chargeCurve.ts';
import type { DispatchStrategy } from '../dispatch/strategies.ts';
import { decide } from '../dispatch/Dispatcher.ts';
import { EventQueue } from './EventQueue.ts';
import { FleetState } from './FleetState.ts';
import { ParcelState } from './ParcelState.ts';
import type { Plan, Step } from './Plan.ts';
import { VanStatus } from './VanStatus.ts';
import type { World } from './World.ts';

const Ev = { Arrive: 1, StepDone: 2, Release: 3, Tick: 4, WindowOpen: 5, ChargeDone: 6 } as const;

/** A broken physical invariant (overload, empty battery, unreachable node): a bug, never normal. */
export class SimulationError extends Error {}

export interface SimOptions {
  readonly seed: number;
  readonly strategy: DispatchStrategy;
}

/** Runs after the end of the day are cut off here even if vans are still out. */
const OVERTIME_LIMIT_S = 6 * 3600;

/**
 * The discrete-event engine. Each van executes a plan (drive, load, unload, hand over, charge) step
 * by step; when its plan runs out, or when work appears (a wave reaches the warehouse, stock reaches
 * a station, the periodic tick), the dispatcher gives idle vans new plans. Customer behaviour at the
 * curb is the only randomness, drawn from one seeded stream in event order, so a run is a pure
 * function of (world, seed, strategy).
 */
export class Simulation {
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
  private readonly facilityAt: Map<number, number>;
  now: number;
  finished = false;
  /** Extremes observed while running (for the report's limit checks). */
  maxSpeedKmh = 0;
  maxLoadKg = 0;
  maxVolumeM3 = 0;
  minSocWh = Infinity;
  events = 0;
  private readonly queue = new EventQueue(256);
  private readonly rng: Rng;
  private readonly releaseTimes: number[];
  private dispatchWanted = false;
  private readonly heading: Float32Array;

  constructor(world: World, opts: SimOptions) {
    const { params, parcels, city } = world;
    this.world = world;
    this.strategy = opts.strategy;
    this.seed = opts.seed;
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

  /** Time after which no parcel will reach the warehouse. */
  get lastReleaseS(): number {
    return this.releaseTimes.length ? this.releaseTimes[this.releaseTimes.length - 1] : this.now;
  }

  /** Process every event up to and including time t; the clock then reads t (or the end time). */
  runUntil(t: number): void {
    const limit = this.world.params.dayEndS + OVERTIME_LIMIT_S;
    while (!this.finished && this.queue.peekTime() <= t) {
      if (this.queue.peekTime() > limit) break;
      this.queue.pop();
      this.now = this.queue.time;
      this.events++;
      this.handle();
      if (this.dispatchWanted) this.dispatchRound();
      this.checkEnd();
    }
    if (!this.finished && (this.queue.size === 0 || t >= limit)) this.finish(Math.min(t, limit));
    if (!this.finished) this.now = Math.max(this.now, t);
  }

  /** Run the whole day; onProgress gets the fraction of the day simulated. */
  runToEnd(onProgress?: (fraction: number) => void): void {
    const { dayStartS, dayEndS } = this.world.params;
    const step = 900;
    for (let t = this.now + step; !this.finished; t += step) {
      this.runUntil(t);
      onProgress?.(Math.min(1, (this.now - dayStartS) / (dayEndS - dayStartS)));
    }
  }

  private handle(): void {
    const q = this.queue;
    const v = q.van;
    switch (q.kind) {
      case Ev.Release:
        this.release(this.releaseTimes[q.arg]);
        return;
      case Ev.Tick:
        if (this.now + this.world.params.dispatch.tickS <= this.world.params.dayEndS) this.queue.push(this.now + this.world.params.dispatch.tickS, Ev.Tick);
        else if (this.now < this.world.params.dayEndS) this.queue.push(this.world.params.dayEndS, Ev.Tick);
        this.dispatchWanted = true;
        return;
    }
    if (q.token !== this.fleet.token[v]) return; // the step this event belonged to was abandoned
    switch (q.kind) {
      case Ev.Arrive:
        this.finishLeg(v);
        break;
      case Ev.StepDone:
        this.finishTimedStep(v, q.arg);
        break;
      case Ev.WindowOpen:
        this.startCustomer(v);
        return;
      case Ev.ChargeDone:
        this.finishCharge(v);
        break;
    }
    this.completeStep(v);
  }

  private release(t: number): void {
    const P = this.world.parcels;
    for (let p = 0; p < P.count; p++) {
      if (this.parcelState[p] === ParcelState.Unreleased && Math.max(P.releaseS[p], this.world.params.dayStartS) <= t) {
        this.parcelState[p] = ParcelState.AtWarehouse;
        this.backlog[this.world.stationOfParcel[p]].push(p);
      }
    }
    this.dispatchWanted = true;
  }

  /** Offer work to every available van, in id order (deterministic). */
  private dispatchRound(): void {
    this.dispatchWanted = false;
    const f = this.fleet;
    for (let v = 0; v < f.size; v++) {
      const cur = f.currentStep(v);
      const idleCharging = cur?.kind === 'charge' && cur.interruptible;
      if (!f.isIdle(v) && !idleCharging) continue;
      const plan = decide(this, v);
      if (!plan || plan.length === 0) continue;
      if (idleCharging) {
        if (plan[0].kind === 'charge' && plan[0].interruptible) continue; // already doing that
        this.interruptCharging(v);
      }
      this.startPlan(v, plan);
    }
  }

  private checkEnd(): void {
    if (this.now < this.world.params.dayEndS) return;
    const f = this.fleet;
    for (let v = 0; v < f.size; v++) {
      const cur = f.currentStep(v);
      if (cur && !(cur.kind === 'charge' && cur.interruptible)) return;
    }
    this.finish(this.now);
  }

  private finish(t: number): void {
    this.now = t;
    for (let v = 0; v < this.fleet.size; v++) this.fleet.setStatus(v, this.fleet.status[v] as VanStatus, t);
    this.finished = true;
  }

  private startPlan(v: number, plan: Plan): void {
    this.fleet.plan[v] = plan;
    this.fleet.step[v] = 0;
    this.startStep(v);
  }

  private completeStep(v: number): void {
    const f = this.fleet;
    f.step[v]++;
    if (f.step[v] < f.plan[v].length) {
      this.startStep(v);
      return;
    }
    f.step[v] = -1;
    f.plan[v] = [];
    f.setStatus(v, VanStatus.Idle, this.now);
    this.dispatchWanted = true;
  }

  private startStep(v: number): void {
    const s = this.fleet.currentStep(v) as Step;
    const lp = this.world.params.loading;
    switch (s.kind) {
      case 'drive':
        this.startLeg(v, s.to, s.status);
        return;
      case 'load':
        this.fleet.setStatus(v, VanStatus.Loading, this.now);
        this.queue.push(this.now + lp.baseS + lp.perParcelS * s.parcels.length, Ev.StepDone, v, this.fleet.token[v]);
        return;
      case 'unload':
        this.fleet.setStatus(v, VanStatus.Loading, this.now);
        this.queue.push(this.now + lp.baseS + lp.perParcelS * this.fleet.cargo[v].length, Ev.StepDone, v, this.fleet.token[v]);
        return;
      case 'handover': {
        const opens = this.world.parcels.windowStartS[s.parcels[0]];
        this.fleet.setStatus(v, VanStatus.AtDoor, this.now);
        if (this.now < opens) this.queue.push(opens, Ev.WindowOpen, v, this.fleet.token[v]);
        else this.startCustomer(v);
        return;
      }
      case 'charge':
        if (this.chargers.request(s.facility, v, this.now)) this.beginCharging(v);
        else this.fleet.setStatus(v, VanStatus.WaitingCharger, this.now);
        return;
    }
  }

  private startLeg(v: number, to: number, status: VanStatus): void {
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
    f.setStatus(v, status, this.now);
    this.queue.push(this.now + ms / 1000, Ev.Arrive, v, f.token[v]);
  }

  private finishLeg(v: number): void {
    const f = this.fleet;
    const g = this.world.city.graph;
    const edges = f.legEdges[v];
    const last = edges[edges.length - 1];
    f.node[v] = g.target[last];
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

  private finishTimedStep(v: number, ok: number): void {
    const s = this.fleet.currentStep(v) as Step;
    if (s.kind === 'load') this.finishLoad(v, s.parcels);
    else if (s.kind === 'unload') this.finishUnload(v, s.facility);
    else if (s.kind === 'handover') this.finishHandover(v, s.parcels, ok === 1);
  }

  private finishLoad(v: number, parcels: readonly number[]): void {
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

  private finishUnload(v: number, facility: number): void {
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
      }
    }
    f.cargo[v].length = 0;
    f.loadKg[v] = 0;
    f.volumeM3[v] = 0;
    this.dispatchWanted = true;
  }

  /** The customer has been notified: draw whether and when they come down. */
  private startCustomer(v: number): void {
    const s = this.fleet.currentStep(v) as Extract<Step, { kind: 'handover' }>;
    const h = this.world.params.handover;
    const noShow = this.rng.chance(h.noShowProbability);
    const delay = this.rng.exponential(h.customerResponseMeanS);
    const ok = !noShow && delay <= h.customerWaitS;
    const done = ok ? this.now + delay + h.perParcelS * s.parcels.length : this.now + h.customerWaitS;
    this.queue.push(done, Ev.StepDone, v, this.fleet.token[v], ok ? 1 : 0);
  }

  private finishHandover(v: number, parcels: readonly number[], ok: boolean): void {
    const f = this.fleet;
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

  private beginCharging(v: number): void {
    const f = this.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    const kW = Math.min(this.chargers.powerKW[s.facility], this.world.params.van.maxChargeKW);
    f.setStatus(v, VanStatus.Charging, this.now);
    f.chargeStartS[v] = this.now;
    f.chargeStartWh[v] = f.socWh[v];
    f.chargeKW[v] = kW;
    const dt = chargeTimeS(f.socWh[v], s.targetWh, this.world.batteryWh, kW);
    this.queue.push(this.now + dt, Ev.ChargeDone, v, f.token[v]);
  }

  private finishCharge(v: number): void {
    const f = this.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    const target = Math.max(f.socWh[v], s.targetWh);
    f.energyChargedWh[v] += target - f.socWh[v];
    f.socWh[v] = target;
    this.handPort(s.facility);
  }

  /** Free a port at a facility; the next queued van starts charging. */
  private handPort(facility: number): void {
    const next = this.chargers.release(facility, this.now);
    if (next >= 0) this.beginCharging(next);
  }

  /** Stop an interruptible charge (or leave the queue) because the van has work. */
  private interruptCharging(v: number): void {
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
    f.setStatus(v, VanStatus.Idle, this.now);
  }
}
