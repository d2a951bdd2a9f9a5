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
}

export function buildWorld(city: City, parcels: Parcels, params: SimParams, costs: TravelCosts = new ChTravelCosts(city.ch)): World {
  const stations = city.facilities.map((f, i) => (f.kind === 'station' ? i : -1)).filter((i) => i >= 0);
  if (stations.length === 0) throw new Error('buildWorld: the city has no transfer station');
  const doors = city.doors;
  const stationOfDoor = new Int32Array(doors.count);
  for (let d = 0; d < doors.count; d++) {
    let best = stations[0];
    let bestT = Infinity;
    for (const s of stations) {
      const t = costs.timeMs(city.facilities[s].node, doors.node[d]);
      if (t < bestT) {
        bestT = t;
        best = s;
      }
    }
    if (bestT === Infinity) throw new Error(`buildWorld: door ${d} cannot be reached from any station`);
    stationOfDoor[d] = best;
  }
  const stationOfParcel = new Int32Array(parcels.count);
  for (let p = 0; p < parcels.count; p++) stationOfParcel[p] = stationOfDoor[parcels.door[p]];
  const chargerSites = city.facilities.map((f, i) => (f.chargerPorts > 0 ? i : -1)).filter((i) => i >= 0);
  if (chargerSites.length === 0) throw new Error('buildWorld: no facility has a charger; vans could never recharge');
  return { city, parcels, params, costs, batteryWh: batteryWh(params.van), stationOfDoor, stationOfParcel, chargerSites };
}

/** The charger site reached fastest from a node, and the energy to get there fully loaded (conservative). */
export function nearestCharger(world: World, node: number): { facility: number; energyWh: number } {
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
