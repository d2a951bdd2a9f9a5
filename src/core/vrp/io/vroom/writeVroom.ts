/**
 * A solution in VROOM's output format (docs/API.md, "Output"): `code`, `summary` (cost, routes,
 * unassigned, setup, service, duration, waiting_time, priority, delivery, pickup, violations,
 * computing_times), `unassigned` and `routes[]` with `steps[]` (`type`, `id`, `location_index`,
 * `arrival`, `duration`, `setup`, `service`, `waiting_time`, `load`, `violations`). Times are
 * recomputed forward from the solver's departure with VROOM's semantics (setup only on arriving
 * at a new place), so they are never later than the solver's schedule and every window holds.
 */
import type { Solution } from '../../Solution.ts';
import { visitServices } from '../../Solution.ts';
import type { VroomProblem, VroomTask, VroomVehicle } from './VroomProblem.ts';

export interface VroomStep {
  type: 'start' | 'job' | 'pickup' | 'delivery' | 'end';
  id?: number;
  description?: string;
  location?: number[];
  location_index?: number;
  arrival: number;
  duration: number;
  setup: number;
  service: number;
  waiting_time: number;
  load: number[];
  violations: never[];
}

export interface VroomRoute {
  vehicle: number;
  description?: string;
  cost: number;
  setup: number;
  service: number;
  duration: number;
  waiting_time: number;
  priority: number;
  delivery: number[];
  pickup: number[];
  violations: never[];
  steps: VroomStep[];
}

export interface VroomOutput {
  code: 0;
  summary: {
    cost: number; routes: number; unassigned: number; setup: number; service: number; duration: number; waiting_time: number;
    priority: number; delivery: number[]; pickup: number[]; violations: never[];
    computing_times: { loading: number; solving: number; routing: number };
  };
  unassigned: { id: number; type: string; description?: string; location?: number[]; location_index?: number }[];
  routes: VroomRoute[];
}

const add = (a: number[], b: readonly number[], sign = 1) => a.forEach((_, k) => (a[k] += sign * b[k]));

function taskRef(t: VroomTask): { id: number; description?: string; location?: number[]; location_index?: number } {
  return {
    id: t.id, ...(t.description !== undefined ? { description: t.description } : {}),
    ...(t.location ? { location: [...t.location] } : {}), ...(t.locationIndex !== undefined ? { location_index: t.locationIndex } : {}),
  };
}

