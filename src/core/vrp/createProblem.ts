/**
 * Builds a validated `ProblemData` from a friendly description (objects with defaults). This is the
 * boundary: every offending value is named with its path, e.g.
 * `vehicleTypes[1].capacity: expected 2 non-negative integers, got [1000]`. Inside the solver the
 * data is trusted.
 */
import type { ProblemData, ProblemFlags, VehicleTypes } from './ProblemData.ts';

export interface ClientSpec {
  /** Goods loaded at the depot and dropped here, per capacity dimension (a number if 1 dimension). */
  readonly delivery?: number | readonly number[];
  /** Goods picked up here and carried to the end of the route (or to the paired delivery). */
  readonly pickup?: number | readonly number[];
  readonly service?: number;
  readonly twEarly?: number;
  readonly twLate?: number;
}

export interface DepotSpec {
  readonly twEarly?: number;
  readonly twLate?: number;
}

export interface VehicleTypeSpec {
  readonly count: number;
  readonly capacity: number | readonly number[];
  readonly startDepot?: number;
  readonly endDepot?: number;
  /** Shift: earliest departure and latest return (e.g. availability time of a van). */
  readonly twEarly?: number;
  readonly twLate?: number;
  readonly maxDuration?: number;
  readonly maxDistance?: number;
  readonly fixedCost?: number;
  readonly distanceCost?: number;
  readonly durationCost?: number;
  /** Battery capacity and consumption per distance unit (e.g. Wh and Wh/m): range per trip. */
  readonly energyCapacity?: number;
  readonly energyPerDistance?: number;
  /** Multi-trip: number of trips allowed, where to reload and how long a reload takes. */
  readonly maxTrips?: number;
  readonly reloadDepot?: number;
  readonly reloadDuration?: number;
  /** Stations (E-VRPTW full recharge): time per unit of energy recharged. */
  readonly chargeTimePerEnergy?: number;
  /** At a station: charge to full (Schneider et al. 2014, default) or only what is needed (Keskin & Çatay 2016). */
  readonly recharge?: 'full' | 'partial';
  /**
   * Non-linear charging (Montoya et al. 2017): breakpoints of a concave charging curve as the time
   * to charge from empty to `energy`, from { energy: 0, time: 0 } to { energy: energyCapacity },
   * with non-decreasing time per energy between breakpoints. Default: linear, chargeTimePerEnergy.
   */
  readonly chargeCurve?: readonly { readonly energy: number; readonly time: number }[];
  readonly name?: string;
}

export interface ProblemSpec {
  readonly name?: string;
  readonly numDepots: number;
  readonly numStations?: number;
  /** n × n row-major over all locations (depots, clients, stations), integers. */
  readonly distance: ArrayLike<number>;
  /** Defaults to `distance` (speed 1). */
  readonly duration?: ArrayLike<number>;
  /** Interleaved x, y per location, optional. */
  readonly coords?: ArrayLike<number>;
  readonly numDims?: number;
  readonly depots?: readonly DepotSpec[];
  readonly clients: readonly ClientSpec[];
  /** Pickup-and-delivery pairs by location index; the amount is the pickup client's `pickup`. */
  readonly pairs?: readonly { readonly pickup: number; readonly delivery: number }[];
  readonly vehicleTypes: readonly VehicleTypeSpec[];
  /** Charger ports per station (numStations entries; 0 or absent = unlimited). */
  readonly stationPorts?: readonly number[];
}

export class ProblemError extends Error {}

const fail = (path: string, what: string, got: unknown): never => {
  throw new ProblemError(`${path}: expected ${what}, got ${JSON.stringify(got)}`);
};

/** Cost coefficients are rounded to multiples of 2^-16 so products with integers stay exact. */
export const dyadic = (x: number): number => (Number.isFinite(x) ? Math.round(x * 65536) / 65536 : x);

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

