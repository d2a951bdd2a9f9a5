/**
 * Where the fleet charging scheduler runs, behind one small interface: in the calling thread, or
 * in its own worker (a web worker beside the simulation worker, a Node worker thread for the CLI;
 * see sharedSchedule.ts for the protocol). The simulation asks synchronously at each decision
 * moment; both answer with the same plan for the same input, so a run's report does not depend on
 * where the scheduler ran.
 */
import { scheduleCharging, type FleetChargeInput, type FleetChargePlan } from './scheduleCharging.ts';

export interface FleetScheduler {
  /** 'in-thread', or 'worker' while a worker answers. */
  readonly where: 'in-thread' | 'worker';
  schedule(input: FleetChargeInput, out: FleetChargePlan): void;
}

export const inThreadScheduler: FleetScheduler = { where: 'in-thread', schedule: scheduleCharging };
