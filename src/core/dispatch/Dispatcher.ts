import { driveEnergyWh } from '../fleet/VanSpec.ts';
import { ParcelState } from '../sim/ParcelState.ts';
import type { Plan, Step } from '../sim/Plan.ts';
import type { Simulation } from '../sim/Simulation.ts';
import { VanStatus } from '../sim/VanStatus.ts';
import { nearestCharger } from '../sim/World.ts';
import { makeStops, type TourRequest, type TourStop } from './tour.ts';
import { keepShared, stationRoute } from './stationPlan.ts';

export type DecisionKind = 'line-haul' | 'tour' | 'charge' | 'reposition' | 'idle-charge';

/** A plan and why the dispatcher chose it (shown in the app, kept in the decision log). */
export interface Decision {
  readonly kind: DecisionKind;
  readonly plan: Plan;
  readonly reason: string;
}

const pctOf = (x: number, of: number) => `${Math.round((100 * x) / of)} %`;

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
 */
export function decide(sim: Simulation, v: number): Decision | null {
  const { params, batteryWh } = sim.world;
  const fac = sim.fleet.facility[v];
  if (fac < 0) return null;
  const soc = sim.fleet.socWh[v];
  if (soc < params.chargeBelowSoc * batteryWh) return chargePlan(sim, v, `battery at ${pctOf(soc, batteryWh)}, below the ${pctOf(params.chargeBelowSoc, 1)} threshold`);
  if (sim.now < params.dayEndS) {
    const work = fac === 0 ? warehouseWork(sim, v) : stationWork(sim, v, fac);
    if (work) return work;
    const move = repositionPlan(sim, v, fac);
    if (move) return move;
  }
  if (params.idleCharging && soc < params.chargeToSoc * batteryWh - 1 && sim.world.city.facilities[fac].chargerPorts > 0) {
    const plan: Plan = [{ kind: 'charge', facility: fac, targetWh: params.chargeToSoc * batteryWh, interruptible: true }];
    return { kind: 'idle-charge', plan, reason: `no work here; topping up from ${pctOf(soc, batteryWh)} until work comes` };
  }
  return null;
}

/** Charge to the target level, here or at the nearest charger; null if already there (nothing to gain). */
function chargePlan(sim: Simulation, v: number, reason: string): Decision | null {
  const fac = sim.fleet.facility[v];
  const target = sim.world.params.chargeToSoc * sim.world.batteryWh;
  if (sim.fleet.socWh[v] >= target - 1) return null;
  if (fac >= 0 && sim.world.city.facilities[fac].chargerPorts > 0) return { kind: 'charge', plan: [{ kind: 'charge', facility: fac, targetWh: target, interruptible: false }], reason };
  const site = nearestCharger(sim.world, sim.fleet.node[v]).facility;
  const plan: Plan = [
    { kind: 'drive', to: sim.world.city.facilities[site].node, status: VanStatus.ToCharger },
    { kind: 'charge', facility: site, targetWh: target, interruptible: false },
  ];
  return { kind: 'charge', plan, reason: `${reason}; no charger here, nearest is ${sim.world.city.facilities[site].id}` };
}

/** Energy left for a trip from `from` to `to` that must still reach a charger afterwards, Wh. */
function tripBudgetWh(sim: Simulation, v: number, endNode: number): number {
  const { params, batteryWh } = sim.world;
  const after = nearestCharger(sim.world, endNode).energyWh;
  return sim.fleet.socWh[v] - params.reserveSoc * batteryWh - after;
}

function tripEnergyWh(sim: Simulation, from: number, to: number, loadKg: number): number {
  return driveEnergyWh(sim.world.params.van, sim.world.costs.lengthMm(from, to) / 1000, loadKg);
}

const byUrgency = (sim: Simulation) => {
  const P = sim.world.parcels;
  return (a: number, b: number) => P.windowEndS[a] - P.windowEndS[b] || P.windowStartS[a] - P.windowStartS[b] || a - b;
};

