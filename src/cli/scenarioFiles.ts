import { dirname, resolve } from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { parseScenario } from '../core/scenario/loadScenario.ts';
import { buildCity, scenarioResources } from '../core/scenario/buildCity.ts';
import type { Scenario } from '../core/scenario/scenarioSchema.ts';
import type { City } from '../core/city/City.ts';
import { readTextFile, CliInputError } from './readInput.ts';

/** Read the files a scenario names (its city's map, its order file), relative to the scenario file. */
export function readCityResources(sc: Scenario, scenarioFile: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const { path, field } of scenarioResources(sc)) {
    const full = resolve(dirname(scenarioFile), path);
    try {
      if (statSync(full).isDirectory()) throw new CliInputError(`${scenarioFile}: ${field}: "${path}" is a directory`);
    } catch (e) {
      if (e instanceof CliInputError) throw e;
      throw new CliInputError(`${scenarioFile}: ${field}: "${path}" not found (looked for ${full})`);
    }
    out.set(path, new Uint8Array(readFileSync(full)));
  }
  return out;
}

/** Parse a scenario file and build its city, reading any files it names. */
export function loadScenarioAndCity(file: string): { scenario: Scenario; city: City } {
  const scenario = parseScenario(readTextFile(file), file);
  return { scenario, city: buildCity(scenario, readCityResources(scenario, file)) };
}
