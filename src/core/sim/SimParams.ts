import type { Tariff } from '../charging/Tariff.ts';
import type { VanSpec } from '../fleet/VanSpec.ts';
import type { CostModel } from './CostModel.ts';

/** Everything the engine and dispatcher need to know about a run, resolved from a scenario. */
export interface SimParams {
  readonly dayStartS: number;
  /** No new line-hauls or tours start after this; windows close by then. */
  readonly dayEndS: number;
  readonly fleetSize: number;
  readonly van: VanSpec;
  /** Outside temperature, °C (thermal management draws more away from 20 °C). */
  readonly ambientC: number;
  /** Go and charge when the battery is below this share of capacity. */
  readonly chargeBelowSoc: number;
  /** Charge up to this share. */
  readonly chargeToSoc: number;
  /** Never plan a trip that would leave less than this share in the battery. */
  readonly reserveSoc: number;
  /** Plug in while idle at a site with a free port (unplugged as soon as work comes). */
  readonly idleCharging: boolean;
  readonly handover: {
    /** Probability that nobody collects the parcel. */
    readonly noShowProbability: number;
    /** How long the van waits for the customer at the curb, s. */
    readonly customerWaitS: number;
    /** Mean time for the customer to come down once notified, s (exponential). */
    readonly customerResponseMeanS: number;
    /** Time to open the locker and hand over one parcel, s. */
    readonly perParcelS: number;
  };
  readonly loading: {
    readonly baseS: number;
    readonly perParcelS: number;
  };
  readonly costs: CostModel;
  readonly charging: {
    /** Charging policy by name (see dispatch/chargingPolicies.ts). */
    readonly policy: string;
    /** Electricity tariff of each facility (index as city.facilities). */
    readonly tariffs: readonly Tariff[];
  };
  /** Delivery attempts per parcel before it is returned to sender (failed). */
  readonly maxAttempts: number;
  readonly dispatch: {
    readonly strategy: string;
    readonly maxTourStops: number;
    readonly maxTourHours: number;
    /** A van waits at its station until it can take this many parcels, unless some are urgent. */
    readonly minTourParcels: number;
    /** Parcels whose window closes within this many minutes are urgent. */
    readonly urgentMinutes: number;
    /** Tours take parcels whose window opens within this many minutes. */
    readonly lookaheadMinutes: number;
    readonly maxLinehaulParcels: number;
    /** Period of the dispatcher's re-check, s. */
    readonly tickS: number;
  };
}