function isUrgent(sim: Simulation, parcels: readonly number[]): boolean {
  const horizon = sim.now + sim.world.params.dispatch.urgentMinutes * 60;
  return parcels.some((p) => sim.world.parcels.windowEndS[p] <= horizon);
}

function warehouseWork(sim: Simulation, v: number): Decision | null {
  const { city, params, parcels: P } = sim.world;
  const d = params.dispatch;
  let best = -1;
  for (let k = 1; k < city.facilities.length; k++) {
    const n = sim.backlog[k].length;
    if (n === 0) continue;
    const worthIt = n >= d.minTourParcels || sim.now >= sim.lastReleaseS || isUrgent(sim, sim.backlog[k]);
    if (worthIt && (best < 0 || n > sim.backlog[best].length)) best = k;
  }
  if (best < 0) return null;
  const station = city.facilities[best];
  const wh = city.facilities[0];
  const energy = tripEnergyWh(sim, wh.node, station.node, params.van.payloadKg);
  if (energy > tripBudgetWh(sim, v, station.node)) return chargePlan(sim, v, `not enough battery for the line-haul to ${station.id}`);
  const queue = sim.backlog[best].sort(byUrgency(sim));
  const take: number[] = [];
  const rest: number[] = [];
  let kg = 0;
  let m3 = 0;
  for (const p of queue) {
    const fits = take.length < d.maxLinehaulParcels && kg + P.weightKg[p] <= params.van.payloadKg && m3 + P.volumeM3[p] <= params.van.cargoM3;
    if (fits) {
      take.push(p);
      kg += P.weightKg[p];
      m3 += P.volumeM3[p];
      sim.parcelState[p] = ParcelState.Assigned;
    } else {
      rest.push(p);
    }
  }
  sim.backlog[best] = rest;
  const plan: Plan = [
    { kind: 'load', facility: 0, parcels: take },
    { kind: 'drive', to: station.node, status: VanStatus.LineHaul },
    { kind: 'unload', facility: best },
  ];
  return { kind: 'line-haul', plan, reason: `${station.id} has the largest warehouse backlog (${take.length + rest.length} parcels); took ${take.length} (${kg.toFixed(0)} kg, ${m3.toFixed(1)} m³)` };
}

function stationWork(sim: Simulation, v: number, k: number): Decision | null {
  const { params, city } = sim.world;
  const d = params.dispatch;
  if (sim.stock[k].length === 0) return null;
  const eligible = eligibleStock(sim, k);
  if (eligible.length === 0) return null;
  const enough = eligible.length >= d.minTourParcels || isUrgent(sim, eligible) || (sim.now >= sim.lastReleaseS && inboundTo(sim, k) === 0);
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
  if (sim.strategy.planStation) {
    const r = stationRoute(sim, k, v, eligible, requestFor);
    ({ stops, route } = r);
    note = ` (one plan for ${r.shared.vans} van${r.shared.vans > 1 ? 's' : ''}, ${r.shared.plan.iterations} solver iterations, ${r.shared.plan.leftForLater} stops left for later)`;
    if (route.length > 0) takeRoute(sim, k, stops, route, () => keepShared(sim, k, r.shared));
  } else {
    const candidates = eligible.slice(0, 3 * d.maxTourStops);
    stops = makeStops(sim.world, candidates, sim.now);
    route = sim.strategy.planTour(sim.world, requestFor(v, candidates.length), stops);
    if (route.length > 0) takeRoute(sim, k, stops, route);
  }
  if (route.length === 0) {
    // Nothing fits: with a low battery charge now, otherwise the stock must wait (e.g. windows later).
    return sim.fleet.socWh[v] < params.chargeToSoc * sim.world.batteryWh ? chargePlan(sim, v, 'no feasible tour with the battery left') : null;
  }
  const taken: number[] = [];
  const steps: Step[] = [];
  for (const i of route) {
    const s = stops[i];
    steps.push({ kind: 'drive', to: s.node, status: VanStatus.Delivering }, { kind: 'handover', door: s.door, parcels: s.parcels });
    taken.push(...s.parcels);
  }
  sim.fleet.tours[v]++;
  const plan: Plan = [{ kind: 'load', facility: k, parcels: taken }, ...steps, { kind: 'drive', to: node, status: VanStatus.Returning }, { kind: 'unload', facility: k }];
  const why = isUrgent(sim, eligible) ? 'urgent parcels waiting' : `${eligible.length} parcels ready`;
  return { kind: 'tour', plan, reason: `${why} at ${city.facilities[k].id}; ${sim.strategy.name} built ${route.length} stops with ${taken.length} parcels${note}` };
}

