/**
 * The VRP instance in dense integer form, as the solver sees it. A plain value of typed arrays and
 * numbers, so it crosses to a worker by structured clone or `transfer` (see `problemBuffers`).
 *
 * Locations are indexed depots first, then clients, then charging stations:
 *   [0, numDepots)                                  depots (route starts/ends, reload points)
 *   [numDepots, numDepots + numClients)             clients (must each be visited exactly once)
 *   [numDepots + numClients, numLocations)          charging stations (optional, repeatable visits)
 *
 * Units are whatever the caller chose, but every quantity the local search compares is an integer
 * (distances, durations, demands), and cost coefficients are dyadic rationals (multiples of 2^-16),
 * so sums and products are exact in float64 and `delta < 0` is a real improvement
 * (PyVRP `Measure.h` makes the same choice with int64).
 */
export interface VehicleTypes {
  readonly numTypes: number;
  /** Vehicles available of each type. */
  readonly count: Int32Array;
  /** numTypes × numDims, row-major: capacity[t * numDims + k]. */
  readonly capacity: Int32Array;
  readonly startDepot: Int32Array;
  readonly endDepot: Int32Array;
  /** Shift: earliest departure from the start depot, latest return to the end depot. */
  readonly twEarly: Float64Array;
  readonly twLate: Float64Array;
  /** Infinity when unbounded. */
  readonly maxDuration: Float64Array;
  readonly maxDistance: Float64Array;
  /** Cost coefficients (dyadic rationals). */
  readonly fixedCost: Float64Array;
  readonly distanceCost: Float64Array;
  readonly durationCost: Float64Array;
  /**
   * Energy (range) budget per trip, expressed as the distance the battery allows:
   * floor(energyCapacity / energyPerDistance). Infinity when there is no energy model.
   */
  readonly maxTripDistance: Float64Array;
  /** Energy per distance unit and battery capacity, kept for reporting (e.g. Wh per metre, Wh). */
  readonly energyPerDistance: Float64Array;
  readonly energyCapacity: Float64Array;
  /** 1 = single trip; k > 1 allows k − 1 returns to `reloadDepot` to reload (multi-trip). */
  readonly maxTrips: Int32Array;
  readonly reloadDepot: Int32Array;
  /** Time spent at the depot on a reload (unloading/loading, plugging in). */
  readonly reloadDuration: Float64Array;
  /**
   * Charging-station semantics (E-VRPTW, Schneider et al. 2014): a station visit restores the full
   * range and takes chargeTimePerDistance × (distance driven since the last charge). 0 = no stations.
   */
  readonly chargeTimePerDistance: Float64Array;
  /**
   * 1 = partial recharge (Keskin & Çatay 2016): a station visit charges only what the route needs
   * until its next station or its end depot (capped by the battery), 0 = full recharge.
   */
  readonly partialRecharge: Uint8Array;
  /**
   * Charging function per type as a piecewise-linear convex "time to charge from empty to level"
   * (equivalently a concave level-over-time curve, Montoya et al. 2017), levels in range units
   * (distance the battery allows). Breakpoints of type t: [chargeCurveStart[t], chargeCurveStart[t + 1]).
   * Two breakpoints = linear: the charging time is then chargeTimePerDistance × range charged.
   */
  readonly chargeCurveStart: Int32Array;
  readonly chargeCurveLevel: Float64Array;
  readonly chargeCurveTime: Float64Array;
  readonly name: readonly string[];
}

export interface ProblemData {
  readonly name: string;
  readonly numDepots: number;
  readonly numClients: number;
  readonly numStations: number;
  readonly numLocations: number;
  /** Capacity dimensions (e.g. 2 for kg and litres). */
  readonly numDims: number;
  /** numLocations × numLocations, row-major, integers. */
  readonly distance: Int32Array;
  readonly duration: Int32Array;
  /** Planar coordinates for polar sectors (SWAP*) and plotting; all zero when unknown. */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly hasCoordinates: boolean;
  /** numLocations × numDims: goods loaded at the depot and dropped at the location. */
  readonly delivery: Int32Array;
  /**
   * numLocations × numDims: goods picked up at the location and carried on. Negative at the
   * delivery end of a pickup-and-delivery pair (the paired goods leave the vehicle there).
   */
  readonly pickup: Int32Array;
  readonly service: Float64Array;
  /** Earliest and latest start of service. */
  readonly twEarly: Float64Array;
  readonly twLate: Float64Array;
  /** Pickup-and-delivery pairs: partner location or −1. pairRole: 1 pickup, 2 delivery, 0 none. */
  readonly pairedWith: Int32Array;
  readonly pairRole: Int8Array;
  readonly vehicles: VehicleTypes;
  /**
   * Charger ports per station (numStations entries, 0 = unlimited): at no time may more vehicles
   * charge at a station than it has ports (see hgs/chargerPorts.ts for how exactly it is enforced).
   */
  readonly stationPorts: Int32Array;
  /** Derived flags that let the search skip work on classic instances. */
  readonly flags: ProblemFlags;
}

