/**
 * E-VRPTW files of Schneider, Stenger & Goeke (2014) (format: shared benchmarks README §5).
 * Full-recharge semantics: a station visit charges to Q in g·(Q − charge on arrival), energy per
 * arc r·d; partial recharge (EVRPTW-PR, Keskin & Çatay 2016): any amount q at a station, in g·q;
 * unrounded Euclidean distances, travel time d / v. Internally everything is in 1e-4
 * units with distances and times rounded up, so a route feasible inside the solver (battery, time
 * windows) is feasible in exact arithmetic. Stations become charging-station locations, visited
 * any number of times; the fleet is unlimited (hierarchical objective).
 */
import { createProblem } from '../createProblem.ts';
import type { Instance, Objective, Recharge } from './Instance.ts';
import { euclid } from './Instance.ts';
import { fields, inRange, MAX_AMOUNT, MAX_COORDINATE, MAX_TIME, numbers, ParseError, splitLines } from './ParseError.ts';

export interface EvrptwRow {
  readonly id: string;
  readonly type: 'd' | 'f' | 'c';
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface EvrptwFile {
  readonly name: string;
  readonly rows: readonly EvrptwRow[];
  /** Battery capacity, load capacity, consumption rate, inverse recharging rate, velocity. */
  readonly Q: number;
  readonly C: number;
  readonly r: number;
  readonly g: number;
  readonly v: number;
}

export function parseEvrptw(text: string, file: string): EvrptwFile {
  const lines = splitLines(text);
  const h = lines.findIndex((l) => /^StringID\b/.test(l.trim()));
  if (h < 0) throw new ParseError(file, 1, 'missing "StringID Type x y demand ReadyTime DueDate ServiceTime" header');
  const rows: EvrptwRow[] = [];
  const params = new Map<string, number>();
  const seen = new Set<string>();
  for (let k = h + 1; k < lines.length; k++) {
    const t = lines[k].trim();
    if (t === '') continue;
    const m = /^([A-Za-z])\s.*\/\s*([^/]*)\s*\/\s*$/.exec(t);
    if (m) {
      const v = Number(m[2]);
      if (!Number.isFinite(v)) throw new ParseError(file, k + 1, `expected a number between slashes, got "${m[2]}"`);
      params.set(m[1], v);
      continue;
    }
    if (params.size > 0) throw new ParseError(file, k + 1, `unexpected line after the parameters: "${t.slice(0, 40)}"`);
    const parts = fields(t);
    if (parts.length !== 8) throw new ParseError(file, k + 1, `expected 8 columns (StringID Type x y demand ReadyTime DueDate ServiceTime), got ${parts.length}`);
    const [id, type] = parts;
    if (type !== 'd' && type !== 'f' && type !== 'c') throw new ParseError(file, k + 1, `expected Type d, f or c, got "${type}"`);
    if (seen.has(id)) throw new ParseError(file, k + 1, `duplicate StringID ${id}`);
    seen.add(id);
    const [x, y, demand, ready, due, service] = numbers(file, k + 1, parts.slice(2), 6);
    for (const [name, v, limit] of [['x', x, MAX_COORDINATE], ['y', y, MAX_COORDINATE], ['demand', demand, MAX_AMOUNT], ['ReadyTime', ready, MAX_TIME], ['DueDate', due, MAX_TIME], ['ServiceTime', service, MAX_TIME]] as const) inRange(file, k + 1, name, v, limit);
    if (due < ready) throw new ParseError(file, k + 1, `DueDate ${due} is before ReadyTime ${ready}`);
    if (!Number.isInteger(demand) || demand < 0) throw new ParseError(file, k + 1, `expected a non-negative integer demand, got ${demand}`);
    rows.push({ id, type, x, y, demand, ready, due, service });
  }
  for (const key of ['Q', 'C', 'r', 'g', 'v'])
    if (!params.has(key)) throw new ParseError(file, lines.length, `missing parameter line "${key} ... /value/"`);
  if (rows.filter((r) => r.type === 'd').length !== 1) throw new ParseError(file, h + 2, 'expected exactly one depot (Type d)');
  const name = file.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  return { name, rows, Q: params.get('Q')!, C: params.get('C')!, r: params.get('r')!, g: params.get('g')!, v: params.get('v')! };
}

export const EVRPTW_SCALE = 10000;

export function evrptwInstance(f: EvrptwFile, objective: Objective = 'hierarchical', recharge: Recharge = 'full'): Instance {
  const depot = f.rows.find((r) => r.type === 'd')!;
  const customers = f.rows.filter((r) => r.type === 'c');
  const stations = f.rows.filter((r) => r.type === 'f');
  const rows = [depot, ...customers, ...stations];
  const n = rows.length;
  const S = EVRPTW_SCALE;
  const distance = new Int32Array(n * n);
  const duration = new Int32Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const e = euclid(rows[a].x - rows[b].x, rows[a].y - rows[b].y);
      distance[a * n + b] = Math.ceil(e * S - 1e-9);
      duration[a * n + b] = Math.ceil((e / f.v) * S - 1e-9);
    }
  const s = (x: number) => Math.round(x * S);
  const problem = createProblem({
    name: f.name,
    numDepots: 1,
    numStations: stations.length,
    distance,
    duration,
    coords: rows.flatMap((r) => [r.x, r.y]),
    depots: [{ twEarly: s(depot.ready), twLate: s(depot.due) }],
    clients: customers.map((r) => ({ delivery: r.demand, service: s(r.service), twEarly: s(r.ready), twLate: s(r.due) })),
    vehicleTypes: [{
      count: Math.min(customers.length, 50), capacity: Math.floor(f.C), twEarly: s(depot.ready), twLate: s(depot.due),
      energyCapacity: f.Q, energyPerDistance: f.r / S, chargeTimePerEnergy: f.g * S, recharge,
    }],
  });
  // Station hours ([0, horizon] in the files) and service time, set on the built arrays.
  stations.forEach((r, i) => {
    const l = 1 + customers.length + i;
    problem.twEarly[l] = s(r.ready);
    problem.twLate[l] = s(r.due);
    problem.service[l] = s(r.service);
  });
  return {
    name: f.name, format: 'evrptw', objective, problem, ids: rows.map((r) => r.id),
    xs: Float64Array.from(rows, (r) => r.x), ys: Float64Array.from(rows, (r) => r.y), arc: 'exact', scale: S,
    recharge, battery: { Q: f.Q, r: f.r, g: f.g },
  };
}
