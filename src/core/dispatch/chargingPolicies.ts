import { equalShare, urgentFirst, type PowerAllocator } from '../charging/PowerAllocator.ts';
import { ChargeAction, type FleetChargePlan } from '../charging/scheduleCharging.ts';
import { inThreadScheduler, type FleetScheduler } from '../charging/FleetScheduler.ts';
import type { SimView } from '../sim/SimView.ts';
import { nearestCharger, tripEnergyWh } from '../sim/World.ts';

/** A charge the dispatcher should plan: to what level, and why. */
export interface ChargeNeed {
  readonly targetWh: number;
  readonly reason: string;
}

/**
 * The dispatcher's side of a charging policy: when an idle van must charge, to what level, and
 * whether to top up while idle. (The engine's side, how a site splits its power and hands out
 * ports, is the policy's PowerAllocator.) One per run: it may keep state.
 */
export interface ChargeDecider {
  /** Van v (parked, idle) must charge before more work; null if it need not. */
  mustCharge(view: SimView, v: number): ChargeNeed | null;
  /** The level to charge to when a trip does not fit the battery. */
  targetWh(view: SimView, v: number): number;
  /** Top up while idle at facility f (which has chargers)? null to leave the van be. */
  idleTopUp(view: SimView, v: number, f: number): ChargeNeed | null;
  /** Where van v should charge when it must: its facility, or a site it can reach. */
  siteFor(view: SimView, v: number): number;
}

/** Here if the van is parked at a charger, else the charger reached fastest. */
function hereOrNearest(view: SimView, v: number): number {
  const f = view.fleet.facility[v];
  if (f >= 0 && view.world.city.facilities[f].chargerPorts > 0) return f;
  return nearestCharger(view.world, view.fleet.node[v]).facility;
}

export interface ChargingPolicy {
  readonly name: string;
  readonly description: string;
  readonly allocator: PowerAllocator;
  /** The dispatcher's side for one run; a policy with a fleet scheduler asks `scheduler` (default: in this thread). */
  createDecider(scheduler?: FleetScheduler): ChargeDecider;
}

const pct = (x: number, of: number) => `${Math.round((100 * x) / of)} %`;

/** Today's rule: below chargeBelowSoc charge to chargeToSoc; top up while idle if idleCharging. */
export const thresholdPolicy: ChargingPolicy = {
  name: 'threshold',
  description: 'below chargeBelowSoc charge to chargeToSoc at once; top up whenever idle at a charger; equal power shares, first come first served',
  allocator: equalShare,
  createDecider: () => ({
    mustCharge(view, v) {
      const { params, batteryWh } = view.world;
      const soc = view.fleet.socWh[v];
      if (soc >= params.chargeBelowSoc * batteryWh) return null;
      return { targetWh: params.chargeToSoc * batteryWh, reason: `battery at ${pct(soc, batteryWh)}, below the ${pct(params.chargeBelowSoc, 1)} threshold` };
    },
    targetWh: (view) => view.world.params.chargeToSoc * view.world.batteryWh,
    siteFor: hereOrNearest,
    idleTopUp(view, v) {
      const { params, batteryWh } = view.world;
      const soc = view.fleet.socWh[v];
      if (!params.idleCharging || soc >= params.chargeToSoc * batteryWh - 1) return null;
      return { targetWh: params.chargeToSoc * batteryWh, reason: `no work here; topping up from ${pct(soc, batteryWh)} until work comes` };
    },
  }),
};

/** A van drives to another site to charge only if that gets it charged this much sooner (the drive costs energy and km). */
const DIVERT_GAIN_S = 600;

/** Planning prior for a van's consumption before the day has shown it, Wh per hour out. */
const PRIOR_HOURS = 1;

/**
 * The fleet charging scheduler (charging/scheduleCharging.ts) behind the dispatcher: each van
 * charges what its next departure and the rest of its day need, tops up only in the day's
 * cheapest remaining hours and only when it will need the energy today, and sites give needed
 * charges their power and ports first.
 */
export const scheduledPolicy: ChargingPolicy = {
  name: 'scheduled',
  description: 'charge what the day needs, top up only at the cheapest remaining price and when the energy is needed today, urgent charges first under the site limit',
  allocator: urgentFirst,
  createDecider: (scheduler) => new ScheduledDecider(scheduler ?? inThreadScheduler),
};

class ScheduledDecider implements ChargeDecider {
  constructor(private readonly scheduler: FleetScheduler) {}

  private t = NaN;
  private plan: FleetChargePlan = { action: new Uint8Array(0), targetWh: new Float64Array(0) };
  private keep = new Float64Array(0);
  private trip = new Float64Array(0);
  private rest = new Float64Array(0);

  mustCharge(view: SimView, v: number): ChargeNeed | null {
    this.refresh(view);
    if (this.plan.action[v] !== ChargeAction.Needed) return null;
    const b = view.world.batteryWh;
    return { targetWh: this.plan.targetWh[v], reason: `battery at ${pct(view.fleet.socWh[v], b)} would not cover the next departure (${(this.trip[v] / 1000).toFixed(1)} kWh) and the reserve; charging what the day needs, to ${pct(this.plan.targetWh[v], b)}` };
  }

  targetWh(view: SimView, v: number): number {
    this.refresh(view);
    const b = view.world.batteryWh;
    return Math.min(view.world.params.chargeToSoc * b, Math.max(this.plan.targetWh[v], this.keep[v] + this.rest[v], view.fleet.socWh[v] + 0.05 * b));
  }

