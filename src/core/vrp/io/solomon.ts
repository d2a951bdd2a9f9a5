/**
 * Solomon (1987) and Gehring & Homberger (1999) VRPTW files (format: shared benchmarks README §2.1).
 * Distance conventions (§2.2):
 *  - 'distance' (DIMACS/CVRPLIB): each arc truncated to one decimal, travel time = that value,
 *    minimise distance; internally in tenths, exact integers.
 *  - 'hierarchical' (SINTEF): vehicles first, then unrounded Euclidean distance; internally in
 *    1e-4 units, distances rounded and travel times rounded up, so a schedule feasible inside the
 *    solver is feasible in exact arithmetic.
 */
import { createProblem } from '../createProblem.ts';
import type { Instance, Objective } from './Instance.ts';
import { euclid } from './Instance.ts';
import { fields, inRange, MAX_AMOUNT, MAX_COORDINATE, MAX_TIME, numbers, ParseError, splitLines } from './ParseError.ts';

export interface SolomonRow {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface SolomonFile {
  readonly name: string;
  readonly vehicles: number;
  readonly capacity: number;
  readonly rows: readonly SolomonRow[];
}

export function parseSolomon(text: string, file: string): SolomonFile {
  const lines = splitLines(text);
  const name = (lines[0] ?? '').trim();
  if (name === '') throw new ParseError(file, 1, 'expected the instance name on the first line');
  let i = lines.findIndex((l) => l.trim().toUpperCase() === 'VEHICLE');
  if (i < 0) throw new ParseError(file, lines.length, 'missing VEHICLE section');
  i++;
  while (i < lines.length && fields(lines[i]).length === 0) i++;
  if (i < lines.length && /^NUMBER/i.test(lines[i].trim())) i++;
  while (i < lines.length && fields(lines[i]).length === 0) i++;
  if (i >= lines.length) throw new ParseError(file, lines.length, 'missing vehicle NUMBER and CAPACITY');
  const [vehicles, capacity] = numbers(file, i + 1, fields(lines[i]), 2);
  if (!Number.isInteger(vehicles) || vehicles < 1) throw new ParseError(file, i + 1, `expected a positive vehicle number, got ${vehicles}`);
  if (!Number.isInteger(capacity) || capacity < 0) throw new ParseError(file, i + 1, `expected a non-negative integer capacity, got ${capacity}`);
  const h = lines.findIndex((l, k) => k > i && /^CUST\s+NO\./i.test(l.trim()));
  if (h < 0) throw new ParseError(file, lines.length, 'missing CUST NO. header');
  const rows: SolomonRow[] = [];
  for (let k = h + 1; k < lines.length; k++) {
    const parts = fields(lines[k]);
    if (parts.length === 0) continue;
    const [id, x, y, demand, ready, due, service] = numbers(file, k + 1, parts, 7);
    const row = { id, x, y, demand, ready, due, service };
    checkRow(file, k + 1, row, rows.length);
    rows.push(row);
  }
  if (rows.length < 2) throw new ParseError(file, lines.length, `expected a depot and at least one customer, got ${rows.length} rows`);
  return { name, vehicles, capacity, rows };
}

function checkRow(file: string, line: number, r: SolomonRow, index: number): void {
  for (const [name, v, limit] of [['XCOORD.', r.x, MAX_COORDINATE], ['YCOORD.', r.y, MAX_COORDINATE], ['DEMAND', r.demand, MAX_AMOUNT], ['READY TIME', r.ready, MAX_TIME], ['DUE DATE', r.due, MAX_TIME], ['SERVICE TIME', r.service, MAX_TIME]] as const) inRange(file, line, name, v, limit);
  if (r.id !== index) throw new ParseError(file, line, `expected CUST NO. ${index}, got ${r.id}`);
  if (!Number.isInteger(r.demand) || r.demand < 0) throw new ParseError(file, line, `expected a non-negative integer demand, got ${r.demand}`);
  if (r.due < r.ready) throw new ParseError(file, line, `DUE DATE ${r.due} is before READY TIME ${r.ready}`);
  if (r.service < 0) throw new ParseError(file, line, `expected a non-negative SERVICE TIME, got ${r.service}`);
}

export function solomonInstance(f: SolomonFile, objective: Objective): Instance {
  const rows = f.rows;
  const n = rows.length;
  const scale = objective === 'distance' ? 10 : 10000;
  const distance = new Int32Array(n * n);
  const duration = new Int32Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      const dx = rows[a].x - rows[b].x;
      const dy = rows[a].y - rows[b].y;
      if (objective === 'distance') {
        // floor(10·e) computed as floor(sqrt(100·(dx²+dy²))): exact for integer coordinates.
        distance[a * n + b] = duration[a * n + b] = Math.floor(Math.sqrt(100 * (dx * dx + dy * dy)));
      } else {
        const e = euclid(dx, dy) * scale;
        distance[a * n + b] = Math.round(e);
        duration[a * n + b] = Math.ceil(e - 1e-9);
      }
    }
  const s = (v: number) => Math.round(v * scale);
  const depot = rows[0];
  const problem = createProblem({
    name: f.name,
    numDepots: 1,
    distance,
    duration,
    coords: rows.flatMap((r) => [r.x, r.y]),
    depots: [{ twEarly: s(depot.ready), twLate: s(depot.due) }],
    clients: rows.slice(1).map((r) => ({ delivery: r.demand, service: s(r.service), twEarly: s(r.ready), twLate: s(r.due) })),
    vehicleTypes: [{ count: f.vehicles, capacity: f.capacity, twEarly: s(depot.ready), twLate: s(depot.due) }],
  });
  return {
    name: f.name, format: 'solomon', objective, problem, ids: rows.map((r) => String(r.id)),
    xs: Float64Array.from(rows, (r) => r.x), ys: Float64Array.from(rows, (r) => r.y),
    arc: objective === 'distance' ? 'trunc1' : 'exact', scale,
  };
}
