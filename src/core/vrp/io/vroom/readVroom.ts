/**
 * VROOM's input format (docs/API.md of v1.14) → a VroomProblem. Supported: jobs (delivery and
 * pickup in several dimensions, one time window, setup and service, priority, skills every
 * vehicle holds), shipments (pickup-and-delivery pairs), vehicles (start and/or end, capacity,
 * time window, `costs.fixed`/`per_hour`/`per_km`, one speed factor for all), and either
 * `matrices.<profile>` (`durations`, optional `costs` and `distances`) or coordinates alone, with
 * Euclidean travel rounded to the nearest integer. What the solver cannot model yet (several time
 * windows per task, skills that only some vehicles hold, breaks, max_tasks, max_travel_time,
 * max_distance, several profiles, initial `steps`) is refused by field path, never ignored.
 * Setup time is counted on every task (exact for tasks at distinct places; an upper bound when
 * tasks share a place), so a plan found feasible is feasible in VROOM's terms.
 */
import { createProblem } from '../../createProblem.ts';
import type { ClientSpec, VehicleTypeSpec } from '../../createProblem.ts';
import { Fields, parseJson } from './json.ts';
import type { Json, JsonObject } from './json.ts';
import { serveableAlone } from './serveable.ts';
import type { TaskType, VroomProblem, VroomTask, VroomVehicle } from './VroomProblem.ts';

interface Place { readonly location?: readonly number[]; readonly locationIndex?: number }
interface RawVehicle extends VroomVehicle {
  readonly capacity: readonly number[] | null;
  readonly tw: readonly [number, number];
  readonly fixed: number;
  readonly perHour: number;
  readonly perKm: number;
  readonly skills: ReadonlySet<number>;
  readonly speed: number;
  readonly path: string;
}
interface RawTask extends VroomTask {
  readonly tw: readonly [number, number];
  readonly skills: readonly number[];
  /** Shipment: index of the partner task (pickup ↔ delivery). */
  readonly partner?: number;
}

const JOB_KEYS = ['id', 'description', 'location', 'location_index', 'setup', 'service', 'amount', 'delivery', 'pickup', 'skills', 'priority', 'time_windows'];
const STEP_KEYS = ['id', 'description', 'location', 'location_index', 'setup', 'service', 'time_windows'];
const VEHICLE_KEYS = ['id', 'profile', 'description', 'start', 'start_index', 'end', 'end_index', 'capacity', 'costs', 'skills', 'time_window', 'breaks', 'speed_factor', 'max_tasks', 'max_travel_time', 'max_distance', 'steps'];

