import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { ParseError } from '../../src/core/vrp/io/ParseError.ts';
import { readInstance } from '../../src/core/vrp/io/readInstance.ts';
import { readVroom } from '../../src/core/vrp/io/vroom/readVroom.ts';
import { deepJson, fuzz, mutatedText, randomText, readText, report, wrongTypesJson } from './fuzzHarness.ts';

const solomon = [readText('bench/instances/solomon/C101.txt')];
const cvrplib = [readText('bench/instances/x/X-n101-k25.vrp'), readText('bench/instances/x/X-n106-k14.vrp')];
const evrptw = [readText('bench/instances/evrptw/small/c101C5.txt'), readText('bench/instances/evrptw/small/c103C15.txt')];
const vroom = [readText('test/vrp/vroom/two-depots.json')];
const text = (seeds: string[]) => fc.oneof({ weight: 6, arbitrary: mutatedText(seeds) }, { weight: 1, arbitrary: randomText() });

describe('fuzz: VRP instance readers', () => {
  afterAll(() => report('vrpInstances'));
  for (const [format, seeds, file] of [['solomon', solomon, 'C101.txt'], ['cvrplib', cvrplib, 'X.vrp'], ['evrptw', evrptw, 'c101C5.txt']] as const) {
    it(`${format}: an Instance or a ParseError`, () => {
      fuzz({ name: format, parse: (t: string) => readInstance(t, file, { format }), errorClass: ParseError }, text([...seeds]));
    });
  }
  it('format detection over all three: an Instance or a ParseError', () => {
    fuzz({ name: 'readInstance', parse: (t: string) => readInstance(t, 'instance.txt'), errorClass: ParseError }, text([...solomon, ...cvrplib, ...evrptw]));
  });
  it('VROOM JSON: a problem or a ParseError', () => {
    const arb = fc.oneof({ weight: 5, arbitrary: mutatedText(vroom) }, { weight: 3, arbitrary: wrongTypesJson(vroom) }, { weight: 1, arbitrary: deepJson() }, { weight: 1, arbitrary: randomText() });
    fuzz({ name: 'readVroom', parse: (t: string) => readVroom(t, 'problem.json'), errorClass: ParseError }, arb);
  });
});
