/**
 * Random small problems with any mix of the rich constraints (time windows, several capacity
 * dimensions, pickups and pickup-delivery pairs, multi-depot, heterogeneous vehicles, max
 * distance, range per trip, multi-trip reloads, charging stations, duration and fixed costs), and
 * random route sets over them, for property tests of the segment algebra and the operators.
 */
import { Rng } from '../../src/core/util/rng.ts';
import { createProblem } from '../../src/core/vrp/createProblem.ts';
import type { ClientSpec, VehicleTypeSpec } from '../../src/core/vrp/createProblem.ts';
import type { ProblemData } from '../../src/core/vrp/ProblemData.ts';
import { slotTypes } from '../../src/core/vrp/ProblemData.ts';

export interface Features {
  tw?: boolean;
  dims?: number;
  pickups?: boolean;
  pairs?: boolean;
  depots?: number;
  types?: number;
  maxDistance?: boolean;
  range?: boolean;
  multiTrip?: boolean;
  stations?: number;
  asymmetric?: boolean;
  costs?: boolean;
}

export function randomProblem(seed: number, f: Features, numClients = 8): ProblemData {
  const rng = new Rng(seed);
  const D = f.dims ?? 1;
  const nd = f.depots ?? 1;
  const ns = f.stations ?? 0;
  const n = nd + numClients + ns;
  const xs = Array.from({ length: n }, () => rng.int(100));
  const ys = Array.from({ length: n }, () => rng.int(100));
  const distance = new Array<number>(n * n);
  const duration = new Array<number>(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const e = Math.round(Math.hypot(xs[a] - xs[b], ys[a] - ys[b]));
      distance[a * n + b] = a === b ? 0 : e + (f.asymmetric ? rng.int(5) : 0);
      duration[a * n + b] = a === b ? 0 : e + (f.asymmetric ? rng.int(7) : 0);
    }
  const clients: ClientSpec[] = [];
  for (let i = 0; i < numClients; i++) {
    const early = f.tw ? rng.int(300) : 0;
    clients.push({
      delivery: Array.from({ length: D }, () => rng.int(10)),
      pickup: f.pickups ? Array.from({ length: D }, () => rng.int(6)) : undefined,
      service: f.tw ? rng.int(15) : 0,
      twEarly: early,
      twLate: f.tw ? early + 20 + rng.int(200) : undefined,
    });
  }
  const pairs: { pickup: number; delivery: number }[] = [];
  if (f.pairs) {
    for (let i = 0; i + 1 < numClients && pairs.length < 2; i += 3) {
      clients[i + 1] = { ...clients[i + 1], delivery: new Array(D).fill(0), pickup: new Array(D).fill(0) };
      clients[i] = { ...clients[i], pickup: Array.from({ length: D }, () => 1 + rng.int(5)) };
      pairs.push({ pickup: nd + i, delivery: nd + i + 1 });
    }
  }
  const vehicleTypes: VehicleTypeSpec[] = [];
  for (let t = 0; t < (f.types ?? 1); t++) {
    vehicleTypes.push({
      count: 2 + rng.int(2),
      capacity: Array.from({ length: D }, () => 10 + rng.int(25)),
      startDepot: rng.int(nd),
      endDepot: rng.int(nd),
      twEarly: f.tw ? rng.int(30) : undefined,
      twLate: f.tw ? 600 + rng.int(400) : undefined,
      maxDuration: f.tw && rng.chance(0.5) ? 300 + rng.int(300) : undefined,
      maxDistance: f.maxDistance ? 150 + rng.int(200) : undefined,
      fixedCost: f.costs ? rng.int(50) + 0.25 : undefined,
      distanceCost: f.costs ? 1 + rng.int(3) / 4 : undefined,
      durationCost: f.costs && f.tw ? rng.int(3) / 8 : undefined,
      energyCapacity: f.range || ns > 0 ? 120 + rng.int(100) : undefined,
      energyPerDistance: f.range || ns > 0 ? 1 : undefined,
      maxTrips: f.multiTrip ? 2 + rng.int(2) : undefined,
      reloadDepot: f.multiTrip ? rng.int(nd) : undefined,
      reloadDuration: f.multiTrip ? rng.int(20) : undefined,
      chargeTimePerEnergy: ns > 0 ? 0.5 + rng.int(3) / 2 : undefined,
    });
  }
  return createProblem({
    name: `random-${seed}`, numDepots: nd, numStations: ns, distance, duration, coords: xs.flatMap((x, i) => [x, ys[i]]),
    numDims: D, clients, pairs, vehicleTypes,
  });
}

/** Random routes per fleet slot (location lists), pairs kept together in order, with resets. */
export function randomRoutes(p: ProblemData, seed: number, resets = true): Int32Array[] {
  const rng = new Rng(seed);
  const types = slotTypes(p);
  const R = types.length;
  const routes: number[][] = Array.from({ length: R }, () => []);
  const lo = p.numDepots;
  for (let c = lo; c < lo + p.numClients; c++) {
    if (p.pairRole[c] === 2) continue;
    const r = rng.int(R);
    routes[r].splice(rng.int(routes[r].length + 1), 0, c);
    if (p.pairRole[c] === 1) {
      const at = routes[r].indexOf(c);
      routes[r].splice(at + 1 + rng.int(routes[r].length - at), 0, p.pairedWith[c]);
    }
  }
  if (resets) {
    for (let r = 0; r < R; r++) {
      const t = types[r];
      if (p.vehicles.maxTrips[t] > 1 && routes[r].length > 1 && rng.chance(0.6))
        routes[r].splice(1 + rng.int(routes[r].length - 1), 0, p.vehicles.reloadDepot[t]);
      if (p.numStations > 0 && routes[r].length > 1 && rng.chance(0.6))
        routes[r].splice(rng.int(routes[r].length + 1), 0, p.numDepots + p.numClients + rng.int(p.numStations));
    }
  }
  return routes.map((r) => Int32Array.from(r));
}
