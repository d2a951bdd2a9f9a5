import { Rng } from '../util/rng.ts';
import { equalShare } from '../charging/PowerAllocator.ts';
import type { Decision, DecisionLog, Dispatcher, HookResult, PlanRecord } from './Decision.ts';
import { frozenEnd } from './frozenEnd.ts';
import { EventQueue } from './EventQueue.ts';
import { ParcelState } from './ParcelState.ts';
import { Ev, PlanExecutor, SimulationError } from './PlanExecutor.ts';
import type { SimObserver } from './SimObserver.ts';
import { SimState } from './SimState.ts';
import { validatePlan } from './validatePlan.ts';
import type { VanStatus } from './VanStatus.ts';
import type { World } from './World.ts';

export { SimulationError } from './PlanExecutor.ts';

/** Runs after the end of the day are cut off here even if vans are still out. */
const OVERTIME_LIMIT_S = 6 * 3600;

export interface SimOptions {
  readonly seed: number;
  /** The plug-in that gives idle vans work (one per run). */
  readonly dispatcher: Dispatcher;
  readonly observer?: SimObserver;
  /** A millisecond clock (performance.now) to time the dispatcher's decisions; without it decisions.solverSeconds stays 0 (the core reads no clock). */
  readonly clock?: () => number;
}

/** A dispatcher's plan broke one of the engine's rules; names the dispatcher, the van and the rule. */
export class PlanRefusedError extends SimulationError {}

/**
 * The discrete-event engine. Each van executes a plan (drive, load, unload, hand over, charge) step
 * by step; when its plan runs out, or when work appears (a wave reaches the warehouse, stock reaches
 * a station, the periodic tick), the dispatcher is asked for new plans, which the engine validates
 * and applies. Customer behaviour at the curb is the only randomness, drawn from one seeded stream
 * in event order, so a run is a pure function of (world, seed, dispatcher).
 */
export class Simulation implements DecisionLog {
  readonly world: World;
  readonly dispatcher: Dispatcher;
  /** The run's state; deciders and observers read it as a SimView. */
  readonly state: SimState;
  private readonly queue = new EventQueue(256);
  private readonly exec: PlanExecutor;
  private readonly observer: SimObserver | undefined;
  private readonly clock: (() => number) | undefined;
  /** The decisions behind the pending tails (state.tails holds their plans). */
  private readonly tailDecisions: (Decision | null)[];

  constructor(world: World, opts: SimOptions) {
    this.world = world;
    this.dispatcher = opts.dispatcher;
    this.observer = opts.observer;
    this.state = new SimState(world, opts.seed, opts.dispatcher.allocator ?? equalShare);
    const rng = new Rng(opts.seed).fork(2); // demand uses fork(1) of the same seed
    this.exec = new PlanExecutor(this.state, world, this.queue, rng, opts.observer);
    this.clock = opts.clock;
    this.tailDecisions = this.state.tails.map(() => null);
    this.exec.onPlanEnd = (v) => this.startTail(v);
    this.state.releaseTimes.forEach((t, i) => this.queue.push(t, Ev.Release, -1, 0, i));
    this.queue.push(this.state.now, Ev.Tick);
    const every = this.dispatcher.replanEveryS;
    if (this.dispatcher.replan && every !== undefined) {
      if (!(every >= 10)) throw new PlanRefusedError(`dispatcher "${this.dispatcher.name}": replanEveryS must be at least 10 s, got ${every}`);
      this.queue.push(this.state.now + every, Ev.Replan);
    }
  }

  get now(): number {
    return this.state.now;
  }

  get finished(): boolean {
    return this.state.finished;
  }

  /** Process every event up to and including time t; the clock then reads t (or the end time). */
  runUntil(t: number): void {
    const s = this.state;
    const limit = this.world.params.dayEndS + OVERTIME_LIMIT_S;
    while (!s.finished && this.queue.peekTime() <= t) {
      if (this.queue.peekTime() > limit) break;
      this.queue.pop();
      if (this.queue.time < s.now) s.timeReversals++;
      s.now = this.queue.time;
      s.events++;
      this.handle();
      this.hookRound();
      if (this.exec.dispatchWanted) this.dispatchRound();
      this.checkEnd();
    }
    if (!s.finished && (this.queue.size === 0 || t >= limit)) this.finish(Math.min(t, limit));
    if (!s.finished) s.now = Math.max(s.now, t);
  }

