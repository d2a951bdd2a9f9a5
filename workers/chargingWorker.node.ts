// The fleet charging scheduler of a run in a Node worker thread (CLI, tests).
import { Worker } from 'node:worker_threads';
import type { PreparedRun } from '../src/core/scenario/buildRun.ts';
import { startRunScheduler, type RunScheduler, type SpawnSchedulerWorker } from './chargingWorker.ts';

export const spawnNodeSchedulerWorker: SpawnSchedulerWorker = (init) =>
  new Promise((resolve, reject) => {
    const w = new Worker(new URL('./charging.node-entry.mjs', import.meta.url), { workerData: init });
    w.once('message', () => {
      // Not holding the process open: a finished CLI run exits even if close() was missed.
      w.unref();
      resolve({ terminate: () => void w.terminate() });
    });
    w.once('error', reject);
  });

export function startNodeRunScheduler(run: PreparedRun, onFallback?: (why: string) => void): Promise<RunScheduler | null> {
  return startRunScheduler(run, spawnNodeSchedulerWorker, onFallback);
}
