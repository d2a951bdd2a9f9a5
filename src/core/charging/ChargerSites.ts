import type { Facility } from '../city/City.ts';
import { chargePowerW, chargeTimeS, energyAfterS } from './chargeCurve.ts';
import type { PowerAllocator } from './PowerAllocator.ts';
import { nextChangeAfter, priceAt, type Tariff } from './Tariff.ts';

/** Told when a charging van's session will reach its target (Infinity: not while it gets no power). */
export type ChargeScheduler = (van: number, doneAtS: number) => void;

/**
 * Charging ports at each facility as a shared resource: a limited number of ports, a grid
 * connection of limited kW shared by the vans plugged in (split by the policy's PowerAllocator),
 * and a queue for a free port. Each van's session runs at a constant allocated power between
 * changes (a van plugs in or out at its site), under the charging curve; energy, electricity cost
 * (by the site's tariff, split exactly at price changes), peak draw, port time and waits are
 * integrated as it goes. It writes the fleet's state of charge and charged-energy arrays.
 */
export class ChargerSites {
  readonly ports: Int32Array;
  readonly powerKW: Float64Array;
  readonly limitKW: Float64Array;
  readonly tariffs: readonly Tariff[];
  /** Vans plugged in at each site (at most `ports`). */
  readonly active: number[][];
  readonly queues: number[][];
  /** Ports in use per site (the active count; kept as an array for the view). */
  readonly busy: Int32Array;
  readonly maxQueue: Int32Array;
  /** Port-seconds in use, per site (integrated at every change). */
  readonly busyPortS: Float64Array;
  readonly energyWh: Float64Array;
  readonly cost: Float64Array;
  readonly peakKW: Float64Array;
  /** Seconds each session waited for a port, per site. */
  readonly waits: number[][];
  /** Every change of a site's draw: [t, site, kW] triples in time order (the view's power chart). */
  readonly powerLog: number[] = [];
  /** Every session: [van, site, requested s, plugged-in s, ended s, from Wh, to Wh] (plugged-in = ended, from = to when it left the queue). */
  readonly sessions: number[] = [];
  private readonly pluggedAtS: Float64Array;
  private readonly fromWh: Float64Array;
  private readonly lastChangeS: Float64Array;
  // Per van: the session's site, target and urgency, and the current constant-power segment.
  private readonly siteOf: Int32Array;
  private readonly targetWh: Float64Array;
  private readonly urgent: Uint8Array;
  private readonly requestedAtS: Float64Array;
  private readonly segStartS: Float64Array;
  private readonly segStartWh: Float64Array;
  private readonly segKW: Float64Array;
  /** Set by the engine: where sessions' new end times go. */
  onSchedule: ChargeScheduler = () => {};
  private readonly scratch: number[] = [];
  private readonly urgentScratch: boolean[] = [];

  constructor(
    facilities: readonly Facility[],
    startS: number,
    tariffs: readonly Tariff[],
    private readonly batteryWh: number,
    private readonly vanMaxKW: number,
    private readonly allocator: PowerAllocator,
    private readonly soc: Float64Array,
    private readonly charged: Float64Array,
  ) {
    const n = facilities.length;
    this.ports = Int32Array.from(facilities, (f) => f.chargerPorts);
    this.powerKW = Float64Array.from(facilities, (f) => f.chargerKW);
    this.limitKW = Float64Array.from(facilities, (f) => f.chargerLimitKW);
    this.tariffs = tariffs;
    this.active = Array.from({ length: n }, () => []);
    this.queues = Array.from({ length: n }, () => []);
    this.busy = new Int32Array(n);
    this.maxQueue = new Int32Array(n);
    this.busyPortS = new Float64Array(n);
    this.energyWh = new Float64Array(n);
    this.cost = new Float64Array(n);
    this.peakKW = new Float64Array(n);
    this.waits = Array.from({ length: n }, () => []);
    this.lastChangeS = new Float64Array(n).fill(startS);
    const vans = soc.length;
    this.siteOf = new Int32Array(vans).fill(-1);
    this.targetWh = new Float64Array(vans);
    this.urgent = new Uint8Array(vans);
    this.requestedAtS = new Float64Array(vans);
    this.segStartS = new Float64Array(vans);
    this.segStartWh = new Float64Array(vans);
    this.segKW = new Float64Array(vans);
    this.pluggedAtS = new Float64Array(vans);
    this.fromWh = new Float64Array(vans);
  }

  /** Van v asks to charge to targetWh at site f: plugged in now if a port is free (true), else queued. */
  request(f: number, v: number, t: number, targetWh: number, urgent: boolean): boolean {
    this.siteOf[v] = f;
    this.targetWh[v] = targetWh;
    this.urgent[v] = urgent ? 1 : 0;
    this.requestedAtS[v] = t;
    if (this.active[f].length < this.ports[f]) {
      this.plugIn(f, v, t);
      return true;
    }
    this.queues[f].push(v);
    if (this.queues[f].length > this.maxQueue[f]) this.maxQueue[f] = this.queues[f].length;
    return false;
  }

  /** Is van v plugged in (charging) rather than queued or away? */
  isCharging(v: number): boolean {
    const f = this.siteOf[v];
    return f >= 0 && this.active[f].includes(v);
  }

  /** Power van v gets now, kW (0 when not plugged in). */
  powerOf(v: number): number {
    return this.isCharging(v) ? this.segKW[v] : 0;
  }