export function readVroom(text: string, file: string): VroomProblem & { warnings: string[] } {
  const f = new Fields(file);
  const root = f.object(parseJson(text, file), '(top level)');
  f.keys(root, '(top level)', ['jobs', 'shipments', 'vehicles', 'matrices', 'matrix']);
  const vehicles = f.array(root.vehicles, 'vehicles').map((v, i) => readVehicle(f, v, `vehicles[${i}]`));
  if (vehicles.length === 0) f.fail('vehicles', 'at least one vehicle', root.vehicles);
  unique(f, vehicles, 'vehicles');
  const tasks: RawTask[] = [];
  f.array(root.jobs, 'jobs', []).forEach((j, i) => tasks.push(readTask(f, j, `jobs[${i}]`, 'job')));
  f.array(root.shipments, 'shipments', []).forEach((s, i) => readShipment(f, s, `shipments[${i}]`, tasks));
  if (tasks.length === 0) f.fail('jobs', 'at least one job or shipment', root.jobs);
  for (const type of ['job', 'pickup', 'delivery'] as const) unique(f, tasks.filter((t) => t.type === type), type === 'job' ? 'jobs' : `shipments[].${type}`);

  const { numDims, amountDims } = dimensions(f, vehicles, tasks);
  const profile = oneProfile(f, root, vehicles);
  const m = readMatrices(f, root, profile, vehicles, tasks);
  const speed = vehicles[0].speed;
  if (vehicles.some((v) => v.speed !== speed)) f.unsupported(vehicles.find((v) => v.speed !== speed)!.path + '.speed_factor', 'a speed factor that differs between vehicles');

  // Locations: depots (distinct starts and ends, the open end as its own), then tasks.
  const depotKeys: string[] = [];
  const depotRows: number[] = [];
  const depotOf = (p: Place | undefined): number => {
    const row = p ? m.rowOf(p) : -1;
    const key = String(row);
    let d = depotKeys.indexOf(key);
    if (d < 0) {
      d = depotKeys.length;
      depotKeys.push(key);
      depotRows.push(row);
    }
    return d;
  };
  const starts = vehicles.map((v) => depotOf(v.start));
  const ends = vehicles.map((v) => depotOf(v.end));
  const numDepots = depotRows.length;
  const rows = Int32Array.from([...depotRows, ...tasks.map((t) => m.rowOf(t))]);
  const n = rows.length;
  const dur = (a: number, b: number) => (rows[a] < 0 || rows[b] < 0 ? 0 : Math.round(m.durations(rows[a], rows[b]) / speed));

  // One vehicle type per distinct (start, end, capacity, window, costs): VROOM vehicles are then
  // the routes of their type, in input order.
  const typeKeys: string[] = [];
  const vehiclesOfType: RawVehicle[][] = [];
  vehicles.forEach((v, i) => {
    const key = JSON.stringify([starts[i], ends[i], v.capacity, v.tw, v.fixed, v.perHour, v.perKm]);
    let t = typeKeys.indexOf(key);
    if (t < 0) {
      t = typeKeys.length;
      typeKeys.push(key);
      vehiclesOfType.push([]);
    }
    vehiclesOfType[t].push(v);
  });

  // Cost per arc: the costs matrix, or travel time × per_hour / 3600 (+ distance × per_km / 1000).
  const perKm = vehicles.some((v) => v.perKm > 0);
  if (m.hasCosts && vehicles.some((v) => v.perHour !== 3600 || v.perKm !== 0))
    f.fail(vehicles.find((v) => v.perHour !== 3600 || v.perKm !== 0)!.path + '.costs', 'no per_hour or per_km with a custom costs matrix (VROOM refuses the combination too)', null);
  if (perKm && !m.hasDistances) f.fail(vehicles.find((v) => v.perKm > 0)!.path + '.costs.per_km', `a distances matrix in matrices.${profile} (per_km prices distance)`, null);
  const mixed = vehicles.some((v) => v.perHour !== vehicles[0].perHour || v.perKm !== vehicles[0].perKm);
  if (perKm && mixed) f.unsupported(vehicles[0].path + '.costs', 'per_km with per_hour/per_km prices that differ between vehicles');
  const v0 = vehicles[0];
  const arcCost = (a: number, b: number): number => {
    if (rows[a] < 0 || rows[b] < 0) return 0;
    if (m.hasCosts) return m.costs(rows[a], rows[b]);
    if (!perKm) return dur(a, b);
    return Math.round((v0.perHour * dur(a, b)) / 3600 + (v0.perKm * m.distances(rows[a], rows[b])) / 1000);
  };
  const distance = new Int32Array(n * n);
  const duration = new Int32Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      distance[a * n + b] = a === b ? 0 : arcCost(a, b);
      duration[a * n + b] = a === b ? 0 : dur(a, b);
    }

  const clients: ClientSpec[] = tasks.map((t) => ({
    delivery: t.type === 'job' ? t.delivery : new Array<number>(numDims).fill(0),
    pickup: t.type === 'job' || t.type === 'pickup' ? t.pickup : new Array<number>(numDims).fill(0),
    service: t.setup + t.service, twEarly: t.tw[0], twLate: t.tw[1],
  }));
  const pairs = tasks.flatMap((t, i) => (t.type === 'pickup' ? [{ pickup: numDepots + i, delivery: numDepots + t.partner! }] : []));
  const vehicleTypes: VehicleTypeSpec[] = vehiclesOfType.map((vs, t) => {
    const v = vs[0];
    const i = vehicles.indexOf(v);
    return {
      count: vs.length, capacity: v.capacity ?? new Array<number>(numDims).fill(0), startDepot: starts[i], endDepot: ends[i],
      twEarly: v.tw[0], twLate: v.tw[1], fixedCost: v.fixed, distanceCost: m.hasCosts || perKm ? 1 : v.perHour / 3600, name: `type${t}`,
    };
  });
  // Coordinates (for the search's polar sectors) when every task and fixed depot has them; an
  // open start or end sits at the tasks' centroid.
  const coords = new Float64Array(2 * n);
  let hasCoords = true;
  for (let l = 0; l < n; l++) {
    if (rows[l] < 0) continue;
    const c = l < numDepots ? m.coordOfRow(rows[l]) : tasks[l - numDepots].location;
    if (!c) hasCoords = false;
    else [coords[2 * l], coords[2 * l + 1]] = [c[0], c[1]];
  }
  for (let d = 0; d < numDepots; d++) {
    if (rows[d] >= 0) continue;
    for (let l = numDepots; l < n; l++) for (const k of [0, 1]) coords[2 * d + k] += coords[2 * l + k] / (n - numDepots);
  }
  // Tasks no vehicle can serve even alone leave the problem (VROOM reports them unassigned).
  const spec = { name: file, numDepots, distance, duration, numDims, clients, pairs, vehicleTypes, ...(hasCoords ? { coords } : {}) };
  const full = createProblem(spec);
  const verdict = tasks.map((t, i) => serveableAlone(full, numDepots + i, t.skills.every((s) => vehicles.some((v) => v.skills.has(s)))));
  tasks.forEach((t, i) => {
    if (t.partner !== undefined && verdict[i] === null && verdict[t.partner] !== null) verdict[i] = `its ${t.type === 'pickup' ? 'delivery' : 'pickup'} cannot be served`;
  });
  const keep = tasks.map((_, i) => verdict[i] === null);
  const skillsPath = tasks.find((t, i) => keep[i] && t.skills.some((s) => vehicles.some((v) => !v.skills.has(s))));
  if (skillsPath) f.unsupported(`${skillsPath.path}.skills`, 'a skill that only some of the vehicles hold (restricting a task to some vehicles)');
  const kept = tasks.filter((_, i) => keep[i]);
  const keptLocs = [...Array.from({ length: numDepots }, (_, d) => d), ...tasks.flatMap((_, i) => (keep[i] ? [numDepots + i] : []))];
  const remap = new Map(keptLocs.map((l, k) => [l, k]));
  const k = keptLocs.length;
  const sub = (src: Int32Array) => {
    const out = new Int32Array(k * k);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) out[a * k + b] = src[keptLocs[a] * n + keptLocs[b]];
    return out;
  };
  const problem = kept.length === tasks.length ? full : createProblem({
    ...spec, distance: sub(distance), duration: sub(duration), clients: clients.filter((_, i) => keep[i]),
    pairs: pairs.filter((p) => keep[p.pickup - numDepots]).map((p) => ({ pickup: remap.get(p.pickup)!, delivery: remap.get(p.delivery)! })),
    ...(hasCoords ? { coords: Float64Array.from(keptLocs.flatMap((l) => [coords[2 * l], coords[2 * l + 1]])) } : {}),
  });
  const keptRows = Int32Array.from(keptLocs.map((l) => rows[l]));
  return {
    problem, tasks: kept, vehiclesOfType, matrixRow: keptRows,
    unassigned: tasks.flatMap((t, i) => (keep[i] ? [] : [{ task: t as VroomTask, why: verdict[i]! }])),
    routeCost: (t, visits) => {
      const v = vehiclesOfType[t][0];
      const P = problem.numLocations;
      let sum = 0;
      let last = problem.vehicles.startDepot[t];
      for (let i = 0; i <= visits.length; i++) {
        const l = i < visits.length ? visits[i] : problem.vehicles.endDepot[t];
        sum += problem.distance[last * P + l];
        last = l;
      }
      return v.fixed + (m.hasCosts || perKm ? sum : Math.round((v.perHour * sum) / 3600));
    },
    timeUnit: 1,
    amountDims,
    warnings: f.warnings,
  };
}