  /** Run the whole day; onProgress gets the fraction of the day simulated. */
  runToEnd(onProgress?: (fraction: number) => void): void {
    const { dayStartS, dayEndS } = this.world.params;
    const step = 900;
    for (let t = this.state.now + step; !this.state.finished; t += step) {
      this.runUntil(t);
      onProgress?.(Math.min(1, (this.state.now - dayStartS) / (dayEndS - dayStartS)));
    }
  }

  /** DecisionLog: a re-plan moved stops between vans. */
  noteChurn(stops: number): void {
    this.state.decisions.churn += stops;
  }

  /** DecisionLog: the dispatcher ran the optimiser for a station. */
  notePlan(rec: PlanRecord): void {
    const log = this.state.planLog;
    log.push(rec);
    if (log.length > 5000) log.shift();
    this.observer?.plan?.(rec);
  }

  private handle(): void {
    const q = this.queue;
    const v = q.van;
    const x = this.exec;
    const { dispatch, dayEndS } = this.world.params;
    switch (q.kind) {
      case Ev.Release:
        this.release(this.state.releaseTimes[q.arg]);
        return;
      case Ev.Replan: {
        const every = this.dispatcher.replanEveryS!;
        if (this.state.now + every <= dayEndS) q.push(this.state.now + every, Ev.Replan);
        this.replan();
        return;
      }
      case Ev.Tick: {
        const now = this.state.now;
        if (now + dispatch.tickS <= dayEndS) q.push(now + dispatch.tickS, Ev.Tick);
        else if (now < dayEndS) q.push(dayEndS, Ev.Tick);
        x.markAll();
        return;
      }
    }
    if (q.token !== this.state.fleet.token[v]) return; // the step this event belonged to was abandoned
    switch (q.kind) {
      case Ev.Arrive:
        x.finishLeg(v);
        break;
      case Ev.StepDone:
        x.finishTimedStep(v, q.arg);
        break;
      case Ev.WindowOpen:
        x.startCustomer(v);
        return;
      case Ev.ChargeDone:
        x.finishCharge(v);
        break;
    }
    x.completeStep(v);
  }

  private release(t: number): void {
    const s = this.state;
    const P = this.world.parcels;
    const start = this.world.params.dayStartS;
    const order = s.releaseOrder;
    const arrived: number[] = [];
    while (s.released < order.length && Math.max(P.releaseS[order[s.released]], start) <= t) {
      const p = order[s.released++];
      if (s.parcelState[p] !== ParcelState.Unreleased) continue;
      s.parcelState[p] = ParcelState.AtWarehouse;
      s.backlog[this.world.stationOfParcel[p]].push(p);
      arrived.push(p);
    }
    this.exec.markAll();
    if (this.dispatcher.orderArrived && arrived.length) this.applyHook('orderArrived', () => this.dispatcher.orderArrived!(s, arrived, this));
  }

  /** Tell the dispatcher's hooks what happened in the last event (low batteries, free ports, line-haul arrivals). */
  private hookRound(): void {
    const x = this.exec;
    const d = this.dispatcher;
    const s = this.state;
    if (x.lowEnergy.length) {
      const vans = x.lowEnergy.splice(0);
      if (d.lowEnergy) for (const v of vans) this.applyHook('lowEnergy', () => d.lowEnergy!(s, v, this));
    }
    if (x.portsFreed.length) {
      const sites = x.portsFreed.splice(0);
      if (d.portFreed) for (const f of sites) this.applyHook('portFreed', () => d.portFreed!(s, f, this));
    }
    if (x.linehaulArrivals.length) {
      const arrivals = x.linehaulArrivals.splice(0);
      if (d.linehaulArrived) for (const a of arrivals) this.applyHook('linehaulArrived', () => d.linehaulArrived!(s, a.station, a.parcels, this));
    }
  }

