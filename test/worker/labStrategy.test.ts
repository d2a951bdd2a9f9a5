// The Lab worker service with strategy files: loaded from their text (as the app's sim worker
// loads them), run through prepareRun's strategyFiles map as compare runs the same file.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCompareRun } from '../../src/cli/compareRun.ts';
import { loadStrategyFile } from '../../src/cli/strategyFiles.ts';
import { buildCity } from '../../src/core/scenario/buildCity.ts';
import { parseScenario } from '../../src/core/scenario/loadScenario.ts';
import { applyVariant, expandVariants } from '../../src/core/scenario/variants.ts';
import { createLabApi, type LabJob } from '../../workers/labApi.ts';

const file = 'scenarios/small.json';
const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
const EXAMPLE = 'examples/strategies/deadline-first.ts';
const fixture = (name: string) => readFileSync(`test/fixtures/strategies/${name}`, 'utf8');

/** The job of a one-value --vary row, as the Lab page builds it. */
function job(row: string, seed: number): LabJob {
  const [v] = expandVariants([row]);
  return { text: JSON.stringify(applyVariant(raw, v)), source: `${file} [${v.label}]`, scenarioPath: file, seed };
}

describe('the Lab worker service with strategy files', () => {
  it('runs an added file under any path that ends in its name, with the numbers compare gives for that file', async () => {
    const api = createLabApi();
    expect(await api.addStrategy('deadline-first.ts', readFileSync(EXAMPLE, 'utf8'))).toEqual({
      ok: true,
      label: 'deadline-first.ts',
      name: 'deadline-first',
      description: expect.stringMatching(/^earliest window end first/),
    });
    const path = `./${EXAMPLE}`;
    const j = job(`dispatch.strategy=${path}`, 2);
    const res = await api.run(j);
    if (!res.ok) throw new Error(res.problem);
    // compare's way: the file imported by the CLI loader, the run through runCompareRun.
    const sc = parseScenario(j.text, j.source);
    const cli = await runCompareRun({ scenario: sc, scenarioFile: file, city: buildCity(sc), seed: 2, strategyFiles: new Map([[path, await loadStrategyFile(EXAMPLE, path)]]) });
    expect(res.report.kpis).toEqual(cli.kpis);
    expect(res.report.costs).toEqual(cli.costs);
    expect(res.report.strategy).toBe(cli.strategy);
    const bare = await api.run(job('dispatch.strategy=deadline-first.ts', 2));
    expect(bare.ok && bare.report.kpis).toEqual(cli.kpis);
    const ex = await api.exports(j);
    if (!ex.ok) throw new Error(ex.problem);
    expect(JSON.parse(ex.trips).features.length).toBeGreaterThan(0);
  }, 60_000);

  it('names a file that was not added, and one that does not load (file:line:column), without throwing', async () => {
    const api = createLabApi();
    const r = await api.run(job('dispatch.strategy=./mine.ts', 1));
    expect(!r.ok && r.problem).toBe(`${file} [dispatch.strategy=./mine.ts]: dispatch.strategy: the strategy file "./mine.ts" has not been added to the Lab (Add strategy file…)`);
    const typo = await api.addStrategy('typo.ts', "export default {\n  name: 'typo',\n  description: 'a missing comma'\n  planTour() { return []; },\n};\n");
    expect(typo).toEqual({ ok: false, problem: 'strategy file typo.ts:4:3: syntax error: Unexpected token, expected ","' });
    const half = await api.addStrategy('not-a-strategy.ts', fixture('not-a-strategy.ts'));
    expect(!half.ok && half.problem).toMatch(/^strategy file not-a-strategy\.ts: "planTour": expected a function/);
    const imp = await api.addStrategy('dir/imports.ts', "import { x } from 'lodash';\nexport default x;\n");
    expect(!imp.ok && imp.problem).toMatch(/^strategy file imports\.ts:1: imports 'lodash'/);
  });

  it('stops a run whose hook throws, or whose plan is refused, with the time, the file and line, the strategy and the rule', async () => {
    const api = createLabApi();
    expect((await api.addStrategy('late-hook.ts', fixture('late-hook.ts'))).ok).toBe(true);
    const late = await api.run(job('dispatch.strategy=late-hook.ts', 1));
    expect(!late.ok && late.problem).toMatch(
      /^scenarios\/small\.json \[dispatch\.strategy=late-hook\.ts\], seed 1: the run stopped at 10:0\d:\d\d: strategy "late-hook" \(late-hook\.ts\): vanIdle threw at late-hook\.ts:12:\d+: no idea what van V01 should do after 10:00$/,
    );
    expect((await api.addStrategy('overloads.ts', fixture('overloads.ts'))).ok).toBe(true);
    const over = await api.run(job('dispatch.strategy=overloads.ts', 1));
    expect(!over.ok && over.problem).toMatch(/, seed 1: the run stopped at \d\d:\d\d:\d\d: overloads\.ts:9: dispatcher "overloads": orderArrived: line-haul plan for van V01 at t=\d+ s refused: step 1 \(load\): capacity/);
    // The worker goes on: a built-in strategy runs after.
    const ok = await api.run(job('dispatch.strategy=insertion', 1));
    expect(ok.ok).toBe(true);
  }, 60_000);
});
