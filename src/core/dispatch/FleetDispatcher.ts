import type { Decision, DecisionLog, Dispatcher, HookResult } from '../sim/Decision.ts';
import type { Plan, Step } from '../sim/Plan.ts';
import type { SimView } from '../sim/SimView.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { nearestCharger, tripEnergyWh as planEnergyWh } from '../sim/World.ts';
import type { PowerAllocator } from '../charging/PowerAllocator.ts';
import type { FleetScheduler } from '../charging/FleetScheduler.ts';
import type { ChargeDecider, ChargingPolicy } from './chargingPolicies.ts';
import type { DispatchStrategy, StrategyContext, StrategyHooks } from './DispatchStrategy.ts';
import { EligibleStock } from './EligibleStock.ts';
import { StationPlans } from './stationPlan.ts';
import { byUrgency, isUrgent } from './urgency.ts';
import { makeStops, tourPlan, type TourRequest, type TourStop } from './tour.ts';


/**
 * The shared dispatching policy for an idle van parked at a facility, in priority order:
 *  1. battery below the charging threshold → charge (here, or at the nearest charger);
 *  2. at the warehouse → line-haul the most backlogged station's parcels, as many as fit;
 *  3. at a station → a last-mile tour from its stock, built by the strategy, once enough parcels
 *     are waiting or some are urgent;
 *  4. go where the work is: back to the warehouse if its backlog exceeds what vans there can
 *     carry, or to a station with stock and too few vans;
 *  5. otherwise top up the battery while idle (interruptible), or wait.
 * Every trip keeps `reserveSoc` of the battery plus the energy to reach a charger afterwards.
 * It reads the run through the view and answers with plans; the engine reserves the parcels a
 * plan loads. Its caches (eligible stock, shared station plans) are its own, one dispatcher a run.
 */
export class FleetDispatcher implements Dispatcher {
  readonly name: string;
  /** The charging policy's way of sharing a site's power and ports (the engine applies it). */
  readonly allocator: PowerAllocator;
  private readonly charging: ChargeDecider;
  private readonly eligible = new EligibleStock();
  private readonly stationPlans = new StationPlans();
  private readonly hooks: StrategyHooks;
  readonly replanEveryS?: number;
  readonly orderArrived?: (view: SimView, parcels: readonly number[], log: DecisionLog) => HookResult;
  readonly lowEnergy?: (view: SimView, v: number, log: DecisionLog) => HookResult;
  readonly portFreed?: (view: SimView, facility: number, log: DecisionLog) => HookResult;
  readonly linehaulArrived?: (view: SimView, station: number, parcels: readonly number[], log: DecisionLog) => HookResult;
  readonly replan?: (view: SimView, log: DecisionLog) => HookResult;

  constructor(
    readonly strategy: DispatchStrategy,
    readonly chargingPolicy: ChargingPolicy,
    scheduler?: FleetScheduler,
    ctx?: StrategyContext,
  ) {
    this.name = strategy.name;
    this.allocator = chargingPolicy.allocator;
    this.charging = chargingPolicy.createDecider(scheduler);
    const h = (ctx && strategy.createHooks?.(ctx)) || {};
    this.hooks = h;
    // The engine calls only the hooks the strategy has (bound to its per-run object).
    if (h.orderArrived) this.orderArrived = h.orderArrived.bind(h);
    if (h.lowEnergy) this.lowEnergy = h.lowEnergy.bind(h);
    if (h.portFreed) this.portFreed = h.portFreed.bind(h);
    if (h.linehaulArrived) this.linehaulArrived = h.linehaulArrived.bind(h);
    if (h.replan) {
      this.replan = h.replan.bind(h);
      this.replanEveryS = h.replanEveryS ?? ctx!.replanEveryS;
    }
  }

  decide(sim: SimView, v: number, log: DecisionLog): Decision | null {
    if (this.hooks.vanIdle) {
      const own = this.hooks.vanIdle(sim, v, log);
      if (own === 'wait') return null;
      if (own) return own;
    }
    const { params } = sim.world;
    const fac = sim.fleet.facility[v];
    if (fac < 0) return null;
    const need = this.charging.mustCharge(sim, v);
    if (need) return chargePlan(sim, v, need.targetWh, need.reason, this.charging.siteFor(sim, v));
    if (sim.now < params.dayEndS) {
      const kind = sim.world.city.facilities[fac].kind;
      const work = kind === 'warehouse' ? this.warehouseWork(sim, v) : kind === 'station' ? this.stationWork(sim, v, fac, log) : null;
      if (work) return work;
      const move = this.repositionPlan(sim, v, fac) ?? (kind === 'hub' ? this.leaveHub(sim, v) : null);
      if (move) return move;
    }
    if (sim.world.city.facilities[fac].chargerPorts > 0) {
      const top = this.charging.idleTopUp(sim, v, fac);
      if (top && top.targetWh > sim.fleet.socWh[v] + 1) return { kind: 'idle-charge', plan: [{ kind: 'charge', facility: fac, targetWh: top.targetWh, interruptible: true }], reason: top.reason };
    }
    return null;
  }