function dims(path: string, v: number | readonly number[] | undefined, numDims: number, signed = false): number[] {
  const arr = v === undefined ? new Array<number>(numDims).fill(0) : typeof v === 'number' ? [v] : [...v];
  if (arr.length !== numDims || arr.some((x) => !isInt(x) || (!signed && x < 0)))
    fail(path, `${numDims} ${signed ? '' : 'non-negative '}integer${numDims > 1 ? 's' : ''}`, v);
  return arr;
}

/** Times and limits must be integers (or ±Infinity) so that time warp and excesses are exact. */
function num(path: string, v: number | undefined, dflt: number, min = -Infinity, int = true): number {
  if (v === undefined) return dflt;
  const ok = typeof v === 'number' && !Number.isNaN(v) && v >= min && (!int || Number.isInteger(v) || !Number.isFinite(v));
  if (!ok) fail(path, `${int ? 'an integer' : 'a number'} >= ${min}`, v);
  return v;
}

function matrix(path: string, m: ArrayLike<number> | undefined, n: number): Int32Array {
  if (!m || m.length !== n * n) fail(path, `${n * n} entries (${n} x ${n})`, m ? `${m.length} entries` : m);
  const out = new Int32Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const v = m![i];
    if (!isInt(v) || v < 0) fail(`${path}[${i}]`, 'a non-negative integer', v);
    out[i] = v;
  }
  return out;
}

export function createProblem(spec: ProblemSpec): ProblemData {
  const numDims = spec.numDims ?? 1;
  if (!isInt(numDims) || numDims < 1 || numDims > 64) fail('numDims', 'an integer in [1, 64]', numDims);
  if (!isInt(spec.numDepots) || spec.numDepots < 1) fail('numDepots', 'a positive integer', spec.numDepots);
  const numStations = spec.numStations ?? 0;
  if (!isInt(numStations) || numStations < 0) fail('numStations', 'a non-negative integer', numStations);
  const numClients = spec.clients.length;
  const n = spec.numDepots + numClients + numStations;
  const distance = matrix('distance', spec.distance, n);
  const duration = spec.duration ? matrix('duration', spec.duration, n) : distance;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  if (spec.coords) {
    if (spec.coords.length !== 2 * n) fail('coords', `${2 * n} numbers`, `${spec.coords.length} numbers`);
    for (let i = 0; i < n; i++) [x[i], y[i]] = [spec.coords[2 * i], spec.coords[2 * i + 1]];
  }
  const delivery = new Int32Array(n * numDims);
  const pickup = new Int32Array(n * numDims);
  const service = new Float64Array(n);
  const twEarly = new Float64Array(n);
  const twLate = new Float64Array(n).fill(Infinity);
  (spec.depots ?? []).forEach((d, i) => {
    if (i >= spec.numDepots) fail('depots', `at most ${spec.numDepots} entries`, spec.depots!.length);
    twEarly[i] = num(`depots[${i}].twEarly`, d.twEarly, 0);
    twLate[i] = num(`depots[${i}].twLate`, d.twLate, Infinity);
  });
  spec.clients.forEach((c, i) => {
    const loc = spec.numDepots + i;
    const p = `clients[${i}]`;
    dims(`${p}.delivery`, c.delivery, numDims).forEach((v, k) => (delivery[loc * numDims + k] = v));
    dims(`${p}.pickup`, c.pickup, numDims).forEach((v, k) => (pickup[loc * numDims + k] = v));
    service[loc] = num(`${p}.service`, c.service, 0, 0);
    twEarly[loc] = num(`${p}.twEarly`, c.twEarly, 0);
    twLate[loc] = num(`${p}.twLate`, c.twLate, Infinity);
    if (twLate[loc] < twEarly[loc]) fail(`${p}.twLate`, `>= twEarly (${twEarly[loc]})`, c.twLate);
  });
  const { pairedWith, pairRole } = buildPairs(spec, n, numDims, delivery, pickup);
  const vehicles = buildVehicles(spec, numDims);
  // A reload between a pickup and its delivery has no clear meaning (goods stay on board or not);
  // the load algebra closes trips at reloads, so the combination is rejected rather than misjudged.
  if ((spec.pairs?.length ?? 0) > 0 && vehicles.maxTrips.some((k) => k > 1))
    fail('pairs', 'no pickup-and-delivery pairs when a vehicle type allows several trips (maxTrips > 1)', spec.pairs!.length);
  const stationPorts = new Int32Array(numStations);
  if (spec.stationPorts) {
    if (spec.stationPorts.length !== numStations) fail('stationPorts', `${numStations} entries (one per station)`, spec.stationPorts.length);
    spec.stationPorts.forEach((k, i) => {
      if (!isInt(k) || k < 0) fail(`stationPorts[${i}]`, 'a non-negative integer (0 = unlimited)', k);
      stationPorts[i] = k;
    });
  }
  const flags = {
    ...deriveFlags(n, numDims, distance, duration, twEarly, twLate, pickup, pairRole, vehicles, numStations),
    partialRecharge: numStations > 0 && vehicles.partialRecharge.some((x) => x === 1),
    stationPorts: stationPorts.some((k) => k > 0),
  };
  return {
    name: spec.name ?? 'problem', numDepots: spec.numDepots, numClients, numStations, numLocations: n, numDims,
    distance, duration, x, y, hasCoordinates: !!spec.coords, delivery, pickup, service, twEarly, twLate,
    pairedWith, pairRole, vehicles, stationPorts, flags,
  };
}

