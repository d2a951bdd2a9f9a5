/**
 * A problem in VROOM's input format (github.com/VROOM-Project/vroom, docs/API.md, v1.14) as the
 * solver sees it, plus what the output writer needs to answer in VROOM's terms: which task each
 * location is, which VROOM vehicle each route of a vehicle type is, and the tasks no vehicle can
 * serve at all (VROOM reports them `unassigned` instead of failing).
 *
 * Locations: depots first (each distinct vehicle start and end; an open start or end is a depot
 * with zero-length arcs to and from everything), then one client per task: jobs, then each
 * shipment's pickup and delivery (a pickup-and-delivery pair).
 */
import type { ProblemData } from '../../ProblemData.ts';

export type TaskType = 'job' | 'pickup' | 'delivery';

export interface VroomTask {
  readonly type: TaskType;
  readonly id: number;
  readonly description?: string;
  readonly location?: readonly number[];
  /** Row of the input's matrix (absent when the input gives coordinates only). */
  readonly locationIndex?: number;
  readonly setup: number;
  readonly service: number;
  readonly priority: number;
  /** Amounts per dimension (a job's delivery/pickup; a shipment's amount on both of its steps). */
  readonly delivery: readonly number[];
  readonly pickup: readonly number[];
  /** Input path, for messages (e.g. `jobs[3]`, `shipments[0].pickup`). */
  readonly path: string;
}

export interface VroomVehicle {
  readonly id: number;
  readonly description?: string;
  readonly start?: { readonly location?: readonly number[]; readonly locationIndex?: number };
  readonly end?: { readonly location?: readonly number[]; readonly locationIndex?: number };
}

export interface VroomProblem {
  /** Every task that some vehicle can serve (alone); the rest are in `unassigned`. */
  readonly problem: ProblemData;
  /** Task at each client location (index − numDepots). */
  readonly tasks: readonly VroomTask[];
  /** The VROOM vehicles of each vehicle type, in the order its routes take them. */
  readonly vehiclesOfType: readonly (readonly VroomVehicle[])[];
  /** Tasks left out before solving: no vehicle could serve them even alone, and why. */
  readonly unassigned: readonly { readonly task: VroomTask; readonly why: string }[];
  /** Per location: the input's matrix row (or the coordinate cluster), −1 for an open start/end. */
  readonly matrixRow: Int32Array;
  /** VROOM's cost of a route of a vehicle type: its fixed cost plus the travel cost of its arcs. */
  readonly routeCost: (type: number, visits: ArrayLike<number>) => number;
  /** Dimensions of the input's amounts (0 when it has none: loads are then `[]`, as VROOM writes). */
  readonly amountDims: number;
  /** Problem time units per output time unit (1 for VROOM input; a benchmark instance's scale). */
  readonly timeUnit: number;
}
