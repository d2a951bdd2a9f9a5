/**
 * A benchmark instance (Solomon, CVRPLIB, E-VRPTW) seen as a VROOM problem, so any solution can be
 * written in VROOM's output format (`npm run solve -- … --out-format vroom`): every client is a
 * job (its id the file's id where that is an integer, else its location index; the file's id as
 * `description`), `location_index` is the location's index, one vehicle per route, and times and
 * costs are in the file's units (the cost of a route is its distance under the instance's
 * convention). Charging-station visits are not tasks in VROOM's terms and are left out of steps.
 */
import type { Instance } from '../Instance.ts';
import { reportedDistance } from '../Instance.ts';
import type { VroomProblem, VroomTask } from './VroomProblem.ts';

export function vroomView(inst: Instance): VroomProblem {
  const p = inst.problem;
  const D = p.numDims;
  const tasks: VroomTask[] = [];
  for (let l = p.numDepots; l < p.numDepots + p.numClients; l++) {
    const ext = inst.ids[l];
    const amount = (a: Int32Array) => Array.from(a.subarray(l * D, (l + 1) * D));
    tasks.push({
      type: 'job', id: /^\d+$/.test(ext) ? Number(ext) : l, description: ext, location: [inst.xs[l], inst.ys[l]], locationIndex: l,
      setup: 0, service: p.service[l] / inst.scale, priority: 0, delivery: amount(p.delivery), pickup: amount(p.pickup), path: ext,
    });
  }
  let next = 0;
  const vehiclesOfType = Array.from(p.vehicles.count, (count, t) => Array.from({ length: count }, () => {
    const depot = (l: number) => ({ location: [inst.xs[l], inst.ys[l]], locationIndex: l });
    return { id: next++, start: depot(p.vehicles.startDepot[t]), end: depot(p.vehicles.endDepot[t]) };
  }));
  return {
    problem: p, tasks, vehiclesOfType, unassigned: [], matrixRow: Int32Array.from({ length: p.numLocations }, (_, l) => l),
    routeCost: (_t, visits) => reportedDistance(inst, [visits]), timeUnit: inst.scale, amountDims: D,
  };
}