function buildPairs(spec: ProblemSpec, n: number, numDims: number, delivery: Int32Array, pickup: Int32Array) {
  const pairedWith = new Int32Array(n).fill(-1);
  const pairRole = new Int8Array(n);
  const lo = spec.numDepots;
  const hi = spec.numDepots + spec.clients.length;
  (spec.pairs ?? []).forEach((pr, i) => {
    const p = `pairs[${i}]`;
    for (const [key, loc] of [['pickup', pr.pickup], ['delivery', pr.delivery]] as const)
      if (!isInt(loc) || loc < lo || loc >= hi || pairedWith[loc] >= 0) fail(`${p}.${key}`, 'an unpaired client location', loc);
    if (pr.pickup === pr.delivery) fail(`${p}.delivery`, 'a location different from the pickup', pr.delivery);
    pairedWith[pr.pickup] = pr.delivery;
    pairedWith[pr.delivery] = pr.pickup;
    pairRole[pr.pickup] = 1;
    pairRole[pr.delivery] = 2;
    for (let k = 0; k < numDims; k++) {
      if (delivery[pr.delivery * numDims + k] !== 0 || pickup[pr.delivery * numDims + k] !== 0)
        fail(`${p}.delivery`, 'a client without its own delivery/pickup amounts (the pair carries the pickup amount)', pr.delivery);
      // The paired goods leave the vehicle at the delivery: a negative pickup in the load algebra.
      pickup[pr.delivery * numDims + k] = -pickup[pr.pickup * numDims + k];
    }
  });
  return { pairedWith, pairRole };
}

