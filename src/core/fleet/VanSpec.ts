/**
 * The vehicle: an L4 unmanned electric light truck. Defaults are the JD Logistics VAN (launched
 * July 2025): 160 km per charge, 60 km/h top speed, 1000 kg payload, 24 m³ cargo. JD has not
 * published the mass, body shape or pack size, so the physical parameters below are those of
 * comparable 4.5 t-class electric box vans with a 24 m³ body; the battery is then sized so that
 * the energy model (EnergyModel.ts) gives exactly the rated range in urban driving at the
 * reference load.
 */
export interface VanSpec {
  readonly model: string;
  /** Range per charge in urban driving (30 km/h streets, 20 °C) at the reference load, km. */
  readonly rangeKm: number;
  readonly maxSpeedKmh: number;
  readonly payloadKg: number;
  readonly cargoM3: number;
  /** Load at which the rated range holds, kg. */
  readonly referenceLoadKg: number;
  /** Kerb mass without cargo, kg. */
  readonly emptyMassKg: number;
  /** Rolling-resistance coefficient of the tyres on asphalt. */
  readonly rollingResistance: number;
  /** Drag coefficient × frontal area, m². */
  readonly dragAreaM2: number;
  /** Battery-to-wheel efficiency while driving. */
  readonly drivetrainEfficiency: number;
  /** Share of the braking energy the van recovers into the battery. */
  readonly regenEfficiency: number;
  /** Stops (junctions, crossings, traffic) per km on 30 km/h streets; proportional to 1/speed elsewhere. */
  readonly stopsPerKmAt30: number;
  /** The L4 sensor and compute stack, W (on whenever the van is out: driving or at a door). */
  readonly autonomyW: number;
  /** Battery and cargo-bay thermal management at 20 °C, W. */
  readonly thermalBaseW: number;
  /** Extra thermal-management power per °C away from 20 °C, W/°C. */
  readonly thermalPerDegreeW: number;
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
  // Comparable 24 m³ electric box vans weigh 2.2–2.6 t unladen.
  emptyMassKg: 2300,
  // Light-truck tyres on asphalt: 0.008–0.010.
  rollingResistance: 0.009,
  // Box body: Cd ≈ 0.45 on ≈ 4.9 m² frontal area.
  dragAreaM2: 2.2,
  // Motor, inverter and gearbox: 0.85–0.90 battery to wheel.
  drivetrainEfficiency: 0.85,
  // Urban regenerative braking recovers 50–70 % of the braking energy.
  regenEfficiency: 0.6,
  stopsPerKmAt30: 2,
  // Lidars, cameras, radars and an automotive AI computer: 0.5–1.5 kW for L4 stacks.
  autonomyW: 1000,
  thermalBaseW: 150,
  thermalPerDegreeW: 60,
  maxChargeKW: 60,
};
