import type { Rng } from '../util/rng.ts';
import { whPerKm } from '../fleet/VanSpec.ts';
import { chargeTimeS, energyAfterS } from '../charging/chargeCurve.ts';
import type { EventQueue } from './EventQueue.ts';
import { ParcelState } from './ParcelState.ts';
import type { Plan, Step } from './Plan.ts';
import type { SimObserver } from './SimObserver.ts';
import type { SimState } from './SimState.ts';
import { VanStatus } from './VanStatus.ts';
import type { World } from './World.ts';

/** Event kinds of the engine's queue. */
export const Ev = { Arrive: 1, StepDone: 2, Release: 3, Tick: 4, WindowOpen: 5, ChargeDone: 6 } as const;

/** A broken physical invariant (overload, empty battery, unreachable node): a bug, never normal. */
export class SimulationError extends Error {}

/**
 * How a van executes its plan, step by step: drive (along the fastest path), load, unload, hand
 * over at the curb, charge. It writes the run's state (SimState) and schedules the step's end on
 * the event queue; Simulation owns the clock and asks the dispatcher when a van runs out of plan.
 */
export class PlanExecutor {
  /**
   * Vans whose situation changed since the dispatcher last looked (they became idle, or stock
   * reached their facility); ticks and new waves mark everyone. Dispatch rounds decide only these.
   */
  readonly dirty: Uint8Array;
  dispatchWanted = false;

  constructor(
    private readonly state: SimState,
    private readonly world: World,
    private readonly queue: EventQueue,
    private readonly rng: Rng,
    private readonly observer: SimObserver | undefined,
  ) {
    this.dirty = new Uint8Array(world.params.fleetSize);
  }

  startPlan(v: number, plan: Plan): void {
    const dest = this.planDestination(plan, this.state.destination[v]);
    this.state.boundCount[this.state.destination[v]]--;
    this.state.boundCount[dest]++;
    this.state.destination[v] = dest;
    for (const s of plan) {
      if (s.kind === 'drive' && s.status === VanStatus.LineHaul) {
        this.state.linehaulTo[v] = this.state.facilityAt.get(s.to) ?? -1;
        if (this.state.linehaulTo[v] >= 0) this.state.linehaulCount[this.state.linehaulTo[v]]++;
      }
    }
    this.state.fleet.plan[v] = plan;
    this.state.fleet.step[v] = 0;
    this.startStep(v);
  }

  /** The facility a plan ends at (its last unload, charge or drive to a facility). */
  private planDestination(plan: Plan, fallback: number): number {
    for (let i = plan.length - 1; i >= 0; i--) {
      const s = plan[i];
      if (s.kind === 'unload' || s.kind === 'charge') return s.facility;
      if (s.kind === 'drive') return this.state.facilityAt.get(s.to) ?? fallback;
    }
    return fallback;
  }

  completeStep(v: number): void {
    const f = this.state.fleet;
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
  markAll(): void {
    this.dirty.fill(1);
    this.dispatchWanted = true;
  }

  /** Ask the dispatcher to look at the vans parked at facility k (its stock changed). */
  markAt(k: number): void {
    const fac = this.state.fleet.facility;
    for (let v = 0; v < fac.length; v++) if (fac[v] === k) this.dirty[v] = 1;
    this.dispatchWanted = true;
  }

  startStep(v: number): void {
    const s = this.state.fleet.currentStep(v) as Step;
    const lp = this.world.params.loading;
    switch (s.kind) {
      case 'drive':
        this.startLeg(v, s.to, s.status);
        return;
      case 'load':
        this.setStatus(v, VanStatus.Loading);
        this.queue.push(this.state.now + lp.baseS + lp.perParcelS * s.parcels.length, Ev.StepDone, v, this.state.fleet.token[v]);
        return;
      case 'unload':
        this.setStatus(v, VanStatus.Loading);
        this.queue.push(this.state.now + lp.baseS + lp.perParcelS * this.state.fleet.cargo[v].length, Ev.StepDone, v, this.state.fleet.token[v]);
        return;
      case 'handover': {
        const opens = this.world.parcels.windowStartS[s.parcels[0]];
        this.setStatus(v, VanStatus.AtDoor);
        if (this.state.now < opens) this.queue.push(opens, Ev.WindowOpen, v, this.state.fleet.token[v]);
        else this.startCustomer(v);
        return;
      }
      case 'charge':
        if (this.state.chargers.request(s.facility, v, this.state.now)) this.beginCharging(v);
        else this.setStatus(v, VanStatus.WaitingCharger);
        return;
    }
  }

  startLeg(v: number, to: number, status: VanStatus): void {
    const f = this.state.fleet;
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
      if (kmh > this.state.maxSpeedKmh) this.state.maxSpeedKmh = kmh;
    }
    f.legStartS[v] = this.state.now;
    f.legLengthMm[v] = mm;
    f.facility[v] = -1;
    this.setStatus(v, status);
    this.observer?.leg?.(v, this.state.now, edges, ends);
    this.queue.push(this.state.now + ms / 1000, Ev.Arrive, v, f.token[v]);
  }

