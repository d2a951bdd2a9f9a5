import { computeKpis, type Kpis } from '../sim/kpi.ts';
import type { SimView } from '../sim/SimView.ts';
import { VAN_STATUS_COUNT } from '../sim/VanStatus.ts';

/** The KPIs kept over time, in row order (a fixed layout so rows travel as plain float arrays). */
export const KPI_KEYS = [
  'parcels',
  'delivered',
  'failed',
  'pending',
  'onTimeRate',
  'vanKm',
  'energyKWh',
  'chargedKWh',
  'utilisation',
  'maxVanLoadKg',
  'maxVanVolumeM3',
  'minBatteryKWh',
  'maxSpeedKmh',
  'atWarehouse',
  'atStations',
  'onVans',
  'failedAttempts',
  'electricityCost',
  'chargerWaitMeanS',
  'peakSiteKW',
] as const satisfies readonly (keyof Kpis)[];

/** Per facility in a row: ports busy, vans queued, parcels in stock, parcels at the warehouse bound for it. */
export const FACILITY_FIELDS = 4;

/** Offsets inside a row: [t, kpis…, vans per status…, per facility (busy, queue, stock, backlog)…]. */
export const ROW_KPIS = 1;
export const ROW_STATUS = ROW_KPIS + KPI_KEYS.length;
export const ROW_FACILITIES = ROW_STATUS + VAN_STATUS_COUNT;

/** Rebuild the Kpis object from a row (or any array with the same layout) at `offset`. */
export function kpisFromRow(row: ArrayLike<number>, offset: number): Kpis {
  const k: Record<string, number> = {};
  for (let i = 0; i < KPI_KEYS.length; i++) k[KPI_KEYS[i]] = row[offset + i];
  return k as unknown as Kpis;
}

/**
 * The run's figures sampled every `stepS` simulated seconds (and once at the end): the live KPI
 * panel of a replay, the charts over the day, stock and charger queues for the facility panel.
 * One growable Float64Array, one fixed-length row per sample.
 */
export class KpiSeries {
  readonly stepS: number;
  readonly startS: number;
  readonly facilities: number;
  readonly rowLength: number;
  count = 0;
  private data: Float64Array;

  constructor(startS: number, stepS: number, facilities: number) {
    this.startS = startS;
    this.stepS = stepS;
    this.facilities = facilities;
    this.rowLength = ROW_FACILITIES + FACILITY_FIELDS * facilities;
    this.data = new Float64Array(this.rowLength * 256);
  }

  /** Time of the next regular sample. */
  get nextS(): number {
    return this.startS + this.count * this.stepS;
  }

  /** Sample the simulation's state now (final: the end-of-day KPI rules apply). */
  record(sim: SimView, final = false): void {
    if ((this.count + 1) * this.rowLength > this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const o = this.count * this.rowLength;
    const d = this.data;
    d[o] = sim.now;
    const k = computeKpis(sim, final);
    for (let i = 0; i < KPI_KEYS.length; i++) d[o + ROW_KPIS + i] = k[KPI_KEYS[i]];
    const f = sim.fleet;
    for (let s = 0; s < VAN_STATUS_COUNT; s++) d[o + ROW_STATUS + s] = 0;
    for (let v = 0; v < f.size; v++) d[o + ROW_STATUS + f.status[v]]++;
    for (let i = 0; i < this.facilities; i++) {
      const p = o + ROW_FACILITIES + FACILITY_FIELDS * i;
      d[p] = sim.chargers.busy[i];
      d[p + 1] = sim.chargers.queues[i].length;
      d[p + 2] = sim.stock[i].length;
      d[p + 3] = sim.backlog[i].length;
    }
    this.count++;
  }

  /** Row index of the last sample at or before t (0 if t precedes them all), or -1 if empty. */
  rowAt(t: number): number {
    if (this.count === 0) return -1;
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.data[mid * this.rowLength] <= t) lo = mid + 1;
      else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  /** Value `field` (a row offset) of row i. */
  get(i: number, field: number): number {
    return this.data[i * this.rowLength + field];
  }

  /** Copy row i into out at offset (allocation-free). */
  copyRow(i: number, out: Float64Array, offset: number): void {
    const o = i * this.rowLength;
    for (let k = 0; k < this.rowLength; k++) out[offset + k] = this.data[o + k];
  }

  /** The rows recorded so far, as one array (a copy, for charts). */
  snapshot(): Float64Array {
    return this.data.slice(0, this.count * this.rowLength);
  }
}
