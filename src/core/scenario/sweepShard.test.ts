import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseShardFlag, shardFileName, shardFromEnv, shardItemNumbers, ShardError, sweepItem } from './sweepShard.ts';
import type { SweepFile } from './sweepFile.ts';

describe('shard partition', () => {
  it('covers every item exactly once, for several shard counts', () => {
    for (const total of [0, 1, 7, 12, 100]) {
      for (const n of [1, 2, 3, 4, 5, 13, 150]) {
        const seen = new Array<number>(total).fill(0);
        for (let i = 0; i < n; i++) for (const k of shardItemNumbers(total, i, n)) seen[k]++;
        expect(seen.every((c) => c === 1)).toBe(true);
      }
    }
  });

  it('covers every item exactly once, for any sizes (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 40 }), (total, n) => {
        const all = Array.from({ length: n }, (_, i) => shardItemNumbers(total, i, n)).flat();
        return all.length === total && new Set(all).size === total && all.every((k) => k >= 0 && k < total);
      }),
    );
  });

  it('deals items round robin: shard i takes k mod n = i, ascending; shard sizes differ by at most one', () => {
    expect(shardItemNumbers(12, 0, 3)).toEqual([0, 3, 6, 9]);
    expect(shardItemNumbers(12, 2, 3)).toEqual([2, 5, 8, 11]);
    expect(shardItemNumbers(2, 2, 3)).toEqual([]);
    const sizes = Array.from({ length: 5 }, (_, i) => shardItemNumbers(23, i, 5).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('numbers items point by point: item k is point floor(k / seeds) on seed first + k mod seeds', () => {
    const sweep: SweepFile = { scenario: 'x.json', grid: [], seeds: { count: 3, first: 10 } };
    expect([0, 2, 3, 7].map((k) => sweepItem(k, sweep))).toEqual([
      { item: 0, point: 0, seed: 10 },
      { item: 2, point: 0, seed: 12 },
      { item: 3, point: 1, seed: 10 },
      { item: 7, point: 2, seed: 11 },
    ]);
    expect(shardFileName(1, 3)).toBe('shard-1-of-3.json');
  });
});

describe('which shard', () => {
  it('reads --shard i/n and refuses anything else', () => {
    expect(parseShardFlag('2/3')).toEqual({ index: 2, count: 3, from: '--shard' });
    for (const bad of ['3/3', '1', '-1/3', '0/0', 'a/b', '1/2/3', '0.5/2']) {
      expect(() => parseShardFlag(bad)).toThrow(new ShardError(`--shard: expected i/n with 0 <= i < n (shard i of n, counted from 0), like 0/3, got "${bad}"`));
    }
  });

  it('takes a Slurm array task: --array=0-2 gives shards 0, 1, 2 of 3', () => {
    for (const task of [0, 1, 2]) {
      expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: String(task), SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '2' })).toMatchObject({ index: task, count: 3 });
    }
    // Without _MIN (older Slurm): ids are taken as counted from 0.
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '3' })).toMatchObject({ index: 1, count: 3 });
  });

  it('takes a Slurm array numbered from 1 (--array=1-3) or with a step (--array=0-8:4) by the task rank', () => {
    const from1 = [1, 2, 3].map((t) => shardFromEnv({ SLURM_ARRAY_TASK_ID: String(t), SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '3' }));
    expect(from1.map((s) => [s.index, s.count])).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    expect(from1[2].from).toBe('Slurm array task 3');
    const stepped = [0, 4, 8].map((t) => shardFromEnv({ SLURM_ARRAY_TASK_ID: String(t), SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_STEP: '4' }).index);
    expect(stepped).toEqual([0, 1, 2]);
  });

  it('refuses a Slurm array it cannot map to shards', () => {
    // --array=1,3,7: three tasks, not evenly spaced.
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '7', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '1' })).toThrow(/Slurm array task 7 .* is not one of 3 evenly spaced tasks: submit a range such as --array=0-2/);
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '2' })).toThrow('SLURM_ARRAY_TASK_ID=2 but SLURM_ARRAY_TASK_COUNT is not set: give the shard explicitly (--shard i/n)');
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '3' })).toThrow('SLURM_ARRAY_TASK_ID="x": expected a non-negative integer');
  });

  it('takes a Kubernetes Indexed Job pod, with the count from VANFLEET_SHARD_COUNT', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2', VANFLEET_SHARD_COUNT: '3' })).toEqual({ index: 2, count: 3, from: 'Kubernetes Indexed Job pod 2' });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '2' })).toThrow('JOB_COMPLETION_INDEX=2 (a Kubernetes Indexed Job) but VANFLEET_SHARD_COUNT is not set: set it in the manifest to the Job\'s spec.completions');
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '3', VANFLEET_SHARD_COUNT: '3' })).toThrow("JOB_COMPLETION_INDEX=3 is not below VANFLEET_SHARD_COUNT=3 (the Job's spec.completions)");
  });

  it('prefers Slurm to Kubernetes, and runs everything as shard 0 of 1 when neither is there', () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2', JOB_COMPLETION_INDEX: '0', VANFLEET_SHARD_COUNT: '5' })).toMatchObject({ index: 1, count: 2 });
    expect(shardFromEnv({ SLURM_JOB_ID: '5', SLURM_ARRAY_TASK_ID: '' })).toMatchObject({ index: 0, count: 1 });
    expect(shardFromEnv({})).toMatchObject({ index: 0, count: 1 });
  });
});
