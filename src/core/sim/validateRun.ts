import type { RunReport } from './report.ts';
import type { SimParams } from './SimParams.ts';

/**
 * Invariants every run report must satisfy: parcel conservation, the parcel list agreeing with the
 * counts, and the van's physical limits. Returns the violations (empty when valid). Shared by the
 * whole-run tests and the CLI's --check mode.
 */
export function validateRun(r: RunReport, params: SimParams): string[] {
  const errors: string[] = [];
  const k = r.kpis;
  if (k.delivered + k.failed + k.pending !== k.parcels) errors.push(`conservation: ${k.delivered} + ${k.failed} + ${k.pending} != ${k.parcels}`);
  if (r.parcels.length !== k.parcels) errors.push(`parcels array has ${r.parcels.length} entries, kpis.parcels is ${k.parcels}`);
  const count = { delivered: 0, failed: 0, pending: 0 };
  const ids = new Set<string>();
  for (const p of r.parcels) {
    count[p.status]++;
    if (ids.has(p.id)) errors.push(`parcel ${p.id} listed twice`);
    ids.add(p.id);
    if (p.status === 'delivered') {
      if (p.deliveredAt === undefined || p.van === undefined) errors.push(`parcel ${p.id} delivered without time or van`);
      else if (p.deliveredAt < params.dayStartS || p.deliveredAt > params.dayStartS + r.simulatedSeconds + 1e-6) errors.push(`parcel ${p.id} delivered at ${p.deliveredAt}, outside the run`);
      if (p.attempts < 1 || p.attempts > params.maxAttempts) errors.push(`parcel ${p.id} delivered after ${p.attempts} attempts`);
    } else if (p.deliveredAt !== undefined) {
      errors.push(`parcel ${p.id} is ${p.status} but has a delivery time`);
    }
    if (p.status === 'pending' && p.attempts > 0) errors.push(`parcel ${p.id} was attempted but is pending`);
    if (p.status === 'failed' && p.reason === undefined) errors.push(`parcel ${p.id} failed without a reason`);
    if (p.status !== 'failed' && p.reason !== undefined) errors.push(`parcel ${p.id} is ${p.status} but has a failure reason`);
    if (p.status === 'pending' && p.place === undefined) errors.push(`parcel ${p.id} is pending with no place`);
  }
  for (const s of ['delivered', 'failed', 'pending'] as const) if (count[s] !== k[s]) errors.push(`kpis.${s} is ${k[s]} but ${count[s]} parcels say ${s}`);
  if (k.maxVanLoadKg > params.van.payloadKg + 1e-6) errors.push(`a van carried ${k.maxVanLoadKg} kg > ${params.van.payloadKg} kg`);
  if (k.maxVanVolumeM3 > params.van.cargoM3 + 1e-6) errors.push(`a van carried ${k.maxVanVolumeM3} m³ > ${params.van.cargoM3} m³`);
  if (k.minBatteryKWh < 0) errors.push(`a battery went below zero: ${k.minBatteryKWh} kWh`);
  if (k.maxSpeedKmh > params.van.maxSpeedKmh + 1e-6) errors.push(`a van drove at ${k.maxSpeedKmh} km/h > ${params.van.maxSpeedKmh} km/h`);
  if (k.onTimeRate < 0 || k.onTimeRate > 1) errors.push(`onTimeRate ${k.onTimeRate} outside [0, 1]`);
  const km = r.vans.reduce((s, v) => s + v.km, 0);
  if (Math.abs(km - k.vanKm) > 0.01 * r.vans.length) errors.push(`van km sum ${km} != kpis.vanKm ${k.vanKm}`);
  return errors;
}