/** Reserve a route's parcels: out of the station's stock, assigned to the van's plan. */
function takeRoute(sim: Simulation, k: number, stops: readonly TourStop[], route: readonly number[], after?: () => void): void {
  const taken = new Set<number>();
  for (const i of route) {
    for (const p of stops[i].parcels) {
      taken.add(p);
      sim.parcelState[p] = ParcelState.Assigned;
    }
  }
  sim.stock[k] = sim.stock[k].filter((p) => !taken.has(p));
  sim.stockVersion[k]++;
  after?.();
}

/** Vans bound for facility k with a line-haul load. */
function inboundTo(sim: Simulation, k: number): number {
  return sim.linehaulCount[k];
}

/**
 * A station's parcels whose window opens within the look-ahead, most urgent first. Cached per
 * (time, stock version): every idle van at the station in a dispatch round shares one list.
 */
const eligibleCache = new WeakMap<Simulation, { t: number; version: Uint32Array; lists: number[][] }>();
function eligibleStock(sim: Simulation, k: number): number[] {
  let c = eligibleCache.get(sim);
  if (!c) {
    c = { t: NaN, version: new Uint32Array(sim.stock.length).fill(0xffffffff), lists: sim.stock.map(() => []) };
    eligibleCache.set(sim, c);
  }
  if (c.t !== sim.now) {
    c.t = sim.now;
    c.version.fill(0xffffffff);
  }
  if (c.version[k] !== sim.stockVersion[k]) {
    const horizon = sim.now + sim.world.params.dispatch.lookaheadMinutes * 60; // windows opening later: a later tour, not hours at a door
    c.lists[k] = sim.stock[k].filter((p) => sim.world.parcels.windowStartS[p] <= horizon).sort(byUrgency(sim));
    c.version[k] = sim.stockVersion[k];
  }
  return c.lists[k];
}

/**
 * Move an idle van to where work waits: to the warehouse when its backlog exceeds what the vans
 * there (or on their way) can carry; else to the station with the most stock per van bound for it.
 */
function repositionPlan(sim: Simulation, v: number, here: number): Decision | null {
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
      if (k === here) continue;
      const score = sim.stock[k].length / (bound(k) + 1);
      if (score > bestScore && sim.stock[k].length > (here > 0 ? sim.stock[here].length : 0)) {
        bestScore = score;
        target = k;
      }
    }
  }
  if (target < 0) return null;
  const to = city.facilities[target].node;
  const dest = city.facilities[target];
  if (tripEnergyWh(sim, sim.fleet.node[v], to, 0) > tripBudgetWh(sim, v, to)) return chargePlan(sim, v, `not enough battery to move to ${dest.id}`);
  const why = target === 0 ? `the warehouse backlog (${backlog} parcels) exceeds what vans there can carry` : `${dest.id} has ${sim.stock[target].length} parcels for ${bound(target)} vans`;
  return { kind: 'reposition', plan: [{ kind: 'drive', to, status: target === 0 ? VanStatus.Returning : VanStatus.LineHaul }], reason: why };
}
