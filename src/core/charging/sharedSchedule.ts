/**
 * The fleet charging scheduler in its own worker, called synchronously from the simulation over a
 * SharedArrayBuffer: the caller writes the fleet's state into the buffer, flips the state word to
 * REQUEST and waits (Atomics.wait, allowed in workers and in Node); the scheduler worker, itself
 * blocked in Atomics.wait between requests, computes the plan, writes it back and flips the word
 * to DONE. One request in flight; the buffer is sized for the run's fleet and sites.
 * Tariffs are fixed for a run and travel once, with the buffer, when the worker starts.
 *
 * A worker that does not answer within the timeout (it crashed, or never started) is abandoned:
 * the caller computes that plan and every later one itself and says so once through `onFallback`,
 * so a run never hangs on its scheduler.
 *
 * Layout: Int32 header [state, vans, sites, spare]; Float64 from byte 16: now, dayEndS, batteryWh,
 * maxTargetWh, then per van socWh, site, keepWh, nextTripWh, restOfDayWh, then per site ports,
 * busy, queued, then the answer per van: action, targetWh.
 */
import type { FleetScheduler } from './FleetScheduler.ts';
import { scheduleCharging, type FleetChargeInput, type FleetChargePlan } from './scheduleCharging.ts';
import type { Tariff } from './Tariff.ts';

const IDLE = 0;
const REQUEST = 1;
const DONE = 2;
const CLOSE = 3;
const HEADER_BYTES = 16;
const SCALARS = 4;
const PER_VAN_IN = 5;
const PER_SITE = 3;
const PER_VAN_OUT = 2;

/** What the worker needs to start: the buffer and the run's tariffs (structured-cloneable). */
export interface SharedScheduleInit {
  readonly buffer: SharedArrayBuffer;
  readonly tariffs: readonly Tariff[];
}

export function sharedScheduleBuffer(vans: number, sites: number): SharedArrayBuffer {
  const buf = new SharedArrayBuffer(HEADER_BYTES + 8 * (SCALARS + vans * (PER_VAN_IN + PER_VAN_OUT) + sites * PER_SITE));
  const h = new Int32Array(buf, 0, 4);
  h[1] = vans;
  h[2] = sites;
  return buf;
}

interface Views {
  readonly h: Int32Array;
  readonly f: Float64Array;
  readonly vans: number;
  readonly sites: number;
  readonly van: (k: number) => Float64Array;
  readonly site: (k: number) => Float64Array;
  readonly out: (k: number) => Float64Array;
}

function views(buf: SharedArrayBuffer): Views {
  const h = new Int32Array(buf, 0, 4);
  const vans = h[1];
  const sites = h[2];
  const f = new Float64Array(buf, HEADER_BYTES);
  const at = (start: number, len: number) => f.subarray(start, start + len);
  const vanBase = SCALARS;
  const siteBase = vanBase + vans * PER_VAN_IN;
  const outBase = siteBase + sites * PER_SITE;
  return {
    h,
    f,
    vans,
    sites,
    van: (k) => at(vanBase + k * vans, vans),
    site: (k) => at(siteBase + k * sites, sites),
    out: (k) => at(outBase + k * vans, vans),
  };
}

/** The simulation's side: a FleetScheduler whose answers come from the worker holding `buffer`. */
export class SharedFleetScheduler implements FleetScheduler {
  private readonly v: Views;
  private readonly tariffs: readonly Tariff[];
  /** The last tariff list seen equal to the worker's (runs of one study each build their own). */
  private seenTariffs: readonly Tariff[];
  private readonly timeoutMs: number;
  private abandoned = false;
  onFallback: ((why: string) => void) | null = null;

  constructor(init: SharedScheduleInit, timeoutMs = 10_000) {
    this.v = views(init.buffer);
    this.tariffs = init.tariffs;
    this.seenTariffs = init.tariffs;
    this.timeoutMs = timeoutMs;
  }

  get where(): 'in-thread' | 'worker' {
    return this.abandoned ? 'in-thread' : 'worker';
  }

