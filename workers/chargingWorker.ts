/**
 * Start the fleet charging scheduler of a run in its own worker (src/core/charging/sharedSchedule.ts):
 * a runtime-neutral part that sizes the buffer and wraps the answer, given a way to spawn the
 * worker (web worker or Node worker thread). Runs whose policy has no fleet scheduler get none.
 */
import type { PreparedRun } from '../src/core/scenario/buildRun.ts';
import { SharedFleetScheduler, sharedScheduleBuffer, type SharedScheduleInit } from '../src/core/charging/sharedSchedule.ts';

/** A run's scheduler worker: pass `scheduler` to run.createDispatcher, close it when the run is dropped. */
export interface RunScheduler {
  readonly scheduler: SharedFleetScheduler;
  close(): void;
}

/** Spawn a worker serving `init`; resolves once it is ready to answer, with a way to stop it. */
export type SpawnSchedulerWorker = (init: SharedScheduleInit) => Promise<{ terminate(): void }>;

/** Policies whose decider asks a fleet scheduler. */
export const usesFleetScheduler = (run: PreparedRun): boolean => run.charging.name === 'scheduled';

export async function startRunScheduler(run: PreparedRun, spawn: SpawnSchedulerWorker, onFallback?: (why: string) => void): Promise<RunScheduler | null> {
  if (!usesFleetScheduler(run)) return null;
  const init: SharedScheduleInit = {
    buffer: sharedScheduleBuffer(run.world.params.fleetSize, run.world.city.facilities.length),
    tariffs: run.world.params.charging.tariffs,
  };
  const worker = await spawn(init);
  const scheduler = new SharedFleetScheduler(init);
  scheduler.onFallback = onFallback ?? null;
  return {
    scheduler,
    close: () => {
      scheduler.close();
      worker.terminate();
    },
  };
}
