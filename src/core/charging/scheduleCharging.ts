import { minPriceBetween, priceAt, type Tariff } from './Tariff.ts';

/** What the fleet charging scheduler knows about each van (arrays indexed by van). */
export interface FleetChargeInput {
  readonly now: number;
  /** End of the working day; energy after it is bought overnight. */
  readonly dayEndS: number;
  readonly batteryWh: number;
  /** The most a policy charges to during the day, Wh (chargeToSoc). */
  readonly maxTargetWh: number;
  readonly socWh: ArrayLike<number>;
  /** Facility the van is parked at (-1 while away). */
  readonly site: ArrayLike<number>;
  /** Energy the van keeps in hand at all times: the reserve plus the way to a charger, Wh. */
  readonly keepWh: ArrayLike<number>;
  /** Energy the van needs for its next departure (a tour or line-haul), Wh. */
  readonly nextTripWh: ArrayLike<number>;
  /** Energy the van is expected to use until the end of the working day, Wh. */
  readonly restOfDayWh: ArrayLike<number>;
  /** Per site: ports, ports in use, vans queued, and its tariff (index = facility). */
  readonly ports: ArrayLike<number>;
  readonly busy: ArrayLike<number>;
  readonly queued: ArrayLike<number>;
  readonly tariffs: readonly Tariff[];
}

/** The scheduler's answer per van (arrays indexed by van; reused across calls). */
export interface FleetChargePlan {
  /** 0: nothing now; 1: must charge before the next departure; 2: top up while idle (interruptible). */
  readonly action: Uint8Array;
  readonly targetWh: Float64Array;
}

export const ChargeAction = { None: 0, Needed: 1, TopUp: 2 } as const;

/** Smallest charge worth plugging in for, as a share of the battery. */
const MIN_CHARGE_SHARE = 0.02;

/**
 * The `scheduled` policy's decision for the whole fleet at one moment (after the smart-charging
 * rules of e.g. Sassi & Oulamara 2017, "Electric vehicle scheduling and optimal charging problem",
 * and the depot practice of charging what the day needs and buying the rest overnight):
 *  - a van must charge when it could not do its next departure and keep its reserve; it charges
 *    what the rest of its day needs (not a fixed 90 %), so sessions are short;
 *  - a van parked at a site with a free port tops up (interruptibly) only if the rest of its day
 *    needs more than it has and the price now is no higher than at any later hour of the working
 *    day at that site — otherwise the energy is left for the cheap night;
 *  - a top-up never takes a site's last free port while another van waits there.
 * Runs in O(vans) with a per-site price look-up (the bench's 300 vans × 30 sites).
 */
export function scheduleCharging(input: FleetChargeInput, out: FleetChargePlan): void {
  const { now, dayEndS, batteryWh, maxTargetWh } = input;
  const nSites = input.ports.length;
  const cheapNow = new Uint8Array(nSites);
  for (let f = 0; f < nSites; f++) {
    if (input.ports[f] <= 0) continue;
    const later = now < dayEndS ? minPriceBetween(input.tariffs[f], now, dayEndS) : Infinity;
    cheapNow[f] = priceAt(input.tariffs[f], now) <= later + 1e-12 ? 1 : 0;
  }
  const n = input.socWh.length;
  for (let v = 0; v < n; v++) {
    const soc = input.socWh[v];
    const keep = input.keepWh[v];
    const dayNeed = keep + input.restOfDayWh[v];
    const goal = Math.min(maxTargetWh, batteryWh, Math.max(dayNeed, keep + input.nextTripWh[v]));
    out.action[v] = ChargeAction.None;
    out.targetWh[v] = soc;
    const minCharge = MIN_CHARGE_SHARE * batteryWh;
    if (soc < keep + input.nextTripWh[v]) {
      out.action[v] = ChargeAction.Needed;
      // At least a worthwhile amount: past maxTargetWh if the day really needs it.
      out.targetWh[v] = Math.min(batteryWh, Math.max(goal, soc + minCharge));
      continue;
    }
    const f = input.site[v];
    if (f < 0 || input.ports[f] <= 0 || !cheapNow[f] || now >= dayEndS) continue;
    if (soc >= dayNeed - 1) continue; // enough for the day: tonight's refill is cheaper
    const free = input.ports[f] - input.busy[f];
    if (free <= 0 || input.queued[f] > 0) continue;
    if (goal < soc + minCharge) continue;
    out.action[v] = ChargeAction.TopUp;
    out.targetWh[v] = goal;
  }
}
