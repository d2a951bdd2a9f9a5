import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseSweep, planSweep } from '../../src/core/scenario/sweepFile.ts';
import { SHARD_COUNT_ENV } from '../../src/core/scenario/sweepShard.ts';

/** js-yaml comes with the lint tools (not a dependency of ours): skip the manifest's checks without it. */
async function yaml(): Promise<{ loadAll(text: string): unknown[] } | null> {
  try {
    return (await import('js-yaml' as string)) as { loadAll(text: string): unknown[] };
  } catch {
    return null;
  }
}

interface JobDoc {
  kind: string;
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    template: { spec: { restartPolicy: string; containers: { args: string[]; env: { name: string; value: string }[]; volumeMounts: { mountPath: string }[] }[] } };
  };
}

describe('shipped sweep examples', () => {
  it('scenarios/sweep-example.json is a valid sweep of at least 3 points on small.json', () => {
    const parsed = parseSweep(readFileSync('scenarios/sweep-example.json', 'utf8'), 'scenarios/sweep-example.json');
    const plan = planSweep(parsed, 'scenarios/sweep-example.json', readFileSync('scenarios/small.json', 'utf8'), 'scenarios/small.json');
    expect(plan.sweep.scenario).toBe('small.json');
    expect(plan.points.length).toBeGreaterThanOrEqual(3);
    expect(plan.points.length * plan.sweep.seeds.count).toBeGreaterThanOrEqual(3); // every shard of the 3-task array has work
  });

  it('examples/slurm/sweep.sbatch is valid bash and runs the sweep on its two arguments', () => {
    const text = readFileSync('examples/slurm/sweep.sbatch', 'utf8');
    expect(spawnSync('bash', ['-n', 'examples/slurm/sweep.sbatch']).status).toBe(0);
    expect(text.startsWith('#!/bin/bash\n')).toBe(true);
    expect(text).toContain('npm run -s sweep -- "$1" --out "$2"');
    expect(text).not.toMatch(/--shard/); // the shard comes from the array
  });

  it('examples/k8s/sweep-job.yaml is an Indexed Job whose shard count variable equals its completions', async () => {
    const y = await yaml();
    if (!y) {
      console.log('skipped: js-yaml is not installed');
      return;
    }
    const docs = y.loadAll(readFileSync('examples/k8s/sweep-job.yaml', 'utf8')) as JobDoc[];
    const job = docs.find((d) => d.kind === 'Job')!;
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'Job']);
    expect(job.spec.completionMode).toBe('Indexed');
    expect(job.spec.completions).toBe(3);
    expect(job.spec.parallelism).toBe(3);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    const c = job.spec.template.spec.containers[0];
    expect(Number(c.env.find((e) => e.name === SHARD_COUNT_ENV)?.value)).toBe(job.spec.completions);
    expect(c.args[0]).toBe('scenarios/sweep-example.json');
    const out = c.args[c.args.indexOf('--out') + 1];
    expect(c.volumeMounts.some((m) => out.startsWith(`${m.mountPath}/`))).toBe(true);
  });

  it('the Dockerfile builds the repository on node:20-bookworm-slim with npm ci and runs the sweep command', () => {
    const text = readFileSync('Dockerfile', 'utf8');
    expect(text).toMatch(/^FROM node:20-bookworm-slim$/m);
    expect(text).toMatch(/^RUN npm ci\b/m);
    expect(text).toContain('ENTRYPOINT ["node", "--import", "tsx", "src/cli/sweep.ts"]');
    expect(readFileSync('.dockerignore', 'utf8')).toMatch(/^node_modules$/m);
  });
});