/** `extraUnassigned`: client locations the solution leaves out (see unassign.ts), with the pre-solve ones. */
export function writeVroom(vp: VroomProblem, sol: Solution, ms: { loading: number; solving: number }, extraUnassigned: readonly number[] = []): VroomOutput {
  const p = vp.problem;
  const n = p.numLocations;
  const D = p.numDims;
  const u = vp.timeUnit;
  const dims = (a: number[]) => a.slice(0, vp.amountDims);
  const out = (x: number) => (u === 1 ? x : Math.round((x / u) * 1e6) / 1e6);
  const used = new Array<number>(p.vehicles.numTypes).fill(0);
  const routes: VroomRoute[] = [];
  for (const r of sol.routes) {
    if (r.visits.length === 0) continue;
    const t = r.vehicleType;
    const vehicle = vp.vehiclesOfType[t][used[t]++];
    const isTask = (l: number) => l >= p.numDepots && l < p.numDepots + p.numClients;
    const tasks = Array.from(r.visits).filter(isTask).map((l) => vp.tasks[l - p.numDepots]);
    // Charging stations and reloads are not tasks in VROOM's terms: time passes there, no step.
    const services = visitServices(p, t, r.visits).service;
    const load = new Array<number>(D).fill(0);
    for (const task of tasks) if (task.type === 'job') add(load, task.delivery);
    const delivery = [...load];
    const pickup = new Array<number>(D).fill(0);
    for (const task of tasks) {
      if (task.type !== 'delivery') add(pickup, task.pickup);
      if (task.type === 'delivery') add(delivery, task.delivery);
    }
    const steps: VroomStep[] = [];
    let time = r.departure;
    let travel = 0;
    let last = p.vehicles.startDepot[t];
    let lastRow = vp.matrixRow[last];
    const totals = { setup: 0, service: 0, waiting: 0, priority: 0 };
    const endpoint = (type: 'start' | 'end', where: NonNullable<VroomVehicle['start']>): void => {
      steps.push({
        type, ...(where.location ? { location: [...where.location] } : {}), ...(where.locationIndex !== undefined ? { location_index: where.locationIndex } : {}),
        arrival: out(time), duration: out(travel), setup: 0, service: 0, waiting_time: 0, load: dims(load), violations: [],
      });
    };
    if (vehicle.start) endpoint('start', vehicle.start);
    r.visits.forEach((l, i) => {
      if (!isTask(l)) {
        const leg = p.duration[last * n + l];
        travel += leg;
        time = Math.max(time + leg, p.twEarly[l]) + services[i];
        last = l;
        lastRow = -1;
        return;
      }
      const task = vp.tasks[l - p.numDepots];
      const leg = vehicle.start || i > 0 ? p.duration[last * n + l] : 0;
      travel += leg;
      const arrival = vehicle.start || i > 0 ? time + leg : Math.max(time, p.twEarly[l]);
      const start = Math.max(arrival, p.twEarly[l]);
      const setup = i > 0 && vp.matrixRow[l] === lastRow && lastRow >= 0 ? 0 : task.setup * u;
      if (task.type === 'job') {
        add(load, task.delivery, -1);
        add(load, task.pickup);
      } else add(load, task.pickup, task.type === 'pickup' ? 1 : -1);
      steps.push({
        type: task.type, ...taskRef(task), arrival: out(arrival), duration: out(travel), setup: out(setup), service: out(task.service * u),
        waiting_time: out(start - arrival), load: dims(load), violations: [],
      });
      totals.setup += setup;
      totals.service += task.service * u;
      totals.waiting += start - arrival;
      totals.priority += task.priority;
      time = start + setup + task.service * u;
      last = l;
      lastRow = vp.matrixRow[l];
    });
    if (vehicle.end) {
      const end = p.vehicles.endDepot[t];
      const leg = p.duration[last * n + end];
      travel += leg;
      time += leg;
      endpoint('end', vehicle.end);
    }
    routes.push({
      vehicle: vehicle.id, ...(vehicle.description !== undefined ? { description: vehicle.description } : {}),
      cost: vp.routeCost(t, r.visits), setup: out(totals.setup), service: out(totals.service), duration: out(travel),
      waiting_time: out(totals.waiting), priority: totals.priority, delivery: dims(delivery), pickup: dims(pickup), violations: [], steps,
    });
  }
  routes.sort((a, b) => a.vehicle - b.vehicle);
  const unassigned = [
    ...vp.unassigned.map((x) => ({ type: x.task.type, ...taskRef(x.task) })),
    ...extraUnassigned.map((l) => ({ type: vp.tasks[l - p.numDepots].type, ...taskRef(vp.tasks[l - p.numDepots]) })),
  ];
  const sum = (f: (r: VroomRoute) => number) => routes.reduce((a, r) => a + f(r), 0);
  const vec = (f: (r: VroomRoute) => number[]) => routes.reduce((a, r) => (add(a, f(r)), a), new Array<number>(D).fill(0));
  return {
    code: 0,
    summary: {
      cost: sum((r) => r.cost), routes: routes.length, unassigned: unassigned.length, setup: sum((r) => r.setup), service: sum((r) => r.service),
      duration: sum((r) => r.duration), waiting_time: sum((r) => r.waiting_time), priority: sum((r) => r.priority),
      delivery: dims(vec((r) => r.delivery)), pickup: dims(vec((r) => r.pickup)), violations: [],
      computing_times: { loading: Math.round(ms.loading), solving: Math.round(ms.solving), routing: 0 },
    },
    unassigned, routes,
  };
}