function unique(f: Fields, items: readonly { id: number; path: string }[], what: string): void {
  const seen = new Map<number, string>();
  for (const it of items) {
    if (seen.has(it.id)) f.fail(`${it.path}.id`, `an id not used by another of ${what} (${seen.get(it.id)} has ${it.id})`, it.id);
    seen.set(it.id, it.path);
  }
}

function timeWindows(f: Fields, v: Json | undefined, path: string): [number, number] {
  if (v === undefined) return [0, Infinity];
  const ws = f.array(v, path);
  if (ws.length === 0) f.fail(path, 'at least one time window', v);
  if (ws.length > 1) f.unsupported(path, 'more than one time window per task');
  return timeWindow(f, ws[0], `${path}[0]`);
}

function timeWindow(f: Fields, v: Json | undefined, path: string): [number, number] {
  if (v === undefined) return [0, Infinity];
  const w = f.ints(v, path);
  if (w.length !== 2 || w[0] > w[1]) f.fail(path, 'a [start, end] pair with start <= end', v);
  return [w[0], w[1]];
}

function place(f: Fields, o: JsonObject, path: string, key: string, indexKey: string): Place | undefined {
  if (o[key] === undefined && o[indexKey] === undefined) return undefined;
  return {
    ...(o[key] !== undefined ? { location: f.coords(o[key], `${path}.${key}`) } : {}),
    ...(o[indexKey] !== undefined ? { locationIndex: f.int(o[indexKey], `${path}.${indexKey}`) } : {}),
  };
}

