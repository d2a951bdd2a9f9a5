/**
 * The vehicle: an L4 unmanned electric light truck. Defaults are the JD Logistics VAN (launched
 * July 2025): 160 km per charge, 60 km/h top speed, 1000 kg payload, 24 m³ cargo.
 *
 * Energy per km grows linearly with load (rolling resistance and acceleration losses scale with
 * mass): whPerKm(load) = emptyWhPerKm + whPerKmPerKg * load. The battery is sized so that the
 * vehicle does exactly `rangeKm` at `referenceLoadKg` (half payload): with the defaults
 * 190 + 0.08 * 500 = 230 Wh/km, so 160 km needs a 36.8 kWh usable battery; the empty van then
 * does ~194 km and the fully loaded one ~136 km. These figures are typical of 3.5 t-class
 * electric vans (180–280 Wh/km); JD has not published the VAN's pack size.
 */
export interface VanSpec {
  readonly model: string;
  readonly rangeKm: number;
  readonly maxSpeedKmh: number;
  readonly payloadKg: number;
  readonly cargoM3: number;
  /** Load at which the rated range holds, kg. */
  readonly referenceLoadKg: number;
  /** Consumption of the empty van, Wh per km. */
  readonly emptyWhPerKm: number;
  /** Extra consumption per kg of cargo, Wh per km per kg. */
  readonly whPerKmPerKg: number;
  /** Highest power the van's onboard charging accepts, kW. */
  readonly maxChargeKW: number;
}

export const JD_VAN: VanSpec = {
  model: 'JD Logistics VAN (2025)',
  rangeKm: 160,
  maxSpeedKmh: 60,
  payloadKg: 1000,
  cargoM3: 24,
  referenceLoadKg: 500,
  emptyWhPerKm: 190,
  whPerKmPerKg: 0.08,
  maxChargeKW: 60,
};

/** Consumption at a given load, Wh per km. */
export function whPerKm(spec: VanSpec, loadKg: number): number {
  return spec.emptyWhPerKm + spec.whPerKmPerKg * loadKg;
}

/** Usable battery capacity implied by the rated range at the reference load, Wh. */
export function batteryWh(spec: VanSpec): number {
  return spec.rangeKm * whPerKm(spec, spec.referenceLoadKg);
}

/** Energy to drive a distance at a load, Wh. */
export function driveEnergyWh(spec: VanSpec, distanceM: number, loadKg: number): number {
  return (distanceM / 1000) * whPerKm(spec, loadKg);
}

/** Range on a full battery at a constant load, km. */
export function rangeAtLoadKm(spec: VanSpec, loadKg: number): number {
  return batteryWh(spec) / whPerKm(spec, loadKg);
}