  /** The periodic re-plan: release every tail not yet started, then let the dispatcher plan again. */
  private replan(): void {
    const s = this.state;
    for (let v = 0; v < s.fleet.size; v++) this.releaseTail(v);
    s.decisions.replans++;
    this.applyHook('replan', () => this.dispatcher.replan!(s, this));
  }

  /** Run one hook (timed) and apply the plans it returns. */
  private applyHook(hook: string, call: () => HookResult): void {
    const res = this.timed(call);
    if (!res) return;
    if (!Array.isArray(res)) throw new PlanRefusedError(`dispatcher "${this.dispatcher.name}": ${hook} returned ${typeof res}, expected an array of { van, decision }`);
    const f = this.state.fleet;
    for (const a of res as HookResult & unknown[]) {
      const v = (a as { van?: unknown })?.van;
      const d = (a as { decision?: Decision })?.decision;
      const where = `dispatcher "${this.dispatcher.name}": ${hook}`;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= f.size) throw new PlanRefusedError(`${where}: van ${String(v)} is not a van of the fleet (0–${f.size - 1})`);
      if (!d || typeof d !== 'object') throw new PlanRefusedError(`${where}: no decision for van ${f.ids[v]}`);
      const cur = f.currentStep(v);
      const idleCharging = cur?.kind === 'charge' && cur.interruptible;
      if (f.isIdle(v) || idleCharging) {
        const broken = validatePlan(this.state, v, d);
        if (broken) throw new PlanRefusedError(`${where}: ${d.kind} plan for van ${f.ids[v]} at t=${this.state.now.toFixed(0)} s refused: ${broken}`);
        if (idleCharging) this.exec.interruptCharging(v);
        this.releaseTail(v);
        this.apply(v, d);
      } else {
        const end = frozenEnd(this.state, v);
        const broken = validatePlan(this.state, v, d, { node: end.node, cargo: end.cargo });
        if (broken) throw new PlanRefusedError(`${where}: ${d.kind} plan for busy van ${f.ids[v]} at t=${this.state.now.toFixed(0)} s refused (it follows the frozen prefix, ${f.remainingPlan(v).length} steps): ${broken}`);
        this.releaseTail(v);
        for (const step of d.plan) if (step.kind === 'load') this.reserve(step.facility, step.parcels);
        this.state.tails[v] = d.plan;
        this.tailDecisions[v] = d;
      }
    }
  }

  private timed<T>(call: () => T): T {
    if (!this.clock) return call();
    const t0 = this.clock();
    try {
      return call();
    } finally {
      this.state.decisions.solverSeconds += (this.clock() - t0) / 1000;
    }
  }

  /** Van v's plan ran out: start its pending tail if it still holds (else release it and let the van idle). */
  private startTail(v: number): boolean {
    const s = this.state;
    const d = this.tailDecisions[v];
    if (!d) return false;
    const reserved = new Set<number>();
    for (const step of d.plan) if (step.kind === 'load') for (const p of step.parcels) reserved.add(p);
    const broken = validatePlan(s, v, d, { node: s.fleet.node[v], cargo: s.fleet.cargo[v], reserved });
    if (broken) {
      this.releaseTail(v);
      return false;
    }
    s.tails[v] = null;
    this.tailDecisions[v] = null;
    if (d.kind === 'tour') s.fleet.tours[v]++;
    this.dispatcher.applied?.(s, v, d);
    s.lastDecision[v] = { t: s.now, ...d };
    this.observer?.decision?.(v, s.now, d);
    this.exec.startPlan(v, d.plan);
    return true;
  }

  /** Give a pending tail's parcels back to where they waited. */
  private releaseTail(v: number): void {
    const s = this.state;
    const d = this.tailDecisions[v];
    if (!d) return;
    s.tails[v] = null;
    this.tailDecisions[v] = null;
    for (const step of d.plan) {
      if (step.kind !== 'load' || step.parcels.length === 0) continue;
      const k = step.facility;
      const atWarehouse = this.world.city.facilities[k].kind === 'warehouse';
      for (const p of step.parcels) {
        if (s.parcelState[p] !== ParcelState.Assigned) continue;
        if (atWarehouse) {
          s.parcelState[p] = ParcelState.AtWarehouse;
          s.backlog[this.world.stationOfParcel[p]].push(p);
        } else {
          s.parcelState[p] = ParcelState.AtStation;
          s.stock[k].push(p);
        }
      }
      if (!atWarehouse) s.stockVersion[k]++;
      this.exec.markAt(k);
    }
  }

  /** Offer work to every available van whose situation changed, in id order (deterministic). */
  private dispatchRound(): void {
    const x = this.exec;
    x.dispatchWanted = false;
    const f = this.state.fleet;
    for (let v = 0; v < f.size; v++) {
      if (!x.dirty[v]) continue;
      x.dirty[v] = 0;
      const cur = f.currentStep(v);
      const idleCharging = cur?.kind === 'charge' && cur.interruptible;
      if (!f.isIdle(v) && !idleCharging) continue;
      const d = this.timed(() => this.dispatcher.decide(this.state, v, this));
      if (d === null || d === undefined) continue;
      if (typeof d !== 'object' || !Array.isArray((d as { plan?: unknown }).plan)) {
        throw new PlanRefusedError(`dispatcher "${this.dispatcher.name}": vanIdle for van ${f.ids[v]} at t=${this.state.now.toFixed(0)} s returned ${Array.isArray(d) ? 'an array' : typeof d}, expected a decision { kind, plan, reason } or null`);
      }
      if (d.plan.length === 0) continue;
      if (idleCharging && d.kind === 'idle-charge') continue; // already doing that
      const broken = validatePlan(this.state, v, d);
      if (broken) throw new PlanRefusedError(`dispatcher "${this.dispatcher.name}": ${d.kind} plan for van ${f.ids[v]} at t=${this.state.now.toFixed(0)} s refused: ${broken}`);
      if (idleCharging) x.interruptCharging(v);
      this.apply(v, d);
    }
  }

  /** Reserve the plan's parcels, record the decision and start the plan. */
  private apply(v: number, d: Decision): void {
    const s = this.state;
    for (const step of d.plan) if (step.kind === 'load') this.reserve(step.facility, step.parcels);
    if (d.kind === 'tour') s.fleet.tours[v]++;
    this.dispatcher.applied?.(s, v, d);
    s.lastDecision[v] = { t: s.now, ...d };
    this.observer?.decision?.(v, s.now, d);
    this.exec.startPlan(v, d.plan);
  }

  /** Take parcels out of the warehouse backlog or a station's stock for a van's plan. */
  private reserve(k: number, parcels: readonly number[]): void {
    if (parcels.length === 0) return;
    const s = this.state;
    const taken = new Set(parcels);
    for (const p of parcels) s.parcelState[p] = ParcelState.Assigned;
    if (this.world.city.facilities[k].kind === 'warehouse') {
      const lists = new Set(parcels.map((p) => this.world.stationOfParcel[p]));
      for (const st of lists) s.backlog[st] = s.backlog[st].filter((p) => !taken.has(p));
    } else {
      s.stock[k] = s.stock[k].filter((p) => !taken.has(p));
      s.stockVersion[k]++;
    }
  }

  private checkEnd(): void {
    if (this.state.now < this.world.params.dayEndS) return;
    const f = this.state.fleet;
    for (let v = 0; v < f.size; v++) {
      const cur = f.currentStep(v);
      if (cur && !(cur.kind === 'charge' && cur.interruptible)) return;
    }
    this.finish(this.state.now);
  }

  private finish(t: number): void {
    const s = this.state;
    for (let v = 0; v < s.fleet.size; v++) this.releaseTail(v);
    s.now = t;
    s.chargers.settleAll(t); // sessions still running at the end count up to now
    for (let v = 0; v < s.fleet.size; v++) s.fleet.setStatus(v, s.fleet.status[v] as VanStatus, t);
    s.finished = true;
  }
}
