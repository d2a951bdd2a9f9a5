import type { City } from '../city/City.ts';
import type { Parcels } from '../demand/Parcels.ts';
import { batteryWh, driveEnergyWh } from '../fleet/VanSpec.ts';
import type { TravelCosts } from '../routing/TravelCosts.ts';
import { ChTravelCosts } from '../routing/ChTravelCosts.ts';
import type { SimParams } from './SimParams.ts';

/** The static inputs of a run, plus what is derived from them once. */
export interface World {
  readonly city: City;
  readonly parcels: Parcels;
  readonly params: SimParams;
  readonly costs: TravelCosts;
  readonly batteryWh: number;
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
  return { city, parcels, params, costs, batteryWh: batteryWh(params.van), stationOfDoor, stationOfParcel, chargerSites, nearestChargerMemo: new Map() };
}

/**
 * The charger site reached fastest from a node, and the energy to get there fully loaded
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
  return { facility, energyWh: driveEnergyWh(world.params.van, lengthMm / 1000, world.params.van.payloadKg) };
}