function buildVehicles(spec: ProblemSpec, numDims: number): VehicleTypes {
  const m = spec.vehicleTypes.length;
  if (m < 1) fail('vehicleTypes', 'at least one vehicle type', m);
  const f64 = () => new Float64Array(m);
  const v = {
    numTypes: m, count: new Int32Array(m), capacity: new Int32Array(m * numDims), startDepot: new Int32Array(m),
    endDepot: new Int32Array(m), twEarly: f64(), twLate: f64(), maxDuration: f64(), maxDistance: f64(), fixedCost: f64(),
    distanceCost: f64(), durationCost: f64(), maxTripDistance: f64(), energyPerDistance: f64(), energyCapacity: f64(),
    maxTrips: new Int32Array(m), reloadDepot: new Int32Array(m), reloadDuration: f64(), chargeTimePerDistance: f64(),
    partialRecharge: new Uint8Array(m), chargeCurveStart: new Int32Array(m + 1), chargeCurveLevel: new Float64Array(0),
    chargeCurveTime: new Float64Array(0), name: [] as string[],
  };
  const levels: number[] = [];
  const times: number[] = [];
  spec.vehicleTypes.forEach((t, i) => {
    const p = `vehicleTypes[${i}]`;
    if (!isInt(t.count) || t.count < 0) fail(`${p}.count`, 'a non-negative integer', t.count);
    v.count[i] = t.count;
    dims(`${p}.capacity`, t.capacity, numDims).forEach((c, k) => (v.capacity[i * numDims + k] = c));
    const depot = (key: string, d: number | undefined, dflt: number) => {
      const val = d ?? dflt;
      if (!isInt(val) || val < 0 || val >= spec.numDepots) fail(`${p}.${key}`, `a depot index in [0, ${spec.numDepots})`, d);
      return val;
    };
    v.startDepot[i] = depot('startDepot', t.startDepot, 0);
    v.endDepot[i] = depot('endDepot', t.endDepot, v.startDepot[i]);
    v.twEarly[i] = num(`${p}.twEarly`, t.twEarly, 0);
    v.twLate[i] = num(`${p}.twLate`, t.twLate, Infinity);
    v.maxDuration[i] = num(`${p}.maxDuration`, t.maxDuration, Infinity, 0);
    v.maxDistance[i] = num(`${p}.maxDistance`, t.maxDistance, Infinity, 0);
    v.fixedCost[i] = dyadic(num(`${p}.fixedCost`, t.fixedCost, 0, 0, false));
    v.distanceCost[i] = dyadic(num(`${p}.distanceCost`, t.distanceCost, 1, 0, false));
    v.durationCost[i] = dyadic(num(`${p}.durationCost`, t.durationCost, 0, 0, false));
    const cap = num(`${p}.energyCapacity`, t.energyCapacity, Infinity, 0, false);
    const rate = num(`${p}.energyPerDistance`, t.energyPerDistance, 0, 0, false);
    v.energyCapacity[i] = cap;
    v.energyPerDistance[i] = rate;
    v.maxTripDistance[i] = rate > 0 && Number.isFinite(cap) ? Math.floor(cap / rate) : Infinity;
    const trips = t.maxTrips ?? 1;
    if (!isInt(trips) || trips < 1) fail(`${p}.maxTrips`, 'a positive integer', t.maxTrips);
    v.maxTrips[i] = trips;
    v.reloadDepot[i] = depot('reloadDepot', t.reloadDepot, v.startDepot[i]);
    v.reloadDuration[i] = num(`${p}.reloadDuration`, t.reloadDuration, 0, 0);
    v.chargeTimePerDistance[i] = num(`${p}.chargeTimePerEnergy`, t.chargeTimePerEnergy, 0, 0, false) * rate;
    if (t.recharge !== undefined && t.recharge !== 'full' && t.recharge !== 'partial') fail(`${p}.recharge`, '"full" or "partial"', t.recharge);
    v.partialRecharge[i] = t.recharge === 'partial' ? 1 : 0;
    chargeCurve(`${p}.chargeCurve`, t, v.maxTripDistance[i], v.chargeTimePerDistance[i], levels, times);
    v.chargeCurveStart[i + 1] = levels.length;
    // A two-breakpoint curve is linear: chargeTime then uses its rate per range unit.
    if (t.chargeCurve?.length === 2) v.chargeTimePerDistance[i] = t.chargeCurve[1].time / levels[levels.length - 1];
    v.name.push(t.name ?? `type${i}`);
  });
  return { ...v, chargeCurveLevel: Float64Array.from(levels), chargeCurveTime: Float64Array.from(times) };
}