  finishLeg(v: number): void {
    const f = this.state.fleet;
    const g = this.world.city.graph;
    const edges = f.legEdges[v];
    const last = edges[edges.length - 1];
    f.node[v] = g.target[last];
    if (f.status[v] === VanStatus.LineHaul && this.state.linehaulTo[v] >= 0) {
      this.state.linehaulCount[this.state.linehaulTo[v]]--;
      this.state.linehaulTo[v] = -1;
    }
    f.facility[v] = this.state.facilityAt.get(f.node[v]) ?? -1;
    this.state.heading[v] = Math.atan2(g.y(g.target[last]) - g.y(g.source[last]), g.x(g.target[last]) - g.x(g.source[last]));
    const km = f.legLengthMm[v] / 1e6;
    const wh = km * whPerKm(this.world.params.van, f.loadKg[v]);
    f.odometerM[v] += km * 1000;
    f.energyUsedWh[v] += wh;
    f.socWh[v] -= wh;
    if (f.socWh[v] < this.state.minSocWh) this.state.minSocWh = f.socWh[v];
    if (f.socWh[v] < 0) throw new SimulationError(`van ${f.ids[v]}: battery below zero (${f.socWh[v].toFixed(1)} Wh) at t=${this.state.now.toFixed(0)} s`);
    edges.length = 0;
  }


  finishTimedStep(v: number, ok: number): void {
    const s = this.state.fleet.currentStep(v) as Step;
    if (s.kind === 'load') this.finishLoad(v, s.parcels);
    else if (s.kind === 'unload') this.finishUnload(v, s.facility);
    else if (s.kind === 'handover') this.finishHandover(v, s.parcels, ok === 1);
  }

  finishLoad(v: number, parcels: readonly number[]): void {
    const f = this.state.fleet;
    const P = this.world.parcels;
    for (const p of parcels) {
      this.state.parcelState[p] = ParcelState.OnVan;
      this.state.parcelVan[p] = v;
      f.cargo[v].push(p);
      f.loadKg[v] += P.weightKg[p];
      f.volumeM3[v] += P.volumeM3[p];
    }
    const spec = this.world.params.van;
    if (f.loadKg[v] > spec.payloadKg + 1e-9) throw new SimulationError(`van ${f.ids[v]}: overloaded, ${f.loadKg[v].toFixed(2)} kg > ${spec.payloadKg} kg`);
    if (f.volumeM3[v] > spec.cargoM3 + 1e-9) throw new SimulationError(`van ${f.ids[v]}: over volume, ${f.volumeM3[v].toFixed(3)} m³ > ${spec.cargoM3} m³`);
    if (f.loadKg[v] > this.state.maxLoadKg) this.state.maxLoadKg = f.loadKg[v];
    if (f.volumeM3[v] > this.state.maxVolumeM3) this.state.maxVolumeM3 = f.volumeM3[v];
  }

