// Worker threads for `npm run compare --workers N`: (variant, seed) pairs go to whichever thread is
// free, results come back into the slot of their pair, so the output does not depend on who ran what.
import { Worker } from 'node:worker_threads';
import type { RunReport } from '../core/sim/report.ts';
import type { CompareJobMessage, CompareResultMessage, CompareWorkerData } from './compareWorker.ts';

/** A run in a worker thread failed: `user` for bad input (`message` is the line to print), else a bug (with its stack). */
export class CompareRunError extends Error {
  constructor(
    message: string,
    readonly user: boolean,
    /** The strategy failed (it threw, or the engine refused its plan): exit code 3, as simulate. */
    readonly strategy = false,
  ) {
    super(message);
  }
}

export interface CompareJob {
  readonly variant: number;
  readonly seed: number;
}

/**
 * Start the worker: register tsx's loader in the thread, then import the TypeScript entry (the
 * main thread's loader does not reach worker threads; workers/charging.node-entry.mjs does the same).
 */
function spawn(data: CompareWorkerData): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const entry = JSON.stringify(new URL('./compareWorker.ts', import.meta.url).href);
  return new Worker(`import(${tsx}).then((m) => { m.register(); return import(${entry}); });`, { eval: true, workerData: data });
}

/** Run every job on `threads` worker threads; reports in job order. onDone counts finished runs. */
export function runComparePool(data: CompareWorkerData, jobs: readonly CompareJob[], threads: number, onDone?: (finished: number) => void): Promise<RunReport[]> {
  const reports: RunReport[] = new Array(jobs.length);
  const pool = Array.from({ length: Math.min(threads, jobs.length) }, () => spawn(data));
  let next = 0;
  let finished = 0;
  return new Promise<RunReport[]>((resolve, reject) => {
    let failed = false;
    const fail = (e: Error) => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    const feed = (w: Worker) => {
      if (next >= jobs.length) return;
      const id = next++;
      w.postMessage({ id, ...jobs[id] } satisfies CompareJobMessage);
    };
    for (const w of pool) {
      w.on('message', (msg: CompareResultMessage) => {
        if ('failure' in msg) return fail(new CompareRunError(msg.failure.text, msg.failure.user, msg.failure.strategy));
        reports[msg.id] = msg.report;
        onDone?.(++finished);
        if (finished === jobs.length) resolve(reports);
        else feed(w);
      });
      w.on('error', (e) => fail(new CompareRunError(`compare: a worker thread failed: ${e.stack ?? e.message}`, false)));
      w.on('exit', (code) => {
        if (finished < jobs.length) fail(new CompareRunError(`compare: a worker thread stopped (exit code ${code}) before the runs were done`, false));
      });
      feed(w);
    }
  }).finally(() => {
    for (const w of pool) void w.terminate();
  });
}
