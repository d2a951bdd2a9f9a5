// Reading a sweep from disk for `npm run sweep`: the sweep file, its base scenario, every point
// validated, the files its runs read (maps, order files, strategy files) found, and the fingerprint.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { scenarioResources } from '../core/scenario/buildCity.ts';
import { isStrategyPath } from '../core/scenario/buildRun.ts';
import { parseSweep, planSweep, type SweepPlan } from '../core/scenario/sweepFile.ts';
import { sweepFingerprintText } from '../core/scenario/sweepShardFile.ts';
import { CliInputError, readTextFile } from './readInput.ts';

export interface LoadedSweep {
  readonly plan: SweepPlan;
  /** The base scenario's path (paths in it are relative to it; runs get it as their scenario file). */
  readonly baseFile: string;
  /** Strategy files the points name: the name as written and its absolute path. */
  readonly strategyFiles: readonly { readonly name: string; readonly path: string }[];
  /** `sha256:` of the normalised sweep, base scenario and the files runs read. */
  readonly fingerprint: string;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

function readBytes(full: string, what: string): Uint8Array {
  try {
    if (statSync(full).isDirectory()) throw new CliInputError(`${what} is a directory`);
    return new Uint8Array(readFileSync(full));
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    throw new CliInputError(`${what} not found (looked for ${full})`);
  }
}

/**
 * Strategy files: a name the grid gives is relative to the sweep file, the base scenario's own
 * dispatch.strategy relative to the scenario (as compare resolves a scenario's).
 */
function strategyFiles(plan: SweepPlan, sweepFile: string, baseFile: string): { name: string; path: string }[] {
  const fromBase = (plan.base as { dispatch?: { strategy?: unknown } } | null)?.dispatch?.strategy;
  const out: { name: string; path: string }[] = [];
  plan.scenarios.forEach((sc, i) => {
    const name = sc.dispatch.strategy;
    if (!isStrategyPath(name) || out.some((f) => f.name === name)) return;
    const own = name === fromBase && !('dispatch.strategy' in plan.points[i].settings);
    out.push({ name, path: resolve(dirname(own ? baseFile : sweepFile), name) });
  });
  return out;
}

/** Read and check a sweep: throws SweepError (bad sweep or point) or CliInputError (a file missing). */
export function loadSweep(sweepFile: string): LoadedSweep {
  const parsed = parseSweep(readTextFile(sweepFile), sweepFile);
  const baseFile = isAbsolute(parsed.sweep.scenario) ? parsed.sweep.scenario : join(dirname(sweepFile), parsed.sweep.scenario);
  let baseText;
  try {
    baseText = readTextFile(baseFile);
  } catch (e) {
    if (e instanceof CliInputError) throw new CliInputError(`${sweepFile}: scenario: ${e.message}`);
    throw e;
  }
  const plan = planSweep(parsed, sweepFile, baseText, baseFile);
  const digests: Record<string, string> = {};
  plan.scenarios.forEach((sc) => {
    for (const { path, field } of scenarioResources(sc)) {
      digests[`file:${path}`] ??= sha256(readBytes(resolve(dirname(baseFile), path), `${baseFile}: ${field}: "${path}"`));
    }
  });
  const files = strategyFiles(plan, sweepFile, baseFile);
  for (const f of files) digests[`strategy:${f.name}`] = sha256(readBytes(f.path, `strategy file ${f.name}`));
  return { plan, baseFile, strategyFiles: files, fingerprint: `sha256:${sha256(sweepFingerprintText(plan, digests))}` };
}
