import type { Decision } from './Decision.ts';
import { ParcelState } from './ParcelState.ts';
import type { SimView } from './SimView.ts';

/**
 * The engine's check of a dispatcher's plan before it is applied. Returns the rule the plan
 * breaks, or null. Walks the plan from where the van is: every load takes parcels that wait at the
 * facility the van is at by then (the warehouse backlog or that station's stock) and that no other
 * plan holds; loads stay within payload and volume; hand-overs give only parcels aboard, at their
 * door; unloads and charges happen at facilities, charges only where there are ports and never
 * above the battery.
 */
export function validatePlan(view: SimView, v: number, d: Decision): string | null {
  const { world, fleet } = view;
  const { city, parcels: P, params, batteryWh } = world;
  if (d.plan.length === 0) return 'the plan has no steps';
  let node = fleet.node[v];
  const facilityAtNode = (n: number) => city.facilities.findIndex((f) => f.node === n);
  if (fleet.facility[v] < 0) return `van ${fleet.ids[v]} is not at a facility`;
  const aboard = new Set(fleet.cargo[v]);
  let kg = fleet.loadKg[v];
  let m3 = fleet.volumeM3[v];
  const reserved = new Set<number>();
  for (let i = 0; i < d.plan.length; i++) {
    const s = d.plan[i];
    const at = `step ${i + 1} (${s.kind})`;
    switch (s.kind) {
      case 'drive':
        if (!Number.isInteger(s.to) || s.to < 0 || s.to >= city.graph.nodeCount) return `${at}: node ${s.to} is not on the road graph`;
        node = s.to;
        break;
      case 'load': {
        if (facilityAtNode(node) !== s.facility) return `${at}: the van is not at facility ${city.facilities[s.facility]?.id ?? s.facility} then`;
        const isWarehouse = city.facilities[s.facility].kind === 'warehouse';
        const inStock = isWarehouse ? null : new Set(view.stock[s.facility]);
        for (const p of s.parcels) {
          if (reserved.has(p)) return `${at}: parcel ${P.id[p]} is loaded twice`;
          const here = isWarehouse ? view.parcelState[p] === ParcelState.AtWarehouse : view.parcelState[p] === ParcelState.AtStation && inStock!.has(p);
          if (!here) return `${at}: parcel ${P.id[p]} is not waiting at ${city.facilities[s.facility].id}`;
          reserved.add(p);
          aboard.add(p);
          kg += P.weightKg[p];
          m3 += P.volumeM3[p];
        }
        if (kg > params.van.payloadKg + 1e-9) return `${at}: ${kg.toFixed(1)} kg aboard exceeds the payload of ${params.van.payloadKg} kg`;
        if (m3 > params.van.cargoM3 + 1e-9) return `${at}: ${m3.toFixed(2)} m³ aboard exceeds the cargo volume of ${params.van.cargoM3} m³`;
        break;
      }
      case 'handover':
        if (city.doors.node[s.door] !== node) return `${at}: the van is not at door ${s.door}`;
        for (const p of s.parcels) {
          if (!aboard.has(p)) return `${at}: parcel ${P.id[p]} is not aboard`;
          if (P.door[p] !== s.door) return `${at}: parcel ${P.id[p]} is not for door ${s.door}`;
        }
        break;
      case 'unload':
        if (facilityAtNode(node) !== s.facility) return `${at}: the van is not at facility ${city.facilities[s.facility]?.id ?? s.facility} then`;
        aboard.clear();
        kg = 0;
        m3 = 0;
        break;
      case 'charge':
        if (facilityAtNode(node) !== s.facility) return `${at}: the van is not at facility ${city.facilities[s.facility]?.id ?? s.facility} then`;
        if (city.facilities[s.facility].chargerPorts <= 0) return `${at}: ${city.facilities[s.facility].id} has no charger`;
        if (!(s.targetWh <= batteryWh + 1e-6)) return `${at}: target ${s.targetWh.toFixed(0)} Wh exceeds the battery (${batteryWh.toFixed(0)} Wh)`;
        break;
    }
  }
  return null;
}