  /** The session reached its target: unplug; the next queued van takes the port. Returns the van that got it, or -1. */
  finish(v: number, t: number): number {
    const f = this.siteOf[v];
    this.settle(v, t, true);
    return this.unplug(f, v, t);
  }

  /** Stop early (the van has work): unplug, or leave the queue. Returns the van that got the port, or -1. */
  stop(v: number, t: number): number {
    const f = this.siteOf[v];
    if (f < 0) return -1;
    if (this.isCharging(v)) {
      this.settle(v, t, false);
      return this.unplug(f, v, t);
    }
    const q = this.queues[f];
    const i = q.indexOf(v);
    if (i >= 0) q.splice(i, 1);
    this.waits[f].push(t - this.requestedAtS[v]);
    this.sessions.push(v, f, this.requestedAtS[v], t, t, this.soc[v], this.soc[v]);
    this.siteOf[v] = -1;
    return -1;
  }

  /** Share of port time in use between startS and t. */
  utilisation(f: number, startS: number, t: number): number {
    this.account(f, t);
    const span = (t - startS) * this.ports[f];
    return span > 0 ? this.busyPortS[f] / span : 0;
  }

  /** Bring every running session's energy and cost up to time t (for reports mid-session). */
  settleAll(t: number): void {
    for (let f = 0; f < this.active.length; f++) {
      this.account(f, t);
      for (const v of this.active[f]) this.settle(v, t, false);
    }
  }

  private plugIn(f: number, v: number, t: number): void {
    this.account(f, t);
    this.active[f].push(v);
    this.busy[f] = this.active[f].length;
    this.started(f, v, t);
    this.reallocate(f, t);
  }

  /** Van v got a port at site f at time t. */
  private started(f: number, v: number, t: number): void {
    this.waits[f].push(t - this.requestedAtS[v]);
    this.pluggedAtS[v] = t;
    this.fromWh[v] = this.soc[v];
    this.segStartS[v] = t;
    this.segStartWh[v] = this.soc[v];
    this.segKW[v] = 0;
  }

  private unplug(f: number, v: number, t: number): number {
    this.account(f, t);
    const a = this.active[f];
    a.splice(a.indexOf(v), 1);
    this.siteOf[v] = -1;
    this.sessions.push(v, f, this.requestedAtS[v], this.pluggedAtS[v], t, this.fromWh[v], this.soc[v]);
    let next = -1;
    const q = this.queues[f];
    if (q.length > 0) {
      const i = this.allocator.pickNext(q, (u) => this.urgent[u] === 1, (u) => this.soc[u]);
      next = q.splice(i, 1)[0];
      a.push(next);
      this.started(f, next, t);
    }
    this.busy[f] = a.length;
    this.reallocate(f, t);
    return next;
  }

  /** Re-split site f's power among its sessions from time t, and reschedule their ends. */
  private reallocate(f: number, t: number): void {
    const a = this.active[f];
    a.sort((x, y) => x - y); // deterministic order for the allocator
    const kw = this.scratch;
    const urgent = this.urgentScratch;
    kw.length = a.length;
    urgent.length = a.length;
    for (let i = 0; i < a.length; i++) {
      this.settle(a[i], t, false);
      urgent[i] = this.urgent[a[i]] === 1;
    }
    this.allocator.allocate(a, urgent, Math.min(this.powerKW[f], this.vanMaxKW), this.limitKW[f], kw);
    let drawKW = 0;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      this.segKW[v] = kw[i];
      drawKW += chargePowerW(this.soc[v], this.batteryWh, kw[i]) / 1000;
      const dt = kw[i] > 0 ? chargeTimeS(this.soc[v], this.targetWh[v], this.batteryWh, kw[i]) : Infinity;
      this.onSchedule(v, t + dt);
    }
    if (drawKW > this.peakKW[f]) this.peakKW[f] = drawKW;
    this.powerLog.push(t, f, drawKW);
  }

  /** Integrate van v's current segment up to t: energy into the battery, its cost by the tariff. */
  private settle(v: number, t: number, reachedTarget: boolean): void {
    const f = this.siteOf[v];
    const kw = this.segKW[v];
    const t0 = this.segStartS[v];
    const e0 = this.segStartWh[v];
    const energyAt = (s: number) => Math.min(this.targetWh[v], energyAfterS(e0, s - t0, this.batteryWh, kw));
    const end = reachedTarget ? Math.max(this.targetWh[v], this.soc[v]) : kw > 0 ? Math.max(this.soc[v], energyAt(t)) : this.soc[v];
    if (end > this.soc[v] && f >= 0) {
      // Split at the tariff's price changes inside the segment (exact under the curve).
      const tariff = this.tariffs[f];
      let a = Math.max(t0, this.segStartS[v]);
      let ea = this.soc[v];
      while (a < t) {
        const b = Math.min(t, nextChangeAfter(tariff, a));
        const eb = b >= t ? end : Math.max(ea, energyAt(b));
        this.cost[f] += ((eb - ea) / 1000) * priceAt(tariff, a);
        a = b;
        ea = eb;
      }
      this.energyWh[f] += end - this.soc[v];
      this.charged[v] += end - this.soc[v];
      this.soc[v] = end;
    }
    this.segStartS[v] = t;
    this.segStartWh[v] = this.soc[v];
  }

  private account(f: number, t: number): void {
    this.busyPortS[f] += this.active[f].length * (t - this.lastChangeS[f]);
    this.lastChangeS[f] = t;
  }
}
