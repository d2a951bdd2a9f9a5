import type { Decision } from './Decision.ts';
import { ParcelState } from './ParcelState.ts';
import type { SimView } from './SimView.ts';
import { tripEnergyWh } from './World.ts';

/** Where a plan starts when it is a tail (after the van's current plan, the frozen prefix). */
export interface PlanStart {
  readonly node: number;
  /** Parcels aboard when the plan starts. */
  readonly cargo: readonly number[];
  /** Parcels already reserved for this plan (a tail about to start): loads may take them. */
  readonly reserved?: ReadonlySet<number>;
}

/**
 * The engine's check of a dispatcher's plan before it is applied. Returns the rule the plan
 * breaks, or null. Walks the plan from where the van is (or, for a tail, from where its current
 * plan ends): every load takes parcels that wait at the facility the van is at by then (the
 * warehouse backlog or that station's stock) and that no other plan holds; loads stay within
 * payload and volume (capacity); hand-overs give only parcels aboard, at their door; unloads and
 * charges happen at facilities, charges only where there are ports and never above the battery;
 * by the planning estimate (the energy model's bound with the load aboard) the drives before the
 * first charge fit in the battery now (battery; not checked for tails, whose start charge is not
 * known yet, the executor's per-leg safety rule still guards them); and no hand-over is planned
 * to wait at a door longer than the tour-length limit for its window to open (windows).
 */
export function validatePlan(view: SimView, v: number, d: Decision, from?: PlanStart): string | null {
  const { world, fleet } = view;
  const { city, parcels: P, params, batteryWh } = world;
  if (!Array.isArray(d.plan) || d.plan.length === 0) return 'the plan has no steps';
  const facilityAtNode = (n: number) => city.facilities.findIndex((f) => f.node === n);
  if (!from && fleet.facility[v] < 0) return `van ${fleet.ids[v]} is not at a facility`;
  let node = from ? from.node : fleet.node[v];
  const aboard = new Set(from ? from.cargo : fleet.cargo[v]);
  let kg = 0;
  let m3 = 0;
  for (const p of aboard) {
    kg += P.weightKg[p];
    m3 += P.volumeM3[p];
  }
  const reserved = new Set<number>();
  let t = from ? NaN : view.now; // the clock estimate (tails: unknown start, windows not checked)
  let energyWh = 0;
  let charged = !!from;
  const maxWaitS = params.dispatch.maxTourHours * 3600;
  for (let i = 0; i < d.plan.length; i++) {
    const s = d.plan[i];
    const at = `step ${i + 1} (${s?.kind})`;
    switch (s?.kind) {
      case 'drive':
        if (!Number.isInteger(s.to) || s.to < 0 || s.to >= city.graph.nodeCount) return `${at}: node ${s.to} is not on the road graph`;
        if (s.to !== node) {
          const lengthM = world.costs.lengthMm(node, s.to) / 1000;
          const timeS = world.costs.timeMs(node, s.to) / 1000;
          if (!charged) energyWh += tripEnergyWh(world, lengthM, timeS, kg);
          t += timeS;
        }
        node = s.to;
        break;
      case 'load': {
        if (facilityAtNode(node) !== s.facility) return `${at}: the van is not at facility ${city.facilities[s.facility]?.id ?? s.facility} then`;
        const isWarehouse = city.facilities[s.facility].kind === 'warehouse';
        const inStock = isWarehouse ? null : new Set(view.stock[s.facility]);
        for (const p of s.parcels) {
          if (!Number.isInteger(p) || p < 0 || p >= P.count) return `${at}: ${p} is not a parcel`;
          if (reserved.has(p)) return `${at}: parcel ${P.id[p]} is loaded twice`;
          const here = from?.reserved?.has(p) || (isWarehouse ? view.parcelState[p] === ParcelState.AtWarehouse : view.parcelState[p] === ParcelState.AtStation && inStock!.has(p));
          if (!here) return `${at}: parcel ${P.id[p]} is not waiting at ${city.facilities[s.facility].id}`;
          reserved.add(p);
          aboard.add(p);
          kg += P.weightKg[p];
          m3 += P.volumeM3[p];
        }
        if (kg > params.van.payloadKg + 1e-9) return `${at}: capacity: ${kg.toFixed(1)} kg aboard exceeds the payload of ${params.van.payloadKg} kg`;
        if (m3 > params.van.cargoM3 + 1e-9) return `${at}: capacity: ${m3.toFixed(2)} m³ aboard exceeds the cargo volume of ${params.van.cargoM3} m³`;
        t += params.loading.baseS + params.loading.perParcelS * s.parcels.length;
        break;
      }
      case 'handover':
        if (!Number.isInteger(s.door) || city.doors.node[s.door] !== node) return `${at}: the van is not at door ${s.door}`;
        if (s.parcels.length === 0) return `${at}: hands over no parcels`;
        for (const p of s.parcels) {
          if (!aboard.has(p)) return `${at}: parcel ${P.id[p] ?? p} is not aboard`;
          if (P.door[p] !== s.door) return `${at}: parcel ${P.id[p]} is not for door ${s.door}`;
        }
        if (P.windowStartS[s.parcels[0]] - t > maxWaitS) {
          return `${at}: windows: the van would wait ${((P.windowStartS[s.parcels[0]] - t) / 3600).toFixed(1)} h at door ${s.door} for parcel ${P.id[s.parcels[0]]}'s window (limit: dispatch.maxTourHours, ${params.dispatch.maxTourHours} h)`;
        }
        t = Math.max(t, P.windowStartS[s.parcels[0]]);
        for (const p of s.parcels) {
          aboard.delete(p);
          kg -= P.weightKg[p];
          m3 -= P.volumeM3[p];
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
        charged = true;
        break;
      default:
        return `${at}: unknown step kind (expected drive, load, unload, handover or charge)`;
    }
  }
  if (!from && energyWh > fleet.socWh[v] + 1e-6) return `battery: the drives need about ${(energyWh / 1000).toFixed(1)} kWh by the planning estimate, the van has ${(fleet.socWh[v] / 1000).toFixed(1)} kWh`;
  return null;
}
