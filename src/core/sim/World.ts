import type { City } from '../city/City.ts';
import type { Parcels } from '../demand/Parcels.ts';
import { EnergyModel } from '../fleet/EnergyModel.ts';
import type { TravelCosts } from '../routing/TravelCosts.ts';
import { ChTravelCosts } from '../routing/ChTravelCosts.ts';
import type { SimParams } from './SimParams.ts';

/** The static inputs of a run, plus what is derived from them once. */
export interface World {
  readonly city: City;
  readonly parcels: Parcels;
  readonly params: SimParams;
  readonly costs: TravelCosts;
  /** The van's energy model at the scenario's ambient temperature (the only one: sim, dispatcher and solver use it). */
  readonly energy: EnergyModel;
  readonly batteryWh: number;
  /** Slowest and fastest driving speed on the city's roads (capped at the van's top speed), km/h. */
  readonly speedLoKmh: number;
  readonly speedHiKmh: number;
  /** Facility index of the station serving each door (the fastest to reach it). */
  readonly stationOfDoor: Int32Array;
  /** Facility index of each parcel's station. */
  readonly stationOfParcel: Int32Array;
  /** Facilities that have charging ports. */
  readonly chargerSites: readonly number[];
  /** nearestCharger's answers by node (derived data, filled on demand). */
  readonly nearestChargerMemo: Map<number, { facility: number; energyWh: number }>;
}

export function buildWorld(city: City, parcels: Parcels, params: SimParams, costs: TravelCosts = new ChTravelCosts(city.ch)): World {
  const stations = city.facilities.map((f, i) => (f.kind === 'station' ? i : -1)).filter((i) => i >= 0);
  if (stations.length === 0) throw new Error('buildWorld: the city has no transfer station');
  const doors = city.doors;
  const stationOfDoor = new Int32Array(doors.count);
  // One stations × doors matrix (bucket many-to-many on the CH), not a query per pair.
  const timeMs = new Float64Array(stations.length * doors.count);
  costs.matrix(stations.map((s) => city.facilities[s].node), doors.node, timeMs, new Float64Array(timeMs.length));
  for (let d = 0; d < doors.count; d++) {
    let best = 0;
    for (let k = 1; k < stations.length; k++) if (timeMs[k * doors.count + d] < timeMs[best * doors.count + d]) best = k;
    if (timeMs[best * doors.count + d] === Infinity) throw new Error(`buildWorld: door ${d} cannot be reached from any station`);
    stationOfDoor[d] = stations[best];
  }
  const stationOfParcel = new Int32Array(parcels.count);
  for (let p = 0; p < parcels.count; p++) stationOfParcel[p] = stationOfDoor[parcels.door[p]];
  const chargerSites = city.facilities.map((f, i) => (f.chargerPorts > 0 ? i : -1)).filter((i) => i >= 0);
  if (chargerSites.length === 0) throw new Error('buildWorld: no facility has a charger; vans could never recharge');
  const energy = new EnergyModel(params.van, params.ambientC);
  const g = city.graph;
  let lo = Infinity;
  let hi = 0;
  for (let e = 0; e < g.edgeCount; e++) {
    if (g.timeMs[e] <= 0) continue;
    const kmh = (g.lengthMm[e] * 3.6) / g.timeMs[e];
    if (kmh < lo) lo = kmh;
    if (kmh > hi) hi = kmh;
  }
  if (!(hi > 0)) throw new Error('buildWorld: the road graph has no drivable edge');
  return { city, parcels, params, costs, energy, batteryWh: energy.batteryWh, speedLoKmh: lo, speedHiKmh: hi, stationOfDoor, stationOfParcel, chargerSites, nearestChargerMemo: new Map() };
}

/**
 * Planning energy for a trip of this length and driving time carrying loadKg, Wh: the energy
 * model's bound over any path of that length and time on the city's roads (never below what the
 * van will actually use on the fastest path; see EnergyModel.pathBoundWh).
 */
export function tripEnergyWh(world: World, lengthM: number, timeS: number, loadKg: number): number {
  return world.energy.pathBoundWh(lengthM, timeS, loadKg, world.speedLoKmh, world.speedHiKmh);
}

/**
 * The charger site reached fastest from a node, and the planning energy to get there fully loaded
 * (conservative). Memoised per node in the world: the dispatcher asks for the same few facility
 * nodes over and over.
 */
export function nearestCharger(world: World, node: number): { facility: number; energyWh: number } {
  let hit = world.nearestChargerMemo.get(node);
  if (!hit) world.nearestChargerMemo.set(node, (hit = findNearestCharger(world, node)));
  return hit;
}

function findNearestCharger(world: World, node: number): { facility: number; energyWh: number } {
  let facility = world.chargerSites[0];
  let bestT = Infinity;
  for (const f of world.chargerSites) {
    const t = world.costs.timeMs(node, world.city.facilities[f].node);
    if (t < bestT) {
      bestT = t;
      facility = f;
    }
  }
  const lengthMm = world.costs.lengthMm(node, world.city.facilities[facility].node);
  return { facility, energyWh: tripEnergyWh(world, lengthMm / 1000, bestT / 1000, world.params.van.payloadKg) };
}

/** Planning estimate of the time spent at a door with k parcels: expected customer response or the full wait on a no-show. */
export function expectedServiceS(world: World, k: number): number {
  const h = world.params.handover;
  const collect = Math.min(h.customerResponseMeanS, h.customerWaitS) + h.perParcelS * k;
  return (1 - h.noShowProbability) * collect + h.noShowProbability * h.customerWaitS;
}