  schedule(input: FleetChargeInput, out: FleetChargePlan): void {
    const v = this.v;
    const n = input.socWh.length;
    const m = input.ports.length;
    if (input.tariffs !== this.seenTariffs && !this.abandoned) {
      if (JSON.stringify(input.tariffs) === JSON.stringify(this.tariffs)) this.seenTariffs = input.tariffs;
      else this.abandon('the run has other tariffs than the worker was started with');
    }
    if (this.abandoned || n !== v.vans || m !== v.sites) {
      if (!this.abandoned) this.abandon(`the run changed shape (${n} vans, ${m} sites; the worker was started for ${v.vans} and ${v.sites})`);
      scheduleCharging(input, out);
      return;
    }
    v.f[0] = input.now;
    v.f[1] = input.dayEndS;
    v.f[2] = input.batteryWh;
    v.f[3] = input.maxTargetWh;
    const ins = [input.socWh, input.site, input.keepWh, input.nextTripWh, input.restOfDayWh];
    for (let k = 0; k < PER_VAN_IN; k++) copy(ins[k], v.van(k));
    const sites = [input.ports, input.busy, input.queued];
    for (let k = 0; k < PER_SITE; k++) copy(sites[k], v.site(k));
    Atomics.store(v.h, 0, REQUEST);
    Atomics.notify(v.h, 0);
    // Only the worker notifies on this word, after its answer: one wait is one request.
    while (Atomics.load(v.h, 0) === REQUEST) {
      if (Atomics.wait(v.h, 0, REQUEST, this.timeoutMs) === 'timed-out') {
        if (Atomics.load(v.h, 0) !== REQUEST) break;
        this.abandon(`no answer from the charging scheduler worker within ${this.timeoutMs / 1000} s`);
        scheduleCharging(input, out);
        return;
      }
    }
    const action = v.out(0);
    const target = v.out(1);
    for (let i = 0; i < n; i++) {
      out.action[i] = action[i];
      out.targetWh[i] = target[i];
    }
    Atomics.store(v.h, 0, IDLE);
  }

  /** Tell the worker to stop serving (it then exits its loop). */
  close(): void {
    Atomics.store(this.v.h, 0, CLOSE);
    Atomics.notify(this.v.h, 0);
  }

  private abandon(why: string): void {
    this.abandoned = true;
    this.onFallback?.(`${why}; scheduling in the simulation's thread from now on (same plans, no worker)`);
  }
}

function copy(from: ArrayLike<number>, to: Float64Array): void {
  for (let i = 0; i < to.length; i++) to[i] = from[i];
}

/**
 * The worker's side: answer requests on `init.buffer` until closed (returns then). It blocks the
 * worker's thread between requests, which is all that thread is for.
 */
export function serveFleetSchedules(init: SharedScheduleInit): void {
  const v = views(init.buffer);
  const n = v.vans;
  const input: FleetChargeInput = {
    get now() {
      return v.f[0];
    },
    get dayEndS() {
      return v.f[1];
    },
    get batteryWh() {
      return v.f[2];
    },
    get maxTargetWh() {
      return v.f[3];
    },
    socWh: v.van(0),
    site: v.van(1),
    keepWh: v.van(2),
    nextTripWh: v.van(3),
    restOfDayWh: v.van(4),
    ports: v.site(0),
    busy: v.site(1),
    queued: v.site(2),
    tariffs: init.tariffs,
  };
  const plan: FleetChargePlan = { action: new Uint8Array(n), targetWh: new Float64Array(n) };
  const action = v.out(0);
  const target = v.out(1);
  for (;;) {
    const state = Atomics.load(v.h, 0);
    if (state === CLOSE) return;
    if (state !== REQUEST) {
      Atomics.wait(v.h, 0, state);
      continue;
    }
    scheduleCharging(input, plan);
    for (let i = 0; i < n; i++) {
      action[i] = plan.action[i];
      target[i] = plan.targetWh[i];
    }
    Atomics.store(v.h, 0, DONE);
    Atomics.notify(v.h, 0);
  }
}