  idleTopUp(view: SimView, v: number, f: number): ChargeNeed | null {
    this.refresh(view);
    if (this.plan.action[v] !== ChargeAction.TopUp) return null;
    // The schedule is per moment; vans sent to charge in this round since have taken ports.
    if (view.chargers.busy[f] >= view.chargers.ports[f] || view.chargers.queues[f].length > 0) return null;
    const b = view.world.batteryWh;
    return { targetWh: this.plan.targetWh[v], reason: `the rest of the day needs more than the ${pct(view.fleet.socWh[v], b)} aboard and power is at its cheapest until the end of the day; topping up to ${pct(this.plan.targetWh[v], b)}` };
  }

  /**
   * The site where van v gets charged soonest: the drive there plus the expected wait for a port
   * (sessions ahead of it, at the site's mean session length so far), among the sites it can reach
   * keeping its reserve. Ties and no information keep it where it is.
   */
  siteFor(view: SimView, v: number): number {
    const { world, fleet, chargers: c } = view;
    const here = hereOrNearest(view, v);
    const meanS = this.sessionMeans(view);
    const waitAt = (f: number) => {
      const ahead = c.busy[f] + c.queues[f].length - c.ports[f] + 1;
      return ahead > 0 ? (ahead * meanS[f]) / c.ports[f] : 0;
    };
    const hereS = (here === fleet.facility[v] ? 0 : world.costs.timeMs(fleet.node[v], world.city.facilities[here].node) / 1000) + waitAt(here);
    if (hereS === 0) return here;
    let best = here;
    let bestS = hereS - DIVERT_GAIN_S; // another site must get it charged this much sooner
    const spare = fleet.socWh[v] - world.params.reserveSoc * world.batteryWh;
    for (const f of world.chargerSites) {
      if (f === here) continue;
      const to = world.city.facilities[f].node;
      const driveS = world.costs.timeMs(fleet.node[v], to) / 1000;
      const s = driveS + waitAt(f);
      if (s >= bestS) continue;
      if (tripEnergyWh(world, world.costs.lengthMm(fleet.node[v], to) / 1000, driveS, fleet.loadKg[v]) > spare) continue;
      best = f;
      bestS = s;
    }
    return best;
  }

  private meansAt = NaN;
  private means = new Float64Array(0);

  /** Mean length of the finished sessions at each site (30 min before any). */
  private sessionMeans(view: SimView): Float64Array {
    if (this.meansAt === view.now) return this.means;
    this.meansAt = view.now;
    const n = view.chargers.ports.length;
    const sum = new Float64Array(n);
    const count = new Float64Array(n);
    const s = view.chargers.sessions;
    for (let i = 0; i < s.length; i += 7) {
      if (s[i + 4] <= s[i + 3]) continue; // left the queue without charging
      sum[s[i + 1]] += s[i + 4] - s[i + 3];
      count[s[i + 1]]++;
    }
    this.means = Float64Array.from(sum, (x, f) => (count[f] > 0 ? x / count[f] : 1800));
    return this.means;
  }

  /** One fleet-wide schedule per moment: every van asking at the same time shares it. */
  private refresh(view: SimView): void {
    if (this.t === view.now && this.plan.action.length === view.fleet.size) return;
    this.t = view.now;
    const { world, fleet } = view;
    const n = fleet.size;
    if (this.plan.action.length !== n) {
      this.plan = { action: new Uint8Array(n), targetWh: new Float64Array(n) };
      this.keep = new Float64Array(n);
      this.trip = new Float64Array(n);
      this.rest = new Float64Array(n);
    }
    const { params, batteryWh } = world;
    const elapsedH = Math.max(0, view.now - params.dayStartS) / 3600;
    const leftH = Math.max(0, params.dayEndS - view.now) / 3600;
    // A typical hour out: urban driving at half payload for 20 km, the rest standing at doors.
    const priorWhPerH = tripEnergyWh(world, 20_000, 2400, params.van.payloadKg / 2) + world.energy.dwellWh(1200);
    const tourWh = Math.min(0.5 * batteryWh, priorWhPerH * params.dispatch.maxTourHours * 0.6);
    for (let v = 0; v < n; v++) {
      const rate = (fleet.energyUsedWh[v] + priorWhPerH * PRIOR_HOURS) / (elapsedH + PRIOR_HOURS);
      this.rest[v] = rate * leftH;
      this.trip[v] = Math.min(this.rest[v], tourWh);
      this.keep[v] = params.reserveSoc * batteryWh + nearestCharger(world, fleet.node[v]).energyWh;
    }
    const c = view.chargers;
    this.scheduler.schedule(
      {
        now: view.now,
        dayEndS: params.dayEndS,
        batteryWh,
        maxTargetWh: params.chargeToSoc * batteryWh,
        socWh: fleet.socWh,
        site: fleet.facility,
        keepWh: this.keep,
        nextTripWh: this.trip,
        restOfDayWh: this.rest,
        ports: c.ports,
        busy: c.busy,
        queued: c.queues.map((q) => q.length),
        tariffs: params.charging.tariffs,
      },
      this.plan,
    );
  }
}

export const CHARGING_POLICIES: readonly ChargingPolicy[] = [thresholdPolicy, scheduledPolicy];

export function chargingPolicyByName(name: string): ChargingPolicy | undefined {
  return CHARGING_POLICIES.find((p) => p.name === name);
}