function readTask(f: Fields, v: Json, path: string, type: TaskType, shared?: { amount: number[]; skills: number[]; priority: number }): RawTask {
  const o = f.object(v, path);
  f.keys(o, path, shared ? STEP_KEYS : JOB_KEYS);
  if (!shared && o.amount !== undefined) f.fail(`${path}.amount`, 'delivery or pickup (amount is deprecated for jobs)', o.amount);
  const p = place(f, o, path, 'location', 'location_index');
  if (!p) f.fail(`${path}.location_index`, 'a matrix row (location_index) or coordinates (location)', undefined);
  return {
    type, id: f.int(o.id, `${path}.id`), description: f.string(o.description, `${path}.description`), ...p, path,
    setup: f.int(o.setup, `${path}.setup`, 0), service: f.int(o.service, `${path}.service`, 0),
    priority: shared ? shared.priority : f.int(o.priority, `${path}.priority`, 0, 0, 100),
    delivery: shared ? shared.amount : o.delivery === undefined ? [] : f.ints(o.delivery, `${path}.delivery`),
    pickup: shared ? shared.amount : o.pickup === undefined ? [] : f.ints(o.pickup, `${path}.pickup`),
    tw: timeWindows(f, o.time_windows, `${path}.time_windows`),
    skills: shared ? shared.skills : o.skills === undefined ? [] : f.ints(o.skills, `${path}.skills`),
  };
}

function readShipment(f: Fields, v: Json, path: string, tasks: RawTask[]): void {
  const o = f.object(v, path);
  f.keys(o, path, ['pickup', 'delivery', 'amount', 'skills', 'priority']);
  const shared = {
    amount: o.amount === undefined ? [] : f.ints(o.amount, `${path}.amount`),
    skills: o.skills === undefined ? [] : f.ints(o.skills, `${path}.skills`),
    priority: f.int(o.priority, `${path}.priority`, 0, 0, 100),
  };
  const i = tasks.length;
  tasks.push({ ...readTask(f, f.object(o.pickup, `${path}.pickup`), `${path}.pickup`, 'pickup', shared), partner: i + 1 });
  tasks.push({ ...readTask(f, f.object(o.delivery, `${path}.delivery`), `${path}.delivery`, 'delivery', shared), partner: i });
}

