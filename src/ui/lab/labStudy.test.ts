import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkStudy, studyJobs } from './labStudy.ts';

const path = 'scenarios/small.json';
const text = readFileSync(path, 'utf8');
const setup = (vary: string[], extra = {}) => ({ scenario: 'small', vary, seeds: 2, firstSeed: 1, ...extra });

describe('checking a Lab study before it runs', () => {
  it('expands the rows as compare does (first row slowest) and lists the jobs variant by variant', () => {
    const c = checkStudy(setup(['dispatch.strategy = insertion, nearest', 'fleet.size=6,8'], { baseline: 'dispatch.strategy=nearest fleet.size=6' }), text, path);
    expect(c.problems).toEqual([]);
    expect(c.study!.variants.map((v) => v.label)).toEqual(['dispatch.strategy=insertion fleet.size=6', 'dispatch.strategy=insertion fleet.size=8', 'dispatch.strategy=nearest fleet.size=6', 'dispatch.strategy=nearest fleet.size=8']);
    expect(c.study!.baseline).toBe(2);
    expect(JSON.parse(c.study!.texts[1].text).fleet.size).toBe(8);
    const jobs = studyJobs(c.study!, path, 'http://x/');
    expect(jobs.map((j) => [j.source, j.seed])).toEqual(c.study!.texts.flatMap((t) => [[t.source, 1], [t.source, 2]]));
  });

  it('puts each problem on its row: unreadable rows, repeated paths, invalid values, unknown strategies, strategy files', () => {
    expect(checkStudy(setup(['nonsense', 'fleet.size=6', 'fleet.size=7']), text, path).rowProblems).toEqual([
      'expected path=value1,value2,…, got "nonsense"',
      null,
      '"fleet.size" is already varied in row 2',
    ]);
    const c = checkStudy(setup(['fleet.size=-3,8', 'dispatch.strategy=zigzag']), text, path);
    expect(c.study).toBeNull();
    expect(c.rowProblems[0]).toBe('fleet.size: expected a positive integer, got -3');
    expect(c.rowProblems[1]).toMatch(/^dispatch\.strategy: expected a built-in strategy .*"zigzag"/);
    const f = checkStudy(setup(['dispatch.strategy=insertion,./mine.ts']), text, path);
    expect(f.rowProblems[0]).toMatch(/the Lab runs built-in strategies/);
  });

  it('names a baseline the study does not have, and still lets it run from the first variant', () => {
    const c = checkStudy(setup(['dispatch.strategy=insertion,nearest'], { baseline: 'nobody' }), text, path);
    expect(c.study!.baseline).toBe(0);
    expect(c.problems[0]).toMatch(/^baseline: no variant "nobody"/);
  });
});
