/**
 * VROOM (Coupey et al.) as a peer: CVRP and VRPTW. Built without a routing engine, it needs the
 * matrix in the problem: durations are integers, so arcs are written in hundredths of the file's
 * unit and rounded up (a plan VROOM finds feasible stays feasible with exact times), time windows
 * and service times scaled alike; CVRPLIB arcs are the X convention's rounded integers. VROOM
 * minimises cost (travel time here); under the hierarchical objective each vehicle carries a fixed
 * cost far above any route's, so it uses as few vehicles as it can first. It stops at a
 * wall-clock limit (`-l`), one thread (`-t 1`), the highest exploration level (`-x 5`). The
 * distance is recomputed from its routes by the bench's checker, never taken from its summary.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Instance } from '../../src/core/vrp/index.ts';
import { runPeerProcess } from './peer.ts';
import type { PeerJob, PeerRun } from './peer.ts';

export const vroomHandles = (inst: Instance): boolean => inst.format === 'cvrplib' || inst.format === 'solomon';

/** Hundredths of a file unit for Solomon arcs, windows and service times. */
const TIME_SCALE = 100;
const FIXED_VEHICLE_COST = 10_000_000;

function arc(inst: Instance, a: number, b: number): number {
  const d = Math.hypot(inst.xs[a] - inst.xs[b], inst.ys[a] - inst.ys[b]);
  return inst.format === 'cvrplib' ? Math.floor(d + 0.5) : Math.ceil(d * TIME_SCALE - 1e-9);
}

/**
 * How many vehicles to offer VROOM for an instance without a fleet bound (CVRPLIB): a fifth
 * above the capacity lower bound, plus two. X instances' best-known solutions use the bound or one
 * more; offering every customer a vehicle only slows VROOM's construction down.
 */
export function cvrpFleet(inst: Instance): number {
  const p = inst.problem;
  let total = 0;
  for (let l = p.numDepots; l < p.numDepots + p.numClients; l++) total += p.delivery[l * p.numDims];
  const lb = Math.ceil(total / p.vehicles.capacity[0]);
  return Math.min(p.numClients, Math.ceil(lb * 1.2) + 2);
}

/** The instance as a VROOM problem: job id = location index, so steps map back by id. */
export function toVroomProblem(inst: Instance, objective: 'distance' | 'hierarchical'): object {
  const p = inst.problem;
  const n = p.numLocations;
  const durations: number[][] = [];
  for (let a = 0; a < n; a++) {
    const row = new Array<number>(n);
    for (let b = 0; b < n; b++) row[b] = a === b ? 0 : arc(inst, a, b);
    durations.push(row);
  }
  const tw = inst.format === 'solomon';
  const time = (v: number) => Math.round((v / inst.scale) * TIME_SCALE);
  const jobs = [];
  for (let l = p.numDepots; l < p.numDepots + p.numClients; l++) {
    jobs.push({
      id: l, location_index: l, delivery: [p.delivery[l * p.numDims]],
      ...(tw ? { service: time(p.service[l]), time_windows: [[time(p.twEarly[l]), time(p.twLate[l])]] } : {}),
    });
  }
  const count = inst.format === 'cvrplib' ? cvrpFleet(inst) : p.vehicles.count[0];
  const vehicles = [];
  for (let k = 0; k < count; k++) {
    vehicles.push({
      id: k, start_index: 0, end_index: 0, capacity: [p.vehicles.capacity[0]],
      ...(tw ? { time_window: [time(p.twEarly[0]), time(p.twLate[0])] } : {}),
      ...(objective === 'hierarchical' ? { costs: { fixed: FIXED_VEHICLE_COST } } : {}),
    });
  }
  return { vehicles, jobs, matrices: { car: { durations } } };
}

interface VroomOutput {
  readonly code: number;
  readonly error?: string;
  readonly routes?: { readonly steps: { readonly type: string; readonly id?: number }[] }[];
  readonly unassigned?: { readonly id: number }[];
}

export function parseVroomSolution(out: VroomOutput, inst: Instance): { routes: string[][]; unassigned: string[] } {
  if (out.code !== 0) throw new Error(`VROOM error code ${out.code}: ${out.error ?? ''}`);
  const id = (l: number | undefined) => {
    if (l === undefined || !Number.isInteger(l) || l < 1 || l >= inst.ids.length) throw new Error(`VROOM solution: job id ${l} out of range`);
    return inst.ids[l];
  };
  const routes = (out.routes ?? []).map((r) => r.steps.filter((s) => s.type === 'job').map((s) => id(s.id))).filter((r) => r.length > 0);
  return { routes, unassigned: (out.unassigned ?? []).map((u) => id(u.id)) };
}

export function runVroom(bin: string, inst: Instance, job: PeerJob): PeerRun {
  return runPeerProcess(
    'vroom', bin, job.timeLimit,
    (dir) => {
      writeFileSync(join(dir, 'problem.json'), JSON.stringify(toVroomProblem(inst, job.objective)));
      return ['-i', join(dir, 'problem.json'), '-o', join(dir, 'solution.json'), '-x', '5', '-t', '1', '-l', String(job.timeLimit)];
    },
    (_r, dir) => ({ ...parseVroomSolution(JSON.parse(readFileSync(join(dir, 'solution.json'), 'utf8')) as VroomOutput, inst), iterations: null }),
    (r) => ((r.stderr ?? '') + (r.stdout ?? '')).trim().slice(0, 200),
  );
}
