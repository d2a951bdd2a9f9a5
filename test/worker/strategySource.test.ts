import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStrategyFile } from '../../src/cli/strategyFiles.ts';
import { StrategyError } from '../../src/core/dispatch/guardStrategy.ts';
import type { DispatchStrategy } from '../../src/core/dispatch/DispatchStrategy.ts';
import { loadScenarioFile, runScenario } from '../sim/runHelpers.ts';
import { createSimApi } from '../../workers/simApi.ts';
import { hookDefinitionLine, isStrategyApiSpecifier, loadStrategySource } from '../../workers/strategySource.ts';

const EXAMPLE = 'examples/strategies/deadline-first.ts';
const small = loadScenarioFile('scenarios/small.json');
const run = (s: DispatchStrategy, key: string) => runScenario(small, { strategy: key, strategyFiles: new Map([[key, s]]) }).report;

/** The StrategyError message a load gives (fails the test if it loads). */
async function loadError(text: string, name: string): Promise<string> {
  const e = await loadStrategySource(text, name).then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StrategyError);
  return (e as Error).message;
}

describe('strategy files from their text (the app, in the sim worker)', () => {
  it('runs the example file with the same report as the CLI loads it', async () => {
    const fromText = await loadStrategySource(readFileSync(EXAMPLE, 'utf8'), 'deadline-first.ts');
    expect(fromText.name).toBe('deadline-first');
    const cli = await loadStrategyFile(EXAMPLE, `./${EXAMPLE}`);
    const a = run(fromText, 'deadline-first.ts');
    expect(a.kpis.delivered).toBeGreaterThan(0.9 * a.kpis.parcels);
    expect(JSON.stringify(a)).toBe(JSON.stringify(run(cli, `./${EXAMPLE}`)));
  }, 60_000);

  it('accepts any path to the strategy API, named, namespace and type imports, and an export named strategy', async () => {
    for (const spec of ['../../src/core/dispatch/strategyApi.ts', './strategyApi', 'C:\\vf\\strategyApi.js', 'strategyApi.mts']) expect(isStrategyApiSpecifier(spec)).toBe(true);
    for (const spec of ['lodash', './strategyApiHelpers.ts', 'strategyApi/x', 'vanfleet/strategy']) expect(isStrategyApiSpecifier(spec)).toBe(false);
    const text = [
      "import * as api from './strategyApi.ts';",
      "import { insertionStrategy, type Assignment } from '../../src/core/dispatch/strategyApi.ts';",
      "import type { World } from '../../src/core/dispatch/strategyApi.ts';",
      'const none: Assignment[] = [];',
      "export const strategy = api.defineStrategy({ name: 'mine', description: 'insertion, by another name', planTour: (w: World, r, s) => insertionStrategy.planTour(w, r, s), createHooks: () => ({ lowEnergy: () => none }) });",
    ].join('\n');
    const s = await loadStrategySource(text, 'mine.ts');
    expect(s.name).toBe('mine');
    expect(run(s, 'mine.ts').kpis.delivered).toBeGreaterThan(0);
  }, 60_000);

  it('refuses any other import, naming the file, the line and the specifier', async () => {
    const text = "// helpers\nimport { defineStrategy } from '../../src/core/dispatch/strategyApi.ts';\nimport { sortBy } from 'lodash';\n\nexport default defineStrategy({ name: 'x', description: 'y', planTour: () => [] });\n";
    expect(await loadError(text, 'uses-lodash.ts')).toBe(
      "strategy file uses-lodash.ts:3: imports 'lodash'; a strategy file in the app may import only the strategy API (a path ending in strategyApi.ts, as examples/strategies/deadline-first.ts does) and is one file",
    );
    // Imports are kept even when only types come from them (verbatimModuleSyntax, as the CLI runs files).
    expect(await loadError("import { Plan } from './plans.ts';\nexport default {};", 'types.ts')).toMatch(/^strategy file types\.ts:1: imports '\.\/plans\.ts'/);
  });

  it('reports a syntax error with its file, line and column', async () => {
    const text = "export default {\n  name: 'x',\n  description: 'y'\n  planTour() { return []; },\n};\n";
    expect(await loadError(text, 'broken.ts')).toBe('strategy file broken.ts:4:3: syntax error: Unexpected token, expected ","');
    expect(await loadError('const a: number = ;\n', 'js-or-ts.ts')).toMatch(/^strategy file js-or-ts\.ts:1:19: syntax error: /);
  });

  it('a hook or tour builder that throws names the file and the line, as the CLI does', async () => {
    const text = readFileSync('test/fixtures/strategies/throws.ts', 'utf8');
    const s = await loadStrategySource(text, 'throws.ts');
    expect(() => run(s, 'throws.ts')).toThrow(/^strategy "throws" \(throws\.ts\): planTour threw at throws\.ts:6:\d+: RangeError: no tours today$/);
    const hook = "export default {\n  name: 'h', description: 'd', planTour: () => [],\n  createHooks() {\n    return {\n      vanIdle(view) {\n        return view.nothing.here;\n      },\n    };\n  },\n};\n";
    const h = await loadStrategySource(hook, 'hook.js');
    expect(() => run(h, 'hook.js')).toThrow(/^strategy "h" \(hook\.js\): vanIdle threw at hook\.js:6:\d+: TypeError: Cannot read properties of undefined/);
    expect(await loadError("const x = 1;\nthrow new Error('not today');\n", 'top.ts')).toMatch(/^strategy file top\.ts: failed to load at top\.ts:2:\d+: not today$/);
    expect(await loadError(readFileSync('test/fixtures/strategies/not-a-strategy.ts', 'utf8'), 'not-a-strategy.ts')).toBe('strategy file not-a-strategy.ts: "planTour": expected a function (world, request, stops) => stop indices');
  }, 60_000);

  it('finds the line of the hook a refused plan came from', () => {
    const text = readFileSync('test/fixtures/strategies/overloads.ts', 'utf8');
    expect(hookDefinitionLine('dispatcher "overloads": orderArrived: line-haul plan for van V01 at t=1 s refused: …', text)).toEqual({ hook: 'orderArrived', line: 9 });
    expect(hookDefinitionLine('dispatcher "overloads": tour plan for van V01 refused', text)).toBe(null);
  });
});