export interface ProblemFlags {
  /** Any finite time window, shift, max duration, duration cost or station. */
  readonly timeWindows: boolean;
  readonly pickups: boolean;
  readonly pairs: boolean;
  readonly maxDistance: boolean;
  readonly tripDistance: boolean;
  readonly multiTrip: boolean;
  readonly stations: boolean;
  /** Some vehicle type recharges partially. */
  readonly partialRecharge: boolean;
  /** Some station has a limited number of ports. */
  readonly stationPorts: boolean;
  readonly durationCost: boolean;
  readonly symmetric: boolean;
  readonly heterogeneous: boolean;
}

export const isDepot = (p: ProblemData, loc: number): boolean => loc < p.numDepots;
export const isClient = (p: ProblemData, loc: number): boolean => loc >= p.numDepots && loc < p.numDepots + p.numClients;
export const isStation = (p: ProblemData, loc: number): boolean => loc >= p.numDepots + p.numClients;
export const firstClient = (p: ProblemData): number => p.numDepots;
export const firstStation = (p: ProblemData): number => p.numDepots + p.numClients;

/** Total vehicles over all types. */
export function fleetSize(p: ProblemData): number {
  let n = 0;
  for (let t = 0; t < p.vehicles.numTypes; t++) n += p.vehicles.count[t];
  return n;
}

/** Vehicle type of each fleet slot, types in order (slot r serves route r). */
export function slotTypes(p: ProblemData): Int32Array {
  const out = new Int32Array(fleetSize(p));
  let r = 0;
  for (let t = 0; t < p.vehicles.numTypes; t++) for (let k = 0; k < p.vehicles.count[t]; k++) out[r++] = t;
  return out;
}

/** The typed arrays of a problem, for comlink `transfer` (the sender loses access to them). */
export function problemBuffers(p: ProblemData): ArrayBuffer[] {
  const v = p.vehicles;
  const arrays: ArrayBufferView[] = [
    p.distance, p.duration, p.x, p.y, p.delivery, p.pickup, p.service, p.twEarly, p.twLate, p.pairedWith, p.pairRole,
    v.count, v.capacity, v.startDepot, v.endDepot, v.twEarly, v.twLate, v.maxDuration, v.maxDistance, v.fixedCost,
    v.distanceCost, v.durationCost, v.maxTripDistance, v.energyPerDistance, v.energyCapacity, v.maxTrips,
    v.reloadDepot, v.reloadDuration, v.chargeTimePerDistance, v.partialRecharge, v.chargeCurveStart, v.chargeCurveLevel,
    v.chargeCurveTime, p.stationPorts,
  ];
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) seen.add(a.buffer as ArrayBuffer);
  return [...seen];
}

/** Time to charge vehicle type t from range level a to level b ≥ a (range units), rounded up. */
export function chargeTime(v: VehicleTypes, t: number, a: number, b: number): number {
  if (b <= a) return 0;
  const lo = v.chargeCurveStart[t];
  const hi = v.chargeCurveStart[t + 1];
  if (hi - lo <= 2) return Math.ceil(v.chargeTimePerDistance[t] * (b - a));
  return Math.ceil(curveTime(v, lo, hi, b) - curveTime(v, lo, hi, a) - 1e-9);
}

/** Piecewise-linear interpolation of the charging curve (levels beyond the ends are clamped). */
function curveTime(v: VehicleTypes, lo: number, hi: number, level: number): number {
  const L = v.chargeCurveLevel;
  const T = v.chargeCurveTime;
  if (level <= L[lo]) return T[lo];
  for (let i = lo + 1; i < hi; i++)
    if (level <= L[i]) return T[i - 1] + ((T[i] - T[i - 1]) * (level - L[i - 1])) / (L[i] - L[i - 1]);
  return T[hi - 1];
}

/**
 * Highest integer range level in [from, cap] that vehicle type t reaches from `from` within
 * `budget` time (chargeTime(from, level) ≤ budget): what a charge can add during a forced wait.
 */
export function levelWithin(v: VehicleTypes, t: number, from: number, cap: number, budget: number): number {
  if (cap <= from || budget <= 0) return from;
  const lo = v.chargeCurveStart[t];
  if (v.chargeCurveStart[t + 1] - lo <= 2) {
    const k = v.chargeTimePerDistance[t];
    if (!(k > 0)) return cap;
    let level = Math.min(cap, from + Math.floor(budget / k));
    while (level > from && chargeTime(v, t, from, level) > budget) level--;
    return level;
  }
  let a = from;
  let b = cap;
  if (chargeTime(v, t, from, cap) <= budget) return cap;
  while (b - a > 1) {
    const m = Math.floor((a + b) / 2);
    if (chargeTime(v, t, from, m) <= budget) a = m;
    else b = m;
  }
  return a;
}
