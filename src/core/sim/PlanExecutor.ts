import type { Rng } from '../util/rng.ts';
import type { EventQueue } from './EventQueue.ts';
import { ParcelState } from './ParcelState.ts';
import type { Plan, Step } from './Plan.ts';
import type { SimObserver } from './SimObserver.ts';
import type { SimState } from './SimState.ts';
import { VanStatus } from './VanStatus.ts';
import { nearestCharger, type World } from './World.ts';

/** Event kinds of the engine's queue. */
export const Ev = { Arrive: 1, StepDone: 2, Release: 3, Tick: 4, WindowOpen: 5, ChargeDone: 6, Replan: 7 } as const;

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
  /** What the dispatcher's hooks hear about, collected during an event and handed over after it. */
  readonly lowEnergy: number[] = [];
  readonly portsFreed: number[] = [];
  readonly linehaulArrivals: { readonly station: number; readonly parcels: readonly number[] }[] = [];
  /** Called when a van's plan runs out; returns true if it started a pending tail instead of going idle. */
  onPlanEnd: (v: number) => boolean = () => false;

  constructor(
    private readonly state: SimState,
    private readonly world: World,
    private readonly queue: EventQueue,
    private readonly rng: Rng,
    private readonly observer: SimObserver | undefined,
  ) {
    this.dirty = new Uint8Array(world.params.fleetSize);
    state.chargers.onSchedule = (v, doneAtS) => this.chargeScheduled(v, doneAtS);
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
    if (this.onPlanEnd(v)) return;
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
        this.state.fleet.doorSinceS[v] = this.state.now;
        this.setStatus(v, VanStatus.AtDoor);
        if (this.state.now < opens) this.queue.push(opens, Ev.WindowOpen, v, this.state.fleet.token[v]);
        else this.startCustomer(v);
        return;
      }
      case 'charge':
        if (this.state.chargers.request(s.facility, v, this.state.now, Math.max(s.targetWh, this.state.fleet.socWh[v]), !s.interruptible)) this.setStatus(v, VanStatus.Charging);
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
    let wh = 0;
    const energy = this.world.energy;
    for (const e of edges) {
      ms += g.timeMs[e];
      mm += g.lengthMm[e];
      ends.push(ms);
      // Edge by edge at the speed it is driven (length / time), with the load aboard: the exact model.
      wh += energy.driveWh(g.lengthMm[e] / 1000, (g.lengthMm[e] * 3.6) / g.timeMs[e], f.loadKg[v]);
    }
    if (status !== VanStatus.ToCharger && !this.leavesEnough(v, to, wh, ms / 1000)) {
      edges.length = 0;
      this.repair(v);
      return;
    }
    for (const e of edges) {
      const kmh = g.edgeSpeedKmh(e);
      if (kmh > this.state.maxSpeedKmh) this.state.maxSpeedKmh = kmh;
    }
    f.legStartS[v] = this.state.now;
    f.legLengthMm[v] = mm;
    f.legEnergyWh[v] = wh;
    f.facility[v] = -1;
    this.setStatus(v, status);
    this.observer?.leg?.(v, this.state.now, edges, ends);
    this.queue.push(this.state.now + ms / 1000, Ev.Arrive, v, f.token[v]);
  }

  /**
   * The safety rule checked before every leg: after this leg (exact energy), the longest wait at the
   * door it leads to, and the way from there to the nearest charger (the model's bound, fully
   * loaded), the battery must not be empty. It holds at the start of the day, and a van for which
   * it would fail goes to charge instead, which the previous check guaranteed it can reach.
   */
  private leavesEnough(v: number, to: number, legWh: number, legS: number): boolean {
    const f = this.state.fleet;
    const next = f.plan[v][f.step[v] + 1];
    let dwellS = 0;
    if (next?.kind === 'handover') {
      const h = this.world.params.handover;
      const arrive = this.state.now + legS;
      dwellS = Math.max(0, this.world.parcels.windowStartS[next.parcels[0]] - arrive) + h.customerWaitS + h.perParcelS * next.parcels.length;
    }
    return f.socWh[v] - legWh - this.world.energy.dwellWh(dwellS) - nearestCharger(this.world, to).energyWh >= 0;
  }

  /**
   * The plan would leave the van unable to reach a charger: drop the rest of it, charge at the
   * nearest charger, then bring any parcels aboard back to the facility the plan would have
   * unloaded at (they go back into its stock, not attempted).
   */
  private repair(v: number): void {
    const st = this.state;
    const f = st.fleet;
    const plan = f.plan[v];
    let unloadAt = -1;
    for (let i = plan.length - 1; i > f.step[v]; i--) {
      const s = plan[i];
      if (s.kind === 'unload') {
        unloadAt = s.facility;
        break;
      }
    }
    const site = nearestCharger(this.world, f.node[v]).facility;
    const facilities = this.world.city.facilities;
    let targetWh = this.world.params.chargeToSoc * this.world.batteryWh;
    if (facilities[site].node === f.node[v] && f.socWh[v] >= targetWh - 1) {
      // Already at a charger and charged: only a full battery can help.
      if (f.socWh[v] >= this.world.batteryWh - 1) throw new SimulationError(`van ${f.ids[v]}: its plan cannot be driven safely even on a full battery`);
      targetWh = this.world.batteryWh;
    }
    const steps: Step[] = [
      { kind: 'drive', to: facilities[site].node, status: VanStatus.ToCharger },
      { kind: 'charge', facility: site, targetWh, interruptible: false },
    ];
    if (unloadAt >= 0 && f.cargo[v].length > 0) {
      steps.push({ kind: 'drive', to: facilities[unloadAt].node, status: VanStatus.Returning }, { kind: 'unload', facility: unloadAt });
    }
    st.energyRepairs++;
    if (st.linehaulTo[v] >= 0) {
      st.linehaulCount[st.linehaulTo[v]]--;
      st.linehaulTo[v] = -1;
    }
    this.startPlan(v, steps);
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
    f.odometerM[v] += f.legLengthMm[v] / 1000;
    const threshold = this.world.params.chargeBelowSoc * this.world.batteryWh;
    const above = f.socWh[v] >= threshold;
    this.drawEnergy(v, f.legEnergyWh[v]);
    if (above && f.socWh[v] < threshold) this.lowEnergy.push(v);
    edges.length = 0;
  }

  /** Take energy from the battery (driving, or the autonomy stack at a door); an empty battery is a bug. */
  private drawEnergy(v: number, wh: number): void {
    const f = this.state.fleet;
    f.energyUsedWh[v] += wh;
    f.socWh[v] -= wh;
    if (f.socWh[v] < this.state.minSocWh) this.state.minSocWh = f.socWh[v];
    if (f.socWh[v] < 0) throw new SimulationError(`van ${f.ids[v]}: stranded, battery below zero (${f.socWh[v].toFixed(1)} Wh) at t=${this.state.now.toFixed(0)} s`);
  }


  finishTimedStep(v: number, ok: number): void {
    const s = this.state.fleet.currentStep(v) as Step;
    if (s.kind === 'load') this.finishLoad(v, s.parcels, s.facility);
    else if (s.kind === 'unload') this.finishUnload(v, s.facility);
    else if (s.kind === 'handover') this.finishHandover(v, s.parcels, ok === 1);
  }

  finishLoad(v: number, parcels: readonly number[], facility: number): void {
    const f = this.state.fleet;
    if (this.world.city.facilities[facility].kind === 'station') {
      f.tourDelayedByCharging[v] = f.chargeDelayS[v] > 0 ? 1 : 0;
      f.chargeDelayS[v] = 0;
    }
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
    if (isStation && this.state.lastDecision[v]?.kind === 'line-haul' && f.cargo[v].length > 0) this.linehaulArrivals.push({ station: facility, parcels: [...f.cargo[v]] });
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
    this.drawEnergy(v, this.world.energy.dwellWh(this.state.now - f.doorSinceS[v]));
    this.observer?.handover?.(v, this.state.now, parcels, ok);
    const P = this.world.parcels;
    for (const p of parcels) {
      this.state.attempts[p]++;
      if (!ok) continue;
      this.state.parcelState[p] = ParcelState.Delivered;
      this.state.deliveredAt[p] = this.state.now;
      this.state.deliveredBy[p] = v;
      if (f.tourDelayedByCharging[v] && (this.state.now < P.windowStartS[p] || this.state.now > P.windowEndS[p])) this.state.lateByCharging++;
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

  /** The charger sites reschedule a van's end of charge whenever its power changes. */
  private chargeScheduled(v: number, doneAtS: number): void {
    const f = this.state.fleet;
    f.token[v]++;
    if (doneAtS < Infinity) this.queue.push(doneAtS, Ev.ChargeDone, v, f.token[v]);
  }

  finishCharge(v: number): void {
    const site = this.state.fleet.facility[v];
    const next = this.state.chargers.finish(v, this.state.now);
    if (next >= 0) this.setStatus(next, VanStatus.Charging);
    else if (site >= 0) this.portsFreed.push(site);
  }

  /** Stop an interruptible charge (or leave the queue) because the van has work. */
  interruptCharging(v: number): void {
    const f = this.state.fleet;
    const wasCharging = this.state.chargers.isCharging(v);
    const next = this.state.chargers.stop(v, this.state.now);
    if (next >= 0) this.setStatus(next, VanStatus.Charging);
    else if (wasCharging && f.facility[v] >= 0) this.portsFreed.push(f.facility[v]);
    f.token[v]++;
    f.step[v] = -1;
    f.plan[v] = [];
    this.setStatus(v, VanStatus.Idle);
  }

  setStatus(v: number, s: VanStatus): void {
    const f = this.state.fleet;
    const prev = f.status[v];
    if (prev === VanStatus.WaitingCharger || (prev === VanStatus.Charging && f.currentStep(v)?.kind === 'charge' && !(f.currentStep(v) as Extract<Step, { kind: 'charge' }>).interruptible)) {
      f.chargeDelayS[v] += this.state.now - f.statusSinceS[v];
    }
    this.state.fleet.setStatus(v, s, this.state.now);
    this.observer?.status?.(v, this.state.now, s);
  }
}
