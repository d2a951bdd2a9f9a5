import { ParcelState } from './ParcelState.ts';
import { chargingKpis } from './chargingReport.ts';
import type { SimView } from './SimView.ts';
import { VAN_STATUS_COUNT, isProductive } from './VanStatus.ts';

/** The headline figures of a run, live or at the end. */
export interface Kpis {
  readonly parcels: number;
  readonly delivered: number;
  /** Returned to sender, or (at the end of the day) attempted without success. */
  readonly failed: number;
  readonly pending: number;
  /** Delivered inside the promised window, as a share of delivered parcels. */
  readonly onTimeRate: number;
  readonly vanKm: number;
  readonly energyKWh: number;
  readonly chargedKWh: number;
  /** Share of van-time spent loading, driving or at doors. */
  readonly utilisation: number;
  readonly maxVanLoadKg: number;
  readonly maxVanVolumeM3: number;
  readonly minBatteryKWh: number;
  readonly maxSpeedKmh: number;
  /** Parcels by where they are now. */
  readonly atWarehouse: number;
  readonly atStations: number;
  readonly onVans: number;
  readonly failedAttempts: number;
  /** Vans that ran out of energy on the road: always 0 (the engine repairs plans before that). */
  readonly strandedVans: number;
  /** Electricity bought at the sites' tariffs, plus (at the end) tonight's refill to full. */
  readonly electricityCost: number;
  /** Mean and 95th percentile of the time charging sessions waited for a port, s. */
  readonly chargerWaitMeanS: number;
  readonly chargerWaitP95S: number;
  readonly chargingSessions: number;
  /** Highest draw of any site, kW, and the highest share of its grid limit any site reached. */
  readonly peakSiteKW: number;
  readonly peakShareOfLimit: number;
  /** Late deliveries on tours that started after the van queued for a charger or had to charge. */
  readonly lateByCharging: number;
  /** Plans the engine cut short to send a van to charge (it could not have reached a charger otherwise). */
  readonly energyRepairs: number;
}

/**
 * Compute KPIs from the simulation state. With `final`, parcels that were attempted but never
 * delivered count as failed for the day (the rule); before that they are pending.
 */
export function computeKpis(sim: SimView, final = false): Kpis {
  const P = sim.world.parcels;
  let delivered = 0;
  let failed = 0;
  let onTime = 0;
  let atWarehouse = 0;
  let atStations = 0;
  let onVans = 0;
  let failedAttempts = 0;
  for (let p = 0; p < P.count; p++) {
    const s = sim.parcelState[p];
    const tries = sim.attempts[p];
    if (s === ParcelState.Delivered) {
      delivered++;
      failedAttempts += tries - 1;
      if (sim.deliveredAt[p] >= P.windowStartS[p] && sim.deliveredAt[p] <= P.windowEndS[p]) onTime++;
      continue;
    }
    failedAttempts += tries;
    if (s === ParcelState.Failed || (final && tries > 0)) failed++;
    else if (s === ParcelState.AtWarehouse) atWarehouse++;
    else if (s === ParcelState.AtStation) atStations++;
    else if (s === ParcelState.OnVan || s === ParcelState.Assigned) onVans++;
  }
  const f = sim.fleet;
  let km = 0;
  let used = 0;
  let charged = 0;
  let productive = 0;
  let total = 0;
  for (let v = 0; v < f.size; v++) {
    km += f.odometerM[v] / 1000;
    used += f.energyUsedWh[v];
    charged += f.energyChargedWh[v];
    for (let s = 0; s < VAN_STATUS_COUNT; s++) {
      // Time in the current status is counted up to now.
      const t = f.statusTimeS[v * VAN_STATUS_COUNT + s] + (f.status[v] === s && !sim.finished ? sim.now - f.statusSinceS[v] : 0);
      total += t;
      if (isProductive(s)) productive += t;
    }
  }
  return {
    parcels: P.count,
    delivered,
    failed,
    pending: P.count - delivered - failed,
    onTimeRate: delivered > 0 ? onTime / delivered : 0,
    vanKm: km,
    energyKWh: used / 1000,
    chargedKWh: charged / 1000,
    utilisation: total > 0 ? productive / total : 0,
    maxVanLoadKg: sim.maxLoadKg,
    maxVanVolumeM3: sim.maxVolumeM3,
    minBatteryKWh: sim.minSocWh / 1000,
    maxSpeedKmh: sim.maxSpeedKmh,
    atWarehouse,
    atStations,
    onVans,
    failedAttempts,
    ...chargingKpis(sim, final),
  };
}
