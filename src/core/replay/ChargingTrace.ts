import type { SimView } from '../sim/SimView.ts';

/** Per site: [t, energyWh, cost] at the instants the engine settled the site's sessions. */
export const SETTLED_STRIDE = 3;

/**
 * What the charger panel needs of a run beyond the engine's power log, so that any recorded moment
 * can be shown: the log split by site, each van's allocated power whenever it changes, and each
 * site's energy and cost at the instants the engine settled them (ChargerSites settles a site's
 * sessions exactly when its draw changes, that is at each of its log entries, and once at the end).
 * Read from the engine's state at observer hooks, which run right after each change; append-only.
 */
export class ChargingTrace {
  /** Per site: [t, kW] at every change of its draw (the engine's powerLog, split). */
  readonly siteLog: number[][];
  /** Per site: [t, energyWh, cost] (SETTLED_STRIDE). */
  readonly settled: number[][];
  /** Per van: [t, allocated kW] whenever it changes while the van is at a charger site. */
  readonly vanKW: number[][];
  private seen = 0;
  private readonly lastT: Float64Array;

  constructor(sites: number, vans: number) {
    this.siteLog = Array.from({ length: sites }, (): number[] => []);
    this.settled = Array.from({ length: sites }, (): number[] => []);
    this.vanKW = Array.from({ length: vans }, (): number[] => []);
    this.lastT = new Float64Array(sites).fill(NaN);
  }

  /** Take in the power log's new entries (cheap when there are none: called at every status change). */
  observe(sim: SimView): void {
    const log = sim.chargers.powerLog;
    if (log.length === this.seen) return;
    const lastT = this.lastT;
    lastT.fill(NaN);
    for (let i = this.seen; i < log.length; i += 3) {
      const f = log[i + 1];
      this.siteLog[f].push(log[i], log[i + 2]);
      lastT[f] = log[i];
    }
    this.seen = log.length;
    const c = sim.chargers;
    for (let f = 0; f < lastT.length; f++) if (!Number.isNaN(lastT[f])) this.settled[f].push(lastT[f], c.energyWh[f], c.cost[f]);
    // The allocation now is the one made at each changed site's latest entry.
    const fleet = sim.fleet;
    for (let v = 0; v < fleet.size; v++) {
      const f = fleet.facility[v];
      if (f < 0 || Number.isNaN(lastT[f])) continue;
      const kw = c.powerOf(v);
      const rec = this.vanKW[v];
      if (rec.length === 0 || rec[rec.length - 1] !== kw) rec.push(lastT[f], kw);
    }
  }

  /** The run ended: the engine settled every running session up to now. */
  finish(sim: SimView): void {
    this.observe(sim);
    const c = sim.chargers;
    for (let f = 0; f < this.settled.length; f++) this.settled[f].push(sim.now, c.energyWh[f], c.cost[f]);
  }
}
