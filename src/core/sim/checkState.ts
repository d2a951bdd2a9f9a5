import { ParcelState } from './ParcelState.ts';
import type { SimState } from './SimState.ts';

const STATE_NAMES = ['unreleased', 'at the warehouse', 'reserved for a plan', 'on a van', 'at a station', 'delivered', 'failed'];

/**
 * Invariants of the engine's state at any moment (the end of a run included), beside the report's
 * (validateRun): every parcel is in exactly the one place its state says — the warehouse backlog
 * of its station, one station's stock, one van's cargo (the van its record names), or one pending
 * load step of one plan when reserved — and nowhere once delivered or failed; no van carries more
 * than its payload or volume or has a negative battery; and time never went backwards in the
 * event loop. Returns the violations, each naming the parcel or van (empty when all hold).
 */
export function checkState(s: SimState): string[] {
  const errors: string[] = [];
  const { world, fleet } = s;
  const P = world.parcels;
  const n = P.count;
  const where = new Int32Array(n); // places found per parcel
  const at: string[] = new Array<string>(n);
  const note = (p: number, place: string) => {
    if (!(p >= 0 && p < n)) {
      errors.push(`${place} holds ${p}, which is not a parcel`);
      return;
    }
    where[p]++;
    if (where[p] > 1) errors.push(`parcel ${P.id[p]} is in two places: ${at[p]} and ${place}`);
    else at[p] = place;
  };
  const facilities = world.city.facilities;
  s.backlog.forEach((list, k) => {
    for (const p of list) {
      note(p, `the warehouse backlog for ${facilities[k].id}`);
      if (s.parcelState[p] !== ParcelState.AtWarehouse) errors.push(`parcel ${P.id[p]} is in the warehouse backlog but ${STATE_NAMES[s.parcelState[p]]}`);
      if (world.stationOfParcel[p] !== k) errors.push(`parcel ${P.id[p]} is in the backlog for ${facilities[k].id}, not its own station's`);
    }
  });
  s.stock.forEach((list, k) => {
    for (const p of list) {
      note(p, `the stock of ${facilities[k].id}`);
      if (s.parcelState[p] !== ParcelState.AtStation) errors.push(`parcel ${P.id[p]} is in the stock of ${facilities[k].id} but ${STATE_NAMES[s.parcelState[p]]}`);
    }
  });
  for (let v = 0; v < fleet.size; v++) {
    let kg = 0;
    let m3 = 0;
    for (const p of fleet.cargo[v]) {
      note(p, `van ${fleet.ids[v]}`);
      if (s.parcelState[p] !== ParcelState.OnVan) errors.push(`parcel ${P.id[p]} is aboard van ${fleet.ids[v]} but ${STATE_NAMES[s.parcelState[p]]}`);
      if (s.parcelVan[p] !== v) errors.push(`parcel ${P.id[p]} is aboard van ${fleet.ids[v]} but its record says van ${fleet.ids[s.parcelVan[p]] ?? 'none'}`);
      kg += P.weightKg[p];
      m3 += P.volumeM3[p];
    }
    if (kg > world.params.van.payloadKg + 1e-6) errors.push(`van ${fleet.ids[v]} carries ${kg.toFixed(1)} kg, over its payload of ${world.params.van.payloadKg} kg`);
    if (m3 > world.params.van.cargoM3 + 1e-6) errors.push(`van ${fleet.ids[v]} carries ${m3.toFixed(2)} m³, over its cargo volume of ${world.params.van.cargoM3} m³`);
    if (fleet.socWh[v] < -1e-6) errors.push(`van ${fleet.ids[v]} has a negative battery: ${fleet.socWh[v].toFixed(0)} Wh`);
    // Reserved parcels sit in a load step still ahead in the van's plan, or in its booked tail.
    const tail = s.tails[v] ?? [];
    for (const step of [...fleet.remainingPlan(v), ...tail]) {
      if (step.kind !== 'load') continue;
      for (const p of step.parcels) if (s.parcelState[p] === ParcelState.Assigned) note(p, `a load step of van ${fleet.ids[v]}'s plan`);
    }
  }
  for (let p = 0; p < n; p++) {
    const st = s.parcelState[p];
    const placed = st === ParcelState.AtWarehouse || st === ParcelState.AtStation || st === ParcelState.OnVan || st === ParcelState.Assigned;
    if (placed && where[p] === 0) errors.push(`parcel ${P.id[p]} is ${STATE_NAMES[st]} but in no backlog, stock, cargo or plan: lost`);
    if (!placed && where[p] > 0) errors.push(`parcel ${P.id[p]} is ${STATE_NAMES[st]} but still in ${at[p]}`);
  }
  if (s.timeReversals > 0) errors.push(`time went backwards ${s.timeReversals} time(s) in the event loop`);
  return errors;
}
