import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DispatchStrategy } from '../core/dispatch/DispatchStrategy.ts';
import { guardStrategy, StrategyError, whereInFile } from '../core/dispatch/guardStrategy.ts';
import { isStrategyPath } from '../core/scenario/buildRun.ts';
import { CliInputError } from './readInput.ts';
import { budgetedRunner, probeLoad } from './strategyBudget.ts';

/**
 * Load the strategy files a run names (`--strategy ./file.ts`, or a path in the scenario's
 * dispatch.strategy, relative to the scenario file), keyed as the run names them. A file that is
 * missing, does not load or does not export a strategy gives a message naming it.
 */
export async function loadStrategyFiles(names: readonly (string | undefined)[], scenarioFile: string, fromScenario: ReadonlySet<string> = new Set()): Promise<Map<string, DispatchStrategy>> {
  const out = new Map<string, DispatchStrategy>();
  for (const f of strategyFilePaths(names, scenarioFile, fromScenario)) out.set(f.name, await loadStrategyFile(f.path, f.name));
  return out;
}

/** The strategy files among `names` (once each) with their absolute paths: relative to the scenario file for a name it gives, else to the current directory. */
export function strategyFilePaths(names: readonly (string | undefined)[], scenarioFile: string, fromScenario: ReadonlySet<string> = new Set()): { name: string; path: string }[] {
  const out: { name: string; path: string }[] = [];
  for (const name of names) {
    if (!name || !isStrategyPath(name) || out.some((f) => f.name === name)) continue;
    out.push({ name, path: resolve(fromScenario.has(name) ? dirname(scenarioFile) : process.cwd(), name) });
  }
  return out;
}

/**
 * Load a strategy file: probed first in a worker thread under the load budget (unless `probe` is
 * false: a worker thread of compare, whose main thread probed it), then imported here; every call
 * into it runs under the call budget (src/cli/strategyBudget.ts).
 */
export async function loadStrategyFile(path: string, shown = path, probe = true): Promise<DispatchStrategy> {
  if (!existsSync(path)) throw new CliInputError(`strategy file ${shown}: not found (${path})`);
  if (probe) await probeLoad(path, shown);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new StrategyError(`strategy file ${shown}: failed to load at ${whereInFile(e, shown)}: ${msg}`);
  }
  return guardStrategy(mod.default ?? mod.strategy, shown, budgetedRunner());
}