  /** Send van v to charge because a trip does not fit: to the policy's level. */
  private chargeFor(sim: SimView, v: number, reason: string): Decision | null {
    return chargePlan(sim, v, this.charging.targetWh(sim, v), reason, this.charging.siteFor(sim, v));
  }

  /** A charging hub holds no work: head for the station with the most stock per van bound there, else the warehouse. */
  private leaveHub(sim: SimView, v: number): Decision | null {
    const { city } = sim.world;
    let target = 0;
    let best = 0;
    for (let k = 1; k < city.facilities.length; k++) {
      if (city.facilities[k].kind !== 'station') continue;
      const score = sim.stock[k].length / (sim.boundCount[k] + 1);
      if (score > best) {
        best = score;
        target = k;
      }
    }
    const dest = city.facilities[target];
    if (tripEnergyWh(sim, sim.fleet.node[v], dest.node, 0) > tripBudgetWh(sim, v, dest.node)) return this.chargeFor(sim, v, `not enough battery to leave the hub for ${dest.id}`);
    return { kind: 'reposition', plan: [{ kind: 'drive', to: dest.node, status: target === 0 ? VanStatus.Returning : VanStatus.LineHaul }], reason: `charged at a hub; heading for ${dest.id}${target > 0 ? ` (${sim.stock[target].length} parcels waiting)` : ''}` };
  }

  applied(sim: SimView, v: number, d: Decision): void {
    if (d.kind === 'tour') this.stationPlans.taken(sim, sim.fleet.facility[v]);
  }

  private stationWork(sim: SimView, v: number, k: number, log: DecisionLog): Decision | null {
    const { params, city } = sim.world;
    const d = params.dispatch;
    if (sim.stock[k].length === 0) return null;
    const eligible = this.eligible.at(sim, k);
    if (eligible.length === 0) return null;
    const enough = eligible.length >= d.minTourParcels || isUrgent(sim, eligible) || (sim.now >= sim.lastReleaseS && sim.linehaulCount[k] === 0);
    if (!enough) return null;
    const node = city.facilities[k].node;
    const requestFor = (u: number, parcels: number): TourRequest => ({
      startNode: node,
      endNode: node,
      startS: sim.now + params.loading.baseS + params.loading.perParcelS * Math.min(parcels, 1.5 * d.maxTourStops),
      capacityKg: params.van.payloadKg,
      capacityM3: params.van.cargoM3,
      energyBudgetWh: tripBudgetWh(sim, u, node),
      maxStops: d.maxTourStops,
      maxEndS: sim.now + d.maxTourHours * 3600,
    });
    let stops: readonly TourStop[];
    let route: number[];
    let note = '';
    if (this.strategy.planStation) {
      const r = this.stationPlans.routeFor(sim, this.strategy, k, v, eligible, requestFor, log);
      ({ stops, route } = r);
      note = ` (one plan for ${r.shared.vans} van${r.shared.vans > 1 ? 's' : ''}, ${r.shared.plan.iterations} solver iterations, ${r.shared.plan.leftForLater} stops left for later)`;
    } else {
      const candidates = eligible.slice(0, 3 * d.maxTourStops);
      stops = makeStops(sim.world, candidates, sim.now);
      route = this.strategy.planTour(sim.world, requestFor(v, candidates.length), stops);
    }
    if (route.length === 0) {
      // Nothing fits: with a low battery charge now, otherwise the stock must wait (e.g. windows later).
      return sim.fleet.socWh[v] < params.chargeToSoc * sim.world.batteryWh ? this.chargeFor(sim, v, 'no feasible tour with the battery left') : null;
    }
    const plan = tourPlan(k, node, route.map((i) => stops[i]));
    const taken = (plan[0] as Extract<Step, { kind: 'load' }>).parcels;
    const why = isUrgent(sim, eligible) ? 'urgent parcels waiting' : `${eligible.length} parcels ready`;
    return { kind: 'tour', plan, reason: `${why} at ${city.facilities[k].id}; ${this.strategy.name} built ${route.length} stops with ${taken.length} parcels${note}` };
  }

