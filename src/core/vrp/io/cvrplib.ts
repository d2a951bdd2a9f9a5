/**
 * CVRPLIB / TSPLIB `.vrp` files (Uchoa et al. 2017 X set; format: shared benchmarks README §4).
 * EUC_2D arcs are rounded to the nearest integer before summing; the fleet is unlimited, so the
 * solver gets HGS-CVRP's bound of ceil(1.3 · Σq / Q) + 3 vehicles (Vidal 2022, `Params.cpp`).
 */
import { createProblem } from '../createProblem.ts';
import type { Instance } from './Instance.ts';
import { euclid } from './Instance.ts';
import { fields, inRange, MAX_AMOUNT, MAX_COORDINATE, numbers, ParseError, splitLines } from './ParseError.ts';

export interface CvrplibFile {
  readonly name: string;
  readonly capacity: number;
  readonly ids: readonly string[];
  readonly xs: readonly number[];
  readonly ys: readonly number[];
  readonly demands: readonly number[];
  /** Index (into ids) of the depot. */
  readonly depot: number;
  readonly edgeWeightType: string;
}

export function parseCvrplib(text: string, file: string): CvrplibFile {
  const lines = splitLines(text);
  const header = new Map<string, string>();
  let dimension = -1;
  const idx = new Map<number, number>();
  const xs: number[] = [];
  const ys: number[] = [];
  const ids: string[] = [];
  let demands: number[] = [];
  const depots: number[] = [];
  let section = '';
  for (let k = 0; k < lines.length; k++) {
    const raw = lines[k];
    const t = raw.trim();
    const ln = k + 1;
    if (t === '' ) continue;
    if (t === 'EOF') break;
    if (/^[A-Z_]+_SECTION$/.test(t)) {
      section = t;
      if (dimension < 0) throw new ParseError(file, ln, `${t} before DIMENSION`);
      if (section === 'DEMAND_SECTION') demands = new Array<number>(dimension).fill(NaN);
      continue;
    }
    const colon = t.indexOf(':');
    if (colon > 0 && /^[A-Za-z_]+\s*$/.test(t.slice(0, colon))) {
      const key = t.slice(0, colon).trim().toUpperCase();
      const value = t.slice(colon + 1).trim();
      header.set(key, value);
      if (key === 'DIMENSION') {
        dimension = Number(value);
        if (!Number.isInteger(dimension) || dimension < 2) throw new ParseError(file, ln, `expected DIMENSION >= 2, got "${value}"`);
        // Each node takes a line: a larger DIMENSION is a typo, and allocating for it would run out of memory.
        if (dimension > lines.length) throw new ParseError(file, ln, `expected DIMENSION at most ${lines.length} (one node per line of this file), got "${value}"`);
      }
      section = '';
      continue;
    }
    const parts = fields(raw);
    if (section === 'NODE_COORD_SECTION') {
      const [id, x, y] = numbers(file, ln, parts, 3);
      // Distances are not scaled (×1), so coordinates may be 10 000 times those of Solomon files.
      inRange(file, ln, 'x', x, 10_000 * MAX_COORDINATE);
      inRange(file, ln, 'y', y, 10_000 * MAX_COORDINATE);
      if (idx.has(id)) throw new ParseError(file, ln, `duplicate node id ${id}`);
      idx.set(id, ids.length);
      ids.push(String(id));
      xs.push(x);
      ys.push(y);
    } else if (section === 'DEMAND_SECTION') {
      const [id, q] = numbers(file, ln, parts, 2);
      const i = idx.get(id);
      if (i === undefined) throw new ParseError(file, ln, `demand for unknown node id ${id}`);
      if (!Number.isInteger(q) || q < 0) throw new ParseError(file, ln, `expected a non-negative integer demand, got ${q}`);
      inRange(file, ln, 'demand', q, MAX_AMOUNT);
      demands[i] = q;
    } else if (section === 'DEPOT_SECTION') {
      const [id] = numbers(file, ln, parts, 1);
      if (id === -1) {
        section = '';
        continue;
      }
      if (!idx.has(id)) throw new ParseError(file, ln, `unknown depot node id ${id}`);
      depots.push(idx.get(id)!);
    } else {
      throw new ParseError(file, ln, `unexpected line "${t.slice(0, 40)}"`);
    }
  }
  return finish(file, lines.length, header, dimension, ids, xs, ys, demands, depots);
}

function finish(
  file: string, last: number, header: Map<string, string>, dimension: number, ids: string[], xs: number[], ys: number[],
  demands: number[], depots: number[],
): CvrplibFile {
  const type = header.get('EDGE_WEIGHT_TYPE') ?? 'EUC_2D';
  if (type !== 'EUC_2D') throw new ParseError(file, 0, `EDGE_WEIGHT_TYPE ${type} is not supported (EUC_2D only)`);
  const capacity = Number(header.get('CAPACITY'));
  if (!Number.isInteger(capacity) || capacity <= 0) throw new ParseError(file, 0, `expected a positive integer CAPACITY, got "${header.get('CAPACITY')}"`);
  if (ids.length !== dimension) throw new ParseError(file, last, `expected ${dimension} nodes in NODE_COORD_SECTION, got ${ids.length}`);
  const missing = demands.findIndex((q) => Number.isNaN(q));
  if (demands.length !== dimension || missing >= 0) throw new ParseError(file, last, `missing demand for node ${ids[missing < 0 ? 0 : missing]}`);
  if (depots.length !== 1) throw new ParseError(file, last, `expected exactly one depot in DEPOT_SECTION, got ${depots.length}`);
  return { name: header.get('NAME') ?? file, capacity, ids, xs, ys, demands, depot: depots[0], edgeWeightType: type };
}

export function cvrplibInstance(f: CvrplibFile): Instance {
  // Depot first (location 0), customers in file order.
  const order = [f.depot, ...f.ids.map((_, i) => i).filter((i) => i !== f.depot)];
  const n = order.length;
  const xs = Float64Array.from(order, (i) => f.xs[i]);
  const ys = Float64Array.from(order, (i) => f.ys[i]);
  const distance = new Int32Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) distance[a * n + b] = Math.floor(euclid(xs[a] - xs[b], ys[a] - ys[b]) + 0.5);
  let total = 0;
  for (const i of order.slice(1)) total += f.demands[i];
  const count = Math.max(1, Math.ceil((1.3 * total) / f.capacity) + 3);
  const problem = createProblem({
    name: f.name,
    numDepots: 1,
    distance,
    coords: order.flatMap((i) => [f.xs[i], f.ys[i]]),
    clients: order.slice(1).map((i) => ({ delivery: f.demands[i] })),
    vehicleTypes: [{ count: Math.min(count, n - 1), capacity: f.capacity }],
  });
  return {
    name: f.name, format: 'cvrplib', objective: 'distance', problem, ids: order.map((i) => f.ids[i]), xs, ys,
    arc: 'round', scale: 1,
  };
}