/** Breakpoints of a charging curve in range units (energy / energyPerDistance), appended to levels/times. */
function chargeCurve(path: string, t: VehicleTypeSpec, maxTrip: number, perDistance: number, levels: number[], times: number[]): void {
  const c = t.chargeCurve;
  const rate = t.energyPerDistance ?? 0;
  if (!c) {
    levels.push(0, Number.isFinite(maxTrip) ? maxTrip : 0);
    times.push(0, Number.isFinite(maxTrip) ? perDistance * maxTrip : 0);
    return;
  }
  if (!(rate > 0) || !Number.isFinite(t.energyCapacity ?? Infinity)) fail(path, 'energyCapacity and energyPerDistance with a charging curve', c.length);
  if (c.length < 2 || c[0].energy !== 0 || c[0].time !== 0) fail(path, 'at least 2 breakpoints starting at { energy: 0, time: 0 }', c[0]);
  let slope = 0;
  for (let k = 1; k < c.length; k++) {
    const de = c[k].energy - c[k - 1].energy;
    const dt = c[k].time - c[k - 1].time;
    if (!(de > 0) || !(dt >= 0)) fail(`${path}[${k}]`, 'increasing energy and non-decreasing time', c[k]);
    // Concave charging (power never rises with the state of charge): time per energy never falls.
    if (dt / de < slope * (1 - 1e-9)) fail(`${path}[${k}]`, 'a concave curve (time per energy non-decreasing)', c[k]);
    slope = dt / de;
  }
  if (Math.abs(c[c.length - 1].energy - t.energyCapacity!) > 1e-9 * t.energyCapacity!) fail(path, `a last breakpoint at energyCapacity ${t.energyCapacity}`, c[c.length - 1].energy);
  for (const b of c) {
    levels.push(b.energy / rate);
    times.push(b.time);
  }
}

function deriveFlags(
  n: number, numDims: number, distance: Int32Array, duration: Int32Array, twEarly: Float64Array, twLate: Float64Array,
  pickup: Int32Array, pairRole: Int8Array, v: VehicleTypes, numStations: number,
): Omit<ProblemFlags, 'partialRecharge' | 'stationPorts'> {
  let tw = false;
  for (let i = 0; i < n; i++) if (twEarly[i] > 0 || twLate[i] < Infinity) tw = true;
  let maxDist = false;
  let trip = false;
  let multi = false;
  let durCost = false;
  for (let t = 0; t < v.numTypes; t++) {
    if (v.twEarly[t] > 0 || v.twLate[t] < Infinity || v.maxDuration[t] < Infinity) tw = true;
    if (v.durationCost[t] > 0) durCost = tw = true;
    if (v.maxDistance[t] < Infinity) maxDist = true;
    if (v.maxTripDistance[t] < Infinity) trip = true;
    if (v.maxTrips[t] > 1) multi = tw = true;
  }
  if (numStations > 0) tw = true;
  let symmetric = true;
  for (let i = 0; i < n && symmetric; i++)
    for (let j = i + 1; j < n; j++)
      if (distance[i * n + j] !== distance[j * n + i] || duration[i * n + j] !== duration[j * n + i]) {
        symmetric = false;
        break;
      }
  let het = false;
  for (let t = 1; t < v.numTypes; t++) {
    const same = v.startDepot[t] === v.startDepot[0] && v.endDepot[t] === v.endDepot[0] && v.twEarly[t] === v.twEarly[0] &&
      v.twLate[t] === v.twLate[0] && v.fixedCost[t] === v.fixedCost[0] && v.distanceCost[t] === v.distanceCost[0] &&
      v.durationCost[t] === v.durationCost[0] && v.maxDuration[t] === v.maxDuration[0] && v.maxDistance[t] === v.maxDistance[0] &&
      v.maxTripDistance[t] === v.maxTripDistance[0] && v.maxTrips[t] === v.maxTrips[0];
    let capSame = true;
    for (let k = 0; k < numDims; k++) if (v.capacity[t * numDims + k] !== v.capacity[k]) capSame = false;
    if (!same || !capSame) het = true;
  }
  return {
    timeWindows: tw, pickups: pickup.some((q) => q !== 0), pairs: pairRole.some((r) => r !== 0), maxDistance: maxDist,
    tripDistance: trip, multiTrip: multi, stations: numStations > 0, durationCost: durCost, symmetric, heterogeneous: het,
  };
}
