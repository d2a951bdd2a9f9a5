import type { VanStatus } from './VanStatus.ts';
import { decide } from '../dispatch/Dispatcher.ts';
import { ParcelState } from './ParcelState.ts';
import { Ev, VanExecutor } from './VanExecutor.ts';

export { SimulationError, type SimObserver, type SimOptions } from './VanExecutor.ts';

/** Runs after the end of the day are cut off here even if vans are still out. */
const OVERTIME_LIMIT_S = 6 * 3600;

/**
 * The discrete-event engine. Each van executes a plan (drive, load, unload, hand over, charge) step
 * by step; when its plan runs out, or when work appears (a wave reaches the warehouse, stock reaches
 * a station, the periodic tick), the dispatcher gives idle vans new plans. Customer behaviour at the
 * curb is the only randomness, drawn from one seeded stream in event order, so a run is a pure
 * function of (world, seed, strategy).
 */
export class Simulation extends VanExecutor {
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

  protected handle(): void {
    const q = this.queue;
    const v = q.van;
    switch (q.kind) {
      case Ev.Release:
        this.release(this.releaseTimes[q.arg]);
        return;
      case Ev.Tick:
        if (this.now + this.world.params.dispatch.tickS <= this.world.params.dayEndS) this.queue.push(this.now + this.world.params.dispatch.tickS, Ev.Tick);
        else if (this.now < this.world.params.dayEndS) this.queue.push(this.world.params.dayEndS, Ev.Tick);
        this.markAll();
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

  protected release(t: number): void {
    const P = this.world.parcels;
    for (let p = 0; p < P.count; p++) {
      if (this.parcelState[p] === ParcelState.Unreleased && Math.max(P.releaseS[p], this.world.params.dayStartS) <= t) {
        this.parcelState[p] = ParcelState.AtWarehouse;
        this.backlog[this.world.stationOfParcel[p]].push(p);
      }
    }
    this.markAll();
  }

  /** Offer work to every available van whose situation changed, in id order (deterministic). */
  protected dispatchRound(): void {
    this.dispatchWanted = false;
    const f = this.fleet;
    for (let v = 0; v < f.size; v++) {
      if (!this.dirty[v]) continue;
      this.dirty[v] = 0;
      const cur = f.currentStep(v);
      const idleCharging = cur?.kind === 'charge' && cur.interruptible;
      if (!f.isIdle(v) && !idleCharging) continue;
      const d = decide(this, v);
      if (!d || d.plan.length === 0) continue;
      if (idleCharging) {
        if (d.kind === 'idle-charge') continue; // already doing that
        this.interruptCharging(v);
      }
      this.lastDecision[v] = { t: this.now, ...d };
      this.observer?.decision?.(v, this.now, d);
      this.startPlan(v, d.plan);
    }
  }

  protected checkEnd(): void {
    if (this.now < this.world.params.dayEndS) return;
    const f = this.fleet;
    for (let v = 0; v < f.size; v++) {
      const cur = f.currentStep(v);
      if (cur && !(cur.kind === 'charge' && cur.interruptible)) return;
    }
    this.finish(this.now);
  }

  protected finish(t: number): void {
    this.now = t;
    for (let v = 0; v < this.fleet.size; v++) this.fleet.setStatus(v, this.fleet.status[v] as VanStatus, t);
    this.finished = true;
  }
}