  finishUnload(v: number, facility: number): void {
    const f = this.state.fleet;
    const isStation = this.world.city.facilities[facility].kind === 'station';
    for (const p of f.cargo[v]) {
      this.state.parcelVan[p] = -1;
      if (!isStation) {
        this.state.parcelState[p] = ParcelState.AtWarehouse;
        this.state.backlog[this.world.stationOfParcel[p]].push(p);
      } else if (this.state.attempts[p] >= this.world.params.maxAttempts) {
        this.state.parcelState[p] = ParcelState.Failed; // returned to sender
      } else {
        this.state.parcelState[p] = ParcelState.AtStation;
        this.state.stock[facility].push(p);
        this.state.stockVersion[facility]++;
      }
    }
    f.cargo[v].length = 0;
    f.loadKg[v] = 0;
    f.volumeM3[v] = 0;
    this.markAt(facility);
  }

  /** The customer has been notified: draw whether and when they come down. */
  startCustomer(v: number): void {
    const s = this.state.fleet.currentStep(v) as Extract<Step, { kind: 'handover' }>;
    const h = this.world.params.handover;
    const noShow = this.rng.chance(h.noShowProbability);
    const delay = this.rng.exponential(h.customerResponseMeanS);
    const ok = !noShow && delay <= h.customerWaitS;
    const done = ok ? this.state.now + delay + h.perParcelS * s.parcels.length : this.state.now + h.customerWaitS;
    this.queue.push(done, Ev.StepDone, v, this.state.fleet.token[v], ok ? 1 : 0);
  }

  finishHandover(v: number, parcels: readonly number[], ok: boolean): void {
    const f = this.state.fleet;
    this.observer?.handover?.(v, this.state.now, parcels, ok);
    const P = this.world.parcels;
    for (const p of parcels) {
      this.state.attempts[p]++;
      if (!ok) continue;
      this.state.parcelState[p] = ParcelState.Delivered;
      this.state.deliveredAt[p] = this.state.now;
      this.state.deliveredBy[p] = v;
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

  beginCharging(v: number): void {
    const f = this.state.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    const kW = Math.min(this.state.chargers.powerKW[s.facility], this.world.params.van.maxChargeKW);
    this.setStatus(v, VanStatus.Charging);
    f.chargeStartS[v] = this.state.now;
    f.chargeStartWh[v] = f.socWh[v];
    f.chargeKW[v] = kW;
    const dt = chargeTimeS(f.socWh[v], s.targetWh, this.world.batteryWh, kW);
    this.queue.push(this.state.now + dt, Ev.ChargeDone, v, f.token[v]);
  }

  finishCharge(v: number): void {
    const f = this.state.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    const target = Math.max(f.socWh[v], s.targetWh);
    f.energyChargedWh[v] += target - f.socWh[v];
    f.socWh[v] = target;
    this.handPort(s.facility);
  }

  /** Free a port at a facility; the next queued van starts charging. */
  handPort(facility: number): void {
    const next = this.state.chargers.release(facility, this.state.now);
    if (next >= 0) this.beginCharging(next);
  }

  /** Stop an interruptible charge (or leave the queue) because the van has work. */
  interruptCharging(v: number): void {
    const f = this.state.fleet;
    const s = f.currentStep(v) as Extract<Step, { kind: 'charge' }>;
    if (f.status[v] === VanStatus.Charging) {
      const e = energyAfterS(f.chargeStartWh[v], this.state.now - f.chargeStartS[v], this.world.batteryWh, f.chargeKW[v]);
      const gained = Math.max(0, Math.min(e, s.targetWh) - f.socWh[v]);
      f.energyChargedWh[v] += gained;
      f.socWh[v] += gained;
      this.handPort(s.facility);
    } else {
      this.state.chargers.leaveQueue(s.facility, v);
    }
    f.token[v]++;
    f.step[v] = -1;
    f.plan[v] = [];
    this.setStatus(v, VanStatus.Idle);
  }



  setStatus(v: number, s: VanStatus): void {
    this.state.fleet.setStatus(v, s, this.state.now);
    this.observer?.status?.(v, this.state.now, s);
  }
}
