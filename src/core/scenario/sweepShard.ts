/**
 * Sharding a sweep: its items are the (point, seed) pairs numbered point by point (item k is point
 * ⌊k / seeds⌋ on seed first + k mod seeds); shard i of n runs the items k with k mod n = i, so the
 * n shards cover every item exactly once and each gets a spread of points (similar run times).
 *
 * Which shard a process is: `--shard i/n`, else a Slurm array task (SLURM_ARRAY_TASK_ID, _COUNT,
 * _MIN, _STEP), else a Kubernetes Indexed Job (JOB_COMPLETION_INDEX with the count in
 * VANFLEET_SHARD_COUNT, set from the Job's spec.completions), else every item as shard 0 of 1.
 */
import type { SweepFile } from './sweepFile.ts';

/** A shard flag or environment that names no valid shard. */
export class ShardError extends Error {}

export interface Shard {
  readonly index: number;
  readonly count: number;
  /** Where it came from, for the log line: "--shard", "Slurm array task 4", … */
  readonly from: string;
}

/** The environment variable a Kubernetes Indexed Job's manifest sets to its spec.completions. */
export const SHARD_COUNT_ENV = 'VANFLEET_SHARD_COUNT';

/** At most this many shards (a guard against a typo; far more than any array a cluster allows). */
export const MAX_SHARDS = 100_000;

const isCount = (n: number) => Number.isInteger(n) && n >= 1 && n <= MAX_SHARDS;

/** `--shard i/n` with 0 ≤ i < n. */
export function parseShardFlag(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !isCount(count) || index >= count) throw new ShardError(`--shard: expected i/n with 0 <= i < n (shard i of n, counted from 0), like 0/3, got "${text}"`);
  return { index, count, from: '--shard' };
}

/** An environment variable as a non-negative integer, or undefined when unset or empty. */
function intVar(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  if (!/^\d+$/.test(raw.trim())) throw new ShardError(`${name}=${JSON.stringify(raw)}: expected a non-negative integer`);
  return Number(raw.trim());
}

/**
 * The shard named by the environment: a Slurm array task, a Kubernetes Indexed Job's pod, or
 * (neither) every item as shard 0 of 1.
 */
export function shardFromEnv(env: Readonly<Record<string, string | undefined>>): Shard {
  const task = intVar(env, 'SLURM_ARRAY_TASK_ID');
  if (task !== undefined) {
    const count = intVar(env, 'SLURM_ARRAY_TASK_COUNT');
    if (count === undefined || !isCount(count)) throw new ShardError(`SLURM_ARRAY_TASK_ID=${task} but SLURM_ARRAY_TASK_COUNT is ${count ?? 'not set'}: give the shard explicitly (--shard i/n)`);
    // --array=1-3 numbers tasks from 1, --array=0-10:2 steps by 2: the shard is the task's rank in the array.
    const min = intVar(env, 'SLURM_ARRAY_TASK_MIN') ?? 0;
    const step = intVar(env, 'SLURM_ARRAY_TASK_STEP') ?? 1;
    const index = (task - min) / Math.max(1, step);
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new ShardError(
        `Slurm array task ${task} (SLURM_ARRAY_TASK_MIN=${min}, SLURM_ARRAY_TASK_STEP=${step}, SLURM_ARRAY_TASK_COUNT=${count}) is not one of ${count} evenly spaced tasks: ` +
          'submit a range such as --array=0-2 (a list with gaps cannot be mapped to shards), or give --shard i/n',
      );
    }
    return { index, count, from: `Slurm array task ${task}` };
  }
  const pod = intVar(env, 'JOB_COMPLETION_INDEX');
  if (pod !== undefined) {
    const count = intVar(env, SHARD_COUNT_ENV);
    if (count === undefined) throw new ShardError(`JOB_COMPLETION_INDEX=${pod} (a Kubernetes Indexed Job) but ${SHARD_COUNT_ENV} is not set: set it in the manifest to the Job's spec.completions`);
    if (!isCount(count) || pod >= count) throw new ShardError(`JOB_COMPLETION_INDEX=${pod} is not below ${SHARD_COUNT_ENV}=${count} (the Job's spec.completions)`);
    return { index: pod, count, from: `Kubernetes Indexed Job pod ${pod}` };
  }
  return { index: 0, count: 1, from: 'no --shard, Slurm array or Indexed Job: every run' };
}

/** A sweep's runs: (point, seed) pairs in their fixed order. */
export interface SweepItem {
  readonly item: number;
  readonly point: number;
  readonly seed: number;
}

export function sweepItemCount(points: number, sweep: SweepFile): number {
  return points * sweep.seeds.count;
}

export function sweepItem(k: number, sweep: SweepFile): SweepItem {
  const n = sweep.seeds.count;
  return { item: k, point: Math.floor(k / n), seed: sweep.seeds.first + (k % n) };
}

/** The item numbers of shard `index` of `count`: k ≡ index (mod count), ascending. */
export function shardItemNumbers(total: number, index: number, count: number): number[] {
  const out: number[] = [];
  for (let k = index; k < total; k += count) out.push(k);
  return out;
}

/** The file a shard is written to in the output folder: `shard-0-of-3.json`. */
export function shardFileName(index: number, count: number): string {
  return `shard-${index}-of-${count}.json`;
}
