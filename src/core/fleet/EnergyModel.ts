import type { VanSpec } from './VanSpec.ts';

const G = 9.81;
const AIR_DENSITY = 1.2; // kg/m³ at about 20 °C
const REFERENCE_SPEED_MS = 30 / 3.6;
const REFERENCE_AMBIENT_C = 20;

/**
 * The one energy model of vanfleet: the simulation, the dispatcher and the solver all ask it. A road
 * edge of length L driven at speed v with total mass m (van plus load) takes from the battery
 *
 *   E = L · [ m·(g·Crr/η + k·v) + ½·ρ·CdA·v²/η ] + P_aux · L / v
 *
 * where g·Crr is rolling resistance, ½ρCdA·v² aerodynamic drag, η the battery-to-wheel efficiency,
 * and k·v the stop-and-go loss: each stop costs the kinetic energy ½mv² drawn through the
 * drivetrain (1/η) less what regenerative braking recovers (η_regen), with stops per metre
 * proportional to 1/v (stopsPerKmAt30 on 30 km/h streets), so k = ½·s₃₀·v₃₀·(1/η − η_regen).
 * P_aux is the L4 stack plus thermal management, which grows with the distance of the ambient
 * temperature from 20 °C; it is drawn for every second the van is out, at doors too.
 * (Physics as in the standard longitudinal vehicle model, e.g. Genta, "Motor Vehicle Dynamics";
 * stop-and-go and auxiliary terms as in Goeke & Schneider 2015, "Routing a mixed fleet of
 * electric and conventional vehicles", EJOR 245.)
 *
 * The battery is sized so that urban driving (30 km/h streets at 20 °C) at the reference load
 * gives the rated range. Per edge the model is exact (the simulation sums it edge by edge); for
 * planning from a path's length and time only, `pathBoundWh` gives the highest energy any path of
 * that length and time can take on roads between the slowest and fastest speed of the city, since
 * v and v² are convex in 1/v (so the worst case mixes the two extreme speeds).
 */
export class EnergyModel {
  readonly spec: VanSpec;
  readonly ambientC: number;
  /** Auxiliary power at this ambient temperature, W. */
  readonly auxW: number;
  /** Usable battery capacity, Wh. */
  readonly batteryWh: number;
  /** Per metre and kg: rolling resistance through the drivetrain, Wh/(m·kg). */
  private readonly rollWhPerMKg: number;
  /** Stop-and-go loss per metre, kg and m/s of speed, Wh/(m·kg·m/s). */
  private readonly stopWhPerMKgMs: number;
  /** Aerodynamic drag per metre and (m/s)², Wh/(m·(m/s)²). */
  private readonly aeroWhPerMMs2: number;

  constructor(spec: VanSpec, ambientC = REFERENCE_AMBIENT_C) {
    this.spec = spec;
    this.ambientC = ambientC;
    const eta = spec.drivetrainEfficiency;
    this.rollWhPerMKg = (G * spec.rollingResistance) / eta / 3600;
    this.stopWhPerMKgMs = (0.5 * (spec.stopsPerKmAt30 / 1000) * REFERENCE_SPEED_MS * (1 / eta - spec.regenEfficiency)) / 3600;
    this.aeroWhPerMMs2 = (0.5 * AIR_DENSITY * spec.dragAreaM2) / eta / 3600;
    this.auxW = auxPowerW(spec, ambientC);
    // Calibration: urban driving at the reference load and 20 °C gives the rated range.
    this.batteryWh = spec.rangeKm * this.driveWh(1000, REFERENCE_SPEED_MS * 3.6, spec.referenceLoadKg, auxPowerW(spec, REFERENCE_AMBIENT_C));
  }

  /** Energy to drive lengthM at speedKmh carrying loadKg, Wh (an edge, or any stretch at one speed). */
  driveWh(lengthM: number, speedKmh: number, loadKg: number, auxW = this.auxW): number {
    const v = speedKmh / 3.6;
    const m = this.spec.emptyMassKg + loadKg;
    return lengthM * (m * (this.rollWhPerMKg + this.stopWhPerMKgMs * v) + this.aeroWhPerMMs2 * v * v) + (auxW * lengthM) / v / 3600;
  }

  /** Consumption at a steady speed and load, Wh/km. */
  whPerKm(speedKmh: number, loadKg: number): number {
    return this.driveWh(1000, speedKmh, loadKg);
  }

  /** Energy of standing with the autonomy stack on (at a door, waiting for a window), Wh. */
  dwellWh(seconds: number): number {
    return (this.auxW * seconds) / 3600;
  }

  /**
   * The most energy a path of this length and driving time can take when every road on it has a
   * speed in [loKmh, hiKmh], carrying loadKg. Exact for roads of one speed; for two speeds it is
   * the true value; never below it.
   */
  pathBoundWh(lengthM: number, timeS: number, loadKg: number, loKmh: number, hiKmh: number): number {
    if (lengthM <= 0) return 0;
    const lo = loKmh / 3.6;
    const hi = hiKmh / 3.6;
    // Share x of the length at hi, the rest at lo, with the same total time: (1-x)/lo + x/hi = t/L.
    const perM = timeS / lengthM;
    const x = hi > lo ? Math.min(1, Math.max(0, (1 / lo - perM) / (1 / lo - 1 / hi))) : 1;
    const meanV = (1 - x) * lo + x * hi;
    const meanV2 = (1 - x) * lo * lo + x * hi * hi;
    const m = this.spec.emptyMassKg + loadKg;
    return lengthM * (m * (this.rollWhPerMKg + this.stopWhPerMKgMs * meanV) + this.aeroWhPerMMs2 * meanV2) + (this.auxW * timeS) / 3600;
  }

  /** The highest consumption per metre at any speed up to hiKmh and load, without auxiliary power, Wh/m. */
  maxTractionWhPerM(loadKg: number, hiKmh: number): number {
    const v = hiKmh / 3.6;
    const m = this.spec.emptyMassKg + loadKg;
    return m * (this.rollWhPerMKg + this.stopWhPerMKgMs * v) + this.aeroWhPerMMs2 * v * v;
  }

  /** Range on a full battery at a steady speed and load, km. */
  rangeKm(speedKmh: number, loadKg: number, fromWh = this.batteryWh): number {
    return fromWh / this.whPerKm(speedKmh, loadKg);
  }
}

/** Autonomy stack plus thermal management at an ambient temperature, W. */
export function auxPowerW(spec: VanSpec, ambientC: number): number {
  return spec.autonomyW + spec.thermalBaseW + spec.thermalPerDegreeW * Math.abs(ambientC - REFERENCE_AMBIENT_C);
}