function readVehicle(f: Fields, v: Json, path: string): RawVehicle {
  const o = f.object(v, path);
  f.keys(o, path, VEHICLE_KEYS);
  for (const k of ['max_tasks', 'max_travel_time', 'max_distance', 'steps'] as const) if (o[k] !== undefined) f.unsupported(`${path}.${k}`, k);
  if (o.breaks !== undefined && f.array(o.breaks, `${path}.breaks`).length > 0) f.unsupported(`${path}.breaks`, 'breaks');
  const start = place(f, o, path, 'start', 'start_index');
  const end = place(f, o, path, 'end', 'end_index');
  if (!start && !end) f.fail(`${path}.start`, 'a start or an end (start/start_index, end/end_index)', undefined);
  const costs = o.costs === undefined ? {} : f.object(o.costs, `${path}.costs`);
  f.keys(costs, `${path}.costs`, ['fixed', 'per_hour', 'per_km']);
  const speed = o.speed_factor === undefined ? 1 : f.number(o.speed_factor, `${path}.speed_factor`);
  if (!(speed > 0 && speed <= 5)) f.fail(`${path}.speed_factor`, 'a number in (0, 5]', o.speed_factor);
  return {
    id: f.int(o.id, `${path}.id`), description: f.string(o.description, `${path}.description`), path,
    ...(start ? { start } : {}), ...(end ? { end } : {}),
    capacity: o.capacity === undefined ? null : f.ints(o.capacity, `${path}.capacity`),
    tw: timeWindow(f, o.time_window, `${path}.time_window`),
    fixed: f.int(costs.fixed, `${path}.costs.fixed`, 0), perHour: f.int(costs.per_hour, `${path}.costs.per_hour`, 3600),
    perKm: f.int(costs.per_km, `${path}.costs.per_km`, 0),
    skills: new Set(o.skills === undefined ? [] : f.ints(o.skills, `${path}.skills`)),
    speed: Math.round(speed * 100) / 100,
  };
}

/** Every amount and capacity has the same number of dimensions (VROOM's rule); at least one. */
function dimensions(f: Fields, vehicles: readonly RawVehicle[], tasks: readonly RawTask[]): { numDims: number; amountDims: number } {
  const all = [
    ...vehicles.filter((v) => v.capacity).map((v) => ({ n: v.capacity!.length, path: `${v.path}.capacity` })),
    ...tasks.flatMap((t) => [t.delivery, t.pickup].filter((a) => a.length > 0).map((a) => ({ n: a.length, path: t.path }))),
  ];
  const d = all[0]?.n ?? 1;
  const bad = all.find((a) => a.n !== d);
  if (bad) f.fail(bad.path, `amounts with ${d} dimension${d > 1 ? 's' : ''} like ${all[0].path}`, bad.n);
  const needs = tasks.find((t) => t.delivery.some((x) => x > 0) || t.pickup.some((x) => x > 0));
  const none = vehicles.find((v) => !v.capacity);
  if (needs && none) f.fail(`${none.path}.capacity`, `a capacity (${needs.path} carries an amount)`, undefined);
  // Missing amounts are zero in every dimension.
  const pad = (a: readonly number[]) => (a.length === 0 ? new Array<number>(d).fill(0) : a);
  for (const t of tasks) Object.assign(t, { delivery: pad(t.delivery), pickup: pad(t.pickup) });
  return { numDims: d, amountDims: all.length ? d : 0 };
}

function oneProfile(f: Fields, root: JsonObject, vehicles: readonly RawVehicle[]): string {
  const raw = f.array(root.vehicles, 'vehicles');
  const names = raw.map((v, i) => f.string((v as JsonObject).profile, `vehicles[${i}].profile`) ?? 'car');
  const other = names.findIndex((p) => p !== names[0]);
  if (other >= 0) f.unsupported(`${vehicles[other].path}.profile`, `more than one routing profile ("${names[0]}" and "${names[other]}")`);
  return names[0];
}