describe('the sim service with strategy files', () => {
  it('restarts the scenario with a file, keeps the run when a file does not load, and stops a run that fails part-way', async () => {
    const api = createSimApi();
    const loaded = await api.load(readFileSync('scenarios/small.json', 'utf8'), 'small.json', { seed: 4 });
    if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
    const withFile = await api.loadStrategy(readFileSync(EXAMPLE, 'utf8'), 'deadline-first.ts');
    if (!withFile.ok) throw new Error(withFile.problems.join('\n'));
    expect(withFile.info.strategy).toBe('deadline-first.ts');
    expect(withFile.info.seed).toBe(4);
    expect(withFile.info.strategies.at(-1)).toMatchObject({ name: 'deadline-first.ts', label: 'deadline-first (deadline-first.ts)', file: true });
    const report = api.runToEnd();
    expect(report.strategy).toBe('deadline-first');
    expect(JSON.stringify(report)).toBe(JSON.stringify(runScenario(small, { seed: 4, strategy: 'x.ts', strategyFiles: new Map([['x.ts', await loadStrategyFile(EXAMPLE)]]) }).report));

    const bad = await api.loadStrategy(readFileSync('test/fixtures/strategies/not-a-strategy.ts', 'utf8'), 'not-a-strategy.ts');
    expect(bad).toEqual({ ok: false, problems: ['strategy file not-a-strategy.ts: "planTour": expected a function (world, request, stops) => stop indices'] });
    // A restart by the picker's name of the file still finds it.
    const again = await api.restart({ strategy: 'deadline-first.ts' });
    expect(again.ok && again.info.strategy).toBe('deadline-first.ts');

    const throws = await api.loadStrategy(readFileSync('test/fixtures/strategies/throws.ts', 'utf8'), 'throws.ts');
    expect(throws.ok).toBe(true);
    expect(() => api.runToEnd()).toThrow(/planTour threw at throws\.ts:6:\d+: RangeError: no tours today/);
    const stopped = api.stopped();
    expect(stopped?.problems).toEqual([expect.stringMatching(/^strategy "throws" \(throws\.ts\): planTour threw at throws\.ts:6:\d+/)]);
    expect(api.progress().endS).toBe(stopped?.shownUntilS);

    await api.loadStrategy(readFileSync('test/fixtures/strategies/overloads.ts', 'utf8'), 'overloads.ts');
    expect(() => api.runToEnd()).toThrow(/^overloads\.ts:9: dispatcher "overloads": orderArrived: line-haul plan for van V01 at t=\d+ s refused: step 1 \(load\): capacity/);
    // A built-in strategy again: the run goes to the end of the day.
    const back = await api.restart({ strategy: 'insertion' });
    expect(back.ok).toBe(true);
    expect(api.runToEnd().kpis.delivered).toBeGreaterThan(0);
  }, 120_000);
});
