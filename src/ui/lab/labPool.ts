/**
 * The Lab's web workers: one per core (navigator.hardwareConcurrency, at most MAX_WORKERS, at most
 * one per run), each running one (variant, seed) job at a time from a shared queue. Results land in
 * their job's slot whoever ran them, so the study's numbers do not depend on the worker count.
 * Cancel terminates the workers (a run is one synchronous day in its worker); a pool is used once.
 * The study's strategy files are sent to every worker once, before its first run; one that does
 * not load there stops the study with its problem.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { LabApi, LabExportResult, LabJob, LabRunResult, LabStrategyResult } from '../../../workers/labApi.ts';

export const MAX_WORKERS = 8;

export type OkRun = Extract<LabRunResult, { ok: true }>;

export interface PoolProgress {
  readonly done: number;
  readonly total: number;
  /** Runs finished plus the fractions of the running ones (for a smooth bar). */
  readonly fraction: number;
}

export function poolSize(jobs: number): number {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency > 0 ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(cores, MAX_WORKERS, jobs));
}

function spawn(): { worker: Worker; api: Remote<LabApi> } {
  const worker = new Worker(new URL('../../../workers/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' });
  return { worker, api: wrap<LabApi>(worker) };
}

/** Why a pool stopped before its end. */
export class PoolStopped extends Error {}

/** A strategy file's text: what a worker needs to load it. */
export interface PoolFile {
  readonly label: string;
  readonly text: string;
}

/** Give up on a file whose loading does not finish (its top level loops) after this long. */
export const LOAD_TIMEOUT_MS = 15_000;

/** Send the files to a worker, one after the other: the first one's problem, or null when all loaded. */
async function addFiles(api: Remote<LabApi>, files: readonly PoolFile[]): Promise<string | null> {
  for (const f of files) {
    const r = await api.addStrategy(f.label, f.text);
    if (!r.ok) return r.problem;
  }
  return null;
}

/**
 * Load a strategy file in a lab worker of its own, to say at once whether it loads (and what it is
 * called) before any study runs; the worker is ended after.
 */
export async function checkStrategyFile(name: string, text: string): Promise<LabStrategyResult> {
  const { worker, api } = spawn();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<LabStrategyResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, problem: `strategy file ${name}: did not finish loading in ${LOAD_TIMEOUT_MS / 1000} s` }), LOAD_TIMEOUT_MS);
  });
  const failed = new Promise<LabStrategyResult>((resolve) => {
    worker.onerror = (e) => {
      e.preventDefault();
      resolve({ ok: false, problem: `strategy file ${name}: the Lab worker failed: ${e.message || 'it could not be loaded'}` });
    };
  });
  try {
    return await Promise.race([api.addStrategy(name, text), timeout, failed]);
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

export class LabPool {
  private readonly workers: { worker: Worker; api: Remote<LabApi>; ready: Promise<string | null> }[] = [];
  private stopped: string | null = null;
  private reject: ((e: Error) => void) | null = null;

  constructor(
    readonly size: number,
    files: readonly PoolFile[] = [],
  ) {
    for (let i = 0; i < size; i++) {
      const w = spawn();
      const ready = addFiles(w.api, files).catch((e: unknown) => `a Lab worker failed: ${e instanceof Error ? e.message : String(e)}`);
      this.workers.push({ ...w, ready });
    }
  }

  /** Run every job; resolves with the results in job order, rejects on the first failed run (its problem) or on cancel. */
  run(jobs: readonly LabJob[], onProgress: (p: PoolProgress) => void): Promise<OkRun[]> {
    const results: OkRun[] = new Array<OkRun>(jobs.length);
    const partial = new Float64Array(this.workers.length);
    let next = 0;
    let done = 0;
    const report = () => onProgress({ done, total: jobs.length, fraction: (done + partial.reduce((s, x) => s + x, 0)) / Math.max(1, jobs.length) });
    return new Promise<OkRun[]>((resolve, reject) => {
      this.reject = reject;
      const fail = (why: string) => {
        if (this.stopped) return;
        this.close(why);
        reject(new PoolStopped(why));
      };
      const loop = async (w: number) => {
        const { api, worker } = this.workers[w];
        worker.onerror = (e) => {
          e.preventDefault();
          fail(`a Lab worker failed: ${e.message || 'it could not be loaded'}`);
        };
        const notLoaded = await this.workers[w].ready;
        if (notLoaded !== null) return fail(notLoaded);
        while (next < jobs.length && !this.stopped) {
          const i = next++;
          partial[w] = 0;
          let r: LabRunResult;
          try {
            r = await api.run(jobs[i], proxy((f: number) => ((partial[w] = f), report())));
          } catch (e) {
            return fail(`a Lab worker failed: ${e instanceof Error ? e.message : String(e)}`);
          }
          if (this.stopped) return;
          if (!r.ok) return fail(r.problem);
          results[i] = r;
          partial[w] = 0;
          done++;
          report();
        }
        if (done === jobs.length) resolve(results);
      };
      report();
      this.workers.forEach((_, w) => void loop(w));
    });
  }

  /** One run again for its exports, in the first worker (its city is likely cached there). */
  async exports(job: LabJob, date?: string): Promise<LabExportResult> {
    if (this.stopped) throw new PoolStopped(this.stopped);
    const notLoaded = await this.workers[0].ready;
    if (notLoaded !== null) return { ok: false, problem: notLoaded };
    return this.workers[0].api.exports(job, date);
  }

  /** Stop: terminate the workers; a run() in progress rejects with `why`. */
  close(why = 'cancelled'): void {
    if (this.stopped) return;
    this.stopped = why;
    for (const w of this.workers) w.worker.terminate();
    this.reject?.(new PoolStopped(why));
  }

  get closed(): boolean {
    return this.stopped !== null;
  }
}