interface Matrices {
  readonly hasCosts: boolean;
  readonly hasDistances: boolean;
  durations(a: number, b: number): number;
  costs(a: number, b: number): number;
  distances(a: number, b: number): number;
  rowOf(p: Place): number;
  coordOfRow(row: number): readonly number[] | undefined;
}

function readMatrices(f: Fields, root: JsonObject, profile: string, vehicles: readonly RawVehicle[], tasks: readonly RawTask[]): Matrices {
  const places: { p: Place; path: string }[] = [
    ...vehicles.flatMap((v) => [v.start && { p: v.start, path: `${v.path}.start` }, v.end && { p: v.end, path: `${v.path}.end` }].filter((x): x is { p: Place; path: string } => !!x)),
    ...tasks.map((t) => ({ p: t as Place, path: t.path })),
  ];
  const ms = root.matrices === undefined ? undefined : f.object(root.matrices, 'matrices');
  const mine = ms?.[profile] !== undefined ? f.object(ms[profile], `matrices.${profile}`) : root.matrix !== undefined ? { durations: root.matrix } : undefined;
  if (!mine) {
    // Coordinates only: Euclidean travel between distinct coordinates, rounded.
    const pts: number[][] = [];
    const key = (c: readonly number[]) => `${c[0]},${c[1]}`;
    const index = new Map<string, number>();
    for (const { p, path } of places) {
      if (!p.location) f.fail(`${path}.location`, `coordinates (no matrices.${profile} is given)`, undefined);
      if (!index.has(key(p.location!))) {
        index.set(key(p.location!), pts.length);
        pts.push([...p.location!]);
      }
    }
    const d = (a: number, b: number) => Math.round(Math.hypot(pts[a][0] - pts[b][0], pts[a][1] - pts[b][1]));
    return { hasCosts: false, hasDistances: true, durations: d, costs: d, distances: d, rowOf: (p) => index.get(key(p.location!))!, coordOfRow: (r) => pts[r] };
  }
  f.keys(mine, `matrices.${profile}`, ['durations', 'costs', 'distances']);
  const square = (key: string, required: boolean): number[][] | undefined => {
    const path = root.matrices === undefined ? 'matrix' : `matrices.${profile}.${key}`;
    if (mine[key] === undefined) return required ? f.fail(path, 'a square matrix of non-negative integers', undefined) : undefined;
    const rows = f.array(mine[key], path).map((r, i) => f.ints(r, `${path}[${i}]`));
    const bad = rows.findIndex((r) => r.length !== rows.length);
    if (rows.length === 0 || bad >= 0) f.fail(`${path}[${Math.max(0, bad)}]`, `${rows.length} entries (a square matrix)`, rows[bad]?.length ?? 0);
    return rows;
  };
  const durations = square('durations', true)!;
  const costs = square('costs', false);
  const distances = square('distances', false);
  for (const [m, key] of [[costs, 'costs'], [distances, 'distances']] as const)
    if (m && m.length !== durations.length) f.fail(`matrices.${profile}.${key}`, `${durations.length} rows like durations`, m.length);
  const coordOf = new Map<number, readonly number[]>();
  for (const { p, path } of places) {
    const idxKey = path.endsWith('.start') ? 'start_index' : path.endsWith('.end') ? 'end_index' : 'location_index';
    const base = path.replace(/\.(start|end)$/, '');
    if (p.locationIndex === undefined) f.fail(`${base}.${idxKey}`, `a row of matrices.${profile} (mandatory with custom matrices)`, undefined);
    if (p.locationIndex! >= durations.length) f.fail(`${base}.${idxKey}`, `a row of matrices.${profile} (0 to ${durations.length - 1})`, p.locationIndex);
    if (p.location) coordOf.set(p.locationIndex!, p.location);
  }
  return {
    hasCosts: !!costs, hasDistances: !!distances,
    durations: (a, b) => durations[a][b], costs: (a, b) => costs![a][b], distances: (a, b) => distances![a][b],
    rowOf: (p) => p.locationIndex!, coordOfRow: (r) => coordOf.get(r),
  };
}
