import type { Facility } from '../city/City.ts';

/**
 * Charging ports at each facility with a first-come-first-served queue. Tracks occupancy over time
 * for utilisation figures.
 */
export class ChargerSites {
  readonly ports: Int32Array;
  readonly powerKW: Float64Array;
  readonly busy: Int32Array;
  readonly queues: number[][];
  /** Port-seconds in use, per facility (integrated at every change). */
  readonly busyPortS: Float64Array;
  private readonly lastChangeS: Float64Array;
  /** Longest queue seen per facility. */
  readonly maxQueue: Int32Array;

  constructor(facilities: readonly Facility[], startS: number) {
    const n = facilities.length;
    this.ports = Int32Array.from(facilities, (f) => f.chargerPorts);
    this.powerKW = Float64Array.from(facilities, (f) => f.chargerKW);
    this.busy = new Int32Array(n);
    this.queues = Array.from({ length: n }, () => []);
    this.busyPortS = new Float64Array(n);
    this.lastChangeS = new Float64Array(n).fill(startS);
    this.maxQueue = new Int32Array(n);
  }

  private account(f: number, t: number): void {
    this.busyPortS[f] += this.busy[f] * (t - this.lastChangeS[f]);
    this.lastChangeS[f] = t;
  }

  /** Take a port if one is free (true), else join the queue (false). */
  request(f: number, van: number, t: number): boolean {
    if (this.busy[f] < this.ports[f]) {
      this.account(f, t);
      this.busy[f]++;
      return true;
    }
    this.queues[f].push(van);
    if (this.queues[f].length > this.maxQueue[f]) this.maxQueue[f] = this.queues[f].length;
    return false;
  }

  /** Free a port; returns the van that takes it over from the queue, or -1. */
  release(f: number, t: number): number {
    const next = this.queues[f].shift();
    if (next !== undefined) return next; // the port passes straight to the next van
    this.account(f, t);
    this.busy[f]--;
    return -1;
  }

  /** Leave the queue without charging (the van was given work). */
  leaveQueue(f: number, van: number): void {
    const q = this.queues[f];
    const i = q.indexOf(van);
    if (i >= 0) q.splice(i, 1);
  }

  /** Share of port time in use between startS and t. */
  utilisation(f: number, startS: number, t: number): number {
    this.account(f, t);
    const span = (t - startS) * this.ports[f];
    return span > 0 ? this.busyPortS[f] / span : 0;
  }
}