  private warehouseWork(sim: SimView, v: number): Decision | null {
    const { city, params, parcels: P } = sim.world;
    const d = params.dispatch;
    let best = -1;
    for (let k = 1; k < city.facilities.length; k++) {
      if (city.facilities[k].kind !== 'station') continue;
      const n = sim.backlog[k].length;
      if (n === 0) continue;
      const worthIt = n >= d.minTourParcels || sim.now >= sim.lastReleaseS || isUrgent(sim, sim.backlog[k]);
      if (worthIt && (best < 0 || n > sim.backlog[best].length)) best = k;
    }
    if (best < 0) return null;
    const station = city.facilities[best];
    const wh = city.facilities[0];
    const energy = tripEnergyWh(sim, wh.node, station.node, params.van.payloadKg);
    if (energy > tripBudgetWh(sim, v, station.node)) return this.chargeFor(sim, v, `not enough battery for the line-haul to ${station.id}`);
    const queue = [...sim.backlog[best]].sort(byUrgency(sim));
    const take: number[] = [];
    let kg = 0;
    let m3 = 0;
    for (const p of queue) {
      const fits = take.length < d.maxLinehaulParcels && kg + P.weightKg[p] <= params.van.payloadKg && m3 + P.volumeM3[p] <= params.van.cargoM3;
      if (!fits) continue;
      take.push(p);
      kg += P.weightKg[p];
      m3 += P.volumeM3[p];
    }
    const plan: Plan = [
      { kind: 'load', facility: 0, parcels: take },
      { kind: 'drive', to: station.node, status: VanStatus.LineHaul },
      { kind: 'unload', facility: best },
    ];
    return { kind: 'line-haul', plan, reason: `${station.id} has the largest warehouse backlog (${queue.length} parcels); took ${take.length} (${kg.toFixed(0)} kg, ${m3.toFixed(1)} m³)` };
  }

  /**
   * Move an idle van to where work waits: to the warehouse when its backlog exceeds what the vans
   * there (or on their way) can carry; else to the station with the most stock per van bound for it.
   */
  private repositionPlan(sim: SimView, v: number, here: number): Decision | null {
    const { city, params } = sim.world;
    const d = params.dispatch;
    // Vans at or bound for each facility, this one excluded.
    const bound = (k: number) => sim.boundCount[k] - (sim.destination[v] === k ? 1 : 0);
    let backlog = 0;
    for (const list of sim.backlog) backlog += list.length;
    let target = -1;
    if (here !== 0 && backlog > bound(0) * d.maxLinehaulParcels) {
      target = 0;
    } else {
      let bestScore = d.minTourParcels;
      for (let k = 1; k < city.facilities.length; k++) {
        if (k === here || city.facilities[k].kind !== 'station') continue;
        const score = sim.stock[k].length / (bound(k) + 1);
        if (score > bestScore && sim.stock[k].length > (city.facilities[here].kind === 'station' ? sim.stock[here].length : 0)) {
          bestScore = score;
          target = k;
        }
      }
    }
    if (target < 0) return null;
    const to = city.facilities[target].node;
    const dest = city.facilities[target];
    if (tripEnergyWh(sim, sim.fleet.node[v], to, 0) > tripBudgetWh(sim, v, to)) return this.chargeFor(sim, v, `not enough battery to move to ${dest.id}`);
    const why = target === 0 ? `the warehouse backlog (${backlog} parcels) exceeds what vans there can carry` : `${dest.id} has ${sim.stock[target].length} parcels for ${bound(target)} vans`;
    return { kind: 'reposition', plan: [{ kind: 'drive', to, status: target === 0 ? VanStatus.Returning : VanStatus.LineHaul }], reason: why };
  }
}

/** Charge to a level at a site (here, or drive there first); null if already charged that far (nothing to gain). */
function chargePlan(sim: SimView, v: number, target: number, reason: string, site: number): Decision | null {
  if (sim.fleet.socWh[v] >= target - 1) return null;
  const fac = sim.fleet.facility[v];
  const to = sim.world.city.facilities[site];
  if (site === fac) return { kind: 'charge', plan: [{ kind: 'charge', facility: site, targetWh: target, interruptible: false }], reason };
  const plan: Plan = [
    { kind: 'drive', to: to.node, status: VanStatus.ToCharger },
    { kind: 'charge', facility: site, targetWh: target, interruptible: false },
  ];
  const here = fac >= 0 && sim.world.city.facilities[fac].chargerPorts > 0 ? 'the ports here are taken' : 'no charger here';
  return { kind: 'charge', plan, reason: `${reason}; ${here}, charging at ${to.id}` };
}

/** Energy left for a trip ending at endNode that must still reach a charger afterwards, Wh. */
function tripBudgetWh(sim: SimView, v: number, endNode: number): number {
  const { params, batteryWh } = sim.world;
  const after = nearestCharger(sim.world, endNode).energyWh;
  return sim.fleet.socWh[v] - params.reserveSoc * batteryWh - after;
}

/** Planning energy of the fastest path from one node to another with a load, Wh (the energy model's bound). */
function tripEnergyWh(sim: SimView, from: number, to: number, loadKg: number): number {
  const { costs } = sim.world;
  return planEnergyWh(sim.world, costs.lengthMm(from, to) / 1000, costs.timeMs(from, to) / 1000, loadKg);
}

