import type { CostModel } from './CostModel.ts';
import type { Kpis } from './kpi.ts';

export type { CostModel } from './CostModel.ts';

export interface CostBreakdown {
  readonly total: number;
  readonly vans: number;
  readonly distance: number;
  readonly energy: number;
  readonly failed: number;
  readonly late: number;
  /** Total cost per delivered parcel. */
  readonly perDelivered: number;
}

/**
 * The day's cost: vans that worked at all, distance, electricity (charged at the sites' tariffs,
 * plus tonight's refill of what was used) and penalties for failed and late parcels. Pending parcels
 * are not charged here: they show up in the delivery counts.
 */
export function dayCost(k: Kpis, vansUsed: number, lateParcels: number, m: CostModel): CostBreakdown {
  const vans = vansUsed * m.perVanDay;
  const distance = k.vanKm * m.perKm;
  const energy = k.electricityCost;
  const failed = k.failed * m.perFailedParcel;
  const late = lateParcels * m.perLateParcel;
  const total = vans + distance + energy + failed + late;
  return { total, vans, distance, energy, failed, late, perDelivered: k.delivered > 0 ? total / k.delivered : 0 };
}
