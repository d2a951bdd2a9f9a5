import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkStudy, studyJobs } from './labStudy.ts';
import type { LabFile } from './labFiles.ts';

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
    expect(f.rowProblems[0]).toMatch(/^dispatch\.strategy: the strategy file "\.\/mine\.ts" is not open in the Lab: add mine\.ts with "Add strategy file…" \(a file from your disk does not travel in the address/);
  });

  it('runs a strategy file added to the Lab, by its name or a path ending in it, with compare\'s labels; one that did not load is named on its row', () => {
    const mine: LabFile = { label: 'mine.ts', text: 'export default {}', problem: null };
    const c = checkStudy(setup(['dispatch.strategy=insertion,./plans/mine.ts', 'fleet.size=6,8']), text, path, [mine, { label: 'other.ts', text: '', problem: null }]);
    expect(c.problems).toEqual([]);
    expect(c.study!.variants.map((v) => v.label)).toEqual([
      'dispatch.strategy=insertion fleet.size=6',
      'dispatch.strategy=insertion fleet.size=8',
      'dispatch.strategy=./plans/mine.ts fleet.size=6',
      'dispatch.strategy=./plans/mine.ts fleet.size=8',
    ]);
    expect(JSON.parse(c.study!.texts[2].text).dispatch.strategy).toBe('./plans/mine.ts');
    expect(c.study!.files).toEqual([{ label: 'mine.ts', text: 'export default {}' }]); // only the files the study runs
    expect(checkStudy(setup(['dispatch.strategy=insertion,nearest']), text, path, [mine]).study!.files).toEqual([]);
    const broken: LabFile = { label: 'mine.ts', text: '', problem: 'strategy file mine.ts:4:3: syntax error: Unexpected token, expected ","' };
    const b = checkStudy(setup(['fleet.size=6', 'dispatch.strategy=insertion,mine.ts']), text, path, [broken]);
    expect(b.study).toBeNull();
    expect(b.rowProblems).toEqual([null, 'dispatch.strategy: strategy file mine.ts:4:3: syntax error: Unexpected token, expected ","']);
    const two = checkStudy(setup(['dispatch.strategy=./a/mine.ts,./b/mine.ts']), text, path, [mine]);
    expect(two.rowProblems[0]).toBe('dispatch.strategy: "./a/mine.ts" and "./b/mine.ts" are both mine.ts; the Lab holds one file of each name');
  });

  it('names a baseline the study does not have, and still lets it run from the first variant', () => {
    const c = checkStudy(setup(['dispatch.strategy=insertion,nearest'], { baseline: 'nobody' }), text, path);
    expect(c.study!.baseline).toBe(0);
    expect(c.problems[0]).toMatch(/^baseline: no variant "nobody"/);
  });
});
